package store

import (
	"context"
	"fmt"
)

// SchemaForTest lists the names of the database's tables, columns ("table.column")
// and indexes ("table.index"), read from the engine's own catalog through the
// store's reading pool. Indexes an engine makes by itself for a primary key or a
// UNIQUE constraint are left out: the two engines name those differently, and
// they follow from the columns.
func (db *DB) SchemaForTest(ctx context.Context) (tables, columns, indexes []string, err error) {
	qs := [3]string{
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`,
		`SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`,
		`SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite\_autoindex\_%' ESCAPE '\'`,
	}
	if db.Postgres() {
		qs = [3]string{
			`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
			`SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
				JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
				WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
			`SELECT t.relname || '.' || i.relname FROM pg_index x
				JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
				WHERE t.relnamespace = current_schema()::regnamespace
				AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
		}
	}
	var out [3][]string
	for i, q := range qs {
		rows, err := db.r.QueryContext(ctx, q)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("schema query %d: %w", i, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, nil, nil, err
			}
			out[i] = append(out[i], s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, nil, err
		}
	}
	return out[0], out[1], out[2], nil
}

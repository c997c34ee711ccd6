package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"loa"
)

// backupTables lists every table a backup copies, parents before children so that a
// restore satisfies foreign keys row by row. A test fails when a migration adds a
// table that is missing here. Sessions and login failures are left out on purpose:
// they are short-lived and restoring them would sign old sessions back in.
var backupTables = []string{
	"units", "people", "postings", "board_memberships", "contacts", "users", "audit_log",
	"channels", "items", "item_authors", "publications", "quotas", "settings",
}

// BackupTablesForTest exposes the list to the store's tests.
func BackupTablesForTest() []string { return backupTables }

// RegisterBackupTables adds tables that a later migration creates, after the table
// they depend on has been listed.
func RegisterBackupTables(tables ...string) { backupTables = append(backupTables, tables...) }

type backupHeader struct {
	Format  string    `json:"format"`
	Engine  string    `json:"engine"`
	Created time.Time `json:"created"`
}

type backupTable struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

// Backup writes a consistent copy of every table to w (gzip, JSON lines). All tables
// are read in one read-only transaction, a snapshot: writes that go on meanwhile are
// either wholly in the copy or wholly out of it.
func (db *DB) Backup(ctx context.Context, w io.Writer) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Postgres() {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(backupHeader{Format: "loa-backup-1", Engine: db.dialect.name(), Created: time.Now().UTC()}); err != nil {
		return err
	}
	for _, t := range backupTables {
		rows, err := tx.QueryContext(ctx, "SELECT * FROM "+t+" ORDER BY 1")
		if err != nil {
			return fmt.Errorf("backup %s: %w", t, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return err
		}
		if err := enc.Encode(backupTable{Table: t, Columns: cols}); err != nil {
			rows.Close()
			return err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			cells := make([]any, len(vals))
			for i, v := range vals {
				cells[i] = encodeCell(v)
			}
			if err := enc.Encode(cells); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// encodeCell keeps the types JSON would lose: instants and bytes are tagged.
func encodeCell(v any) any {
	switch x := v.(type) {
	case time.Time:
		return map[string]string{"$t": x.UTC().Format(time.RFC3339Nano)}
	case []byte:
		return map[string]string{"$b": base64.StdEncoding.EncodeToString(x)}
	}
	return v
}

func decodeCell(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["$t"].(string); ok {
			return time.Parse(time.RFC3339Nano, s)
		}
		if s, ok := x["$b"].(string); ok {
			return base64.StdEncoding.DecodeString(s)
		}
		return nil, fmt.Errorf("unknown cell %v", x)
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, nil
		}
		return x.Float64()
	}
	return v, nil
}

// HasData reports whether any table a backup copies holds a row.
func (db *DB) HasData(ctx context.Context) (bool, error) {
	for _, t := range backupTables {
		n, err := db.count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM "+t+" LIMIT 1) x")
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// Restore loads a backup made by Backup, in one transaction: a bad file leaves the
// database as it was. It refuses a database that holds data unless force, which
// first empties every table. Backups restore into the same engine they came from.
func (db *DB) Restore(ctx context.Context, r io.Reader, force bool) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu không hợp lệ: %v", err)
	}
	dec := json.NewDecoder(bufio.NewReader(zr))
	dec.UseNumber()
	var h backupHeader
	if err := dec.Decode(&h); err != nil || h.Format != "loa-backup-1" {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu không phải của loa.")
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		has, err := db.HasData(ctx)
		if err != nil {
			return err
		}
		if has && !force {
			return loa.Errorf(loa.ECONFLICT, "Cơ sở dữ liệu đã có dữ liệu; dùng --force để xoá hết và phục hồi.")
		}
		if has {
			for i := len(backupTables) - 1; i >= 0; i-- {
				if _, err := db.exec(ctx, "DELETE FROM "+backupTables[i]); err != nil {
					return err
				}
			}
		}
		// Rows may point at rows restored later (a unit's parent created after it):
		// foreign keys are checked at commit instead of row by row.
		deferFKs := "PRAGMA defer_foreign_keys = ON"
		if db.Postgres() {
			deferFKs = "SET CONSTRAINTS ALL DEFERRED"
		}
		if _, err := db.exec(ctx, deferFKs); err != nil {
			return err
		}
		var insert string
		var table string
		for {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err == io.EOF {
				break
			} else if err != nil {
				return loa.Errorf(loa.EINVALID, "Tệp sao lưu hỏng: %v", err)
			}
			if len(raw) > 0 && raw[0] == '{' {
				var bt backupTable
				if err := json.Unmarshal(raw, &bt); err != nil {
					return loa.Errorf(loa.EINVALID, "Tệp sao lưu hỏng: %v", err)
				}
				if err := db.resetSequence(ctx, table); err != nil {
					return err
				}
				table = bt.Table
				insert = "INSERT INTO " + bt.Table + " (" + strings.Join(bt.Columns, ", ") + ") VALUES (" + marks(len(bt.Columns)) + ")"
				continue
			}
			d := json.NewDecoder(strings.NewReader(string(raw)))
			d.UseNumber()
			var cells []any
			if err := d.Decode(&cells); err != nil {
				return loa.Errorf(loa.EINVALID, "Tệp sao lưu hỏng: %v", err)
			}
			for i := range cells {
				if cells[i], err = decodeCell(cells[i]); err != nil {
					return loa.Errorf(loa.EINVALID, "Tệp sao lưu hỏng: %v", err)
				}
			}
			if _, err := db.exec(ctx, insert, cells...); err != nil {
				return fmt.Errorf("restore %s: %w", table, err)
			}
		}
		return db.rebuildSearchAfter(ctx, db.resetSequence(ctx, table)) // search.go
	})
}

// resetSequence moves a PostgreSQL identity past the restored ids.
func (db *DB) resetSequence(ctx context.Context, table string) error {
	if table == "" || !db.Postgres() {
		return nil
	}
	var hasID int
	if err := db.row(ctx, "cột", `SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'`,
		[]any{table}, &hasID); err != nil || hasID == 0 {
		return err
	}
	_, err := db.exec(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), COALESCE((SELECT MAX(id) FROM "+table+"), 0) + 1, false)")
	return err
}

// Tables lists the tables of the schema (goose's own excluded), for tests.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name"
	if db.Postgres() {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
	}
	rows, err := db.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if n != "goose_db_version" {
			out = append(out, n)
		}
	}
	return out, rows.Err()
}

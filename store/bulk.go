package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Bulk writes many rows fast, for the synthetic data sets of the benchmark (demo
// --scale province|national): hundreds of thousands of items with their authors and
// publications. The caller gives every row its id, so that no insert needs RETURNING
// and rows can go in batches; Finish moves PostgreSQL's identity sequences past them.
//
// The whole load is one transaction on one connection, on both engines: a load that
// fails leaves the database as it was.
//
//   - SQLite: multi-row INSERT statements (up to 500 rows, within SQLite's limit of
//     32,766 parameters), prepared once per shape and reused, with a large page cache
//     for the load. One writer, no parsing per row, one commit.
//   - PostgreSQL: COPY (pgx CopyFrom, through the stdlib connection's Raw). COPY
//     streams rows in the binary protocol with no statement to parse or plan and no
//     65,535-parameter limit; it is several times faster than multi-row INSERTs of a
//     thousand rows, and triggers, generated columns (the search tsvector) and
//     foreign keys work as for INSERT. What it cannot do, ON CONFLICT, a fresh load
//     does not need.
//
// Bulk skips the audit log and the site-change notifications: it is for loading an
// empty database, not for editing one.
type Bulk struct {
	db    *DB
	conn  *sql.Conn
	stmts map[string]*sql.Stmt // SQLite: prepared multi-row INSERTs by table, columns and rows
	done  bool
}

// Bulk starts a bulk load. Close ends it: it commits when Finish was called and rolls
// back otherwise.
func (db *DB) Bulk(ctx context.Context) (_ *Bulk, err error) {
	defer wrapErr(&err, "start bulk load")
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &Bulk{db: db, conn: conn, stmts: map[string]*sql.Stmt{}}
	if !db.Postgres() {
		// 256 MB of page cache for the load: the indexes (FTS5 above all) are built
		// by random inserts, and a small cache turns them into reads of the file.
		for _, p := range []string{"PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY"} {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				conn.Close()
				return nil, err
			}
		}
	}
	// BEGIN by hand: on PostgreSQL COPY runs on the raw pgx connection, which
	// database/sql's Tx would not lend; the session's transaction covers both.
	begin := "BEGIN"
	if !db.Postgres() {
		begin = "BEGIN IMMEDIATE"
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		conn.Close()
		return nil, err
	}
	return b, nil
}

// HasTable reports whether the database has table name (a feature's migration may not
// exist yet).
func (db *DB) HasTable(ctx context.Context, name string) (_ bool, err error) {
	defer wrapErr(&err, "check table %s", name)
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if db.Postgres() {
		q = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
	}
	n, err := db.count(ctx, q, name)
	return n > 0, err
}

// MaxID returns the largest id of table, 0 when it is empty: the caller numbers new
// rows from there.
func (b *Bulk) MaxID(ctx context.Context, table string) (int64, error) {
	var id int64
	err := b.conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&id)
	return id, err
}

// Exec runs one statement in the load's transaction ('?' placeholders).
func (b *Bulk) Exec(ctx context.Context, query string, args ...any) error {
	_, err := b.conn.ExecContext(ctx, b.db.dialect.rebind(query), args...)
	return b.db.dialect.convert(err)
}

// Insert writes rows into table's columns cols. Values are Go values both drivers
// take: string, int64, int, bool, time.Time, nil for NULL.
func (b *Bulk) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if b.db.Postgres() {
		return b.copy(ctx, table, cols, rows)
	}
	per := min(500, 32766/len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		st, err := b.stmt(ctx, table, cols, n)
		if err != nil {
			return err
		}
		args := make([]any, 0, n*len(cols))
		for _, r := range rows[:n] {
			if len(r) != len(cols) {
				return fmt.Errorf("bulk %s: %d values for %d columns", table, len(r), len(cols))
			}
			args = append(args, r...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("bulk %s: %w", table, b.db.dialect.convert(err))
		}
		rows = rows[n:]
	}
	return nil
}

// stmt returns the prepared INSERT of n rows into table (SQLite).
func (b *Bulk) stmt(ctx context.Context, table string, cols []string, n int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s(%s)%d", table, strings.Join(cols, ","), n)
	if st := b.stmts[key]; st != nil {
		return st, nil
	}
	one := "(" + marks(len(cols)) + ")"
	q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	st, err := b.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	b.stmts[key] = st
	return st, nil
}

// copy writes rows with COPY on the session's raw pgx connection (PostgreSQL).
func (b *Bulk) copy(ctx context.Context, table string, cols []string, rows [][]any) error {
	return b.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("bulk: unexpected driver connection %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err != nil {
			return fmt.Errorf("bulk %s: %w", table, b.db.dialect.convert(err))
		}
		return nil
	})
}

// Finish commits the load. On PostgreSQL it first moves the identity sequences of
// tables past the ids the load gave, so that later inserts do not collide with them.
// Both engines then refresh the planner's statistics.
func (b *Bulk) Finish(ctx context.Context, tables ...string) error {
	if b.db.Postgres() {
		for _, t := range tables {
			q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)", t, t)
			if _, err := b.conn.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("bulk: sequence of %s: %w", t, err)
			}
		}
	}
	for _, st := range b.stmts {
		st.Close()
	}
	b.stmts = map[string]*sql.Stmt{}
	if _, err := b.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	b.done = true
	if !b.db.Postgres() {
		// Sampled statistics: enough for the planner, seconds instead of a full scan.
		if _, err := b.conn.ExecContext(ctx, "PRAGMA analysis_limit = 1000"); err != nil {
			return err
		}
	}
	_, err := b.conn.ExecContext(ctx, "ANALYZE")
	return err
}

// Close ends the load, rolling back unless Finish committed it, and gives the
// connection back with its default settings.
func (b *Bulk) Close() error {
	ctx := context.Background()
	for _, st := range b.stmts {
		st.Close()
	}
	if !b.done {
		b.conn.ExecContext(ctx, "ROLLBACK")
	}
	if !b.db.Postgres() {
		b.conn.ExecContext(ctx, "PRAGMA cache_size = -2000")
	}
	return b.conn.Close()
}

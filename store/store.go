// Package store keeps loa's records in SQLite (modernc.org/sqlite, the default) or
// PostgreSQL (pgx), through database/sql. SQL is written once, portable, with '?'
// placeholders; the few differences between the engines live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers "sqlite"

	"loa"
)

//go:embed migrations
var migrations embed.FS

// DB is loa's database. On SQLite it holds two pools: one connection that writes
// (SQLite allows one writer, and queuing in Go beats "database is locked") and several
// that read from the WAL snapshot. On PostgreSQL both are the same pool.
type DB struct {
	w, r    *sql.DB
	dialect dialect
	DSN     string
	hub     *siteHub // the listeners of site changes in this process (notify.go)
	stmts   stmtCache
}

// IsPostgres reports whether dsn selects PostgreSQL (CONTRACTS.md "The command line").
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn and applies pending migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{DSN: dsn}
	if IsPostgres(dsn) {
		p, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		p.SetMaxOpenConns(20)
		p.SetMaxIdleConns(20)
		p.SetConnMaxIdleTime(5 * time.Minute)
		db.w, db.r, db.dialect = p, p, postgresDialect{}
	} else {
		registerFold()
		w, err := sql.Open("sqlite", sqliteDSN(dsn, false))
		if err != nil {
			return nil, err
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxIdleTime(0)
		r, err := sql.Open("sqlite", sqliteDSN(dsn, true))
		if err != nil {
			w.Close()
			return nil, err
		}
		n := sqliteReaders(runtime.GOMAXPROCS(0))
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		db.w, db.r, db.dialect = w, r, sqliteDialect{}
	}
	db.hub = newHub(dsn, db.Postgres())
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// sqliteReaders is the size of SQLite's reading pool on a machine of procs cores:
// twice the cores, at least 4 and at most 8. A read is CPU work (the file is in the
// OS's cache), so readers past twice the cores only queue inside SQLite, while each
// keeps its own page cache outside Go's heap: ~4.5 MB a connection, the 2 MB of
// cache_size doubled by modernc's allocator (a 4.4 KB page takes an 8 KB slot).
// Eight on two cores were 37 MB of the server's RSS with the items list at eight
// connections, four 15 MB, for the same throughput (issue 20: < 150 MB).
func sqliteReaders(procs int) int { return min(8, max(4, 2*procs)) }

// SQLiteBusyTimeout is how long a SQLite writer waits for another process's write
// lock before "database is locked" (imports wait their turn however long; see
// importTx). A variable so that tests can hold the lock past it quickly.
var SQLiteBusyTimeout = 10 * time.Second

// sqliteDSN adds the pragmas loa relies on: WAL so readers never wait for the writer,
// foreign keys, a busy timeout, and BEGIN IMMEDIATE for writers so two writers queue
// instead of failing on upgrade.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", SQLiteBusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	// FULL: a commit is on disk before loa answers, even if the machine loses power.
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes the pools.
func (db *DB) Close() (err error) {
	defer wrapErr(&err, "close")
	db.stmts.close()
	err = db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Postgres reports whether db is PostgreSQL.
func (db *DB) Postgres() bool { return db.dialect.name() == "postgres" }

// Ping checks that the database answers (GET /healthz).
func (db *DB) Ping(ctx context.Context) (err error) {
	defer wrapErr(&err, "ping")
	var one int
	return db.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

func (db *DB) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.name())
	if err != nil {
		return err
	}
	// Features land in any order, each with its own migration number: a database
	// that already has a later one still takes an earlier one that arrived after it.
	// Migrations of different features touch different tables, so order is no risk.
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true)}
	gd := goose.DialectSQLite3
	if db.Postgres() {
		gd = goose.DialectPostgres
		// An advisory lock: two instances starting at once on the same schema do not
		// both migrate. Its id is the schema's, not goose's one id for the whole
		// server: with that, every database and schema on a server (each test's
		// schema among them) waited for the others' migrations, polling every 5 s.
		var where string
		if err := db.w.QueryRowContext(ctx, "SELECT current_database() || '.' || current_schema()").Scan(&where); err != nil {
			return fmt.Errorf("migrations: %w", err)
		}
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID(where)), lock.WithLockTimeout(1, 300))
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, db.w, sub, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	return nil
}

// migrationLockID is the advisory lock a migration of the schema where ("db.schema")
// holds on PostgreSQL.
func migrationLockID(where string) int64 {
	h := fnv.New64a()
	h.Write([]byte("loa migrations " + where))
	return int64(h.Sum64())
}

type txKey struct{}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// WithTx runs fn in one transaction, carried in the context so that nested calls join
// it (after Gitea). It commits when fn returns nil and rolls back otherwise.
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		tx.Rollback()
		return err
	}
	return db.dialect.convert(tx.Commit())
}

// inTx is WithTx for a store method: an internal error comes out named by the
// operation (wrapOp), so that the log says what was being done.
func (db *DB) inTx(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	return wrapOp(db.WithTx(ctx, fn), "%s", op)
}

// validOn is the SQL condition that the dated record alias (date_from, and date_to,
// NULL until it ends) is valid on a day, both ends included; its two placeholders
// both take that day.
func validOn(alias string) string {
	return "(" + alias + ".date_from <= ? AND " + notEnded(alias) + ")"
}

// notEnded is the SQL condition that the dated record alias has not ended before a
// day; its placeholder takes the day.
func notEnded(alias string) string {
	return "(" + alias + ".date_to IS NULL OR " + alias + ".date_to >= ?)"
}

// opError is an internal error with the store operation it interrupted.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "store: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// wrapOp names the operation an internal error interrupted, so that the log says
// what was being done ("store: publish item 42: …"). It wraps once: an error already
// named by a store method it called goes through as it is, and so does a *loa.Error,
// whose message is the person's to read (the command line prints it as it is);
// errors.As still finds it either way.
func wrapOp(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var le *loa.Error
	var oe *opError
	if errors.As(err, &le) || errors.As(err, &oe) {
		return err
	}
	return &opError{op: fmt.Sprintf(format, args...), err: err}
}

// wrapErr is wrapOp for a store method's first line, `defer wrapErr(&err, "read
// unit %d", id)` with err the method's named result: it names whatever internal
// error any of the method's returns gives back, so that no return is missed.
func wrapErr(errp *error, format string, args ...any) {
	*errp = wrapOp(*errp, format, args...)
}

// queryIDs runs query, which selects one integer column, and returns its values, all
// read before it returns: callers then query again on the same connection (within
// a transaction, or SQLite's single writer) for each id.
func (db *DB) queryIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// q returns the transaction in ctx, or the reading pool.
func (db *DB) q(ctx context.Context) queryer {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return db.r
}

// rq returns what q does, with query's statement prepared once when it is a read of
// SQLite's pool (stmt.go): parsing the SQL was a fifth of an uncached public page's
// CPU (issue 20). pgx keeps its own statement cache on PostgreSQL.
func (db *DB) rq(ctx context.Context, query string) (queryer, string) {
	q := db.q(ctx)
	if q != db.r || db.Postgres() {
		return q, query
	}
	if st := db.stmts.get(ctx, db.r, query); st != nil {
		return st, query
	}
	return q, query
}

// exec runs a statement inside ctx's transaction (callers of exec are always in one).
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := db.q(ctx).ExecContext(ctx, db.dialect.rebind(query), args...)
	return res, db.dialect.convert(err)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (db *DB) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(query+" RETURNING id"), args...).Scan(&id)
	return id, db.dialect.convert(err)
}

// query runs a query that returns rows.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, query := db.rq(ctx, db.dialect.rebind(query))
	rows, err := q.QueryContext(ctx, query, args...)
	return rows, db.dialect.convert(err)
}

// row runs a query that returns one row; sql.ErrNoRows becomes ENOTFOUND with what.
func (db *DB) row(ctx context.Context, what string, query string, args []any, dest ...any) error {
	q, query := db.rq(ctx, db.dialect.rebind(query))
	err := q.QueryRowContext(ctx, query, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return loa.Errorf(loa.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return db.dialect.convert(err)
}

// count runs a query returning one integer.
func (db *DB) count(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	q, query := db.rq(ctx, db.dialect.rebind(query))
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, db.dialect.convert(err)
}

// now is the instant stored for "now": UTC, to the microsecond both engines keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// marks is n placeholders for an IN list or a VALUES row: "?, ?, ?".
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// nullID stores 0 as NULL for optional references.
// nullText stores "" as NULL, for optional columns under a unique index (a theme's
// code), where many rows may have none.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Page asks for one page of a list.
type Page struct {
	Number int // 1-based
	Size   int
}

// Offset is the number of rows before the page.
func (p Page) Offset() int {
	if p.Number < 1 {
		return 0
	}
	return (p.Number - 1) * p.limit()
}

func (p Page) limit() int {
	if p.Size <= 0 || p.Size > 500 {
		return 50
	}
	return p.Size
}

// sqlPage is the LIMIT/OFFSET clause of p, portable across both engines.
func (p Page) sql() string { return fmt.Sprintf(" LIMIT %d OFFSET %d", p.limit(), p.Offset()) }

// Package dbtest opens real databases for tests: SQLite in a temporary folder always,
// and PostgreSQL whenever LOA_TEST_POSTGRES holds a URL, each test in a schema of its
// own. There are no database mocks in loa.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"loa/store"
)

func init() { store.BcryptCost = bcrypt.MinCost }

// Engine is one database a test runs on.
type Engine struct {
	Name string
	// DSN returns a fresh database of this engine for t, holding no rows: for SQLite
	// a copy of the migrated template (SQLiteMigrated), for PostgreSQL an empty schema.
	DSN func(t *testing.T) string
}

// Engines returns SQLite, and PostgreSQL when LOA_TEST_POSTGRES is set. Under CI
// (CI set) a missing or unreachable PostgreSQL fails the test instead of skipping it,
// so the PostgreSQL suite can never silently not run.
func Engines(t *testing.T) []Engine {
	t.Helper()
	es := []Engine{{Name: "sqlite", DSN: func(t *testing.T) string { return SQLiteMigrated(t) }}}
	pg := os.Getenv("LOA_TEST_POSTGRES")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but LOA_TEST_POSTGRES is empty: the PostgreSQL tests must run in CI")
		}
		return es
	}
	return append(es, Engine{Name: "postgres", DSN: func(t *testing.T) string { return PostgresSchema(t, pg) }})
}

// SQLitePath returns the path of a new SQLite database file for t, removed when t
// ends. It lies in memory (/dev/shm) where the machine has it: loa's SQLite commits
// with synchronous=FULL, and on this project's machines a disk's fsync made opening a
// fresh database (its migrations' commits) five times slower and every test's
// writes with it. The code under test is the same; only the disk under it changes.
func SQLitePath(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp(shm, "loa-test-")
	if err != nil {
		return filepath.Join(t.TempDir(), "loa.db")
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "loa.db")
}

// SQLiteMigrated returns the path of a new SQLite database for t, removed when t ends,
// that already holds every migration and no rows: a copy of one template migrated once
// per test process. Under -race, running the migrations cost about 0.35 s of CPU for
// each new database, more than many tests' own work. The template is made by migrating
// an empty file through store.Open, as every database is, so the copy is what
// migrating would give; SQLitePath stays for tests that need an empty file.
func SQLiteMigrated(t testing.TB) string {
	t.Helper()
	b, err := migratedTemplate()
	if err != nil {
		t.Fatalf("migrating the SQLite template: %v", err)
	}
	path := SQLitePath(t)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// template holds the bytes of the migrated SQLite database, made on first use.
var template struct {
	once sync.Once
	b    []byte
	err  error
}

// migratedTemplate migrates an empty SQLite file, closes it and returns its bytes.
func migratedTemplate() ([]byte, error) {
	template.once.Do(func() {
		dir, err := os.MkdirTemp(shm, "loa-template-")
		if err != nil {
			dir, err = os.MkdirTemp("", "loa-template-")
		}
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "loa.db")
		db, err := store.Open(context.Background(), path)
		if err != nil {
			template.err = err
			return
		}
		// Closing the last connection checkpoints the write-ahead log into the file
		// and removes it: the file alone is then the whole database.
		if err := db.Close(); err != nil {
			template.err = err
			return
		}
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			template.err = fmt.Errorf("%s-wal left after close: the file is not the whole database", path)
			return
		}
		template.b, template.err = os.ReadFile(path)
	})
	return template.b, template.err
}

// shm is the memory file system SQLitePath uses when it is there and writable.
const shm = "/dev/shm"

// PostgresSchema creates a schema for t on the server at base and returns a URL whose
// search_path points at it; the schema is dropped when t ends.
func PostgresSchema(t *testing.T, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL at LOA_TEST_POSTGRES unreachable: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		a.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Each runs fn as a subtest on every engine, with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			fn(t, Open(t, e.DSN(t)))
		})
	}
}

// Open opens and migrates the database at dsn and closes it when t ends.
func Open(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Insert writes one row with a plain INSERT ('?' placeholders, without RETURNING)
// through db's own connection and returns its id: for fixtures in states the
// store's API does not make, such as an item published on a given day.
func Insert(t testing.TB, db *store.DB, query string, args ...any) int64 {
	t.Helper()
	id, err := db.InsertRowForTest(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

// Exec runs one statement ('?' placeholders) through db's own connection.
func Exec(t testing.TB, db *store.DB, query string, args ...any) {
	t.Helper()
	if err := db.ExecForTest(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// ItemChanged brings an item written by Insert or Exec in step: its derived columns
// (first publication, search index), as every change of an item through the store.
func ItemChanged(t testing.TB, db *store.DB, id int64) {
	t.Helper()
	if err := db.WithTx(context.Background(), func(ctx context.Context) error { return db.ItemChanged(ctx, id) }); err != nil {
		t.Fatal(err)
	}
}

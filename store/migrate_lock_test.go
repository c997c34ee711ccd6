package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"
)

// Two loa instances on one PostgreSQL server but different schemas (as each test's
// schema is) migrate without waiting for each other; two on the same schema still
// take turns. Before, every migration on the server took goose's one lock, so the
// parallel tests queued behind each other, polling every 5 seconds.
func TestMigrationLockIsPerSchema(t *testing.T) {
	base := os.Getenv("LOA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but LOA_TEST_POSTGRES is empty")
		}
		t.Skip("LOA_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := func() string {
		b := make([]byte, 6)
		rand.Read(b)
		s := "t_" + hex.EncodeToString(b)
		if _, err := admin.Exec("CREATE SCHEMA " + s); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP SCHEMA " + s + " CASCADE") })
		return s
	}
	dsn := func(schema string) string {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	busy, free := schema(), schema()

	// Another instance is migrating schema busy: it holds busy's lock.
	holder, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	var dbName string
	if err := holder.QueryRowContext(ctx, "SELECT current_database()").Scan(&dbName); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID(dbName+"."+busy)); err != nil {
		t.Fatal(err)
	}

	// The other schema migrates meanwhile (the deadline is far above a migration's
	// time and far below the 5 minutes the old lock would have waited).
	c, cancel := context.WithTimeout(ctx, time.Minute)
	db, err := Open(c, dsn(free))
	cancel()
	if err != nil {
		t.Fatalf("schema %s waited for another schema's migration: %v", free, err)
	}
	db.Close()

	// The busy schema waits for its lock: with a short deadline, it gives up
	// without migrating anything.
	c, cancel = context.WithTimeout(ctx, 1500*time.Millisecond)
	_, err = Open(c, dsn(busy))
	cancel()
	if err == nil {
		t.Fatal("schema migrated while another instance held its migration lock")
	}
	var tables int
	admin.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'goose_db_version'", busy).Scan(&tables)
	if tables != 0 {
		t.Fatalf("%d tables created in %s while its lock was held", tables, busy)
	}

	// Released, it migrates.
	if _, err := holder.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", migrationLockID(dbName+"."+busy)); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, dsn(busy))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

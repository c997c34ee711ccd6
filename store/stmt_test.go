package store_test

import (
	"context"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestPreparedReads: a read of SQLite's pool keeps its statement prepared and gives the
// same answer with it; a read inside a transaction, and any read on PostgreSQL (pgx
// keeps its own), is not kept (issue 20).
func TestPreparedReads(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const q = "SELECT COUNT(*) FROM units WHERE id > ?"
		for range 3 {
			n, err := db.Count(ctx, q, 0)
			if err != nil || n != 0 {
				t.Fatalf("count: %d, %v", n, err)
			}
		}
		if got, want := db.Prepared(q), !db.Postgres(); got != want {
			t.Errorf("prepared: %v, want %v", got, want)
		}
		// A write between two prepared reads shows in the second: the statement was
		// reset after the first, which holds no old snapshot of the WAL.
		if err := db.SaveUnit(ctx, &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.Count(ctx, q, 0); err != nil || n != 1 {
			t.Errorf("after a write the prepared read counts %d (%v), want 1", n, err)
		}
		const inTx = "SELECT COUNT(*) FROM units WHERE id < ?"
		if err := db.WithTx(ctx, func(ctx context.Context) error { _, err := db.Count(ctx, inTx, 0); return err }); err != nil {
			t.Fatal(err)
		}
		if db.Prepared(inTx) {
			t.Error("a read inside a transaction was kept prepared")
		}
		if _, err := db.Count(ctx, "SELECT COUNT(*) FROM no_such_table"); err == nil {
			t.Error("a bad query gave no error")
		}
	})
}

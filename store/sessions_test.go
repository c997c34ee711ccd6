package store_test

import (
	"context"
	"testing"
	"time"

	"loa/internal/dbtest"
	"loa/store"
)

// TestSessionCommitSkipsIdleMoves: committing a session whose data did not change
// rewrites its row only when the expiry moved on by more than a minute; changed data
// is always written; a new token is inserted.
func TestSessionCommitSkipsIdleMoves(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		ctx := context.Background()
		ss := db.Sessions()
		stored := func() (string, time.Time) {
			t.Helper()
			b, ok, err := ss.FindCtx(ctx, "tok")
			if err != nil || !ok {
				t.Fatalf("find: %v %v", ok, err)
			}
			exp, err := db.SessionExpiry(ctx, "tok")
			if err != nil {
				t.Fatal(err)
			}
			return string(b), exp
		}
		t0 := time.Now().Add(2 * time.Hour).Truncate(time.Second)
		if err := ss.CommitCtx(ctx, "tok", []byte("a"), t0); err != nil {
			t.Fatal(err)
		}
		if d, e := stored(); d != "a" || !e.Equal(t0) {
			t.Fatalf("after insert: %q %v, want a %v", d, e, t0)
		}
		// The idle deadline moved 30 s: nothing to write.
		if err := ss.CommitCtx(ctx, "tok", []byte("a"), t0.Add(30*time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, e := stored(); !e.Equal(t0) {
			t.Errorf("a 30 s move was written: expiry %v, want %v", e, t0)
		}
		// Moved by more than the slack: written.
		t1 := t0.Add(2 * time.Minute)
		if err := ss.CommitCtx(ctx, "tok", []byte("a"), t1); err != nil {
			t.Fatal(err)
		}
		if _, e := stored(); !e.Equal(t1) {
			t.Errorf("a 2 min move was not written: expiry %v, want %v", e, t1)
		}
		// Data changed, expiry barely moved: written, both.
		t2 := t1.Add(time.Second)
		if err := ss.CommitCtx(ctx, "tok", []byte("b"), t2); err != nil {
			t.Fatal(err)
		}
		if d, e := stored(); d != "b" || !e.Equal(t2) {
			t.Errorf("changed data: %q %v, want b %v", d, e, t2)
		}
	})
}

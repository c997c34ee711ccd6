package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"loa/internal/dbtest"
	"loa/store"
)

// TestSearchesTakeTurns: no more than maxSearches searches run at once; one more
// waits for a turn, gives up when its request ends first, and runs once a turn is
// free.
func TestSearchesTakeTurns(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		srv, err := New(db, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		if cap(srv.searches) != maxSearches() || maxSearches() < 2 {
			t.Fatalf("%d turns, want maxSearches() = %d ≥ 2", cap(srv.searches), maxSearches())
		}
		for range maxSearches() { // every turn taken
			srv.searches <- struct{}{}
		}
		q := store.SearchQuery{Text: "kiểm sát", Public: true, Page: store.Page{Number: 1, Size: 20}}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, err = srv.search(ctx, q)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("a search with every turn taken: %v, want it to wait until its request ends", err)
		}
		<-srv.searches // one turn freed
		if _, err := srv.search(context.Background(), q); err != nil {
			t.Fatalf("a search with a free turn: %v", err)
		}
		if len(srv.searches) != maxSearches()-1 {
			t.Errorf("%d turns taken after the search, want %d: the search did not give its turn back", len(srv.searches), maxSearches()-1)
		}
	})
}

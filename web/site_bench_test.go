package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"

	"loa/store"
	"loa/web"
)

// BenchmarkItemPageUncached renders the public item page without the page cache (a
// new ?page= each time, which the cache keys on and the page ignores), on the
// database named by LOA_BENCH_DSN (the national set of bench/), for -cpuprofile.
func BenchmarkItemPageUncached(b *testing.B) {
	dsn := os.Getenv("LOA_BENCH_DSN")
	if dsn == "" {
		b.Skip("LOA_BENCH_DSN is not set")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	items, _, err := db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 1, Size: 1}})
	if err != nil || len(items) == 0 {
		b.Fatal("no public item", err)
	}
	h := srv.Handler()
	path := fmt.Sprintf("/tin/%s-%d", items[0].Slug, items[0].ID)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", fmt.Sprintf("%s?page=%d", path, i), nil))
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

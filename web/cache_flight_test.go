package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A page asked by many readers at once, after the cache was emptied, is rendered once;
// the render goes on when the reader who started it leaves, and its page is kept.
func TestConcurrentMissesRenderOnce(t *testing.T) {
	s := &Server{cache: newPageCache(1 << 20)}
	var renders atomic.Int32
	release := make(chan struct{})
	page := s.cached(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		<-release
		if err := r.Context().Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>Tin mới</p>"))
	})

	// The first reader leaves before the render ends.
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan struct{})
	go func() {
		defer close(first)
		page(httptest.NewRecorder(), httptest.NewRequest("GET", "/tin-moi", nil).WithContext(ctx))
	}()
	for renders.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel() // the reader leaves; its render goes on

	const n = 20
	res, wait := readers(page, "/tin-moi", n)
	time.Sleep(20 * time.Millisecond) // most readers now wait; those later find the page kept
	close(release)
	wait()
	<-first
	if got := renders.Load(); got != 1 {
		t.Errorf("%d renders for %d readers, want 1", got, n+1)
	}
	for i, w := range res {
		if w.Code != 200 || w.Body.String() != "<p>Tin mới</p>" {
			t.Fatalf("reader %d: %d %q", i, w.Code, w.Body.String())
		}
	}
	w := httptest.NewRecorder()
	page(w, httptest.NewRequest("GET", "/tin-moi", nil))
	if w.Header().Get("X-Cache") != "HIT" || renders.Load() != 1 {
		t.Errorf("after the render: X-Cache %q, %d renders", w.Header().Get("X-Cache"), renders.Load())
	}
}

// An answer that is not kept (here a 404) is not shared: each reader waiting for it
// gets a render of its own.
func TestMissNotKeptIsNotShared(t *testing.T) {
	s := &Server{cache: newPageCache(1 << 20)}
	var renders atomic.Int32
	release := make(chan struct{})
	page := s.cached(func(w http.ResponseWriter, r *http.Request) {
		if renders.Add(1) == 1 {
			<-release
		}
		http.Error(w, "không tìm thấy", http.StatusNotFound)
	})
	const n = 5
	res, wait := readers(page, "/tin/x-1", n)
	for renders.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wait()
	if got := renders.Load(); got != n {
		t.Errorf("%d renders for %d readers of a 404, want %d", got, n, n)
	}
	for i, w := range res {
		if w.Code != 404 {
			t.Errorf("reader %d: %d", i, w.Code)
		}
	}
}

// readers asks page for path n times at once; wait returns when all have answered.
func readers(page http.HandlerFunc, path string, n int) (res []*httptest.ResponseRecorder, wait func()) {
	var wg sync.WaitGroup
	res = make([]*httptest.ResponseRecorder, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = httptest.NewRecorder()
			page(res[i], httptest.NewRequest("GET", path, nil))
		}()
	}
	return res, wg.Wait
}

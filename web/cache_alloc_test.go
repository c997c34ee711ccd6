package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// TestCachedPageGzipReusesWriters: storing a page gzips it with a pooled writer; a new
// writer per page allocated 800 KB of compressor tables, 97 % of what an uncached item
// page allocated (issue 20). The gzipped body still reads back as the page.
func TestCachedPageGzipReusesWriters(t *testing.T) {
	page := strings.Repeat("<p>Viện kiểm sát nhân dân tuyên truyền pháp luật.</p>\n", 300)
	store := func() *cachedPage {
		rec := &recorder{header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, status: 200}
		rec.Write([]byte(page))
		return newCachedPage("vi /x?", rec)
	}
	e := store()
	zr, err := gzip.NewReader(bytes.NewReader(e.gz))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); string(b) != page {
		t.Fatal("the gzipped page does not read back")
	}
	if raceEnabled {
		return // the pool drops writers at random under the race detector
	}
	const n = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		store()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 200<<10 {
		t.Errorf("storing a %d-byte page allocates %d bytes, want under 200 KB", len(page), per)
	}
}

// TestPageCacheBoundCountsMemoryHeld: the cache's bound counts the memory its pages
// hold. A page written in pieces sat in the recorder's buffer, grown by doubling, and
// the cache counted only its length: filled, it held up to twice its bound (issue 20:
// the pages are live heap under serve's memory limit). And the bound leaves the
// collector room under that limit.
func TestPageCacheBoundCountsMemoryHeld(t *testing.T) {
	const max = 1 << 20
	c := newPageCache(max)
	line := strings.Repeat("<p>Viện kiểm sát nhân dân tuyên truyền pháp luật.</p>\n", 4)
	for i := range 300 {
		rec := &recorder{header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, status: 200}
		for range 90 + i%40 { // 20–30 KB, in the pieces a template writes
			rec.Write([]byte(line))
		}
		c.put(newCachedPage(fmt.Sprintf("vi /tin/x-%d?", i), rec), c.generation())
	}
	held := 0
	for el := c.ll.Front(); el != nil; el = el.Next() {
		e := el.Value.(*cachedPage)
		held += cap(e.body) + cap(e.gz) + len(e.key)
	}
	if c.Len() < 20 || held > max {
		t.Errorf("%d pages hold %d bytes, bound %d", c.Len(), held, max)
	}
	if cacheMaxBytes > MemoryLimit/4 {
		t.Errorf("the page cache may hold %d MiB of serve's %d MiB", cacheMaxBytes>>20, MemoryLimit>>20)
	}
}

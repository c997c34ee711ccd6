package web

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"
	"golang.org/x/sync/singleflight"

	"loa"
	"loa/store"
)

// The public site's page cache. A page rendered for an anonymous GET is kept in
// memory, already gzipped, with its ETag and Last-Modified, so a crowd reading one
// story costs one render. Every change the public may see calls store.SiteChanged,
// which reaches this cache on every instance (store/notify.go); the cache is then
// emptied whole: changes are rare, renders cheap, and the home page, the sections,
// the feed and the sitemap all depend on any item.

// MemoryLimit is the Go memory limit loa serve sets unless the operator gives one
// (GOMEMLIMIT): cmd/loa explains the figure.
const MemoryLimit = 64 << 20

const (
	// cacheMaxBytes bounds the pages kept, least recently used evicted first. A
	// quarter of MemoryLimit: the pages are live heap, and the collector must find
	// room under the limit beside them and the templates (~19 MB). At 64 MiB, as
	// much as the whole limit, a crawl through the archive (or any ?page=N) filled
	// it and the collector then ran without pause: a warm page 22 → 54 µs of CPU
	// (BENCHMARKS.md, fourth pass).
	cacheMaxBytes = MemoryLimit / 4
	// cacheTTL bounds how long a page may show records whose changes do not pass
	// through SiteChanged (unit names and addresses, contacts).
	cacheTTL = 10 * time.Minute
	// gzipMin: smaller bodies are not worth compressing.
	gzipMin = 512
)

// cacheParams are the query parameters public pages read; the others are dropped from
// the key, so ?utm_source=… does not multiply the entries.
var cacheParams = []string{"page", "q", "kind"}

type pageCache struct {
	mu      sync.Mutex
	ll      *list.List // front: most recently used
	items   map[string]*list.Element
	size    int
	gen     uint64 // bumped by clear: a render begun before a clear is not stored
	max     int
	flights singleflight.Group      // the renders in progress, by key
	shared  map[string]*sharedEntry // what several pages show, cleared with them
}

type cachedPage struct {
	key      string
	status   int
	body, gz []byte
	etag     string
	modified time.Time
	expires  time.Time
	// The whole header of each answer, built once when the page is stored, so that a
	// hit assigns shared values instead of formatting and allocating them (issue 20).
	// Every value slice is full to its capacity: an Add on the response appends to a
	// copy, never into these.
	plainHeader, gzHeader http.Header
}

func newPageCache(max int) *pageCache {
	return &pageCache{ll: list.New(), items: map[string]*list.Element{}, max: max, shared: map[string]*sharedEntry{}}
}

// get returns the page stored under key (a byte slice: the lookup converts it without
// allocating), or nil.
func (c *pageCache) get(key []byte) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[string(key)]
	if !ok {
		return nil
	}
	e := el.Value.(*cachedPage)
	if time.Now().After(e.expires) {
		c.remove(el)
		return nil
	}
	c.ll.MoveToFront(el)
	return e
}

func (c *pageCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// size is the memory e holds: its slices' capacities, not their lengths.
func (e *cachedPage) size() int { return cap(e.body) + cap(e.gz) + len(e.key) }

// put stores e unless the cache was cleared since gen was read.
func (c *pageCache) put(e *cachedPage, gen uint64) {
	n := e.size()
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || n > c.max/8 {
		return
	}
	if el, ok := c.items[e.key]; ok {
		c.remove(el)
	}
	c.items[e.key] = c.ll.PushFront(e)
	c.size += n
	for c.size > c.max {
		c.remove(c.ll.Back())
	}
}

func (c *pageCache) remove(el *list.Element) {
	e := c.ll.Remove(el).(*cachedPage)
	delete(c.items, e.key)
	c.size -= e.size()
}

// clear empties the cache.
func (c *pageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ll.Init()
	c.items = map[string]*list.Element{}
	c.size = 0
	clear(c.shared)
	c.gen++
}

// Len is the number of cached pages.
func (c *pageCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// appendCacheKey appends the cache key of r in lang to dst: the host (when the page's
// absolute URLs come from it), the language, the path and the kept parameters.
func appendCacheKey(dst []byte, r *http.Request, host, lang string) []byte {
	if host != "" {
		dst = append(append(dst, host...), ' ')
	}
	dst = append(append(append(append(dst, lang...), ' '), r.URL.Path...), '?')
	if r.URL.RawQuery == "" {
		return dst
	}
	q := r.URL.Query()
	keep := url.Values{}
	for _, p := range cacheParams {
		if v := q.Get(p); v != "" {
			keep.Set(p, v)
		}
	}
	return append(dst, keep.Encode()...)
}

// sharedEntry is what several pages show, read at a moment, for the pages rendered
// into the cache: the chrome (menu, sections, the agency's address: three queries of
// every miss) and the lists the related items are picked from (two queries of every
// item page's miss) (issue 20). A change of the site clears them with the pages; a
// page that used one expires cacheTTL after it was read, so a unit's address shows as
// soon as it did before.
type sharedEntry struct {
	v    any
	read time.Time
}

// maxShared bounds the shared entries (the chrome and a few dozen topics and kinds in
// practice).
const maxShared = 512

// shared returns the value kept under key, read with read when there is none or it
// was read over half the TTL ago (a page stored from it still lives at least half
// the TTL); rec, when not nil, notes when it was read.
func shared[T any](c *pageCache, rec *recorder, key string, read func() (T, error)) (T, error) {
	c.mu.Lock()
	e, gen := c.shared[key], c.gen
	c.mu.Unlock()
	if e == nil || time.Since(e.read) >= cacheTTL/2 {
		at := time.Now()
		v, err := read()
		if err != nil {
			return v, err
		}
		e = &sharedEntry{v: v, read: at}
		c.mu.Lock()
		if c.gen == gen { // not cleared meanwhile
			if len(c.shared) >= maxShared {
				clear(c.shared)
			}
			c.shared[key] = e
		}
		c.mu.Unlock()
	}
	if rec != nil {
		rec.readAt(e.read)
	}
	return e.v.(T), nil
}

// chromeFor is the chrome of a page written to w: the shared one when w records a
// page for the cache or the reader is anonymous (the search page, never cached: the
// chrome's queries were a tenth of its CPU, issue 20), else (a signed-in user's page)
// read afresh. An anonymous page shows the chrome as fresh as the cached pages do.
func (s *Server) chromeFor(w http.ResponseWriter, ctx context.Context) (*siteChrome, error) {
	rec, _ := w.(*recorder)
	if rec == nil && loa.UserFrom(ctx) != nil {
		return s.chrome(ctx)
	}
	return shared(s.cache, rec, "chrome", func() (*siteChrome, error) { return s.chrome(ctx) })
}

// relatedFor is the related items of it on a page written to w: picked from shared
// lists when w records a page for the cache, else read afresh.
func (s *Server) relatedFor(w http.ResponseWriter, ctx context.Context, it *loa.Item) ([]*loa.Item, error) {
	rec, ok := w.(*recorder)
	if !ok {
		return s.db.SiteRelated(ctx, it, relatedCount)
	}
	return store.Related(it, relatedCount, func(f store.SiteFilter) ([]*loa.Item, error) {
		return shared(s.cache, rec, fmt.Sprint("items ", f.Kinds, f.Topics, f.Page.Size), func() ([]*loa.Item, error) {
			items, _, err := s.db.SiteItems(ctx, f)
			return items, err
		})
	})
}

// recorder keeps a handler's response so it can be cached.
type recorder struct {
	header http.Header
	status int
	// body is the page, written in one piece by render (and then sized to it) or in
	// several by other handlers.
	body  []byte
	since time.Time // when the oldest record the page shows was read (shared chrome, lists)
}

// readAt notes that the page shows records read at t.
func (r *recorder) readAt(t time.Time) {
	if r.since.IsZero() || t.Before(r.since) {
		r.since = t
	}
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}

// cached serves h through the page cache: anonymous GET and HEAD only; signed-in
// users (whose pages show their name) always get a fresh render. Only 200 responses
// are kept. X-Cache says HIT or MISS.
//
// Concurrent misses of one page wait for a single render (issue 20): every change of
// the site empties the cache, and a busy site then asked for its home page 64 times
// at once rendered it 64 times; when those renders outlasted the readers' patience,
// each was cancelled and none was ever stored. The shared render runs to its end
// even if the reader whose request it renders leaves; every reader waits for it as
// long as it stays.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || loa.UserFrom(r.Context()) != nil {
			h(w, r)
			return
		}
		c := s.cache
		host := ""
		if s.cfg.BaseURL == "" { // absolute URLs in the page come from the Host header
			host = r.Host
		}
		var buf [256]byte // most keys fit: built on the stack
		key := appendCacheKey(buf[:0], r, host, s.lang(r))
		if e := c.get(key); e != nil {
			e.serve(w, r, xCacheHit)
			return
		}
		var mine *recorder // set only for the reader whose request was rendered
		ch := c.flights.DoChan(string(key), func() (any, error) {
			rec, page := c.fill(string(key), h, r)
			mine = rec
			return page, nil
		})
		var page *cachedPage
		select {
		case res := <-ch:
			page = res.Val.(*cachedPage)
		case <-r.Context().Done():
			return
		}
		switch {
		case page != nil:
			page.serve(w, r, xCacheMiss)
		case mine != nil: // not a page to keep (an error, a cookie): this reader's answer
			for k, v := range mine.header {
				w.Header()[k] = v
			}
			w.WriteHeader(mine.status)
			w.Write(mine.body)
		default: // another reader's answer that was not kept may not be this one's
			h(w, r)
		}
	}
}

// fill runs h for r's page into a recorder and stores the page under key when it is
// one to keep (else page is nil).
func (c *pageCache) fill(key string, h http.HandlerFunc, r *http.Request) (rec *recorder, page *cachedPage) {
	gen := c.generation()
	// Under a context nothing cancels: no reader owns the render. database/sql also
	// watches a cancellable context with a goroutine per query, which cost an
	// uncached item page a quarter of its CPU (0.40 → 0.31 ms, BENCHMARKS.md).
	rec = &recorder{header: http.Header{}}
	h(rec, r.WithContext(context.WithoutCancel(r.Context())))
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.status != http.StatusOK || rec.header.Get("Set-Cookie") != "" || rec.header.Get("Cache-Control") == "no-store" {
		return rec, nil
	}
	page = newCachedPage(key, rec)
	c.put(page, gen)
	return rec, page
}

func newCachedPage(key string, rec *recorder) *cachedPage {
	body := rec.body
	if cap(body)-len(body) > len(body)/8 {
		// A copy of the page's size: written in pieces, the body grew by doubling, and
		// up to half of it would be kept empty for as long as the page is.
		body = bytes.Clone(body)
	}
	// The ETag needs no cryptography, only to change with the page: xxhash, 10 times
	// faster than the SHA-256 it replaced (issue 20).
	etag := strconv.FormatUint(xxhash.Sum64(body), 36)
	now := time.Now().UTC().Truncate(time.Second)
	expires := now.Add(cacheTTL)
	if !rec.since.IsZero() && rec.since.Add(cacheTTL).Before(expires) {
		expires = rec.since.Add(cacheTTL)
	}
	e := &cachedPage{key: key, status: rec.status, body: body,
		etag: etag, modified: now, expires: expires}
	if len(body) >= gzipMin && compressible(rec.header.Get("Content-Type")) {
		e.gz = gzipped(body)
	}
	e.plainHeader = e.header(rec.header, false)
	if e.gz != nil {
		e.gzHeader = e.header(rec.header, true)
	}
	return e
}

// header is the header of e's answers, plain or gzipped: the handler's, with the
// cache's validators and Content-Length.
func (e *cachedPage) header(handler http.Header, gz bool) http.Header {
	h := http.Header{}
	for k, v := range handler {
		h[k] = slices.Clip(v)
	}
	etag, n := `"`+e.etag+`"`, len(e.body)
	if gz {
		etag, n = `"`+e.etag+`-gz"`, len(e.gz)
		h["Content-Encoding"] = []string{"gzip"}
	}
	h["Etag"] = []string{etag}
	h["Last-Modified"] = []string{e.modified.Format(http.TimeFormat)}
	h["Cache-Control"] = []string{"public, no-cache"}
	h["Vary"] = []string{"Accept-Encoding, Cookie"}
	h["Content-Length"] = []string{strconv.Itoa(n)}
	return h
}

// gzipWriters are reused: a new writer allocates its compressor's tables, which made
// 97 % of the bytes an uncached item page allocated (issue 20).
//
// klauspost/compress, not the standard library: on the national set's pages its level 5
// writes the bytes the standard library's level 4 wrote (item page 3,240 / 3,238 B, home
// 4,989 / 4,972 B) in a third of the CPU (36 / 112 µs, 75 / 200 µs: BENCHMARKS.md, fifth
// pass); compressing was 30 % of an uncached item page's CPU.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, 5)
	return zw
}}

// writeGzip writes b to w gzipped, with a pooled writer. Every gzip loa makes goes
// through here: the cache's pages, the pages rendered for their reader, the static
// files.
func writeGzip(w io.Writer, b []byte) error {
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(w)
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}

// gzipped is b gzipped, in a slice of its size.
func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) / 3)
	writeGzip(&buf, b) // a bytes.Buffer does not fail
	return bytes.Clone(buf.Bytes())
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json")
}

// X-Cache says whether the answer came from the cache.
var xCacheHit, xCacheMiss = []string{"HIT"}, []string{"MISS"}

// serve writes e, or 304 when the client's copy is current.
func (e *cachedPage) serve(w http.ResponseWriter, r *http.Request, xCache []string) {
	gz := e.gz != nil && acceptsGzip(r)
	src, body := e.plainHeader, e.body
	if gz {
		src, body = e.gzHeader, e.gz
	}
	h := w.Header()
	for k, v := range src {
		h[k] = v
	}
	h["X-Cache"] = xCache
	gatherResponse(r) // the answer is whole: it leaves in one write (listen.go)
	if notModified(r, e.etag, e.modified) {
		delete(h, "Content-Type")
		delete(h, "Content-Length")
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified applies If-None-Match (when present) else If-Modified-Since. Both
// representations (plain and gzip) of one page match each other's ETag: they are
// the same content.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			t = strings.TrimSuffix(strings.Trim(t, `"`), "-gz")
			if t == "*" || t == etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.After(t)
	}
	return false
}

// acceptsGzip reads Accept-Encoding, honouring "gzip;q=0" (without allocating: every
// cache hit asks).
func acceptsGzip(r *http.Request) bool {
	rest := r.Header.Get("Accept-Encoding")
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") || strings.TrimSpace(name) == "*" {
			params = strings.ReplaceAll(params, " ", "")
			if q, ok := strings.CutPrefix(params, "q="); ok {
				if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

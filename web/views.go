package web

import (
	"bytes"
	"context"
	"hash/maphash"
	"net/http"
	"strings"
	"sync"
	"time"

	"loa"
	"loa/store"
)

// Views of the public item pages, as CONTRACTS.md "Views" defines them: a GET answered
// 200 or 304, not from a known robot, not a prefetch, at most once per visitor and
// item in 30 minutes. The visitor is a hash of the client's address and User-Agent
// with a seed drawn anew every day; the hash lives only in this map, in memory, and is
// forgotten 30 minutes after its last view. Counts are added in memory and written in
// batches every few seconds (store.AddViews adds, so instances never lose each
// other's), which keeps a cached page as cheap as before; a crash loses the last batch.

const (
	viewWindow = 30 * time.Minute
	viewsFlush = 5 * time.Second
)

// robotWords are words that crawlers, link previews, monitors and scripts put in their
// User-Agents, lower case; an empty User-Agent is no reader either. A plain search of
// each word: a regular expression over these alternatives cost a cached page 40 % of
// its time (BENCHMARKS.md), this costs about a microsecond.
var robotWords = [][]byte{
	[]byte("bot"), []byte("crawl"), []byte("spider"), []byte("slurp"), []byte("curl"), []byte("wget"),
	[]byte("python"), []byte("java/"), []byte("go-http"), []byte("httpclient"), []byte("okhttp"),
	[]byte("externalhit"), []byte("facebookcatalog"), []byte("preview"), []byte("headless"),
	[]byte("lighthouse"), []byte("pingdom"), []byte("uptime"), []byte("monitor"), []byte("feed"),
	[]byte("archiver"), []byte("scrapy"), []byte("axios"), []byte("node-fetch"), []byte("libwww"),
	[]byte("phantomjs"),
}

// isRobot reports whether ua names a robot (ASCII case folded in a buffer on the stack).
func isRobot(ua string) bool {
	if ua == "" {
		return true
	}
	var buf [512]byte
	b := buf[:copy(buf[:], ua)]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	for _, w := range robotWords {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

type viewKey struct {
	item int64
	day  loa.Date
}

type viewCounter struct {
	mu      sync.Mutex
	seed    maphash.Seed
	seedDay loa.Date
	// seen: visitor and item → when last counted (Unix nanoseconds). No pointer in it
	// (a time.Time holds its Location's), so the collector does not scan a map that a
	// crowd of new visitors grows to hundreds of thousands of entries (issue 20).
	seen map[uint64]int64
	// Yesterday's seed and visitors, for the first window after midnight: a visitor
	// counted at 23:50 is not counted again at 00:05.
	oldSeed maphash.Seed
	oldSeen map[uint64]int64
	pending map[viewKey]int64
	now     func() time.Time // time.Now; tests replay a day of visits
}

func newViewCounter() *viewCounter {
	return &viewCounter{pending: map[viewKey]int64{}, now: time.Now}
}

// isReader reports whether r is a person's view: not a robot, not a prefetch.
func isReader(r *http.Request) bool {
	if isRobot(r.UserAgent()) {
		return false
	}
	for _, h := range prefetchHeaders {
		if v := r.Header.Get(h); v != "" && (containsFold(v, "prefetch") || containsFold(v, "preview")) {
			return false
		}
	}
	return true
}

// prefetchHeaders say a request is a prefetch or a preview, not a reader's visit.
var prefetchHeaders = []string{"Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"}

func containsFold(s, word string) bool { return strings.Contains(strings.ToLower(s), word) }

// count records a view of item by the visitor (addr, ua) at now, unless that visitor
// was counted for the item within the window.
func (c *viewCounter) count(item int64, addr, ua string, now time.Time) {
	today := loa.DateOf(now)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.seedDay.Equal(today) {
		// A new day, a new seed: today's hashes cannot be linked to yesterday's, which
		// are kept one window longer and then dropped.
		c.oldSeed, c.oldSeen = c.seed, c.seen // none on the first day
		c.seed, c.seedDay, c.seen = maphash.MakeSeed(), today, map[uint64]int64{}
	}
	v := visitorHash(c.seed, item, addr, ua)
	last, ok := c.seen[v]
	if !ok && c.oldSeen != nil {
		last, ok = c.oldSeen[visitorHash(c.oldSeed, item, addr, ua)]
	}
	if ok && now.UnixNano()-last < int64(viewWindow) {
		c.seen[v] = last
		return
	}
	c.seen[v] = now.UnixNano()
	c.pending[viewKey{item, today}]++
}

// visitorHash identifies a visitor of an item under a day's seed.
func visitorHash(seed maphash.Seed, item int64, addr, ua string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(addr)
	h.WriteByte(0)
	h.WriteString(ua)
	var id [8]byte
	for i := range id {
		id[i] = byte(item >> (8 * i))
	}
	h.Write(id[:])
	return h.Sum64()
}

// take returns the counts since the last take and forgets visitors past the window.
func (c *viewCounter) take(now time.Time) []store.ViewCount {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]store.ViewCount, 0, len(c.pending))
	for k, n := range c.pending {
		out = append(out, store.ViewCount{ItemID: k.item, Day: k.day, Views: n})
	}
	clear(c.pending)
	for v, last := range c.seen {
		if now.UnixNano()-last >= int64(viewWindow) {
			delete(c.seen, v)
		}
	}
	midnight := time.Date(c.seedDay.Year(), c.seedDay.Month(), c.seedDay.Day(), 0, 0, 0, 0, loa.Zone)
	if c.oldSeen != nil && now.Sub(midnight) >= viewWindow {
		c.oldSeen = nil
	}
	return out
}

// giveBack returns counts a failed write did not store, to be written with the next.
func (c *viewCounter) giveBack(counts []store.ViewCount) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, v := range counts {
		c.pending[viewKey{v.ItemID, v.Day}] += v.Views
	}
}

// flushViews writes the counted views; a job of every instance, and Close's last act.
func (s *Server) flushViews(ctx context.Context) error {
	counts := s.reads.take(s.reads.now())
	if err := s.db.AddViews(ctx, counts); err != nil {
		s.reads.giveBack(counts)
		return err
	}
	return nil
}

// countViews counts the views of the item page h serves (its {slugid} names the item).
func (s *Server) countViews(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !isReader(r) {
			h(w, r)
			return
		}
		sw := &statusWriter{ResponseWriter: w}
		h(sw, r)
		if sw.status == http.StatusOK || sw.status == http.StatusNotModified {
			if id, ok := parseSlugID(r.PathValue("slugid")); ok {
				s.reads.count(id, s.clientAddr(r), r.UserAgent(), s.reads.now())
			}
		}
	}
}

// itemViews is an item's readership as the back office shows it: the totals and the
// views of its last 30 days as a chart (a table beside it says the same in words).
type itemViews struct {
	store.ItemViews
	Recent []store.ViewCount // the last 30 days, a row for each day with views
	Chart  chartSpec
}

func (s *Server) itemViews(ctx context.Context, id int64, lang string) (*itemViews, error) {
	v, err := s.db.ItemViews(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &itemViews{ItemViews: v, Chart: chartSpec{Type: "bar", Datasets: []chartDataset{{Label: T(lang, "Lượt xem")}}}}
	since := loa.Today().AddDays(-29)
	byDay := map[loa.Date]int64{}
	for _, d := range v.Days {
		if !d.Day.Before(since) {
			byDay[d.Day] = d.Views
			out.Recent = append(out.Recent, d)
		}
	}
	if len(out.Recent) == 0 {
		return out, nil
	}
	for d := since; !d.After(loa.Today()); d = d.AddDays(1) {
		out.Chart.Labels = append(out.Chart.Labels, d.Time().Format("02/01"))
		out.Chart.Datasets[0].Data = append(out.Chart.Datasets[0].Data, int(byDay[d]))
	}
	return out, nil
}

// siteViewsSetting shows or hides the views on the public item pages.
func (s *Server) siteViewsSetting(w http.ResponseWriter, r *http.Request) {
	if err := s.db.SetShowViews(r.Context(), newForm(r).Get("show_views") == "1"); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/site", "Đã lưu cài đặt.")
}

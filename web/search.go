package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"loa"
	"loa/store"
)

// Search: the public page /tim-kiem, the back office's /app/search and the public API
// /api/v1/search (CONTRACTS.md). Matching, ranking, scoping and highlighting are the
// store's (store/search.go); here are only forms, pages and JSON.

// Search page sizes.
const (
	searchPageSize = 20
	searchMaxInput = 1000 // bytes of q read; ParseQuery keeps 12 words anyway
)

// searchForm is the search form as typed, to show it again above the results.
type searchForm struct {
	Q              string
	Kind, Status   string
	Unit, Channel  int64
	From, To       string
	ShowUnitFilter bool // not for a contributor, who sees its own unit only
	Units          []*loa.Unit
	Channels       []*loa.Channel
	Statuses       []loa.Status
}

// searchView is what search.html and the results partial show.
type searchView struct {
	Form      searchForm
	Searched  bool // a query with a usable word was run
	Typed     bool // something was typed, usable or not
	Truncated bool
	Total     int
	More      bool // more than store.SearchCap matches: only the newest are ranked
	Hits      []searchHitView
	Pager     pager
	Error     string
	App       bool
}

// searchHitView is one result, its title and snippet already safe HTML (the store
// escapes the text and adds only <mark>).
type searchHitView struct {
	URL     string
	Title   template.HTML
	Snippet template.HTML
	Date    string
	Unit    string
	Kind    loa.ItemKind
	Status  loa.Status
}

// readSearch reads the query string into a store query. Filters that are not valid
// values are ignored rather than refused: they only come from the form's selects, and
// a hand-edited URL should still get results.
func readSearch(r *http.Request, pg pager) (store.SearchQuery, searchForm, string) {
	v := r.URL.Query()
	f := searchForm{Q: strings.TrimSpace(truncateBytes(v.Get("q"), searchMaxInput))}
	q := store.SearchQuery{Text: f.Q, Page: store.Page{Number: pg.Number, Size: pg.Size}}
	if k := loa.ItemKind(v.Get("kind")); k.Valid() {
		f.Kind, q.Kind = string(k), k
	}
	if st := loa.Status(v.Get("status")); validSearchStatus(st) {
		f.Status, q.Status = string(st), st
	}
	f.Unit, _ = strconv.ParseInt(v.Get("unit"), 10, 64)
	f.Channel, _ = strconv.ParseInt(v.Get("channel"), 10, 64)
	q.UnitID, q.ChannelID = max(f.Unit, 0), max(f.Channel, 0)
	var msg string
	f.From, f.To = strings.TrimSpace(v.Get("from")), strings.TrimSpace(v.Get("to"))
	if errs := loa.RangeFieldErrors(f.From, f.To, true); errs != nil {
		msg = errs["from"] // a wrong range filters nothing; the page says why
		if errs["to"] != "" {
			msg = errs["to"]
		}
	} else {
		q.From, _ = loa.ParseOptionalDate(f.From)
		q.To, _ = loa.ParseOptionalDate(f.To)
	}
	// While typing (htmx), the last word is a prefix: "truy" already finds "truyền".
	// A submitted form looks for whole words, since a short word as a prefix ("tin")
	// would also find every "tỉnh".
	q.Prefix = r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true"
	return q, f, msg
}

func validSearchStatus(st loa.Status) bool {
	for _, x := range loa.Statuses {
		if x == st {
			return true
		}
	}
	return false
}

// truncateBytes cuts s to at most n bytes; a rune cut in half is left to ParseQuery,
// which treats invalid UTF-8 as a separator.
func truncateBytes(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// maxSearches is how many searches run at once: one per core keeps the cores busy,
// and a crowd of readers searching waits its turn instead of each holding its
// candidates and a reading connection at the same time. With 64 clients on the
// national set: the search page 124 → 150 req/s, p99 1.34 s → 0.46 s; the API 162 →
// 230 req/s, p95 760 → 297 ms (BENCHMARKS.md, "Quiet run").
func maxSearches() int { return max(2, runtime.GOMAXPROCS(0)) }

// search runs q when a turn is free, or gives up when the request ends first.
func (s *Server) search(ctx context.Context, q store.SearchQuery) (store.SearchResult, error) {
	select {
	case s.searches <- struct{}{}:
		defer func() { <-s.searches }()
	case <-ctx.Done():
		return store.SearchResult{}, ctx.Err()
	}
	s.metrics.searches.Inc()
	return s.db.Search(ctx, q)
}

// searchCache keeps the results of the public search page's latest queries: a crowd
// typing the same words (a name in the news) costs one search, not one each, and
// readers asking at once for a query being searched wait for that search (issue 20:
// at 64 connections the first second's readers each searched, and made the p99 of
// the national set's search page 0.5–1 s). Results are dropped exactly when the
// public pages are: by a change of the site (the page cache's generation moves on)
// and after cacheTTL (unit names do not pass through SiteChanged). At most
// searchCacheMax queries, any one dropped when full: a flood of new queries only
// makes them uncached, as they were.
type searchCache struct {
	mu      sync.Mutex
	m       map[store.SearchQuery]*searchEntry
	flights singleflight.Group
}

type searchEntry struct {
	res  store.SearchResult // shared, read only
	gen  uint64             // the page cache's generation when the search began
	read time.Time
}

const searchCacheMax = 256

// publicSearch is search through s.searchResults.
func (s *Server) publicSearch(ctx context.Context, q store.SearchQuery) (store.SearchResult, error) {
	c := &s.searchResults
	gen := s.cache.generation()
	c.mu.Lock()
	e := c.m[q]
	c.mu.Unlock()
	if e != nil && e.gen == gen && time.Since(e.read) < cacheTTL {
		return e.res, nil
	}
	// One search of q at a time, which no reader's leaving cancels; each reader waits
	// for it as long as it stays.
	ch := c.flights.DoChan(fmt.Sprintf("%d %#v", gen, q), func() (any, error) {
		// Read before the search: a change made while it runs moves the generation
		// on, and the result stored under the old one is never served.
		e := &searchEntry{gen: gen, read: time.Now()}
		res, err := s.search(context.WithoutCancel(ctx), q)
		if err != nil {
			return res, err
		}
		e.res = res
		c.mu.Lock()
		if c.m == nil {
			c.m = map[store.SearchQuery]*searchEntry{}
		}
		if len(c.m) >= searchCacheMax {
			for k := range c.m { // any one: map order is random
				delete(c.m, k)
				break
			}
		}
		c.m[q] = e
		c.mu.Unlock()
		return res, nil
	})
	select {
	case r := <-ch:
		return r.Val.(store.SearchResult), r.Err
	case <-ctx.Done():
		return store.SearchResult{}, ctx.Err()
	}
}

// runSearch runs q and fills the view; a store error other than EINVALID is returned.
// The public page's results come through searchCache.
func (s *Server) runSearch(r *http.Request, q store.SearchQuery, view *searchView) error {
	view.Typed = q.Text != ""
	search := s.search
	if !view.App {
		search = s.publicSearch
	}
	res, err := search(r.Context(), q)
	switch {
	case loa.ErrorCode(err) == loa.EINVALID:
		view.Error = T(s.lang(r), loa.ErrorMessage(err))
		return nil
	case err != nil:
		return err
	}
	view.Searched = !res.Query.Empty()
	view.Truncated = res.Query.Truncated
	view.Total, view.More = res.Total, res.More
	view.Pager.Total = res.Total
	for _, h := range res.Hits {
		hv := searchHitView{
			Title:   template.HTML(h.TitleHTML), // escaped by the store, <mark> only
			Snippet: template.HTML(h.Snippet),
			Unit:    h.UnitName,
			Kind:    h.Kind,
			Status:  h.Status,
			Date:    searchDate(h).Display(),
		}
		if view.App {
			hv.URL = "/app/items/" + strconv.FormatInt(h.ID, 10)
		} else {
			hv.URL = searchItemPath(h)
		}
		view.Hits = append(view.Hits, hv)
	}
	return nil
}

// searchItemPath is the public URL of a hit, the one the public site serves.
func searchItemPath(h store.SearchHit) string {
	return itemPath(&loa.Item{ID: h.ID, Slug: h.Slug, Title: h.Title})
}

// searchDate is the day an item came out: its first publication, else the day it was
// put on the site.
func searchDate(h store.SearchHit) loa.Date {
	if !h.FirstPub.IsZero() || h.PublishedAt.IsZero() {
		return h.FirstPub
	}
	return loa.DateOf(h.PublishedAt)
}

// siteSearch is the public search page: published items only. With htmx (results as
// you type) it answers with the results alone.
func (s *Server) siteSearch(w http.ResponseWriter, r *http.Request) {
	pg := pageOf(r, searchPageSize)
	q, f, msg := readSearch(r, pg)
	q.Public = true
	q.Status, q.UnitID, q.ChannelID = "", 0, 0 // not offered on the public page
	view := &searchView{Form: f, Pager: pg, Error: T(s.lang(r), msg)}
	if err := s.runSearch(r, q, view); err != nil {
		s.renderError(w, r, err)
		return
	}
	title := T(s.lang(r), "Tìm kiếm")
	if f.Q != "" {
		title = f.Q + " · " + title
	}
	title += " · " + s.cfg.SiteName // a tab or a bookmark says whose search it is
	s.renderSearch(w, r, "site/search", &Page{Title: title, Data: view})
}

// appSearch is the back office's search: every status, and filters by unit, kind,
// status, channel and dates. A contributor finds only its own unit's items (the store
// scopes the query to it).
func (s *Server) appSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := loa.UserFrom(ctx)
	pg := pageOf(r, searchPageSize)
	q, f, msg := readSearch(r, pg)
	f.Statuses = loa.Statuses
	f.ShowUnitFilter = !u.ScopedToUnit()
	if f.ShowUnitFilter {
		units, err := s.db.Units(ctx)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		f.Units = units
	} else {
		q.UnitID = 0
	}
	channels, err := s.db.Channels(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f.Channels = channels
	view := &searchView{Form: f, Pager: pg, App: true, Error: T(s.lang(r), msg)}
	if err := s.runSearch(r, q, view); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderSearch(w, r, "app/search", &Page{Title: T(s.lang(r), "Tìm kiếm"), Data: view})
}

// renderSearch writes the whole page, or only the results for an htmx request. The
// same URL gives both, so caches must key on HX-Request.
func (s *Server) renderSearch(w http.ResponseWriter, r *http.Request, name string, p *Page) {
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") != "true" || r.Header.Get("HX-History-Restore-Request") == "true" {
		s.render(w, r, name, p)
		return
	}
	s.fillPage(r, p)
	t, err := s.views.lookup(p.Lang, name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "search_results", p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// apiSearchHit is one result of GET /api/v1/search (CONTRACTS.md).
type apiSearchHit struct {
	Title       string       `json:"title"`
	URL         string       `json:"url"`
	PublishedOn string       `json:"published_on"`
	Unit        string       `json:"unit"`
	Kind        loa.ItemKind `json:"kind"`
}

// apiSearch answers GET /api/v1/search?q=Q with the published items matching Q:
// {"total": N, "results": [...]}, 20 a page (?page=N). A query without a usable word
// gives no results, never an error.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	pg := pageOf(r, searchPageSize)
	res, err := s.search(r.Context(), store.SearchQuery{
		Text:       strings.TrimSpace(truncateBytes(r.URL.Query().Get("q"), searchMaxInput)),
		Public:     true,
		Page:       store.Page{Number: pg.Number, Size: pg.Size},
		NoSnippets: true, // the API returns neither
	})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := struct {
		Total   int            `json:"total"`
		More    bool           `json:"more,omitempty"` // total is capped at store.SearchCap
		Results []apiSearchHit `json:"results"`
	}{Total: res.Total, More: res.More, Results: []apiSearchHit{}}
	for _, h := range res.Hits {
		out.Results = append(out.Results, apiSearchHit{
			Title:       h.Title,
			URL:         searchItemPath(h),
			PublishedOn: searchDate(h).String(),
			Unit:        h.UnitName,
			Kind:        h.Kind,
		})
	}
	writeJSON(w, http.StatusOK, out)
}

package web

import (
	"context"
	"time"

	dto "github.com/prometheus/client_model/go"

	"loa/mail"
)

// SetSitemapLimit lowers the URLs per sitemap file for a test; call the returned
// function to restore it.
func SetSitemapLimit(n int) func() {
	old := sitemapLimit
	sitemapLimit = n
	return func() { sitemapLimit = old }
}

// CacheLen is the number of pages in s's cache.
func (s *Server) CacheLen() int { return s.cache.Len() }

// SetMail points the reminders at an SMTP server, as LOA_SMTP_* would at start.
func (s *Server) SetMail(c mail.Config) { s.cfg.Mail = c }

// SetViewClock makes the view counter read the time from now.
func (s *Server) SetViewClock(now func() time.Time) { s.reads.now = now }

// FlushViews writes the views counted so far, as the background job does.
func (s *Server) FlushViews(ctx context.Context) error { return s.flushViews(ctx) }

// AgeCache makes the page cache's pages and what they share (the chrome, the related
// lists) older by d, as if d passed.
func (s *Server) AgeCache(d time.Duration) {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.ll.Front(); el != nil; el = el.Next() {
		el.Value.(*cachedPage).expires = el.Value.(*cachedPage).expires.Add(-d)
	}
	for _, e := range c.shared {
		e.read = e.read.Add(-d)
	}
}

// ChromeShared reports whether the cache holds a shared chrome.
func (s *Server) ChromeShared() bool {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return s.cache.shared["chrome"] != nil
}

// CacheTTL is how long a cached page lives.
const CacheTTL = cacheTTL

// SetPlainChrome makes s execute the public chrome's templates on every page instead
// of writing the fragments rendered once (site_chrome.go).
func (s *Server) SetPlainChrome(on bool) { s.plainChrome = on }

// AgeSearches makes the public search page's kept results older by d.
func (s *Server) AgeSearches(d time.Duration) {
	c := &s.searchResults
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.m {
		e.read = e.read.Add(-d)
	}
}

// SearchesRun is how many searches s ran in the database.
func (s *Server) SearchesRun() float64 {
	var m dto.Metric
	s.metrics.searches.Write(&m)
	return m.GetCounter().GetValue()
}

// HoldSearches takes every turn to search: searches wait until release is called.
func (s *Server) HoldSearches() (release func()) {
	for range cap(s.searches) {
		s.searches <- struct{}{}
	}
	return func() {
		for range cap(s.searches) {
			<-s.searches
		}
	}
}

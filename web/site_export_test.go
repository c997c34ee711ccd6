package web

import "loa/mail"

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

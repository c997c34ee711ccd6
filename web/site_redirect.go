package web

import (
	"net/http"
	"strings"

	"loa"
	"loa/store"
)

// The addresses of a site brought over with `loa import site` (CONTRACTS.md "HTTP":
// old URLs answer 301): the old site's articles, categories, pages and feeds are
// looked up in site_redirects when nothing of loa's answers them. Paths arrive at the
// catch-all 404 (siteNotFound); the old sites' query addresses (/?p=123,
// /index.php?nv=news&op=…) arrive at the home page, which looks them up only when
// the query names an old page, before its page cache, so the home stays as cheap
// as it was.

// oldSiteParams are the query parameters by which the old sites named a page.
var oldSiteParams = []string{"p", "page_id", "cat", "feed", "nv"}

// siteOldAddress answers 301 to the new page when r is an old address it knows,
// and reports whether it did.
func (s *Server) siteOldAddress(w http.ResponseWriter, r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/app") {
		return false
	}
	target, err := s.db.SiteRedirect(r.Context(), store.RedirectKey(r.URL))
	if err != nil {
		if loa.ErrorCode(err) != loa.ENOTFOUND {
			s.log.Error("old address", "path", r.URL.Path, "err", err)
		}
		return false
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
	return true
}

// withOldQueries serves the old sites' query addresses before the home page h.
func (s *Server) withOldQueries(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			q := r.URL.Query()
			for _, p := range oldSiteParams {
				if q.Has(p) {
					if s.siteOldAddress(w, r) {
						return
					}
					break
				}
			}
		}
		h(w, r)
	}
}

// sitePage shows a site page other than the about page: the pages an old site had
// (store.SitePagePath).
func (s *Server) sitePage(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if slug == aboutSlug {
		http.Redirect(w, r, "/"+aboutSlug, http.StatusMovedPermanently)
		return
	}
	p, err := s.db.SitePageBySlug(r.Context(), slug)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	paras := paragraphs(p.Body)
	s.siteRender(w, r, "site/about", &Page{Title: p.Title + " · " + s.cfg.SiteName, Desc: excerpt(strings.Join(paras, " "), 200)},
		map[string]any{"Heading": p.Title, "Paragraphs": paras})
}

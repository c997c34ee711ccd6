package web

import "net/http"

func init() {
	featureRoutes = append(featureRoutes, func(s *Server) { s.handle("GET /{$}", public, s.siteHome) })
}

// siteHome is the public home page; the public-site feature replaces it.
func (s *Server) siteHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "site/home", &Page{Title: s.cfg.SiteName})
}

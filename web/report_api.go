package web

import (
	"net/http"

	"loa"
)

// apiReport serves the report JSON of CONTRACTS.md: ?period=P, or ?from=D&to=D, and
// optionally scope=CODE. 400 with a JSON error for bad parameters.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, to, err := s.cfg.YearStart.ReportRange(q.Get("period"), q.Get("from"), q.Get("to"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rep, err := s.db.RolledUpReport(r.Context(), loa.ReportQuery{From: from, To: to, Scope: q.Get("scope"), YearStart: s.cfg.YearStart})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

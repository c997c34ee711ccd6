package web

import (
	"net/http"

	"loa/docx"
)

// reportDocx sends the official Báo cáo of the page's period or range as a Word file (or PDF)
// (Decree 30/2020 layout, package docx), with the agency, number, signer and
// recipients of the document settings.
func (s *Server) reportDocx(w http.ResponseWriter, r *http.Request) {
	rq, err := s.reportRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rep, err := s.db.RolledUpReport(r.Context(), rq)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := docx.ReportFrom(r.Context(), s.db, rep, s.cfg.SiteName)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.sendDocument(w, r, d, reportFileName(rep))
}

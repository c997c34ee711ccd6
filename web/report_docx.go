package web

import (
	"bytes"
	"fmt"
	"net/http"

	"loa/docx"
)

// reportDocx sends the official Báo cáo of the page's period or range as a Word file
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
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", reportFileName(rep)+".docx"))
	w.Write(buf.Bytes())
}

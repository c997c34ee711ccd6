package web

import (
	"net/http"
	"net/url"
	"strings"

	"loa"
	"loa/docx"
	"loa/store"
)

// narrativeReport is the whole-agency report of the request's period, which the
// narrative is written for: a range of dates or one province's report has none.
func (s *Server) narrativeReport(r *http.Request) (*loa.Report, docx.ReportOptions, error) {
	q := r.URL.Query()
	if strings.TrimSpace(q.Get("period")) == "" || q.Get("from") != "" || q.Get("to") != "" || q.Get("scope") != "" {
		return nil, docx.ReportOptions{}, loa.Errorf(loa.EINVALID, "Phần nhận định được viết cho một kỳ báo cáo của mọi đơn vị: xin chọn kỳ.")
	}
	rq, err := s.reportRequest(r)
	if err != nil {
		return nil, docx.ReportOptions{}, err
	}
	rep, err := s.db.RolledUpReport(r.Context(), rq)
	if err != nil {
		return nil, docx.ReportOptions{}, err
	}
	opt, err := docx.ReportOptionsFrom(r.Context(), s.db, rep, s.cfg.SiteName)
	return rep, opt, err
}

// narrativeFields are the report's narrative sections in the form's order.
var narrativeFields = []struct{ Key, Label string }{
	{Key: "results", Label: "I. Kết quả thực hiện"},
	{Key: "shortcomings", Label: "II. Hạn chế, nguyên nhân"},
	{Key: "directions", Label: "III. Phương hướng, nhiệm vụ kỳ tới"},
}

func narrativeValues(n docx.Narrative) url.Values {
	return url.Values{"results": {n.Results}, "shortcomings": {n.Shortcomings}, "directions": {n.Directions}}
}

// narrativeForm shows the report's narrative sections to edit: what was stored for
// the period, else the text written from the figures.
func (s *Server) narrativeForm(w http.ResponseWriter, r *http.Request) {
	rep, opt, err := s.narrativeReport(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	written := docx.Written(rep, opt)
	v := narrativeValues(written)
	for k, edited := range narrativeValues(opt.Narrative) {
		if edited[0] != "" {
			v[k] = edited
		}
	}
	s.renderNarrative(w, r, rep, &form{Values: v, Errors: map[string]string{}}, 0)
}

func (s *Server) renderNarrative(w http.ResponseWriter, r *http.Request, rep *loa.Report, f *form, status int) {
	s.render(w, r, "app/report_narrative", &Page{Title: T(s.lang(r), "Nội dung báo cáo"), Form: f, Status: status, Data: map[string]any{
		"Fields": narrativeFields, "Period": rep.Period, "Title": docx.ReportTitle(rep), "Back": "/app/reports?" + reportParams(rep).Encode(),
	}})
}

// narrativeSave stores the sections for the period. A section left as written from
// the figures (or emptied) is stored empty, so that it follows the figures when they
// change; the store audits the change.
func (s *Server) narrativeSave(w http.ResponseWriter, r *http.Request) {
	rep, opt, err := s.narrativeReport(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	written := narrativeValues(docx.Written(rep, opt))
	kept := func(k string) string {
		v := strings.ReplaceAll(f.Get(k), "\r\n", "\n")
		if v == strings.TrimSpace(written.Get(k)) {
			return ""
		}
		return v
	}
	n := &store.ReportNarrative{Period: rep.Period, Results: kept("results"), Shortcomings: kept("shortcomings"), Directions: kept("directions")}
	if err := s.db.SaveReportNarrative(r.Context(), n); err != nil {
		if Status(err) == http.StatusInternalServerError {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderNarrative(w, r, rep, f, Status(err))
		return
	}
	s.redirect(w, r, "/app/reports?"+reportParams(rep).Encode(), "Đã lưu nội dung báo cáo.")
}

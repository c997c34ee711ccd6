package web

import (
	"net/http"
	"net/url"

	"loa"
	"loa/store"
)

// periodClosingView is what the report page says of its period's closing, and which
// of the two acts its reader may take (CONTRACTS.md "Closed periods").
type periodClosingView struct {
	Period    string
	Last      *store.ClosedPeriod // the period's record, nil when it was never closed
	Closed    bool
	CanClose  bool
	CanReopen bool
}

// periodClosing is the closing of period (a named period's code; nil for a range
// that is not one).
func (s *Server) periodClosing(r *http.Request, period string) (*periodClosingView, error) {
	if period == "" {
		return nil, nil
	}
	all, err := s.db.ClosedPeriods(r.Context())
	if err != nil {
		return nil, err
	}
	u := loa.UserFrom(r.Context())
	v := &periodClosingView{Period: period}
	for _, c := range all {
		if c.Period == period {
			v.Last, v.Closed = c, c.Closed()
		}
	}
	v.CanClose = !v.Closed && store.CanClosePeriod(u)
	v.CanReopen = v.Closed && store.CanReopenPeriod(u)
	return v, nil
}

// reportClose closes the figures of the report's period (leader, secretary, admin),
// from the report page: POST /app/reports/close?period=P.
func (s *Server) reportClose(w http.ResponseWriter, r *http.Request) {
	s.periodAct(w, r, func(p loa.Period, f *form) error { return s.db.ClosePeriod(r.Context(), p) },
		"Đã chốt số liệu của kỳ; từ nay không ai thay đổi được số liệu này.")
}

// reportReopen reopens them, the admin's act with a reason on record.
func (s *Server) reportReopen(w http.ResponseWriter, r *http.Request) {
	s.periodAct(w, r, func(p loa.Period, f *form) error { return s.db.ReopenPeriod(r.Context(), p.Name, f.Get("reason")) },
		"Đã mở lại kỳ; lý do được ghi vào nhật ký.")
}

// periodAct runs act on the period named in the query and goes back to its report;
// a refusal re-shows the report page with the form as typed.
func (s *Server) periodAct(w http.ResponseWriter, r *http.Request, act func(loa.Period, *form) error, done string) {
	f := newForm(r)
	p, err := s.cfg.YearStart.ParsePeriod(r.URL.Query().Get("period"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := act(p, f); err != nil {
		switch loa.ErrorCode(err) {
		case loa.EINVALID, loa.ECONFLICT, loa.EFORBIDDEN:
			f.fail(err)
			s.renderReportPage(w, r, f, Status(err))
		default:
			s.renderError(w, r, err)
		}
		return
	}
	s.redirect(w, r, "/app/reports?period="+url.QueryEscape(p.Name), done)
}

package web

import (
	"net/http"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

// periodParam reads ?period=, defaulting to the half-year that holds today. A bad
// name is EINVALID (a 400 page naming it).
func (s *Server) periodParam(r *http.Request) (loa.Period, error) {
	ys := s.cfg.YearStart
	name := strings.TrimSpace(r.URL.Query().Get("period"))
	if name == "" {
		return ys.HalfOf(s.today()), nil
	}
	return ys.ParsePeriod(name)
}

// periodChoices are the periods offered in a pick-list: those of the work years
// around the current one.
func (s *Server) periodChoices() []loa.Period {
	ys := s.cfg.YearStart
	y := ys.WorkYear(s.today())
	var out []loa.Period
	for yr := y + 1; yr >= y-3; yr-- {
		out = append(out, ys.PeriodsOfYear(yr)...)
	}
	return out
}

func (s *Server) plansList(w http.ResponseWriter, r *http.Request) {
	plans, err := s.db.Plans(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Values: map[string][]string{"year": {strconv.Itoa(s.cfg.YearStart.WorkYear(loa.Today()))}}, Errors: map[string]string{}}
	s.renderPlans(w, r, plans, f, 0)
}

func (s *Server) renderPlans(w http.ResponseWriter, r *http.Request, plans []*loa.Plan, f *form, status int) {
	docs, err := s.db.PlanDocuments(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/plans", &Page{Title: T(s.lang(r), "Kế hoạch"), Form: f, Status: status,
		Data: map[string]any{"Plans": plans, "Documents": docs}})
}

func planFromForm(f *form) *loa.Plan {
	year, err := strconv.Atoi(f.Get("year"))
	if err != nil {
		f.Errors["year"] = "Năm công tác không hợp lệ."
	}
	v, _ := strconv.Atoi(f.Get("version"))
	return &loa.Plan{Year: year, Number: f.Get("number"), Title: f.Get("title"), Issued: f.date("issued"),
		DocumentID: f.id("document_id"), Note: f.Get("note"), Version: v}
}

func (s *Server) planCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	p := planFromForm(f)
	if f.ok() {
		err := s.db.SavePlan(r.Context(), p)
		if err == nil {
			s.redirect(w, r, "/app/plans/"+strconv.FormatInt(p.ID, 10), "Đã lưu kế hoạch.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	plans, err := s.db.Plans(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderPlans(w, r, plans, f, http.StatusBadRequest)
}

// formError reports whether err is one a form shows next to its fields (bad values,
// a stale version) rather than an error page.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.Plan(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"year": {strconv.Itoa(p.Year)}, "number": {p.Number}, "title": {p.Title}, "issued": {p.Issued.Display()},
		"document_id": {strconv.FormatInt(p.DocumentID, 10)}, "note": {p.Note}, "version": {strconv.Itoa(p.Version)},
	}}
	s.renderPlan(w, r, p, f, 0)
}

func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, p *loa.Plan, f *form, status int) {
	ctx := r.Context()
	periods := s.cfg.YearStart.PeriodsOfYear(p.Year)
	names := make([]string, len(periods))
	for i, pp := range periods {
		names[i] = pp.Name
	}
	themes, err := s.db.Themes(ctx, names...)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// How many quotas each period holds, for the links to the grids.
	counts := map[string]int{}
	for _, name := range names {
		qs, err := s.db.Quotas(ctx, name)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		counts[name] = len(qs)
	}
	docs, err := s.db.PlanDocuments(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/plan", &Page{Title: p.Title, Form: f, Status: status, Data: map[string]any{
		"Plan": p, "Periods": periods, "QuotaCounts": counts, "Themes": themes, "Documents": docs}})
}

func (s *Server) planUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	stored, err := s.db.Plan(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	p := planFromForm(f)
	p.ID = id
	if f.ok() {
		err := s.db.SavePlan(r.Context(), p)
		if err == nil {
			s.redirect(w, r, "/app/plans/"+strconv.FormatInt(id, 10), "Đã lưu kế hoạch.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderPlan(w, r, stored, f, http.StatusBadRequest)
}

// quotaKinds are the grid's columns: any kind first, then each item kind.
var quotaKinds = append([]string{loa.QuotaKindAny}, func() []string {
	var ks []string
	for _, k := range loa.ItemKinds {
		ks = append(ks, string(k))
	}
	return ks
}()...)

// quotaKindLabel names a quota kind ("any" or an item kind) in lang.
func quotaKindLabel(lang string) func(k string) string {
	return func(k string) string { return T(lang, loa.QuotaKindName(k)) }
}

// quotaRow is a unit's row of the grid, with the field name of each cell.
type quotaRow struct {
	Unit  *loa.Unit
	Cells []quotaCell
}

type quotaCell struct {
	Kind, Field string
}

// quotaUnits are the grid's rows: the units that exist on some day of p, as the report
// lists them, plus any unit that holds a quota for p already.
func (s *Server) quotaUnits(r *http.Request, p loa.Period) ([]*loa.Unit, []loa.UnitQuota, error) {
	units, err := s.db.Units(r.Context())
	if err != nil {
		return nil, nil, err
	}
	qs, err := s.db.Quotas(r.Context(), p.Name)
	if err != nil {
		return nil, nil, err
	}
	held := map[int64]bool{}
	for _, q := range qs {
		held[q.UnitID] = true
	}
	var out []*loa.Unit
	for _, n := range unitTree(units) {
		if n.ActiveDuring(p.From, p.To) || held[n.ID] {
			out = append(out, n.Unit)
		}
	}
	return out, qs, nil
}

func quotaRows(units []*loa.Unit) []quotaRow {
	rows := make([]quotaRow, 0, len(units))
	for _, u := range units {
		row := quotaRow{Unit: u}
		for _, k := range quotaKinds {
			row.Cells = append(row.Cells, quotaCell{Kind: k, Field: store.QuotaField(u.ID, k)})
		}
		rows = append(rows, row)
	}
	return rows
}

func (s *Server) quotaGrid(w http.ResponseWriter, r *http.Request) {
	p, err := s.periodParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, qs, err := s.quotaUnits(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Values: map[string][]string{}, Errors: map[string]string{}}
	for _, q := range qs {
		f.Values.Set(store.QuotaField(q.UnitID, q.Kind), strconv.Itoa(q.Target))
	}
	s.renderQuotaGrid(w, r, p, units, f, 0)
}

func (s *Server) renderQuotaGrid(w http.ResponseWriter, r *http.Request, p loa.Period, units []*loa.Unit, f *form, status int) {
	s.render(w, r, "app/quotas", &Page{Title: T(s.lang(r), "Chỉ tiêu") + " " + p.Name, Form: f, Status: status, Data: map[string]any{
		"Period": p, "Periods": s.periodChoices(), "Kinds": quotaKinds, "Rows": quotaRows(units), "KindLabel": quotaKindLabel(s.lang(r)),
		"CanEdit": planners.Allows(loa.UserFrom(r.Context())),
	}})
}

// quotaGridSave saves the whole grid of a period in one transaction. A cell that is
// not a whole number ≥ 0 is named and nothing is saved; the page comes back with
// every typed value.
func (s *Server) quotaGridSave(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	p, err := s.cfg.YearStart.ParsePeriod(f.Get("period"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, _, err := s.quotaUnits(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var cells []store.QuotaCell
	for _, u := range units {
		for _, k := range quotaKinds {
			field := store.QuotaField(u.ID, k)
			if _, sent := f.Values[field]; !sent {
				continue // a grid from before a unit was added leaves that unit alone
			}
			text := f.Get(field)
			if text == "" {
				cells = append(cells, store.QuotaCell{UnitID: u.ID, Kind: k, Blank: true})
				continue
			}
			n, err := strconv.Atoi(text)
			if err != nil || n < 0 {
				f.Errors[field] = "Chỉ tiêu của " + u.Code + " (" + k + ") phải là số nguyên không âm."
				continue
			}
			cells = append(cells, store.QuotaCell{UnitID: u.ID, Kind: k, Target: n})
		}
	}
	if f.ok() {
		err := s.db.SetQuotas(r.Context(), s.cfg.YearStart, p.Name, cells)
		if err == nil {
			s.redirect(w, r, "/app/quotas?period="+p.Name, "Đã lưu chỉ tiêu.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	if f.Error == "" {
		f.Error = "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu."
	}
	s.renderQuotaGrid(w, r, p, units, f, http.StatusBadRequest)
}

func (s *Server) themesList(w http.ResponseWriter, r *http.Request) {
	p, err := s.periodParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Values: map[string][]string{"period": {p.Name}}, Errors: map[string]string{}}
	s.renderThemes(w, r, p, f, 0)
}

func (s *Server) renderThemes(w http.ResponseWriter, r *http.Request, p loa.Period, f *form, status int) {
	// The period's themes, and those of the periods that contain it or it contains
	// (a year's theme runs through its halves).
	y := p.Name[:4]
	themes, err := s.db.Themes(r.Context(), y, y+"-H1", y+"-H2", y+"-Q1", y+"-Q2", y+"-Q3", y+"-Q4")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var shown []*loa.Theme
	for _, t := range themes {
		tp, err := s.cfg.YearStart.ParsePeriod(t.Period)
		if err == nil && !tp.To.Before(p.From) && !tp.From.After(p.To) {
			shown = append(shown, t)
		}
	}
	s.render(w, r, "app/themes", &Page{Title: T(s.lang(r), "Chủ đề") + " " + p.Name, Form: f, Status: status, Data: map[string]any{
		"Period": p, "Periods": s.periodChoices(), "Themes": shown, "CanEdit": planners.Allows(loa.UserFrom(r.Context())),
	}})
}

func (s *Server) themeCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	t := &loa.Theme{Code: f.Get("code"), Period: f.Get("period"), Title: f.Get("title"), Description: f.Get("description"), Day: f.date("day")}
	if f.ok() {
		err := s.db.SaveTheme(r.Context(), s.cfg.YearStart, t)
		if err == nil {
			s.redirect(w, r, "/app/themes?period="+t.Period, "Đã lưu chủ đề.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	p, err := s.cfg.YearStart.ParsePeriod(t.Period)
	if err != nil {
		p = s.cfg.YearStart.HalfOf(loa.Today())
	}
	s.renderThemes(w, r, p, f, http.StatusBadRequest)
}

func (s *Server) themeDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t, err := s.db.Theme(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteTheme(r.Context(), id); err != nil {
		s.refuseBack(w, r, "/app/themes?period="+t.Period, err)
		return
	}
	s.redirect(w, r, "/app/themes?period="+t.Period, "Đã xoá chủ đề.")
}

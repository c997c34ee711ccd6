package web

import (
	"net/http"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

// chartSpec is what web/static/app.js draws with Chart.js.
type chartSpec struct {
	Type     string         `json:"type"`
	Labels   []string       `json:"labels"`
	Datasets []chartDataset `json:"datasets"`
	// Percent draws the value axis from 0 to 100 %; otherwise counts, whole ticks.
	Percent bool `json:"percent,omitempty"`
}

type chartDataset struct {
	Label string `json:"label"`
	Data  []int  `json:"data"`
}

// dashboard is the page the Board opens at a meeting: every unit against its quotas
// for a period (default: the current half-year), worst first. A contributor is sent
// to its own unit's page.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := loa.UserFrom(r.Context())
	if u.ScopedToUnit() {
		http.Redirect(w, r, "/app/dashboard/units/"+strconv.FormatInt(u.UnitID, 10)+queryOf(r), http.StatusSeeOther)
		return
	}
	p, err := s.periodParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	scope := strings.TrimSpace(r.URL.Query().Get("scope"))
	d, err := s.db.Dashboard(r.Context(), store.DashboardQuery{Period: p, YearStart: s.cfg.YearStart, Scope: scope, Today: s.today()})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// Scopes worth offering: the provinces and the Supreme Procuracy.
	scopes, err := s.db.ScopeUnits(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/dashboard", &Page{Title: T(s.lang(r), "Tiến độ") + " " + periodName(s.lang(r), p), Data: s.dashboardData(r, d, map[string]any{
		"Scope": scope, "Scopes": scopes})})
}

func queryOf(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	return "?" + r.URL.RawQuery
}

// dashboardUnit is one unit's page: the same figures for that unit alone. A
// contributor sees only its own unit (the store answers not found for another).
func (s *Server) dashboardUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if u := loa.UserFrom(r.Context()); u.ScopedToUnit() && u.UnitID != id {
		s.renderError(w, r, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy đơn vị."))
		return
	}
	unit, err := s.db.Unit(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.periodParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := s.db.Dashboard(r.Context(), store.DashboardQuery{Period: p, YearStart: s.cfg.YearStart, UnitID: id, Today: s.today()})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var line *store.DashboardUnit
	if len(d.Units) > 0 {
		line = d.Units[0]
	}
	open, _, err := s.db.Assignments(r.Context(), store.AssignmentFilter{UnitID: id, Open: true, Page: store.Page{Size: 100}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// Its declarations dated in the period that do not count yet, or were refused.
	decl, err := s.db.UnitDeclarations(r.Context(), id, p.From, p.To)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/dashboard_unit", &Page{Title: unit.Name + " · " + periodName(s.lang(r), p), Data: s.dashboardData(r, d, map[string]any{
		"Unit": unit, "Line": line, "Open": s.viewAssignments(r, open), "Declarations": decl})})
}

// dashboardData is what both dashboard pages show: the figures and their charts.
func (s *Server) dashboardData(r *http.Request, d *store.Dashboard, extra map[string]any) map[string]any {
	lang := s.lang(r)
	kindLabel := quotaKindLabel(lang)
	trend := chartSpec{Type: "bar", Datasets: []chartDataset{{Label: T(lang, "Tin bài đăng lần đầu")}}}
	for _, m := range d.Trend {
		trend.Labels = append(trend.Labels, m.Month.Time().Format("01/2006"))
		trend.Datasets[0].Data = append(trend.Datasets[0].Data, m.Items)
	}
	byKind := chartSpec{Type: "doughnut", Datasets: []chartDataset{{Label: T(lang, "Tin bài")}}}
	type kindCount struct {
		Kind, Label string
		Items       int
	}
	var kinds []kindCount
	for _, k := range loa.ItemKinds {
		if n := d.Report.ByKind[string(k)]; n > 0 {
			kinds = append(kinds, kindCount{string(k), kindLabel(string(k)), n})
			byKind.Labels = append(byKind.Labels, kindLabel(string(k)))
			byKind.Datasets[0].Data = append(byKind.Datasets[0].Data, n)
		}
	}
	if len(d.Units) == 1 {
		// A unit's page splits its own items, not its scope's.
		kinds, byKind.Labels, byKind.Datasets[0].Data = nil, nil, nil
		for _, k := range loa.ItemKinds {
			if n := d.Units[0].ByKind[string(k)]; n > 0 {
				kinds = append(kinds, kindCount{string(k), kindLabel(string(k)), n})
				byKind.Labels = append(byKind.Labels, kindLabel(string(k)))
				byKind.Datasets[0].Data = append(byKind.Datasets[0].Data, n)
			}
		}
	}
	byChannel := chartSpec{Type: "doughnut", Datasets: []chartDataset{{Label: T(lang, "Lượt đăng")}}}
	for _, c := range d.ByChannel {
		byChannel.Labels = append(byChannel.Labels, c.Name)
		byChannel.Datasets[0].Data = append(byChannel.Datasets[0].Data, c.Publications)
	}
	// The period's state, the same for every unit: too early to forecast, a
	// forecast, or final (over or closed).
	state := loa.Pace(0, 0, d.Period, d.Today)
	if !d.ClosedAt.IsZero() {
		state.Finalize()
	}
	shares := chartSpec{Type: "bar", Percent: true, Datasets: []chartDataset{{Label: T(lang, "% chỉ tiêu đã đạt (chỉ tiêu thấp nhất)")}}}
	if state.Forecasting() {
		shares.Datasets = append(shares.Datasets, chartDataset{Label: T(lang, "% dự kiến cuối kỳ theo nhịp hiện nay")})
	}
	for _, u := range d.Units {
		if u.Forecast == nil {
			continue
		}
		shares.Labels = append(shares.Labels, u.Code)
		shares.Datasets[0].Data = append(shares.Datasets[0].Data, min(u.Share, 100))
		if state.Forecasting() {
			projected := 100
			if u.Forecast.Target > 0 {
				projected = min(u.Forecast.Projected*100/u.Forecast.Target, 100)
			}
			shares.Datasets[1].Data = append(shares.Datasets[1].Data, projected)
		}
	}
	data := map[string]any{
		"D": d, "Periods": s.pastPeriodChoices(), "State": state, "Trend": trend, "ByKind": byKind, "Kinds": kinds, "ByChannel": byChannel,
		"Shares": shares, "Overdue": s.viewAssignments(r, d.Overdue), "KindLabel": kindLabel,
	}
	for k, v := range extra {
		data[k] = v
	}
	return data
}

// today is the date on the server's clock (Config.Now), in Vietnam: the day the
// dashboard counts its pace to.
func (s *Server) today() loa.Date { return loa.DateOf(s.cfg.Now()) }

// pastPeriodChoices are the periods a picker of figures offers: the current one
// first, then those before it; none that has not started.
func (s *Server) pastPeriodChoices() []loa.Period {
	today := s.today()
	var out []loa.Period
	for _, p := range s.periodChoices() {
		if !p.From.After(today) {
			out = append(out, p)
		}
	}
	return out
}

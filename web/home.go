package web

import (
	"net/http"

	"loa"
	"loa/store"
)

// periodGlance is where the current period stands, on the landing page of those who
// run the Board's work (the leader, the secretary, admins): the figures the Board
// opens at its meetings, in a few lines, with the open action items of its meetings.
type periodGlance struct {
	Period       loa.Period
	Words        string // "6 tháng đầu năm 2025"
	Elapsed      int    // % of the period's days gone
	Items        int
	Publications int
	Below        int // units missing a quota
	Targeted     int // units with quotas
	Overdue      int // assignments past due
	OpenActions  int // action items of the Board's meetings still open
	LateActions  int // of which past due
	LastMeeting  *store.Meeting
}

// homeData is what the landing page shows beyond its panels: the period at a glance
// for those who run the Board's work.
func (s *Server) homeData(r *http.Request) (map[string]any, error) {
	ctx := r.Context()
	u := loa.UserFrom(ctx)
	if u == nil || (u.Role != loa.RoleLeader && u.Role != loa.RoleSecretary && u.Role != loa.RoleAdmin) {
		return nil, nil
	}
	today := loa.Today()
	p := s.cfg.YearStart.HalfOf(today)
	d, err := s.db.Dashboard(ctx, store.DashboardQuery{Period: p, YearStart: s.cfg.YearStart})
	if err != nil {
		return nil, err
	}
	g := &periodGlance{Period: p, Words: loa.PeriodWords(p.Name, p.From, p.To), Items: d.Report.Items,
		Publications: d.Report.Publications, Below: d.Below, Targeted: d.Targeted, Overdue: len(d.Overdue)}
	if days := p.Days(); days > 0 {
		g.Elapsed = min(100, (loa.Period{From: p.From, To: today}.Days())*100/days)
	}
	actions, err := s.db.ActionItems(ctx, store.ActionFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		g.OpenActions++
		if !a.Due.IsZero() && a.Due.Before(today) {
			g.LateActions++
		}
	}
	meetings, _, err := s.db.Meetings(ctx, store.Page{Number: 1, Size: 1})
	if err != nil {
		return nil, err
	}
	if len(meetings) > 0 {
		g.LastMeeting = meetings[0]
	}
	return map[string]any{"Glance": g}, nil
}

package web

import (
	"net/http"
	"strings"

	"loa"
	"loa/store"
)

// calendarDay is one day of the month view: the themes of that day and the
// assignments due on it. Publication dates are not shown here: the calendar is the
// plan, not the record.
type calendarDay struct {
	Date        loa.Date
	InMonth     bool
	Today       bool
	Themes      []*loa.Theme
	Assignments []assignmentView
}

// calendar shows a month (?month=YYYY-MM, default the current one) in weeks from
// Monday, as Vietnamese calendars do.
func (s *Server) calendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	today := loa.Today()
	first := loa.NewDate(today.Year(), today.Month(), 1)
	if m := strings.TrimSpace(r.URL.Query().Get("month")); m != "" {
		var err error
		if first, _, err = loa.ParseMonth(m); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	last := first.AddMonths(1).AddDays(-1)
	// From the Monday on or before the 1st to the Sunday on or after the last day.
	start := first.AddDays(-((int(first.Time().Weekday()) + 6) % 7))
	end := last.AddDays((7 - int(last.Time().Weekday())) % 7)

	themes, err := s.db.ThemesOn(ctx, start, end)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	due, _, err := s.db.Assignments(ctx, store.AssignmentFilter{DueFrom: start, DueTo: end, Page: store.Page{Size: 500}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	byDay := map[string]*calendarDay{}
	var weeks [][]*calendarDay
	for d := start; !d.After(end); d = d.AddDays(1) {
		if (len(weeks) == 0) || len(weeks[len(weeks)-1]) == 7 {
			weeks = append(weeks, nil)
		}
		cd := &calendarDay{Date: d, InMonth: d.Month() == first.Month(), Today: d.Equal(today)}
		byDay[d.String()] = cd
		weeks[len(weeks)-1] = append(weeks[len(weeks)-1], cd)
	}
	for _, t := range themes {
		if cd := byDay[t.Day.String()]; cd != nil {
			cd.Themes = append(cd.Themes, t)
		}
	}
	for _, a := range s.viewAssignments(r, due) {
		if cd := byDay[a.Due.String()]; cd != nil {
			cd.Assignments = append(cd.Assignments, a)
		}
	}
	s.render(w, r, "app/calendar", &Page{Title: T(s.lang(r), "Lịch") + " " + first.Time().Format("01/2006"), Data: map[string]any{
		"Month": first, "Weeks": weeks, "Prev": first.AddMonths(-1).YearMonth(), "Next": first.AddMonths(1).YearMonth(),
		"Count": len(due), "Themes": themes}})
}

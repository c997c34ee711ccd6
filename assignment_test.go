package loa

import "testing"

func TestAssignmentMoves(t *testing.T) {
	for _, tc := range []struct {
		from, to AssignmentState
		want     bool
	}{
		{AssignmentAssigned, AssignmentInProgress, true},
		{AssignmentAssigned, AssignmentSubmitted, true},
		{AssignmentAssigned, AssignmentDone, true},
		{AssignmentAssigned, AssignmentCancelled, true},
		{AssignmentInProgress, AssignmentSubmitted, true},
		{AssignmentInProgress, AssignmentAssigned, false},
		{AssignmentSubmitted, AssignmentInProgress, true}, // the item was returned
		{AssignmentSubmitted, AssignmentAssigned, false},
		{AssignmentSubmitted, AssignmentDone, true},
		{AssignmentDone, AssignmentCancelled, false},
		{AssignmentDone, AssignmentInProgress, false},
		{AssignmentCancelled, AssignmentAssigned, false},
		{AssignmentAssigned, AssignmentAssigned, false},
		{AssignmentAssigned, "overdue", false}, // overdue is derived, never a state
	} {
		t.Run(string(tc.from)+" to "+string(tc.to), func(t *testing.T) {
			if got := tc.from.CanMove(tc.to); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAssignmentAfterItemEvent(t *testing.T) {
	for _, tc := range []struct {
		from  AssignmentState
		event string
		want  AssignmentState
		moved bool
	}{
		{AssignmentAssigned, "submitted", AssignmentSubmitted, true},
		{AssignmentInProgress, "submitted", AssignmentSubmitted, true},
		{AssignmentSubmitted, "submitted", AssignmentSubmitted, false},
		{AssignmentAssigned, "published", AssignmentDone, true},
		{AssignmentSubmitted, "published", AssignmentDone, true},
		{AssignmentDone, "submitted", AssignmentDone, false},
		{AssignmentCancelled, "published", AssignmentCancelled, false},
		{AssignmentAssigned, "returned", AssignmentAssigned, false},
	} {
		t.Run(string(tc.from)+" on "+tc.event, func(t *testing.T) {
			got, moved := tc.from.AfterItemEvent(tc.event)
			if got != tc.want || moved != tc.moved {
				t.Fatalf("got %s, %v; want %s, %v", got, moved, tc.want, tc.moved)
			}
		})
	}
}

func TestAssignmentValidate(t *testing.T) {
	d := func(s string) Date { x, _ := ParseDate(s); return x }
	ok := Assignment{UnitID: 1, Kind: KindArticle, Title: "Bài về chuyển đổi số", Due: d("2026-12-10"), CreatedOn: d("2026-11-27")}
	for _, tc := range []struct {
		name  string
		edit  func(a *Assignment)
		field string
	}{
		{"valid", func(a *Assignment) {}, ""},
		{"due on the day it is given", func(a *Assignment) { a.Due = a.CreatedOn }, ""},
		{"due before it is given", func(a *Assignment) { a.Due = d("2026-11-26") }, "due"},
		{"no due date", func(a *Assignment) { a.Due = Date{} }, "due"},
		{"no unit", func(a *Assignment) { a.UnitID = 0 }, "unit_id"},
		{"unknown kind", func(a *Assignment) { a.Kind = "poem" }, "kind"},
		{"no title", func(a *Assignment) { a.Title = "  " }, "title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok
			tc.edit(&a)
			err := a.Validate()
			if tc.field == "" && err != nil {
				t.Fatalf("got %v, want valid", err)
			}
			if tc.field != "" && ErrorFields(err)[tc.field] == "" {
				t.Fatalf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}

func TestAssignmentOverdue(t *testing.T) {
	d := func(s string) Date { x, _ := ParseDate(s); return x }
	for _, tc := range []struct {
		name  string
		state AssignmentState
		today string
		want  bool
	}{
		{"before the due date", AssignmentInProgress, "2026-11-20", false},
		{"on the due date", AssignmentAssigned, "2026-11-25", false},
		{"the day after", AssignmentAssigned, "2026-11-26", true},
		{"submitted but late", AssignmentSubmitted, "2026-12-01", true},
		{"done late is not overdue", AssignmentDone, "2026-12-01", false},
		{"cancelled", AssignmentCancelled, "2026-12-01", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Assignment{State: tc.state, Due: d("2026-11-25")}
			if got := a.Overdue(d(tc.today)); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPace(t *testing.T) {
	if y, _ := DefaultYearStart.ParsePeriod("2026"); MinForecastDays(y) != 60 {
		t.Fatalf("a work year's forecast starts after %d days, want 60", MinForecastDays(y))
	}
	h2, _ := DefaultYearStart.ParsePeriod("2026-H2") // 2026-06-01 … 2026-11-30, 183 days
	d := func(s string) Date { x, _ := ParseDate(s); return x }
	for _, tc := range []struct {
		name                    string
		done, target            int
		today                   string
		elapsed, projected, exp int
		meets, early, final     bool
	}{
		{"before the period", 0, 10, "2026-05-20", 0, 0, 0, false, true, false},
		{"first day: no forecast, not 183", 1, 10, "2026-06-01", 1, 1, 0, false, true, false},
		{"day 29: still no forecast", 3, 10, "2026-06-29", 29, 3, 1, false, true, false},
		{"met early is met", 10, 10, "2026-06-10", 10, 10, 0, true, true, false},
		{"day 30 (max of 30 and 183/6): a forecast", 3, 10, "2026-06-30", 30, 18, 1, true, false, false},
		{"a third in, on pace", 4, 12, "2026-07-31", 61, 12, 4, true, false, false},
		{"half way, a hair behind: rounded down", 5, 10, "2026-08-31", 92, 9, 5, false, false, false},
		{"half way, behind", 4, 10, "2026-08-31", 92, 7, 5, false, false, false},
		{"near the end, behind", 12, 20, "2026-11-27", 180, 12, 19, false, false, false},
		{"after the end: what was done", 12, 10, "2026-12-15", 183, 12, 10, true, false, true},
		{"after the end, missed", 9, 10, "2026-12-01", 183, 9, 10, false, false, true},
		{"no target", 0, 0, "2026-09-01", 93, 0, 0, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Pace(tc.done, tc.target, h2, d(tc.today))
			if f.Elapsed != tc.elapsed || f.Projected != tc.projected || f.Expected != tc.exp || f.Meets != tc.meets || f.Days != 183 ||
				f.Early != tc.early || f.Final != tc.final {
				t.Fatalf("got %+v, want elapsed %d projected %d expected %d meets %v early %v final %v", f, tc.elapsed, tc.projected,
					tc.exp, tc.meets, tc.early, tc.final)
			}
			if f.Projected > tc.done && f.Elapsed > 0 && f.Projected*f.Elapsed > tc.done*f.Days {
				t.Fatalf("projected %d is beyond the pace of %d in %d of %d days", f.Projected, tc.done, f.Elapsed, f.Days)
			}
		})
	}
}

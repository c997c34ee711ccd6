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
	h2, _ := DefaultYearStart.ParsePeriod("2026-H2") // 2026-06-01 … 2026-11-30, 183 days
	d := func(s string) Date { x, _ := ParseDate(s); return x }
	for _, tc := range []struct {
		name                    string
		done, target            int
		today                   string
		elapsed, projected, exp int
		meets                   bool
	}{
		{"before the period", 0, 10, "2026-05-20", 0, 0, 0, false},
		{"first day", 1, 10, "2026-06-01", 1, 183, 0, true},
		{"half way, on pace", 5, 10, "2026-08-31", 92, 10, 5, true},
		{"half way, behind", 4, 10, "2026-08-31", 92, 8, 5, false},
		{"near the end, behind", 12, 20, "2026-11-27", 180, 12, 19, false},
		{"after the end: what was done", 12, 10, "2026-12-15", 183, 12, 10, true},
		{"no target", 0, 0, "2026-09-01", 93, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Pace(tc.done, tc.target, h2, d(tc.today))
			if f.Elapsed != tc.elapsed || f.Projected != tc.projected || f.Expected != tc.exp || f.Meets != tc.meets || f.Days != 183 {
				t.Fatalf("got %+v, want elapsed %d projected %d expected %d meets %v", f, tc.elapsed, tc.projected, tc.exp, tc.meets)
			}
		})
	}
}

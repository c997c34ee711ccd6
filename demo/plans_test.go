package demo_test

import (
	"context"
	"io"
	"testing"

	"loa"
	"loa/demo"
	"loa/internal/dbtest"
	"loa/store"
)

// TestDemoDashboard loads the small demo and looks at the dashboard of the current
// half-year: every unit of the period is there against its quotas.
func TestDemoDashboard(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, dbtest.SQLitePath(t))
	ctx := context.Background()
	if _, err := demo.Load(ctx, db, demo.Small, io.Discard); err != nil {
		t.Fatal(err)
	}
	ys := loa.DefaultYearStart
	today := loa.Today()
	for _, p := range ys.PeriodsOfYear(ys.WorkYear(today))[1:3] {
		if !p.Contains(today) {
			continue
		}
		d, err := db.Dashboard(ctx, store.DashboardQuery{Period: p, YearStart: ys})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Units) == 0 || d.Targeted == 0 {
			t.Fatalf("%s: %d units, %d with quotas", p.Name, len(d.Units), d.Targeted)
		}
		for _, u := range d.Units {
			if u.Code != "VKSTC" && u.Forecast == nil {
				t.Errorf("%s: %s has no quota", p.Name, u.Code)
			}
		}
	}
	overdue, _, err := db.Assignments(ctx, store.AssignmentFilter{Overdue: true, Today: today})
	if err != nil || len(overdue) == 0 {
		t.Fatalf("overdue assignments: %d, %v", len(overdue), err)
	}
}

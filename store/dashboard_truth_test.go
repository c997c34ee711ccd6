package store_test

import (
	"context"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestDashboardTruth: no forecast on a half-year's first days (one item on day two
// is not a forecast of 182), a forecast mid-way that never promises more than the
// pace, and after the period ends or once it is closed the final result, not a
// forecast.
func TestDashboardTruth(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ys := loa.DefaultYearStart
		h1, _ := ys.ParsePeriod("2024-H1") // 2023-12-01 … 2024-05-31
		opt := store.ImportOptions{Source: "test"}
		if _, err := db.ImportQuotas(context.Background(), []store.QuotaImport{{Line: 2, UnitCode: f.Unit.Code, Period: "2024-H1", Kind: "any", Target: 10}}, opt); err != nil {
			t.Fatal(err)
		}
		var rows []store.ItemImport
		for i, day := range []string{"2023-12-02", "2024-01-15", "2024-02-01", "2024-02-20"} {
			rows = append(rows, store.ItemImport{Line: i + 2, Ref: "R-" + day, Title: "Tin " + day, Kind: loa.KindNews, UnitCode: f.Unit.Code,
				ChannelCode: "bvpl", PublishedOn: mustDate(t, day)})
		}
		if _, err := db.ImportItems(context.Background(), rows, opt); err != nil {
			t.Fatal(err)
		}
		forecast := func(today string) *loa.Forecast {
			t.Helper()
			d, err := db.Dashboard(context.Background(), store.DashboardQuery{Period: h1, YearStart: ys, UnitID: f.Unit.ID, Today: mustDate(t, today)})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Units) != 1 || d.Units[0].Forecast == nil {
				t.Fatalf("units %+v", d.Units)
			}
			return d.Units[0].Forecast
		}
		if got := forecast("2023-12-02"); !got.Early || got.Projected != 1 || got.Meets {
			t.Fatalf("day two: %+v, want no forecast", got)
		}
		// 1 March is day 92 of 183: 4 items head for 7.96, shown as 7.
		if got := forecast("2024-03-01"); !got.Forecasting() || got.Projected != 7 || got.Meets {
			t.Fatalf("mid-way: %+v, want a forecast of 7", got)
		}
		if got := forecast("2024-06-15"); !got.Final || got.Projected != 4 || got.Meets {
			t.Fatalf("after the end: %+v, want the final 4, missed", got)
		}
		if err := db.ClosePeriod(context.Background(), h1); err != nil {
			t.Fatal(err)
		}
		// Closed early (the Board sent its figures in April): final, from the period's
		// whole count, not the pace.
		if got := forecast("2024-04-01"); !got.Final || got.Done != 4 || got.Projected != 4 || got.Meets {
			t.Fatalf("closed: %+v, want the final 4, missed", got)
		}
	})
}

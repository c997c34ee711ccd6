package store_test

import (
	"cmp"
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"loa"
	"loa/store"
)

// BenchmarkNational runs (LOA_BENCH_Q chooses the search words) the queries behind bench/run.sh's slowest figures directly
// against a database already loaded with a synthetic set, so that they can be
// profiled with -cpuprofile. It is skipped unless LOA_BENCH_DSN names that database:
//
//	LOA_BENCH_DSN=$PWD/bench/out/sqlite-national.db go test -run '^$' -bench National \
//	    -cpuprofile /tmp/cpu.out ./store && go tool pprof -top /tmp/cpu.out
func BenchmarkNational(b *testing.B) {
	dsn := os.Getenv("LOA_BENCH_DSN")
	if dsn == "" {
		b.Skip("LOA_BENCH_DSN is not set")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	latest, _, err := db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 1, Size: 1}})
	if err != nil || len(latest) == 0 {
		b.Fatalf("no public item: %v", err)
	}
	item, err := db.SiteItem(ctx, latest[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	year, err := loa.DefaultYearStart.ParsePeriod("2024")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		run  func() error
	}{
		{"site-items-page1", func() error {
			_, _, err := db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 1, Size: 20}})
			return err
		}},
		{"site-items-page2", func() error {
			_, _, err := db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 2, Size: 20}})
			return err
		}},
		{"site-item", func() error { _, err := db.SiteItem(ctx, item.ID); return err }},
		{"site-related", func() error { _, err := db.SiteRelated(ctx, item, 5); return err }},
		{"search-public", func() error {
			_, err := db.Search(ctx, store.SearchQuery{Text: cmp.Or(os.Getenv("LOA_BENCH_Q"), "kiểm sát"), Public: true, Page: store.Page{Number: 1, Size: 20}})
			return err
		}},
		{"dashboard-all", func() error {
			_, err := db.Dashboard(ctx, store.DashboardQuery{Period: year, YearStart: loa.DefaultYearStart})
			return err
		}},
		{"dashboard-province", func() error {
			_, err := db.Dashboard(ctx, store.DashboardQuery{Period: year, YearStart: loa.DefaultYearStart, Scope: "HUNGYEN"})
			return err
		}},
		{"report-year", func() error {
			_, err := db.Report(ctx, loa.ReportQuery{From: year.From, To: year.To, YearStart: loa.DefaultYearStart})
			return err
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				if err := bc.run(); err != nil {
					b.Fatal(err)
				}
			}
			// The process's CPU per call: steadier than wall time on a shared machine.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

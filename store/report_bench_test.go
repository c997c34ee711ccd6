package store_test

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"loa"
	"loa/demo"
	"loa/store"
)

// BenchmarkReportSynthetic counts a work year (the year report of loa report
// --period 2024, and the same scoped to one province) over the synthetic data set of
// bench/run.sh, on SQLite and, when LOA_TEST_POSTGRES is set, PostgreSQL. Unlike
// BenchmarkReportNational (items from an import file, without bodies) its items carry
// 1–3 KB bodies and search text, so rows are as wide as in production.
//
// By default each engine gets a set of LOA_BENCH_REPORT_ITEMS items (30,000: one national
// year) loaded for the run; LOA_BENCH_DSN names a database already loaded instead,
// such as bench/out/sqlite-national.db, to measure on the whole national set:
//
//	LOA_BENCH_DSN=$PWD/bench/out/sqlite-national.db go test -run '^$' -bench ReportSynthetic ./store
func BenchmarkReportSynthetic(b *testing.B) {
	ctx := context.Background()
	type target struct {
		name string
		dsn  func(b *testing.B) string
	}
	var targets []target
	if dsn := os.Getenv("LOA_BENCH_DSN"); dsn != "" {
		targets = append(targets, target{"given", func(*testing.B) string { return dsn }})
	} else {
		targets = append(targets, target{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }})
		if pg := os.Getenv("LOA_TEST_POSTGRES"); pg != "" {
			targets = append(targets, target{"postgres", func(b *testing.B) string { return reportBenchSchema(b, pg) }})
		}
	}
	items := 30000
	if n, err := strconv.Atoi(os.Getenv("LOA_BENCH_REPORT_ITEMS")); err == nil && n > 0 {
		items = n
	}
	for _, tg := range targets {
		b.Run(tg.name, func(b *testing.B) {
			db, err := store.Open(ctx, tg.dsn(b))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if has, err := db.HasData(ctx); err != nil {
				b.Fatal(err)
			} else if !has {
				size := demo.NationalSize
				size.Items, size.Publications, size.People = items, items*5/3, max(items/15, 100)
				if _, err := demo.LoadSynthetic(ctx, db, size, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			year := loa.ReportQuery{From: loa.NewDate(2023, 12, 1), To: loa.NewDate(2024, 11, 30), YearStart: loa.DefaultYearStart}
			province := year
			province.Scope = "HUNGYEN"
			for _, q := range []struct {
				name string
				q    loa.ReportQuery
			}{{"year", year}, {"year-province", province}} {
				b.Run(q.name, func(b *testing.B) {
					for b.Loop() {
						r, err := db.Report(ctx, q.q)
						if err != nil {
							b.Fatal(err)
						}
						if r.Items == 0 {
							b.Fatal("nothing counted")
						}
					}
				})
			}
		})
	}
}

// reportBenchSchema makes a PostgreSQL schema of its own for b on base, dropped at
// the end, and returns a URL whose search_path is that schema.
func reportBenchSchema(b *testing.B, base string) string {
	b.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	buf := make([]byte, 6)
	crand.Read(buf)
	schema := "r_" + hex.EncodeToString(buf)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

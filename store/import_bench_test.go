package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"testing"

	"loa"
	"loa/store"
)

// importBenchDB opens a fresh SQLite database with n units (a national tree: provinces with
// departments and regional procuracies) and four channels.
func importBenchDB(b *testing.B, nUnits int) (*store.DB, []string) {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var units []*loa.Unit
	var codes []string
	for i := range nUnits {
		u := &loa.Unit{Code: fmt.Sprintf("U%04d", i), Name: fmt.Sprintf("Đơn vị %d", i), Kind: loa.UnitDepartment}
		if i%60 == 0 {
			u.Kind = loa.UnitProvince
		} else {
			u.ParentCode = fmt.Sprintf("U%04d", i-i%60)
		}
		units = append(units, u)
		codes = append(codes, u.Code)
	}
	if _, err := db.ImportUnits(ctx, units, store.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	chans := []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}, {Code: "bvpl", Name: "BVPL", Type: loa.ChannelSector},
		{Code: "ptth", Name: "PT-TH", Type: loa.ChannelRadioTV}, {Code: "press", Name: "Báo", Type: loa.ChannelPress}}
	if _, err := db.ImportChannels(ctx, chans, store.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	return db, codes
}

// importBenchRows makes rows for nItems items of prefix, about 5 publications for 3 items,
// spread over years days from 2016-12-01. A date that would fall after today is today:
// the importer refuses future publications (loa.CheckPublicationDate), and the rows
// of ten years reach into January 2027; the set keeps its size.
func importBenchRows(rng *rand.Rand, prefix string, nItems int, units []string, years int) []store.ItemImport {
	chans := []string{"site", "bvpl", "ptth", "press"}
	start, today := loa.NewDate(2016, 12, 1), loa.Today()
	rows := make([]store.ItemImport, 0, nItems*5/3)
	for i := range nItems {
		ref := fmt.Sprintf("%s-%07d", prefix, i)
		title := "Viện kiểm sát nhân dân tổ chức hội nghị sơ kết công tác tuyên truyền " + ref
		kind := loa.ItemKinds[rng.Intn(len(loa.ItemKinds))]
		unit := units[rng.Intn(len(units))]
		day := rng.Intn(365 * years)
		authors := []string{"Nguyễn Văn An", "Trần Thị Bình"}[:1+rng.Intn(2)]
		n := 1
		if rng.Intn(3) == 0 {
			n = 3
		} else if rng.Intn(2) == 0 {
			n = 2
		}
		for j := range n {
			on := start.AddDays(day + j*rng.Intn(20))
			if on.After(today) {
				on = today
			}
			rows = append(rows, store.ItemImport{Ref: ref, Title: title, Kind: kind, UnitCode: unit, ChannelCode: chans[j],
				PublishedOn: on, Authors: authors, Topic: "Chuyển đổi số"})
		}
	}
	return rows
}

// The benchmarks' rows are all importable whatever the day they run: none is dated
// after today (BenchmarkReportNational failed from 1 December 2026 on), and every
// item asked for is still made.
func TestImportBenchRowsNotFuture(t *testing.T) {
	rows := importBenchRows(rand.New(rand.NewSource(2)), "N0", 30_000, []string{"U0000"}, 10)
	today := loa.Today()
	refs := map[string]bool{}
	for _, r := range rows {
		if err := loa.CheckPublicationDate(r.PublishedOn, today, loa.Date{}); err != nil {
			t.Fatalf("%s: %v", r.Ref, err)
		}
		refs[r.Ref] = true
	}
	if len(refs) != 30_000 {
		t.Fatalf("%d items, want 30,000", len(refs))
	}
}

// BenchmarkImportItems imports an items file of 100,000 rows of new items into
// SQLite, as loa import items does after checking the file. The contract's target
// is 10,000 rows/s or more.
func BenchmarkImportItems(b *testing.B) {
	ctx := context.Background()
	db, units := importBenchDB(b, 200)
	rng := rand.New(rand.NewSource(1))
	const want = 100_000
	rows := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		var batch []store.ItemImport
		for p := 0; len(batch) < want; p++ {
			batch = append(batch, importBenchRows(rng, fmt.Sprintf("B%d-%d", i, p), 1000, units, 10)...)
		}
		batch = batch[:want]
		b.StartTimer()
		if _, err := db.ImportItems(ctx, batch, store.ImportOptions{Source: "bench.csv"}); err != nil {
			b.Fatal(err)
		}
		rows += len(batch)
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReportNational computes a work year's report over the national data set of
// DESIGN.md "Scale" on SQLite: 2,000 units and ten years of 30,000 items a year, about
// 300,000 items and 500,000 publications. The target is under 0.5 s.
func BenchmarkReportNational(b *testing.B) {
	ctx := context.Background()
	db, units := importBenchDB(b, 2000)
	rng := rand.New(rand.NewSource(2))
	for p := range 10 {
		if _, err := db.ImportItems(ctx, importBenchRows(rng, fmt.Sprintf("N%d", p), 30_000, units, 10), store.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	q := loa.ReportQuery{From: loa.NewDate(2023, 12, 1), To: loa.NewDate(2024, 11, 30), YearStart: loa.DefaultYearStart}
	b.ResetTimer()
	for b.Loop() {
		r, err := db.Report(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if r.Items == 0 {
			b.Fatal("nothing counted")
		}
	}
}

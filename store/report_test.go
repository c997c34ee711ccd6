package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// world is a data set for the report tests, kept in memory so that loa.Count can
// count it independently of what the store did with it.
type world struct {
	units    []*loa.Unit
	channels []*loa.Channel
	themes   []*loa.Theme
	rows     []store.ItemImport
	withdraw []store.ItemImport // rows whose publication is withdrawn after the import
	quotas   []store.QuotaImport
	views    []worldViews // views of the public pages of some items
}

type worldViews struct {
	ref string
	day loa.Date
	n   int64
}

// store writes w into db through the imports, then withdraws what it must.
func (w *world) store(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.ImportChannels(ctx, w.channels, store.ImportOptions{Source: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportUnits(ctx, w.units, store.ImportOptions{Source: "test"}); err != nil {
		t.Fatal(err)
	}
	if len(w.themes) > 0 {
		if _, err := db.ImportThemes(ctx, w.themes, store.ImportOptions{Source: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(w.rows) > 0 {
		if _, err := db.ImportItems(ctx, w.rows, store.ImportOptions{Source: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ImportQuotas(ctx, w.quotas, store.ImportOptions{Source: "test"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range w.withdraw {
		if err := db.WithdrawPublicationForTest(ctx, r.Ref, r.ChannelCode, r.PublishedOn); err != nil {
			t.Fatal(err)
		}
	}
	if len(w.views) > 0 {
		itemID, err := db.ItemIDsForTest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var counts []store.ViewCount
		for _, v := range w.views {
			counts = append(counts, store.ViewCount{ItemID: itemID[v.ref], Day: v.day, Views: v.n})
		}
		if err := db.AddViews(ctx, counts); err != nil {
			t.Fatal(err)
		}
	}
}

// countInput builds loa.Count's input from w's own records, with the ids the store
// gave them (units, channels and items are looked up by code and ref).
func (w *world) countInput(t *testing.T, db *store.DB) loa.CountInput {
	t.Helper()
	ctx := context.Background()
	stored, err := db.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	unitID := map[string]int64{}
	for _, u := range stored {
		unitID[u.Code] = u.ID
	}
	var in loa.CountInput
	for _, u := range w.units {
		c := *u
		c.ID, c.ParentID = unitID[u.Code], unitID[u.ParentCode]
		in.Units = append(in.Units, &c)
	}
	chans, err := db.Channels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in.Channels = chans
	chanID := map[string]int64{}
	for _, c := range chans {
		chanID[c.Code] = c.ID
	}
	itemID, err := db.ItemIDsForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in.Themes, err = db.Themes(ctx); err != nil {
		t.Fatal(err)
	}
	themeID := map[string]int64{}
	for _, th := range in.Themes {
		themeID[th.Code] = th.ID
	}
	seen := map[string]bool{}
	withdrawn := map[string]bool{}
	for _, r := range w.withdraw {
		withdrawn[r.Ref+r.ChannelCode+r.PublishedOn.String()] = true
	}
	for _, r := range w.rows {
		if !seen[r.Ref] {
			seen[r.Ref] = true
			in.Items = append(in.Items, &loa.Item{ID: itemID[r.Ref], UnitID: unitID[r.UnitCode], Kind: r.Kind, ThemeID: themeID[r.ThemeCode]})
		}
		in.Publications = append(in.Publications, &loa.Publication{ItemID: itemID[r.Ref], ChannelID: chanID[r.ChannelCode],
			PublishedOn: r.PublishedOn, Withdrawn: withdrawn[r.Ref+r.ChannelCode+r.PublishedOn.String()]})
	}
	for _, q := range w.quotas {
		in.Quotas = append(in.Quotas, loa.UnitQuota{UnitID: unitID[q.UnitCode], Period: q.Period, Kind: q.Kind, Target: q.Target})
	}
	for _, v := range w.views {
		in.Views = append(in.Views, loa.ItemViews{ItemID: itemID[v.ref], Day: v.day, Views: v.n})
	}
	return in
}

func date(t *testing.T, s string) loa.Date {
	t.Helper()
	return mustDate(t, s)
}

// randomWorld makes a province with departments, district procuracies that end on
// 30/6/2025 and regional ones that follow, items with one to four publications on
// random channels and days, some withdrawn, and quotas for several periods.
func randomWorld(t *testing.T, seed int64, nItems int) *world {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	w := &world{}
	w.units = append(w.units, &loa.Unit{Code: "TB", Name: "VKSND tỉnh Thái Bình", Kind: loa.UnitProvince, ValidTo: date(t, "2025-06-30"), SuccessorCode: "HY"},
		&loa.Unit{Code: "HY", Name: "VKSND tỉnh Hưng Yên", Kind: loa.UnitProvince})
	for i := range 4 {
		w.units = append(w.units, &loa.Unit{Code: fmt.Sprintf("TB-P%d", i+1), Name: fmt.Sprintf("Phòng %d", i+1), Kind: loa.UnitDepartment, ParentCode: "TB",
			ValidTo: date(t, "2025-06-30")})
	}
	for i := range 5 {
		u := &loa.Unit{Code: fmt.Sprintf("TB-H%d", i+1), Name: fmt.Sprintf("VKSND huyện %d", i+1), Kind: loa.UnitDistrict, ParentCode: "TB",
			ValidTo: date(t, "2025-06-30"), SuccessorCode: fmt.Sprintf("HY-KV%d", i%3+1)}
		if i == 4 {
			u.ValidFrom, u.ValidTo = date(t, "2020-01-01"), date(t, "2023-12-15") // ended early in the work year 2024
		}
		w.units = append(w.units, u)
	}
	for i := range 3 {
		w.units = append(w.units, &loa.Unit{Code: fmt.Sprintf("HY-KV%d", i+1), Name: fmt.Sprintf("VKSND khu vực %d", i+1), Kind: loa.UnitRegional,
			ParentCode: "HY", ValidFrom: date(t, "2025-07-01")})
	}
	// A unit that lives only inside one quarter, and one never referred to.
	w.units = append(w.units, &loa.Unit{Code: "TB-TMP", Name: "Tổ công tác", Kind: loa.UnitDepartment, ParentCode: "TB-P1",
		ValidFrom: date(t, "2024-03-10"), ValidTo: date(t, "2024-04-20")})
	w.channels = []*loa.Channel{
		{Code: "site", Name: "Trang tin", Type: loa.ChannelSite},
		{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector},
		{Code: "ptth", Name: "Đài PT-TH Thái Bình", Type: loa.ChannelRadioTV},
		{Code: "press", Name: "Báo khác", Type: loa.ChannelPress},
	}
	// Themes by code; an item is on one of them or (one time in three) on none.
	w.themes = []*loa.Theme{
		{Code: "TBLS-2024", Period: "2024", Title: "Ngày Thương binh liệt sĩ", Day: date(t, "2024-07-26")},
		{Code: "CDS", Period: "2025", Title: "Chuyển đổi số"},
		{Code: "PL", Period: "2024-H2", Title: "Phổ biến pháp luật"},
	}
	start := date(t, "2023-09-01")
	days := 1100 // to September 2026
	for i := range nItems {
		u := w.units[rng.Intn(len(w.units))]
		kind := loa.ItemKinds[rng.Intn(len(loa.ItemKinds))]
		theme := ""
		if n := rng.Intn(len(w.themes) + 2); n < len(w.themes) {
			theme = w.themes[n].Code
		}
		ref := fmt.Sprintf("R%05d", i)
		n := 1 + rng.Intn(4)
		used := map[string]bool{}
		base := rng.Intn(days)
		for range n {
			ch := w.channels[rng.Intn(len(w.channels))].Code
			on := start.AddDays(base + rng.Intn(90))
			if used[ch+on.String()] {
				continue
			}
			used[ch+on.String()] = true
			r := store.ItemImport{Ref: ref, Title: "Tin " + ref, Kind: kind, UnitCode: u.Code, ChannelCode: ch, PublishedOn: on, ThemeCode: theme}
			w.rows = append(w.rows, r)
			if rng.Intn(3) == 0 { // readers, on the day and some days after
				w.views = append(w.views, worldViews{ref, on.AddDays(rng.Intn(20)), int64(1 + rng.Intn(300))})
			}
			if rng.Intn(8) == 0 {
				w.withdraw = append(w.withdraw, r)
			}
		}
	}
	periods := []string{"2024", "2024-H1", "2024-H2", "2024-Q2", "2025", "2025-H2", "2026-Q1"}
	kinds := append([]string{loa.QuotaKindAny, loa.QuotaKindAny}, "news", "research", "article")
	for _, u := range w.units {
		for _, p := range periods {
			if rng.Intn(2) == 0 {
				continue
			}
			w.quotas = append(w.quotas, store.QuotaImport{UnitCode: u.Code, Period: p, Kind: kinds[rng.Intn(len(kinds))], Target: rng.Intn(12)})
		}
	}
	return w
}

// sameReport fails unless got and want are equal, field by field and as JSON.
func sameReport(t *testing.T, got, want *loa.Report) {
	t.Helper()
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Fatalf("report differs from loa.Count:\n got %s\nwant %s", gj, wj)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("report differs from loa.Count beyond its JSON:\n got %+v\nwant %+v", got, want)
	}
}

func TestReportMatchesCount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := randomWorld(t, 20240630, 600)
		w.store(t, db)
		in := w.countInput(t, db)
		rng := rand.New(rand.NewSource(7))
		type query struct {
			name string
			q    loa.ReportQuery
		}
		var queries []query
		for _, ys := range []loa.YearStart{loa.DefaultYearStart, {Month: time.January, Day: 1}} {
			for _, y := range []int{2024, 2025, 2026} {
				for _, p := range ys.PeriodsOfYear(y) {
					for _, scope := range []string{"", "TB", "TB-P1", "HY", "TB-H5"} {
						queries = append(queries, query{fmt.Sprintf("%s/%s/scope=%s", ys, p.Name, scope),
							loa.ReportQuery{From: p.From, To: p.To, Scope: scope, YearStart: ys}})
					}
				}
			}
		}
		for i := range 40 {
			from := date(t, "2023-08-01").AddDays(rng.Intn(1200))
			to := from.AddDays(rng.Intn(400))
			if i%10 == 0 {
				to = from // a single day
			}
			queries = append(queries, query{fmt.Sprintf("range/%s..%s", from, to), loa.ReportQuery{From: from, To: to, YearStart: loa.DefaultYearStart}})
		}
		themed := 0 // queries whose report has a by_theme entry: the test must see some
		for _, q := range queries {
			t.Run(q.name, func(t *testing.T) {
				got, err := db.Report(ctx, q.q)
				if err != nil {
					t.Fatal(err)
				}
				want, err := loa.Count(in, q.q)
				if err != nil {
					t.Fatal(err)
				}
				sameReport(t, got, want)
				checkAddsUp(t, got)
				if len(got.ByTheme) > 0 {
					themed++
				}
			})
		}
		if themed < len(queries)/2 {
			t.Errorf("only %d of %d reports count items by theme: the random data do not exercise by_theme", themed, len(queries))
		}
	})
}

// checkAddsUp checks the contract's promise that the unit lines add up to the totals.
func checkAddsUp(t *testing.T, r *loa.Report) {
	t.Helper()
	items, pubs, byKind := 0, 0, map[string]int{}
	pending, views := 0, int64(0)
	for _, u := range r.Units {
		items += u.Items
		pubs += u.Publications
		pending += u.Pending
		views += u.Views
		for k, n := range u.ByKind {
			byKind[k] += n
		}
	}
	byChannel := 0
	for _, n := range r.ByChannel {
		byChannel += n
	}
	byTheme := 0
	for _, n := range r.ByTheme {
		if n <= 0 {
			t.Errorf("by_theme holds a count of %d", n)
		}
		byTheme += n
	}
	if byTheme > r.Items {
		t.Errorf("by_theme counts %d items of %d", byTheme, r.Items)
	}
	if pending != r.Pending || views != r.Views {
		t.Errorf("unit lines do not add up: pending %d/%d, views %d/%d", pending, r.Pending, views, r.Views)
	}
	if items != r.Items || pubs != r.Publications || byChannel != r.Publications || !reflect.DeepEqual(byKind, r.ByKind) {
		t.Errorf("unit lines do not add up: items %d/%d publications %d/%d by channel %d by kind %v/%v",
			items, r.Items, pubs, r.Publications, byChannel, byKind, r.ByKind)
	}
}

// TestReportRules holds the report to the examples of CONTRACTS.md, one scenario each.
func TestReportRules(t *testing.T) {
	t.Parallel()
	ys := loa.DefaultYearStart
	calendar := loa.YearStart{Month: time.January, Day: 1}
	period := func(ys loa.YearStart, name string) loa.ReportQuery {
		p, err := ys.ParsePeriod(name)
		if err != nil {
			t.Fatal(err)
		}
		return loa.ReportQuery{From: p.From, To: p.To, YearStart: ys}
	}
	lateNight := loa.DateOf(time.Date(2024, 6, 30, 23, 30, 0, 0, time.UTC)) // 06:30 on 1 July in Vietnam

	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := &world{
			units: []*loa.Unit{
				{Code: "TB", Name: "VKSND tỉnh Thái Bình", Kind: loa.UnitProvince},
				{Code: "TB-HUNGHA", Name: "VKSND huyện Hưng Hà", Kind: loa.UnitDistrict, ParentCode: "TB"},
				{Code: "TB-VUTHU", Name: "VKSND huyện Vũ Thư", Kind: loa.UnitDistrict, ParentCode: "TB"},
				{Code: "TB-P1", Name: "Phòng 1", Kind: loa.UnitDepartment, ParentCode: "TB"},
				{Code: "OLD", Name: "Đơn vị đã giải thể", Kind: loa.UnitDistrict, ValidTo: date(t, "2023-06-30")},
				{Code: "OLD2", Name: "Đơn vị đã giải thể có tin", Kind: loa.UnitDistrict, ValidTo: date(t, "2023-06-30")},
			},
			channels: []*loa.Channel{
				{Code: "site", Name: "Trang tin", Type: loa.ChannelSite},
				{Code: "bvpl", Name: "Bảo vệ pháp luật", Type: loa.ChannelSector},
				{Code: "ptth", Name: "PT-TH", Type: loa.ChannelRadioTV},
			},
		}
		row := func(ref, unit string, kind loa.ItemKind, ch, on string) store.ItemImport {
			return store.ItemImport{Ref: ref, Title: "Tin " + ref, Kind: kind, UnitCode: unit, ChannelCode: ch, PublishedOn: date(t, on)}
		}
		w.rows = []store.ItemImport{
			// One item on three channels: one item, three publications.
			row("A", "TB-HUNGHA", loa.KindNews, "site", "2024-01-10"),
			row("A", "TB-HUNGHA", loa.KindNews, "bvpl", "2024-02-01"),
			row("A", "TB-HUNGHA", loa.KindNews, "ptth", "2024-03-01"),
			// First published in work year 2023: its 2024 republication counts, the item not.
			row("B", "TB-HUNGHA", loa.KindArticle, "site", "2023-11-20"),
			row("B", "TB-HUNGHA", loa.KindArticle, "ptth", "2023-12-05"),
			// Withdrawn first publication: the item counts from its next one.
			row("C", "TB-VUTHU", loa.KindResearch, "site", "2023-11-28"),
			row("C", "TB-VUTHU", loa.KindResearch, "bvpl", "2024-01-15"),
			// A unit that ended before the range, with a publication recorded late.
			row("D", "OLD2", loa.KindNews, "site", "2024-01-05"),
			// A publication at 23:30 UTC on 30 June is dated 1 July in Vietnam.
			{Ref: "E", Title: "Tin đêm", Kind: loa.KindPhoto, UnitCode: "TB-P1", ChannelCode: "site", PublishedOn: lateNight},
		}
		w.withdraw = []store.ItemImport{row("C", "TB-VUTHU", loa.KindResearch, "site", "2023-11-28")}
		w.quotas = []store.QuotaImport{
			{UnitCode: "TB-HUNGHA", Period: "2024", Kind: "any", Target: 2},
			{UnitCode: "TB-HUNGHA", Period: "2024", Kind: "article", Target: 1},
			{UnitCode: "TB-VUTHU", Period: "2024", Kind: "research", Target: 1},
			{UnitCode: "TB-VUTHU", Period: "2024-H1", Kind: "any", Target: 0},
			{UnitCode: "OLD", Period: "2024", Kind: "any", Target: 5}, // OLD is not listed, so neither is its quota
		}
		w.store(t, db)
		in := w.countInput(t, db)
		report := func(t *testing.T, q loa.ReportQuery) *loa.Report {
			t.Helper()
			got, err := db.Report(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want, err := loa.Count(in, q)
			if err != nil {
				t.Fatal(err)
			}
			sameReport(t, got, want)
			return got
		}
		line := func(t *testing.T, r *loa.Report, code string) *loa.ReportUnit {
			t.Helper()
			for _, u := range r.Units {
				if u.Code == code {
					return u
				}
			}
			return nil
		}

		t.Run("item counted once whatever its channels", func(t *testing.T) {
			r := report(t, period(ys, "2024-H1"))
			l := line(t, r, "TB-HUNGHA")
			if l.Items != 1 || l.Publications != 4 || !reflect.DeepEqual(l.ByKind, map[string]int{"news": 1}) {
				t.Errorf("TB-HUNGHA: got items %d publications %d by kind %v, want 1, 4 (A×3 and B's 2024 one), {news:1}", l.Items, l.Publications, l.ByKind)
			}
			if got, want := r.ByChannel, map[string]int{"site": 2, "bvpl": 2, "ptth": 2}; !reflect.DeepEqual(got, want) {
				t.Errorf("by_channel: got %v, want %v", got, want)
			}
		})
		t.Run("withdrawn publication does not count", func(t *testing.T) {
			r := report(t, period(ys, "2024"))
			l := line(t, r, "TB-VUTHU")
			if l.Items != 1 || l.Publications != 1 {
				t.Errorf("TB-VUTHU: got items %d publications %d, want 1 and 1", l.Items, l.Publications)
			}
			if r := report(t, period(ys, "2023")); line(t, r, "TB-VUTHU").Items != 0 {
				t.Errorf("C counted in 2023 through a withdrawn publication")
			}
		})
		t.Run("23:30 UTC on 30 June counts on 1 July", func(t *testing.T) {
			if lateNight.String() != "2024-07-01" {
				t.Fatalf("DateOf: got %s, want 2024-07-01", lateNight)
			}
			if r := report(t, period(calendar, "2024-H1")); line(t, r, "TB-P1").Items != 0 {
				t.Errorf("the item counted in the calendar H1")
			}
			if r := report(t, period(calendar, "2024-H2")); line(t, r, "TB-P1").Items != 1 {
				t.Errorf("the item did not count in the calendar H2")
			}
		})
		t.Run("year quota not halved for a half-year", func(t *testing.T) {
			r := report(t, period(ys, "2024-H1"))
			l := line(t, r, "TB-HUNGHA")
			if len(l.Quotas) != 0 || l.Met != nil {
				t.Errorf("TB-HUNGHA in 2024-H1: got quotas %v met %v, want none and null", l.Quotas, l.Met)
			}
			v := line(t, r, "TB-VUTHU")
			if len(v.Quotas) != 1 || v.Met == nil || !*v.Met {
				t.Errorf("TB-VUTHU in 2024-H1: got quotas %v met %v, want its H1 quota, met", v.Quotas, v.Met)
			}
		})
		t.Run("quotas, met and below_quota", func(t *testing.T) {
			r := report(t, period(ys, "2024"))
			l := line(t, r, "TB-HUNGHA")
			want := []loa.QuotaResult{{Kind: "any", Target: 2, Done: 1, Met: false}, {Kind: "article", Target: 1, Done: 0, Met: false}}
			if !reflect.DeepEqual(l.Quotas, want) || l.Met == nil || *l.Met {
				t.Errorf("TB-HUNGHA quotas: got %+v met %v, want %+v met false", l.Quotas, l.Met, want)
			}
			if v := line(t, r, "TB-VUTHU"); v.Met == nil || !*v.Met {
				t.Errorf("TB-VUTHU: got met %v, want true", v.Met)
			}
			if tb := line(t, r, "TB"); tb.Met != nil {
				t.Errorf("TB without quotas: got met %v, want null", *tb.Met)
			}
			if !slices.Equal(r.BelowQuota, []string{"TB-HUNGHA"}) {
				t.Errorf("below_quota: got %v, want [TB-HUNGHA]", r.BelowQuota)
			}
		})
		t.Run("a range that is a period gets its name and quotas", func(t *testing.T) {
			r := report(t, loa.ReportQuery{From: date(t, "2023-12-01"), To: date(t, "2024-05-31"), YearStart: ys})
			if r.Period != "2024-H1" {
				t.Errorf("period: got %q, want 2024-H1", r.Period)
			}
			r = report(t, loa.ReportQuery{From: date(t, "2023-12-01"), To: date(t, "2024-05-30"), YearStart: ys})
			if r.Period != "" || len(line(t, r, "TB-VUTHU").Quotas) != 0 || line(t, r, "TB-VUTHU").Met != nil {
				t.Errorf("a range that is no period: got period %q and quotas", r.Period)
			}
		})
		t.Run("unit ended before the range absent unless it has counts", func(t *testing.T) {
			r := report(t, period(ys, "2024"))
			if line(t, r, "OLD") != nil {
				t.Errorf("OLD listed though it ended in 2023 and counts nothing")
			}
			if l := line(t, r, "OLD2"); l == nil || l.Items != 1 {
				t.Errorf("OLD2: got %+v, want listed with its item", l)
			}
			if r := report(t, period(ys, "2023")); line(t, r, "OLD") == nil {
				t.Errorf("OLD not listed in 2023, when it existed")
			}
		})
		t.Run("scope counts a subtree", func(t *testing.T) {
			q := period(ys, "2024")
			q.Scope = "TB"
			r := report(t, q)
			var codes []string
			for _, u := range r.Units {
				codes = append(codes, u.Code)
			}
			if want := []string{"TB", "TB-HUNGHA", "TB-P1", "TB-VUTHU"}; !slices.Equal(codes, want) {
				t.Errorf("units: got %v, want %v", codes, want)
			}
			q.Scope = "NOPE"
			if _, err := db.Report(ctx, q); loa.ErrorCode(err) != loa.EINVALID {
				t.Errorf("unknown scope: got %v, want EINVALID", err)
			}
		})
		t.Run("JSON shape", func(t *testing.T) {
			q := period(ys, "2024-H1")
			q.Scope = "TB-HUNGHA"
			b, err := json.Marshal(report(t, q))
			if err != nil {
				t.Fatal(err)
			}
			want := `{"from":"2023-12-01","to":"2024-05-31","period":"2024-H1","scope":"TB-HUNGHA","items":1,"publications":4,` +
				`"by_kind":{"news":1},"by_channel":{"bvpl":1,"ptth":2,"site":1},"by_theme":{},"units":[{"code":"TB-HUNGHA","name":"VKSND huyện Hưng Hà",` +
				`"items":1,"publications":4,"by_kind":{"news":1},"quotas":[],"met":null,"pending":0,"views":0}],"below_quota":[],"pending":0,"views":0}`
			if string(b) != want {
				t.Errorf("got  %s\nwant %s", b, want)
			}
		})
	})
}

func TestReportEmpty(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		r, err := db.Report(context.Background(), loa.ReportQuery{From: date(t, "2024-01-01"), To: date(t, "2024-01-31")})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r)
		want := `{"from":"2024-01-01","to":"2024-01-31","items":0,"publications":0,"by_kind":{},"by_channel":{},"by_theme":{},"units":[],"below_quota":[],"pending":0,"views":0}`
		if string(b) != want {
			t.Errorf("got  %s\nwant %s", b, want)
		}
	})
}

func TestReportRefusesBadQuery(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		for name, q := range map[string]loa.ReportQuery{
			"to before from": {From: date(t, "2024-02-01"), To: date(t, "2024-01-31")},
			"no dates":       {},
			"bad scope code": {From: date(t, "2024-01-01"), To: date(t, "2024-01-31"), Scope: "a b"},
		} {
			t.Run(name, func(t *testing.T) {
				if _, err := db.Report(context.Background(), q); loa.ErrorCode(err) != loa.EINVALID {
					t.Errorf("got %v, want EINVALID", err)
				}
			})
		}
	})
}

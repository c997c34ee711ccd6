package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestPublicListsReadTheirIndex: the public lists' counts and the ids of their pages
// are read from an index alone, and so are the sitemap's; the most read lists begin
// with the viewed items. Every public page's first render after a change of the site
// counted a section by fetching every public item's row (0.3–0.6 s a section on the
// national set, five on the home page), read every skipped item's row on a deep page,
// and walked every public item for the most read lists (issue 20). A plan, not a
// timing: the planner's choice is what went wrong.
func TestPublicListsReadTheirIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t, dbtest.SQLitePath(t))
	section := store.SiteFilter{SectionID: 1, Kinds: []loa.ItemKind{loa.KindNews, loa.KindPhoto}, Topics: []string{"Chuyển đổi số"}}
	for name, f := range map[string]store.SiteFilter{
		"latest":           {},
		"section":          section,
		"section page 100": {SectionID: section.SectionID, Kinds: section.Kinds, Page: store.Page{Number: 100, Size: 15}},
		"dates":            {From: loa.DateOf(time.Now()).AddDays(-30), To: loa.DateOf(time.Now())},
	} {
		count, page, err := db.SitePlans(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(count, "SEARCH i USING COVERING INDEX items_") {
			t.Errorf("%s: the count reads the items' rows:\n%s", name, count)
		}
		if name != "latest" && !strings.Contains(count, "COVERING INDEX items_public ") {
			t.Errorf("%s: the count does not read items_public alone:\n%s", name, count)
		}
		// The ids from an index alone, then each item by its id.
		if !strings.Contains(page, "SEARCH i USING COVERING INDEX items_") || !strings.Contains(page, "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)") {
			t.Errorf("%s: the page's ids are not read from an index alone:\n%s", name, page)
		}
	}
	plan, err := db.SitemapPlan(ctx, 250000)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "USING COVERING INDEX") || !strings.Contains(plan, "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)") {
		t.Errorf("the sitemap's items are not skipped in an index:\n%s", plan)
	}
	plan, err = db.MostReadPlan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	scan, search := strings.Index(plan, "SCAN v"), strings.Index(plan, "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)")
	if scan < 0 || search < scan {
		t.Errorf("the most read items are not found from their views:\n%s", plan)
	}
}

// siteRow is an item of TestPublicListsPages's fixture, as the lists filter it.
type siteRow struct {
	id            int64
	kind          loa.ItemKind
	topic         string
	unit, section int64
	status        loa.Status
	pub           time.Time
}

// TestPublicListsPages walks every page of the public lists and compares each with
// the items it should hold, newest first and by id among items published at the
// same instant, with the same totals, on both engines: a page's ids are read apart
// from its rows (SiteItems), and a filter's count and its pages must agree.
func TestPublicListsPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Now().UTC().Truncate(time.Second)
		var units []int64
		for _, code := range []string{"A", "B"} {
			units = append(units, dbtest.Insert(t, db, "INSERT INTO units (code, name, kind, updated_at) VALUES (?, ?, 'province', ?)", code, "Đơn vị "+code, at))
		}
		news := &store.Section{Name: "Tin hoạt động", Kinds: []loa.ItemKind{loa.KindNews, loa.KindPhoto}, Position: 1}
		digital := &store.Section{Name: "Chuyển đổi số", Topics: []string{"Chuyển đổi số"}, Position: 2}
		for _, s := range []*store.Section{news, digital} {
			if err := db.SaveSection(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		kinds := []loa.ItemKind{loa.KindNews, loa.KindResearch, loa.KindPhoto, loa.KindArticle}
		topics := []string{"", "Chuyển đổi số", "", "Gương điển hình", ""}
		var rows []siteRow
		for i := range 47 {
			r := siteRow{kind: kinds[i%len(kinds)], topic: topics[i%len(topics)], unit: units[i%3%2], status: loa.StatusPublished,
				// Three items a day, published at the same instant: the id orders them.
				pub: at.Add(-time.Duration(i/3) * 24 * time.Hour)}
			switch {
			case i%11 == 4:
				r.status = loa.StatusDraft
			case i%13 == 5:
				r.pub = at.Add(48 * time.Hour) // scheduled for later
			case i%7 == 2:
				r.section = news.ID // placed in a section its kind is not in
			case i%7 == 3:
				r.section = digital.ID // taken out of the section of its kind
			}
			var section any
			if r.section != 0 {
				section = r.section
			}
			r.id = dbtest.Insert(t, db, `INSERT INTO items (kind, unit_id, title, topic, status, published_at, section_id, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(r.kind), r.unit, fmt.Sprintf("Tin %d", i), r.topic, string(r.status), r.pub, section, at, at)
			rows = append(rows, r)
		}
		slices.SortFunc(rows, func(a, b siteRow) int {
			if c := b.pub.Compare(a.pub); c != 0 {
				return c
			}
			return int(b.id - a.id)
		})
		day := loa.DateOf(at.Add(-5 * 24 * time.Hour))
		for name, c := range map[string]struct {
			f    store.SiteFilter
			want func(siteRow) bool
		}{
			"latest": {store.SiteFilter{}, func(siteRow) bool { return true }},
			"section by kind": {news.Filter(store.Page{}), func(r siteRow) bool {
				return r.section == news.ID || r.section == 0 && (r.kind == loa.KindNews || r.kind == loa.KindPhoto)
			}},
			"section by topic": {digital.Filter(store.Page{}), func(r siteRow) bool {
				return r.section == digital.ID || r.section == 0 && r.topic == "Chuyển đổi số"
			}},
			"unit":           {store.SiteFilter{UnitID: units[1]}, func(r siteRow) bool { return r.unit == units[1] }},
			"kind and topic": {store.SiteFilter{Kinds: []loa.ItemKind{loa.KindResearch}, Topics: []string{"Gương điển hình"}}, func(r siteRow) bool { return r.kind == loa.KindResearch || r.topic == "Gương điển hình" }},
			"one day":        {store.SiteFilter{From: day, To: day}, func(r siteRow) bool { return loa.DateOf(r.pub).Equal(day) }},
		} {
			var want []int64
			for _, r := range rows {
				if r.status == loa.StatusPublished && !r.pub.After(at) && c.want(r) {
					want = append(want, r.id)
				}
			}
			const size = 4
			for n := 1; ; n++ {
				f := c.f
				f.Page = store.Page{Number: n, Size: size}
				items, total, err := db.SiteItems(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if total != len(want) {
					t.Fatalf("%s: total %d, want %d", name, total, len(want))
				}
				wantPage := want[min((n-1)*size, len(want)):min(n*size, len(want))]
				var got []int64
				for _, it := range items {
					got = append(got, it.ID)
				}
				if !slices.Equal(got, wantPage) {
					t.Fatalf("%s: page %d holds %v, want %v", name, n, got, wantPage)
				}
				f.NoCount = true
				items, total, err = db.SiteItems(ctx, f)
				if err != nil || total != -1 || len(items) != len(wantPage) || len(items) > 0 && items[0].ID != wantPage[0] {
					t.Fatalf("%s: page %d without a count: %d items, total %d, %v", name, n, len(items), total, err)
				}
				if len(wantPage) == 0 {
					break
				}
				if n == 1 && (items[0].UnitCode == "" || items[0].Title == "") {
					t.Fatalf("%s: first item without its unit or title: %+v", name, items[0])
				}
			}
		}

		// The most read: public items only, most viewed first, then by id.
		var want []int64
		for i, r := range rows[:12] {
			views := 1 + i%3
			dbtest.Exec(t, db, "INSERT INTO item_views (item_id, day, views) VALUES (?, ?, ?)", r.id, loa.DateOf(at).String(), views)
			dbtest.Exec(t, db, "INSERT INTO item_views (item_id, day, views) VALUES (?, ?, ?)", r.id, loa.DateOf(at).AddDays(-40).String(), 100)
			if r.status == loa.StatusPublished && !r.pub.After(at) && views == 3 {
				want = append(want, r.id)
			}
		}
		if len(want) < 2 {
			t.Fatalf("the fixture has %d public items viewed most", len(want))
		}
		slices.SortFunc(want, func(a, b int64) int { return int(b - a) })
		most, err := db.MostRead(ctx, loa.DateOf(at).AddDays(-7), loa.DateOf(at), 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, it := range most {
			got = append(got, it.ID)
		}
		if len(want) > 3 {
			want = want[:3]
		}
		if !slices.Equal(got, want) {
			t.Errorf("most read %v, want %v", got, want)
		}
	})
}

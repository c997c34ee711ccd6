package demo_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/demo"
	"loa/internal/dbtest"
	"loa/store"
)

// TestDemoItems loads the small demo and looks at its items: enough to page through,
// in every status, over three work years, and the seed article's meeting published
// on the site on 6/6/2024 at 15:24.
func TestDemoItems(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, dbtest.SQLitePath(t))
	ctx := context.Background()
	if _, err := demo.Load(ctx, db, demo.Small, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The emulation period's proposals carry their evidence (one without is refused).
	periods, err := db.EmulationPeriods(ctx)
	if err != nil || len(periods) == 0 {
		t.Fatal(periods, err)
	}
	noms, err := db.Nominations(ctx, periods[0].ID)
	if err != nil || len(noms) != 2 {
		t.Fatalf("nominations %v %v", noms, err)
	}
	for _, n := range noms {
		if len(n.Items) == 0 {
			t.Errorf("nomination of %s has no evidence", n.Nominee())
		}
	}
	rows, total, err := db.Items(ctx, store.ItemFilter{Page: store.Page{Size: 200}})
	if err != nil {
		t.Fatal(err)
	}
	if total < 40 {
		t.Fatalf("%d demo items, want about 40 so that lists page", total)
	}
	c, err := db.CountItems(ctx, store.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range loa.Statuses {
		if c.ByStatus[st] == 0 {
			t.Errorf("no demo item is %s", st)
		}
	}
	for _, y := range []string{"2024", "2025", "2026"} {
		p, _ := loa.DefaultYearStart.ParsePeriod(y)
		_, n, err := db.Items(ctx, store.ItemFilter{From: p.From, To: p.To})
		if err != nil || n == 0 {
			t.Errorf("work year %s: %d items first published (%v)", y, n, err)
		}
	}
	var seed *store.ItemRow
	for _, r := range rows {
		if strings.Contains(r.Title, "Sơ kết sáu tháng") {
			seed = r
		}
	}
	if seed == nil {
		t.Fatal("the seed article's meeting is missing")
	}
	want := time.Date(2024, 6, 6, 15, 24, 0, 0, loa.Zone)
	if seed.Status != loa.StatusPublished || !seed.PublishedAt.Equal(want) || seed.FirstPub.String() != "2024-06-06" {
		t.Fatalf("seed item %s at %v, first %v", seed.Status, seed.PublishedAt, seed.FirstPub)
	}
	if len(seed.Authors) != 1 || seed.Authors[0].Name != "Bùi Thảo" || seed.Authors[0].PersonID == 0 {
		t.Fatalf("seed authors %+v", seed.Authors)
	}
	full, err := db.SiteItem(ctx, seed.ID)
	pics, _ := db.SitePictures(ctx, []int64{seed.ID}, true)
	if err != nil || !strings.Contains(full.Body, "306") || !strings.Contains(full.Body, "Phạm Viết Vượng") || len(pics[seed.ID]) != 1 {
		t.Fatalf("seed item on the site: %v", err)
	}
	for _, code := range []string{"ptth", "bvpl"} {
		chs, _ := db.Channels(ctx)
		var id int64
		for _, ch := range chs {
			if ch.Code == code {
				id = ch.ID
			}
		}
		if _, n, _ := db.Items(ctx, store.ItemFilter{ChannelID: id}); n == 0 {
			t.Errorf("no demo item on %s", code)
		}
	}
	// The contributor's unit has drafts and a returned item waiting for it.
	kv6, _ := db.UnitByCode(ctx, "HY-KV6")
	u := &loa.User{ID: -1, Role: loa.RoleContributor, UnitID: kv6.ID}
	if _, n, _ := db.ItemsWaitingFor(loa.WithUser(ctx, u), store.Page{}); n < 2 {
		t.Errorf("%d items waiting for the contributor of Khu vực 6", n)
	}
}

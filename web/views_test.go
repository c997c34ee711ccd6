package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// TestViewsCountedHonestly replays 10,000 visits to the public item pages through the
// real handlers, with robots, prefetches, visitors behind a trusted proxy and repeated
// visits within and beyond 30 minutes, on every engine (and on PostgreSQL through two
// instances, each visitor staying on one, as a load balancer keeps it), and compares
// the stored counts with the truth computed from the definition. Afterwards no
// address, User-Agent or hash is anywhere in the database.
func TestViewsCountedHonestly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		items := publishedItems(t, db, nil, nil, 20)
		var err error
		// One instance on SQLite; two on PostgreSQL, sharing the database.
		instances := 1
		if db.Postgres() {
			instances = 2
		}
		clock := time.Date(2024, 6, 6, 20, 0, 0, 0, loa.Zone) // the visits run past midnight
		var srvs []*web.Server
		var urls []string
		for i := range instances {
			h := db
			if i > 0 {
				if h, err = store.Open(ctx, db.DSN); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { h.Close() })
			}
			srv, err := web.New(h, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustProxy: true})
			if err != nil {
				t.Fatal(err)
			}
			srv.SetViewClock(func() time.Time { return clock })
			hs := httptest.NewServer(srv.Handler())
			t.Cleanup(hs.Close)
			srvs, urls = append(srvs, srv), append(urls, hs.URL)
		}
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		// The canonical address of each item (a redirect is no view).
		paths := make([]string, len(items))
		for i, it := range items {
			res, err := noFollow.Get(urls[0] + fmt.Sprintf("/tin/x-%d", it.ID))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			paths[i] = res.Header.Get("Location")
			if res.StatusCode != http.StatusMovedPermanently || paths[i] == "" {
				t.Fatalf("item %d: status %d, location %q", it.ID, res.StatusCode, paths[i])
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		type visitor struct{ addr, ua string }
		var visitors []visitor
		for i := range 300 {
			visitors = append(visitors, visitor{fmt.Sprintf("203.0.113.%d", i%250), fmt.Sprintf("Mozilla/5.0 (Linux; Android %d) Chrome/%d", i%7, 100+i/250)})
		}
		robotsUA := []string{"Googlebot/2.1", "Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1", "curl/8.5", ""}
		type key struct {
			v    int
			item int
		}
		last := map[key]time.Time{}
		truth := make([]int64, len(items))
		for n := range 10000 {
			clock = clock.Add(time.Duration(rng.IntN(16)) * time.Second)
			v, item := rng.IntN(len(visitors)), rng.IntN(len(items))
			ua, robot, prefetch := visitors[v].ua, rng.IntN(100) < 30, rng.IntN(100) < 5
			if robot {
				ua = robotsUA[rng.IntN(len(robotsUA))]
			}
			req, _ := http.NewRequest("GET", urls[v%instances]+paths[item], nil)
			req.Header.Set("User-Agent", ua)
			req.Header.Set("X-Forwarded-For", "10.1.2.3, "+visitors[v].addr)
			if prefetch {
				req.Header.Set("Sec-Purpose", "prefetch")
			}
			if n%3 == 0 {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			res, err := noFollow.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("visit %d: status %d", n, res.StatusCode)
			}
			if robot || prefetch {
				continue
			}
			k := key{v, item}
			if l, ok := last[k]; ok && clock.Sub(l) < 30*time.Minute {
				continue
			}
			last[k] = clock
			truth[item]++
		}
		for _, srv := range srvs {
			if err := srv.FlushViews(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var want, got int64
		for i, it := range items {
			v, err := db.ItemViews(ctx, it.ID)
			if err != nil {
				t.Fatal(err)
			}
			n := v.Counted
			want, got = want+truth[i], got+n
			if diff := n - truth[i]; diff*100 > truth[i] || -diff*100 > truth[i] {
				t.Errorf("item %d: %d views counted, %d true", it.ID, n, truth[i])
			}
		}
		if want < 3000 {
			t.Fatalf("only %d true views: the replay does not exercise the counter", want)
		}
		t.Logf("%d visits, %d true views, %d counted", 10000, want, got)

		var b bytes.Buffer
		if err := db.Backup(ctx, &b); err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		dump, _ := io.ReadAll(zr)
		for _, needle := range []string{"203.0.113.", "Mozilla/5.0", "Android", "Googlebot"} {
			if strings.Contains(string(dump), needle) {
				t.Errorf("the database holds %q", needle)
			}
		}
	})
}

// publishedItems publishes n items of unit through the workflow, as admin, and returns
// them; with no unit and admin, it makes both (and the site's channel) first.
func publishedItems(t testing.TB, db *store.DB, unit *loa.Unit, admin *loa.User, n int) []*loa.Item {
	t.Helper()
	ctx := context.Background()
	if unit == nil {
		if _, err := db.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		unit = &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
		if err := db.SaveUnit(ctx, unit); err != nil {
			t.Fatal(err)
		}
		admin = &loa.User{Email: "admin@vks.example", Name: "Quản trị", Role: loa.RoleAdmin}
		if err := db.CreateUser(ctx, admin, "mat-khau-thu-nghiem"); err != nil {
			t.Fatal(err)
		}
	}
	ctx = loa.WithUser(ctx, admin)
	var out []*loa.Item
	for i := range n {
		it := &loa.Item{Title: fmt.Sprint("Tin hoạt động số ", i+1), Kind: loa.KindNews, UnitID: unit.ID, Body: "<p>Nội dung.</p>"}
		if err := db.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
			if err := db.Transition(ctx, it.ID, a, ""); err != nil {
				t.Fatalf("%s item %d: %v", a, it.ID, err)
			}
		}
		out = append(out, it)
	}
	return out
}

// TestViewsShown: the back office shows an item's views; the public page shows them
// only once the admin switches it on; the home page lists the most read items.
func TestViewsShown(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		items := publishedItems(t, app.DB, app.Unit, app.Users[loa.RoleAdmin], 2)
		anon := app.anon()
		canon := anon.get(fmt.Sprintf("/tin/x-%d", items[1].ID)).Header.Get("Location")
		for i := range 3 { // three readers of the second item
			res := anon.getWith(canon, map[string]string{"User-Agent": fmt.Sprintf("Mozilla/5.0 reader %d", i)})
			wantStatus(t, res, http.StatusOK)
			wantNotIn(t, res.Body, `id="item-views"`)
		}
		if err := app.Srv.FlushViews(ctx); err != nil {
			t.Fatal(err)
		}
		res := app.as(loa.RoleEditor).get(fmt.Sprintf("/app/items/%d", items[1].ID))
		wantIn(t, res.Body, `<strong id="views-counted">3</strong>`, `id="views-table"`)

		if res := app.as(loa.RoleSecretary).post("/app/site/views", url.Values{"show_views": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a secretary switched the public views on: status %d", res.StatusCode)
		}
		if res := app.as(loa.RoleAdmin).post("/app/site/views", url.Values{"show_views": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch the public views on: status %d", res.StatusCode)
		}
		res = anon.getWith(canon, map[string]string{"User-Agent": "Mozilla/5.0 reader 0"})
		wantIn(t, res.Body, `<span id="item-views">Lượt xem: 3</span>`)
		home := anon.get("/")
		wantIn(t, home.Body, `id="most-read-week"`, canon)
	})
}

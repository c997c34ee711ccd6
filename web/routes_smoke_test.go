package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"loa"
	"loa/demo"
	"loa/internal/dbtest"
	"loa/siteimport"
	"loa/store"
	"loa/web"
)

// routeMatcher is a GET route of the table as a regular expression over paths.
type routeMatcher struct {
	pattern   string
	re        *regexp.Regexp
	wildcards int
}

var routeWildcard = regexp.MustCompile(`\{[^}]*\}`)

func newRouteMatcher(rt web.Route) routeMatcher {
	p := rt.Path()
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range routeWildcard.FindAllStringIndex(p, -1) {
		b.WriteString(regexp.QuoteMeta(p[last:m[0]]))
		switch w := p[m[0]:m[1]]; {
		case w == "{$}":
		case strings.HasSuffix(w, "...}"):
			b.WriteString(".+")
		default:
			b.WriteString("[^/]+")
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(p[last:]) + "$")
	return routeMatcher{pattern: rt.Pattern, re: regexp.MustCompile(b.String()),
		wildcards: len(routeWildcard.FindAllString(strings.ReplaceAll(p, "{$}", ""), -1))}
}

// links are the site's own links in a page or a feed: attributes, and absolute
// addresses under the test's base URL.
var links = regexp.MustCompile(`(?:(?:href|src|action|url)="|http://loa\.test)(/[^"<\s]*)`)

// TestEveryPageAnswers opens every GET route of the route table on the demo data,
// with real ids found by following the pages' own links, as every role and as
// nobody, and fails on any server error. A route whose ids no page links to fails
// too, so that no route is left unopened.
func TestEveryPageAnswers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		logins, err := demo.Load(ctx, db, demo.Small, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		// An imported item has no revision: its diff must answer too.
		units, _ := db.Units(ctx)
		channels, _ := db.Channels(ctx)
		if _, err := db.ImportItems(ctx, []store.ItemImport{{Ref: "NHAP-1", Title: "Tin nhập từ tệp", Kind: loa.KindNews,
			UnitCode: units[0].Code, ChannelCode: channels[0].Code, PublishedOn: loa.Today()}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		imported, _, err := db.Items(ctx, store.ItemFilter{Sort: "created", Page: store.Page{Size: 1}})
		if err != nil || len(imported) != 1 || imported[0].Title != "Tin nhập từ tệp" {
			t.Fatalf("the imported item: %v, %v", imported, err)
		}
		// A WordPress site imported: its pages (/trang/…) and items without revisions.
		if _, err := siteimport.ImportWordPress(ctx, db, "wordpress.xml", "../siteimport/testdata/wordpress.xml", siteimport.Options{}); err != nil {
			t.Fatal(err)
		}
		// The demo enters no press award; one is entered here so its pages are opened.
		if err := db.SaveAwardEntry(ctx, &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024",
			ItemID: imported[0].ID}); err != nil {
			t.Fatal(err)
		}
		srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://loa.test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		hs := httptest.NewServer(srv.Handler())
		t.Cleanup(hs.Close)
		app := &testApp{t: t, DB: db, Srv: srv, HTTP: hs}

		var matchers []routeMatcher
		for _, rt := range srv.Routes() {
			if rt.Method() == http.MethodGet && rt.Path() != "/" {
				matchers = append(matchers, newRouteMatcher(rt))
			}
		}
		// routeOf is the route the mux would choose for path: the most specific match.
		routeOf := func(path string) string {
			best, n := "", 1<<30
			for _, m := range matchers {
				if m.re.MatchString(path) && m.wildcards < n {
					best, n = m.pattern, m.wildcards
				}
			}
			return best
		}
		signIn := func(role loa.Role) *client {
			c := app.anon()
			if role == "" {
				return c
			}
			for _, l := range logins {
				if l.Role == role {
					if res := c.post("/login", url.Values{"email": {l.Email}, "password": {l.Password}}); res.StatusCode != http.StatusSeeOther {
						t.Fatalf("login as %s: %d", role, res.StatusCode)
					}
					return c
				}
			}
			t.Fatalf("no demo login for %s", role)
			return nil
		}

		// Find an example path for every route by following links as the admin, then
		// as a contributor (whose pages link to its own unit's records), two pages of
		// each route at most.
		examples := map[string][]string{}
		add := func(path string) bool {
			rt := routeOf(path)
			if rt == "" || len(examples[rt]) >= 2 {
				return false
			}
			for _, p := range examples[rt] {
				if p == path {
					return false
				}
			}
			examples[rt] = append(examples[rt], path)
			return true
		}
		for _, role := range []loa.Role{loa.RoleAdmin, loa.RoleContributor} {
			c := signIn(role)
			queue := []string{"/app", "/"}
			for _, m := range matchers {
				if m.wildcards == 0 {
					queue = append(queue, strings.TrimSuffix(strings.TrimPrefix(m.pattern, "GET "), "{$}"))
				}
			}
			seen := map[string]bool{}
			for len(queue) > 0 {
				path := queue[0]
				queue = queue[1:]
				if seen[path] {
					continue
				}
				seen[path] = true
				add(path)
				res := c.get(path)
				if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "html") && !strings.Contains(ct, "xml") {
					continue
				}
				for _, m := range links.FindAllStringSubmatch(res.Body, -1) {
					link := strings.ReplaceAll(m[1], "&amp;", "&")
					if u, err := url.Parse(link); err == nil && !seen[u.Path] && add(u.Path) {
						queue = append(queue, u.Path)
					}
				}
			}
		}
		// What no page links to on the demo: the sitemap's parts (the index lists them
		// only past a size), a picture's site size (made only for large pictures), and
		// an imported page (reached from its old address).
		examples["GET /trang/{slug}"] = append(examples["GET /trang/{slug}"], "/trang/lich-tiep-cong-dan")
		examples["GET /sitemap/{file}"] = append(examples["GET /sitemap/{file}"], "/sitemap/pages.xml", "/sitemap/items-1.xml")
		for _, p := range examples["GET /media/{id}"] {
			examples["GET /media/{id}/site"] = append(examples["GET /media/{id}/site"], p+"/site")
		}
		examples["GET /app/items/{id}/diff"] = append(examples["GET /app/items/{id}/diff"], fmt.Sprintf("/app/items/%d/diff", imported[0].ID))
		for _, m := range matchers {
			if len(examples[m.pattern]) == 0 {
				t.Errorf("%s: no page links to one; the test cannot open it", m.pattern)
			}
		}
		examples["GET /"] = []string{"/khong-co-trang-nay", "/app/khong-co-trang-nay"}

		for _, role := range append([]loa.Role{""}, loa.Roles...) {
			c := signIn(role)
			for _, m := range append(matchers, routeMatcher{pattern: "GET /"}) {
				for _, path := range examples[m.pattern] {
					if res := c.get(path); res.StatusCode >= 500 {
						t.Errorf("%s as %q: GET %s answers %d", m.pattern, role, path, res.StatusCode)
					}
				}
			}
		}
	})
}

package e2e

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa"
	"loa/store"
	"loa/web"
)

// englishWords are words of the agreed list that must not show in the Vietnamese
// interface (issue 16): a page that shows one has a label or a code left untranslated.
var englishWords = regexp.MustCompile(`(?i)\b(submit|draft|cancel|edit|delete|save|search|import|channel|site|news|article)\b`)

// phoneSkips are the GET routes that are no page to read (on a phone or at all):
// files, documents to download, feeds, probes, and the site's 404 (loaded below as a page of its own); the
// JSON API under /api/ is left out as a whole.
var phoneSkips = map[string]string{
	"GET /healthz": "probe", "GET /metrics": "metrics", "GET /static/{file...}": "file", "GET /favicon.ico": "file",
	"GET /media/{id}": "file", "GET /media/{id}/site": "file",
	"GET /feed.xml": "feed", "GET /sitemap.xml": "sitemap", "GET /sitemap/{file}": "sitemap", "GET /van-ban/{id}/tep": "file",
	"GET /": "the 404, loaded as /khong-co-trang-nay", "GET /app/items/panel": "a fragment of /app",
	"GET /app/reports/export": "file", "GET /app/reports/docx": "file", "GET /app/board/decision": "file",
	"GET /app/meetings/{id}/conclusion": "file", "GET /app/documents/{id}/file": "file",
	"GET /app/emulation/{id}/nominations.xlsx": "file", "GET /app/emulation/{id}/proposal": "file", "GET /app/emulation/{id}/decision": "file",
	"GET /app/import/mau/{kind}": "file",
}

// TestContributorPagesOnAPhone loads every GET page of the route table a contributor
// may open, with real ids and long texts, in a 390 px wide window: none may show a
// problem of phoneProblem (sideways scrolling, a table wider than its box, English).
func TestContributorPagesOnAPhone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	_, radio := channels(t, db)
	sys := ctx
	sec := &store.Section{Slug: "tin-hoat-dong", Name: "Tin hoạt động", Kinds: []loa.ItemKind{loa.KindNews}, OnHome: true}
	if err := db.SaveSection(ctx, sec); err != nil {
		t.Fatal(err)
	}
	long := "Viện kiểm sát nhân dân huyện Hưng Hà phối hợp tổ chức phiên toà rút kinh nghiệm trực tuyến về tội phạm ma tuý"
	item := func(title string, steps ...loa.Action) *loa.Item {
		it := &loa.Item{Kind: loa.KindNews, UnitID: s.Unit.ID, Title: title, Summary: "Tóm tắt " + title,
			Body:    "<p>Nội dung " + title + " với một đường dẫn rất dài https://vksthaibinh.gov.vn/tin/mot-duong-dan-rat-dai-khong-co-cho-ngat-dong-nao-ca-12345</p>",
			Authors: []loa.Author{{Name: "Nguyễn Văn An"}}}
		if err := db.CreateItem(sys, it); err != nil {
			t.Fatal(err)
		}
		for _, a := range steps {
			reason := ""
			if loa.NeedsReason(a) {
				reason = "Thiếu tên tác giả ảnh"
			}
			if err := db.Transition(sys, it.ID, a, reason); err != nil {
				t.Fatal(err)
			}
		}
		return it
	}
	draft := item("Bản nháp " + long)
	draft.Title += " (sửa)"
	if err := db.UpdateItem(sys, draft); err != nil {
		t.Fatal(err)
	}
	item("Tin bị trả lại "+long, loa.ActionSubmit, loa.ActionReturn)
	pub := item("Tin đã đăng "+long, loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)
	p := &loa.Publication{ItemID: pub.ID, ChannelID: radio.ID, PublishedOn: loa.Today(), URL: "https://ptth.example/tin/mot-duong-dan-rat-dai-khong-ngat-12345678901234567890", Note: "Bản tin thời sự 19 giờ"}
	if err := db.AddPublication(ctx, p); err != nil {
		t.Fatal(err)
	}
	ys := loa.YearStart{}
	th := &loa.Theme{Period: strconv.Itoa(ys.WorkYear(loa.Today())), Title: "Tuyên truyền phòng, chống ma tuý"}
	if err := db.SaveTheme(ctx, ys, th); err != nil {
		t.Fatal(err)
	}
	as := &loa.Assignment{ThemeID: th.ID, UnitID: s.Unit.ID, Kind: loa.KindNews, Title: "Viết tin phiên toà rút kinh nghiệm", Due: loa.Today().AddDays(7)}
	if err := db.CreateAssignment(loa.WithUser(ctx, s.Users[loa.RoleSecretary]), as); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{
		"GET /app/items/{id}":             "/app/items/" + strconv.FormatInt(pub.ID, 10),
		"GET /app/items/{id}/edit":        "/app/items/" + strconv.FormatInt(draft.ID, 10) + "/edit",
		"GET /app/items/{id}/diff":        "/app/items/" + strconv.FormatInt(draft.ID, 10) + "/diff",
		"GET /app/items/{id}/preview":     "/app/items/" + strconv.FormatInt(draft.ID, 10) + "/preview",
		"GET /app/publications/{id}/edit": "/app/publications/" + strconv.FormatInt(p.ID, 10) + "/edit",
		"GET /app/assignments/{id}":       "/app/assignments/" + strconv.FormatInt(as.ID, 10),
		"GET /app/dashboard/units/{id}":   "/app/dashboard/units/" + strconv.FormatInt(s.Unit.ID, 10),
		"GET /chuyen-muc/{slug}":          "/chuyen-muc/" + sec.Slug,
		"GET /tin/{slugid}":               pubPath(db, t, pub.ID),
		"GET /don-vi/{code}":              "/don-vi/" + s.Unit.Code,
		"GET /to-chuc/{code}":             "/to-chuc/" + s.Unit.Code,
		"GET /trang/{slug}":               "/trang/khong-co",
		"GET /app/search":                 "/app/search?q=phi%C3%AAn+to%C3%A0",
		"GET /tim-kiem":                   "/tim-kiem?q=phi%C3%AAn+to%C3%A0",
	}
	var paths []string
	for _, pg := range pagePaths(t, db, s.Users[loa.RoleContributor], ids) {
		paths = append(paths, pg.Path)
	}
	paths = append(paths, "/khong-co-trang-nay", "/app/items/queue")

	s.login(loa.RoleContributor)
	s.run(chromedp.EmulateViewport(390, 844))
	for _, path := range paths {
		s.subtest(t, path, func(t *testing.T) {
			s.run(chromedp.Navigate(s.URL+path), chromedp.WaitReady(css(`body`)))
			if problem := phoneProblem(s); problem != "" {
				t.Error(problem)
			}
			if get(s, chromedp.Evaluate[bool](`document.body.classList.contains('public')`)) {
				// The public header keeps one line, with its menu button showing.
				h := get(s, chromedp.Evaluate[[]float64](`[document.getElementById('site-header').getBoundingClientRect().height, document.getElementById('menu-button').getBoundingClientRect().width]`))
				if h[0] > 80 || h[1] == 0 {
					t.Errorf("public header %.0f px high, menu button %.0f px wide: want one line with the button", h[0], h[1])
				}
			}
		})
	}
}

// pagePaths lists the GET pages of the route table that u (nil: anonymous) may open,
// each with the real path ids gives for its pattern; a page with a wildcard and no
// entry in ids is an error, so a new route is never left out unnoticed. The
// routes of phoneSkips and the JSON API are left out.
func pagePaths(t *testing.T, db *store.DB, u *loa.User, ids map[string]string) []routePage {
	t.Helper()
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var pages []routePage
	for _, rt := range srv.Routes() {
		if rt.Method() != "GET" || !rt.Access.Allows(u) || phoneSkips[rt.Pattern] != "" || strings.HasPrefix(rt.Path(), "/api/") {
			continue
		}
		path, ok := ids[rt.Pattern]
		if !ok {
			if strings.Contains(rt.Path(), "{") && rt.Path() != "/{$}" {
				t.Errorf("%s: no real id to load it with; add it to ids", rt.Pattern)
				continue
			}
			path = strings.TrimSuffix(rt.Path(), "{$}")
		}
		pages = append(pages, routePage{rt.Pattern, path})
	}
	return pages
}

// routePage is a page of the route table, and the path that loads it.
type routePage struct{ Pattern, Path string }

// pubPath is the public path of a published item, as its publication on the site records it.
func pubPath(db *store.DB, t *testing.T, id int64) string {
	t.Helper()
	it, err := db.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return "/tin/" + it.Slug + "-" + strconv.FormatInt(id, 10)
}

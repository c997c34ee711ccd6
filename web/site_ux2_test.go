package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/docx"
)

var headingTag = regexp.MustCompile(`(?i)<h([1-6])[\s>]`)

// headingsSkip reports the first heading of body that skips a level (an h3 after an
// h1, or a first heading that is not h1), as "h1 → h3"; "" when they are in order.
func headingsSkip(body string) string {
	prev := 0
	for _, m := range headingTag.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		if n > prev+1 {
			return "h" + strconv.Itoa(prev) + " → h" + m[1]
		}
		prev = n
	}
	if prev == 0 {
		return "no heading"
	}
	return ""
}

// TestHeadingsInOrder: every public page's headings go h1, h2, h3 without a skipped
// level, so a screen reader's outline is whole. The check first proves it can see.
func TestHeadingsInOrder(t *testing.T) {
	if headingsSkip("<h1>a</h1><h3>b</h3>") == "" || headingsSkip("<h2>a</h2>") == "" || headingsSkip("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>") != "" {
		t.Fatal("the detector does not see a skipped level")
	}
	eachApp(t, func(t *testing.T, app *testApp) {
		f := newSiteFixture(t, app)
		anon := app.anon()
		item := itemURL(t, anon.get("/").Body, f.news)
		for _, path := range []string{"/", "/tin-moi", "/chuyen-muc/tin-hoat-dong", "/chuyen-muc/nghien-cuu-trao-doi",
			"/don-vi/" + app.Unit.Code, item, "/gioi-thieu", "/to-chuc", "/lien-he", "/van-ban",
			"/tim-kiem", "/tim-kiem?q=" + url.QueryEscape("họp bàn"), "/tim-kiem?q=khongcogi", "/khong/co/trang/nay", "/login"} {
			res := anon.get(path)
			if res.StatusCode >= 500 {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			if skip := headingsSkip(res.Body); skip != "" {
				t.Errorf("%s: headings skip a level: %s", path, skip)
			}
		}
	})
}

// TestSiteItemWithoutPicture: an item without a picture has no placeholder in lists
// nor an og:image; its breadcrumb goes through its section; the search page's title
// names the site.
func TestSiteItemWithoutPicture(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		f := newSiteFixture(t, app)
		anon := app.anon()
		home := anon.get("/").Body
		for _, path := range []string{"/", "/tin-moi", "/chuyen-muc/tin-hoat-dong"} {
			if body := anon.get(path).Body; strings.Contains(body, "placeholder.svg") || strings.Contains(body, `class="thumb"`) {
				t.Errorf("%s shows a placeholder picture", path)
			}
		}
		page := anon.get(itemURL(t, home, f.news)).Body
		if strings.Contains(page, "og:image") || strings.Contains(page, "twitter:image") {
			t.Error("an item without a picture names an og:image")
		}
		crumb := between(page, `id="breadcrumb"`, "</nav>")
		if !strings.Contains(crumb, `href="/chuyen-muc/tin-hoat-dong">Tin hoạt động</a>`) || !strings.Contains(crumb, `aria-current="page"`) {
			t.Errorf("breadcrumb: %s", crumb)
		}
		title := between(anon.get("/tim-kiem?q=abc").Body, "<title>", "</title>")
		if !strings.Contains(title, docx.DefaultAgency) {
			t.Errorf("search title %q does not name the site", title)
		}
		_ = loa.KindNews
	})
}

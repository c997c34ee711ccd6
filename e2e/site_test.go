package e2e

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"loa"
	"loa/media"
	"loa/store"
)

// publishItem stores an item of unit with a picture (when pic is not empty) and walks
// it through the workflow to the site, as the system. A site channel must exist.
func publishItem(t *testing.T, db *store.DB, it *loa.Item, pic string, caption string) *loa.Item {
	t.Helper()
	ctx := context.Background()
	if it.Kind == "" {
		it.Kind = loa.KindNews
	}
	if err := db.CreateItem(ctx, it); err != nil {
		t.Fatalf("create item %.60q: %v", it.Title, err)
	}
	if pic != "" {
		data, err := os.ReadFile(pic)
		if err != nil {
			t.Fatal(err)
		}
		f, err := media.Picture(filepath.Base(pic), data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMedia(ctx, it.ID, f, caption, "Phòng Tổ chức"); err != nil {
			t.Fatalf("add picture: %v", err)
		}
	}
	for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
		if err := db.Transition(ctx, it.ID, a, ""); err != nil {
			t.Fatalf("%s item %d: %v", a, it.ID, err)
		}
	}
	return it
}

// httpGet fetches path from the site outside the browser.
func (s *site) httpGet(path string) (*http.Response, []byte) {
	s.t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, body
}

// The public site of issue 4. SQLite only: the site's queries run on both engines in
// store's tests; here the subject is what the browser gets, which no engine changes.
func TestPublicSiteInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	channels(t, db)
	sec := &store.Section{Slug: "tin-hoat-dong", Name: "Tin hoạt động", Kinds: []loa.ItemKind{loa.KindNews}, OnHome: true}
	if err := db.SaveSection(ctx, sec); err != nil {
		t.Fatal(err)
	}
	research := &store.Section{Slug: "nghien-cuu-trao-doi", Name: "Nghiên cứu – trao đổi", Kinds: []loa.ItemKind{loa.KindResearch}}
	if err := db.SaveSection(ctx, research); err != nil {
		t.Fatal(err)
	}
	pic := pictureFile(t, "toa-an.png", 1600, 900)
	const caption = "Kiểm sát viên phát biểu tại phiên toà rút kinh nghiệm"
	long := "Viện kiểm sát nhân dân huyện Hưng Hà phối hợp với Toà án nhân dân huyện tổ chức phiên toà hình sự rút kinh nghiệm trực tuyến"
	main := publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Title: long, Summary: "Phiên toà được truyền trực tuyến tới các đơn vị.",
		Body:    "<p>Ngày 20/5, tại trụ sở Toà án nhân dân huyện Hưng Hà, phiên toà đã diễn ra.</p><p>Kiểm sát viên đã tranh luận.</p>",
		Authors: []loa.Author{{Name: "Lê Minh Đức"}}}, pic, caption)
	other := publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Kind: loa.KindResearch, Title: "Một số vướng mắc khi áp dụng Điều 123 Bộ luật Hình sự",
		Body: "<p>Bài viết trao đổi.</p>"}, "", "")
	draft := &loa.Item{Kind: loa.KindNews, UnitID: s.Unit.ID, Title: "Bản nháp không được lên trang", Body: "<p>nháp</p>"}
	if err := db.CreateItem(ctx, draft); err != nil {
		t.Fatal(err)
	}
	mainPath := fmt.Sprintf("/tin/%s-%d", loa.Slug(long, 80), main.ID)

	s.subtest(t, "home", func(t *testing.T) {
		resp := get(s, chromedp.NavigateResponse(s.URL+"/"))
		if resp.Status != 200 {
			t.Fatalf("home: status %d", resp.Status)
		}
		if got := s.text("#lead-story h2"); got != other.Title && got != long {
			t.Errorf("lead story %q", got)
		}
		home := s.textContent("#home")
		for _, want := range []string{long, other.Title, "Tin hoạt động"} {
			if !strings.Contains(home, want) {
				t.Errorf("home lacks %q", want)
			}
		}
		if strings.Contains(home, draft.Title) {
			t.Error("the home page shows a draft")
		}
		s.checkPicturesLoad(t)
	})
	s.subtest(t, "section", func(t *testing.T) {
		s.open("/chuyen-muc/tin-hoat-dong", "#list-title")
		if got := s.textContent("#list-title"); got != "Tin hoạt động" {
			t.Errorf("section title %q", got)
		}
		list := s.text("#list")
		if !strings.Contains(list, long) || strings.Contains(list, other.Title) || strings.Contains(list, draft.Title) {
			t.Errorf("section lists the wrong items:\n%s", list)
		}
		s.checkPicturesLoad(t)
		s.open("/chuyen-muc/nghien-cuu-trao-doi", "#list-title")
		if list := s.text("#list"); !strings.Contains(list, other.Title) || strings.Contains(list, long) {
			t.Errorf("research section:\n%s", list)
		}
	})
	s.subtest(t, "item", func(t *testing.T) {
		resp := get(s, chromedp.NavigateResponse(s.URL+"/tin/sai-duong-dan-"+strconv.FormatInt(main.ID, 10)))
		if resp.Status != 200 {
			t.Fatalf("item: status %d", resp.Status)
		}
		if loc := get(s, chromedp.Location()); loc != s.URL+mainPath {
			t.Errorf("an outdated slug lands on %s, want %s", loc, mainPath)
		}
		if got := s.textContent("#item-title"); got != long {
			t.Errorf("title %q", got)
		}
		if got := s.text("#item figcaption"); !strings.Contains(got, caption) || !strings.Contains(got, "Phòng Tổ chức") {
			t.Errorf("caption %q", got)
		}
		if got := s.text("#item-author"); !strings.Contains(got, "Lê Minh Đức") || !strings.Contains(got, s.Unit.Name) {
			t.Errorf("author line %q", got)
		}
		s.checkPicturesLoad(t)
		if title := get(s, chromedp.Title()); !strings.HasPrefix(title, long) {
			t.Errorf("document title %q", title)
		}
	})
	s.subtest(t, "unit", func(t *testing.T) {
		resp := get(s, chromedp.NavigateResponse(s.URL+"/don-vi/"+s.Unit.Code))
		if resp.Status != 200 {
			t.Fatalf("unit page: status %d", resp.Status)
		}
		if got := s.textContent("#list-title"); got != s.Unit.Name {
			t.Errorf("unit page title %q", got)
		}
		list := s.text("#list")
		if !strings.Contains(list, long) || !strings.Contains(list, other.Title) || strings.Contains(list, draft.Title) {
			t.Errorf("unit page:\n%s", list)
		}
	})
	s.subtest(t, "not found", func(t *testing.T) {
		for _, path := range []string{"/khong-co-trang-nay", "/tin/ban-nhap-" + strconv.FormatInt(draft.ID, 10), "/tin/x-999999",
			"/chuyen-muc/khong-co", "/don-vi/KHONG-CO"} {
			resp := get(s, chromedp.NavigateResponse(s.URL+path))
			if resp.Status != 404 {
				t.Errorf("%s: status %d, want 404", path, resp.Status)
			}
			if got := s.text("main"); !strings.Contains(got, "Không tìm thấy") || strings.Contains(got, draft.Title) {
				t.Errorf("%s: 404 page says %q", path, got)
			}
			if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('#site-menu a, #search-form').length`)); n == 0 {
				t.Errorf("%s: the 404 page has no menu or search to go on with", path)
			}
		}
	})
	s.subtest(t, "feed", func(t *testing.T) {
		resp, body := s.httpGet("/feed.xml")
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "xml") {
			t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var rss struct {
			Channel struct {
				Title string `xml:"title"`
				Items []struct {
					Title string `xml:"title"`
					Link  string `xml:"link"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(body, &rss); err != nil {
			t.Fatalf("feed is not XML: %v\n%.500s", err, body)
		}
		links := map[string]string{}
		for _, it := range rss.Channel.Items {
			links[it.Title] = it.Link
		}
		if len(rss.Channel.Items) != 2 || links[long] != s.URL+mainPath || links[draft.Title] != "" {
			t.Errorf("feed items %v", links)
		}
		s.run(chromedp.Navigate(s.URL + "/feed.xml")) // the browser loads it too
	})
	s.subtest(t, "sitemap", func(t *testing.T) {
		locs := s.sitemapLocs(t, "/sitemap.xml")
		joined := strings.Join(locs, "\n")
		for _, want := range []string{s.URL + "/", s.URL + mainPath, s.URL + "/chuyen-muc/tin-hoat-dong"} {
			if !strings.Contains(joined+"\n", want+"\n") {
				t.Errorf("sitemap lacks %s:\n%s", want, joined)
			}
		}
		if strings.Contains(joined, "-"+strconv.FormatInt(draft.ID, 10)) {
			t.Errorf("sitemap lists the draft:\n%s", joined)
		}
	})
	s.subtest(t, "item page at 360 and 1280 px", func(t *testing.T) {
		dir := t.TempDir()
		for _, w := range []int64{360, 1280} {
			s.run(
				chromedp.EmulateViewport(w, 800),
				chromedp.Navigate(s.URL+mainPath),
				chromedp.WaitVisible(css(`#item-title`)),
			)
			s.checkPicturesLoad(t)
			shot := get(s, chromedp.CaptureScreenshot())
			name := filepath.Join(dir, fmt.Sprintf("item-%d.png", w))
			if err := os.WriteFile(name, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("%d px: screenshot is not a PNG: %v", w, err)
			}
			if got := int64(img.Bounds().Dx()); got != w {
				t.Errorf("%d px: screenshot %d px wide", w, got)
			}
			m := get(s, chromedp.Evaluate[itemLayout](`(() => {
				const t = document.querySelector('#item-title').getBoundingClientRect();
				const img = document.querySelector('#item figure img');
				const p = img.getBoundingClientRect();
				return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
					TitleTop: t.top, TitleH: t.height, TitleW: t.width, PicRight: p.right, PicLeft: p.left,
					PicWidthAttr: img.getAttribute('width') || '', PicHeightAtt: img.getAttribute('height') || ''};
			})()`))
			if m.InnerWidth != int(w) {
				t.Errorf("%d px: innerWidth %d", w, m.InnerWidth)
			}
			if m.ScrollWidth > m.InnerWidth {
				t.Errorf("%d px: the page scrolls sideways (scrollWidth %d > %d)", w, m.ScrollWidth, m.InnerWidth)
			}
			if m.TitleH <= 0 || m.TitleW <= 0 || m.TitleTop < 0 || m.TitleTop > 800 {
				t.Errorf("%d px: the title is not in view: %+v", w, m)
			}
			if m.PicLeft < 0 || m.PicRight > float64(m.InnerWidth) {
				t.Errorf("%d px: the picture spills out of the viewport: %.0f..%.0f of %d", w, m.PicLeft, m.PicRight, m.InnerWidth)
			}
			if m.PicWidthAttr == "" || m.PicHeightAtt == "" || m.PicWidthAttr == "0" || m.PicHeightAtt == "0" {
				t.Errorf("%d px: the picture has width=%q height=%q", w, m.PicWidthAttr, m.PicHeightAtt)
			}
		}
		s.run(chromedp.EmulateViewport(1280, 900))
	})
	s.subtest(t, "pages need no script", func(t *testing.T) {
		paths := []string{"/", "/chuyen-muc/tin-hoat-dong", mainPath, "/don-vi/" + s.Unit.Code, "/tin-moi", "/tim-kiem?q=phien+toa",
			"/gioi-thieu", "/to-chuc", "/lien-he", "/khong-co-trang-nay"}
		scriptTag := regexp.MustCompile(`(?is)<script\b[^>]*>`)
		formTag := regexp.MustCompile(`(?is)<form\b[^>]*>`)
		handler := regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
		for _, path := range paths {
			_, body := s.httpGet(path)
			for _, tag := range scriptTag.FindAllString(string(body), -1) {
				// app.js (confirm dialogs) and htmx (live search results) only enhance.
				if !regexp.MustCompile(`src="/static/(app|vendor/htmx\.min)\.[0-9a-f]+\.js"`).MatchString(tag) || !strings.Contains(tag, "defer") {
					t.Errorf("%s: a script the page may depend on: %s", path, tag)
				}
			}
			for _, tag := range formTag.FindAllString(string(body), -1) {
				low := strings.ToLower(tag)
				if !strings.Contains(low, `method="get"`) && !strings.Contains(low, `method="post"`) || !strings.Contains(low, `action="/`) {
					t.Errorf("%s: a form that is not a plain GET or POST: %s", path, tag)
				}
			}
			if m := handler.FindString(string(body)); m != "" {
				t.Errorf("%s: markup that needs script: %q", path, m)
			}
			// htmx may only enhance a control of a plain GET form that has its own button.
			s.run(chromedp.Navigate(s.URL + path))
			bad := get(s, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[hx-get],[hx-post],[hx-put],[hx-delete],[hx-trigger]')]
				.filter(el => !(el.form && el.form.getAttribute('method') === 'get' && el.form.querySelector('button[type="submit"]')))
				.map(el => el.outerHTML.slice(0, 200))`))
			if len(bad) > 0 {
				t.Errorf("%s: htmx parts that work only with script: %q", path, bad)
			}
		}
		// And with script really off, the search form still finds the item.
		off := func(v bool) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: v})
				return err
			})
		}
		s.run(off(true))
		defer s.run(off(false))
		s.open("/", "#search-q")
		s.run(chromedp.SendKeys(css(`#search-q`), "phien toa truc tuyen"))
		s.load(chromedp.Submit(css(`#search-q`)))
		if get(s, chromedp.Evaluate[bool](`typeof window.htmx !== 'undefined'`)) {
			t.Error("htmx ran: script was not off, this part tests nothing")
		}
		if got := s.text("main"); !strings.Contains(got, long) {
			t.Errorf("search without script did not find the item:\n%.1000s", got)
		}
		s.load(chromedp.Click(css(`main a[href="` + mainPath + `"]`)))
		if got := s.textContent("#item-title"); got != long {
			t.Errorf("following a result without script: %q", got)
		}
	})
}

// itemLayout is where the public item page puts its title and first picture.
type itemLayout struct {
	ScrollWidth, InnerWidth    int
	TitleTop, TitleH, TitleW   float64
	PicRight, PicLeft          float64
	PicWidthAttr, PicHeightAtt string
}

// textContent is the text of the first element matching sel as written, whatever
// the style's text-transform.
func (s *site) textContent(sel string) string {
	s.t.Helper()
	return strings.TrimSpace(get(s, chromedp.TextContent(css(sel))))
}

// checkPicturesLoad waits for the page's pictures and fails for any that did not load.
func (s *site) checkPicturesLoad(t *testing.T) {
	t.Helper()
	broken := get(s, chromedp.Poll[[]string](`(() => {
		const imgs = [...document.querySelectorAll('main img')];
		imgs.forEach(i => i.loading = 'eager');
		if (!imgs.every(i => i.complete)) return false;
		return imgs.filter(i => i.naturalWidth === 0).map(i => i.src);
	})()`, chromedp.WithPollingTimeout(10e9)))
	if len(broken) > 0 {
		t.Errorf("pictures that did not load: %v", broken)
	}
}

// sitemapLocs reads a sitemap (or sitemap index, followed) and returns its URLs.
func (s *site) sitemapLocs(t *testing.T, path string) []string {
	t.Helper()
	resp, body := s.httpGet(path)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "xml") {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s is not XML: %v", path, err)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("%s: namespace %q", path, doc.XMLName.Space)
	}
	var out []string
	for _, u := range doc.URLs {
		out = append(out, u.Loc)
	}
	for _, sm := range doc.Sitemaps {
		out = append(out, s.sitemapLocs(t, strings.TrimPrefix(sm.Loc, s.URL))...)
	}
	return out
}

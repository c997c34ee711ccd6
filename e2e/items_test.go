package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// load runs trigger (a click, a submit) and waits for the page it leads to to load.
func (s *site) load(trigger chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	get(s, chromedp.WaitEvent(page.LoadEventFired, nil, trigger))
}

// open navigates to path and waits for sel to be visible.
func (s *site) open(path, sel string) {
	s.t.Helper()
	s.run(chromedp.Navigate(s.URL+path), chromedp.WaitVisible(css(sel)))
}

// logout signs the browser out with the logout button.
func (s *site) logout() {
	s.t.Helper()
	s.open("/app/account", `form[action="/logout"] button`)
	s.load(chromedp.Click(css(`form[action="/logout"] button`)))
	if loc := get(s, chromedp.Location()); !strings.Contains(loc, "/login") {
		s.t.Fatalf("after logging out the browser is at %s", loc)
	}
}

// as signs out whoever is signed in and signs in as the user of role r.
func (s *site) as(r loa.Role) {
	s.t.Helper()
	s.logout()
	s.login(r)
}

// acceptConfirms makes the page's data-confirm questions answer yes, as a person
// clicking OK would.
func (s *site) acceptConfirms() {
	s.t.Helper()
	s.run(chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`))
}

// step takes the workflow step a on the item page shown (a button without reason).
func (s *site) step(a loa.Action) {
	s.t.Helper()
	s.acceptConfirms()
	s.load(chromedp.Click(css(`form:has(input[name="action"][value="` + string(a) + `"]) button[type="submit"]`)))
}

// subtest runs fn as t's subtest name, with s's helpers failing the subtest.
func (s *site) subtest(t *testing.T, name string, fn func(t *testing.T)) {
	t.Helper()
	parent := s.t
	t.Run(name, func(t *testing.T) {
		s.t = t
		defer func() { s.t = parent }()
		fn(t)
	})
}

// mainText is the text of the page's main element.
func (s *site) mainText() string {
	s.t.Helper()
	return s.text("main")
}

// pictureFile writes a w×h PNG with a gradient (so it is a real picture, not one
// colour) under t's temporary folder and returns its path.
func pictureFile(t *testing.T, name string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// itemIDIn reads the item id from a back-office item URL.
func itemIDIn(t *testing.T, loc string) int64 {
	t.Helper()
	m := regexp.MustCompile(`/app/items/(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("not an item page: %s", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// channels creates the site's own channel and a radio-TV channel.
func channels(t *testing.T, db *store.DB) (siteCh, radio *loa.Channel) {
	t.Helper()
	ctx := context.Background()
	siteCh = &loa.Channel{Code: "site", Name: "Trang thông tin điện tử", Type: loa.ChannelSite, URL: "https://vks.example/"}
	radio = &loa.Channel{Code: "ptth-tb", Name: "Đài Phát thanh – Truyền hình Thái Bình", Type: loa.ChannelRadioTV}
	for _, c := range []*loa.Channel{siteCh, radio} {
		if err := db.SaveChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return siteCh, radio
}

// The item workflow of issue 3, end to end, on both engines: the workflow's steps,
// the status history and the publications are SQL that differs between them.
func TestItemWorkflowInBrowser(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		s := newSite(t, db)
		_, radio := channels(t, db)
		pic := pictureFile(t, "hoi-nghi.png", 1400, 788) // wider than the site's 1200 px: resized
		const (
			title   = "Viện kiểm sát huyện Hưng Hà tổ chức hội nghị tuyên truyền"
			fixed   = "Viện kiểm sát nhân dân huyện Hưng Hà tổ chức hội nghị tuyên truyền pháp luật"
			summary = "Sáng 12/6, đơn vị tổ chức hội nghị tuyên truyền Bộ luật Tố tụng hình sự."
			caption = "Quang cảnh hội nghị tuyên truyền tại xã Tân Lễ"
			reason  = "Tiêu đề cần ghi đủ tên đơn vị và nội dung tuyên truyền."
		)

		s.login(loa.RoleContributor)
		s.open("/app/items/new", "#title")
		s.run(
			chromedp.SendKeys(css(`#title`), title),
			chromedp.SendKeys(css(`#summary`), summary),
			chromedp.SendKeys(css(`#author-0`), "Nguyễn Thị Hoa"),
			chromedp.Poll[chromedp.Void](`!!(document.querySelector('trix-editor') || {}).editor`),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('trix-editor').editor.insertHTML('<p>Hội nghị có <strong>120</strong> đại biểu tham dự.</p>')`),
			chromedp.SetUploadFiles(css(`#pictures`), []string{pic}),
			chromedp.SendKeys(css(`#new_caption`), caption),
		)
		s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã lưu tin bài") {
			t.Fatalf("after saving: flash %q", got)
		}
		id := itemIDIn(t, get(s, chromedp.Location()))
		if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('.item-preview figure img').length`)); n != 1 {
			t.Fatalf("%d pictures on the item page, want 1", n)
		}
		if got := s.text(".item-preview figcaption"); !strings.Contains(got, caption) {
			t.Fatalf("caption %q", got)
		}
		if got := s.text(".item-body"); !strings.Contains(got, "120 đại biểu") {
			t.Fatalf("body %q lacks the typed text", got)
		}
		s.step(loa.ActionSubmit)
		if got := s.text(".item-status .badge"); got != "Chờ duyệt" {
			t.Fatalf("after submitting: status %q", got)
		}

		t.Log("the editor returns it with a reason")
		s.as(loa.RoleEditor)
		s.open(itemURL(id), "h1.page-title")
		s.run(
			chromedp.Click(css(`details:has(#reason-return) summary`)),
			chromedp.WaitVisible(css(`#reason-return`)),
			chromedp.SendKeys(css(`#reason-return`), reason),
		)
		s.load(chromedp.Click(css(`details:has(#reason-return) button[type="submit"]`)))
		if got := s.text(".item-status .badge"); got != "Trả lại" {
			t.Fatalf("after returning: status %q", got)
		}

		t.Log("the contributor reads the reason, fixes the title and resubmits")
		s.as(loa.RoleContributor)
		s.open(itemURL(id), "h1.page-title")
		if got := s.mainText(); !strings.Contains(got, reason) {
			t.Fatalf("the contributor does not see the reason %q on the item page", reason)
		}
		s.load(chromedp.Click(css(`.item-actions a[href$="/edit"]`)))
		s.run(
			chromedp.WaitVisible(css(`#title`)),
			chromedp.Clear(css(`#title`)),
			chromedp.SendKeys(css(`#title`), fixed),
		)
		if got := get(s, chromedp.Value(css(`#caption_`+firstMediaID(t, s)))); got != caption {
			t.Fatalf("the editor shows caption %q, want %q", got, caption)
		}
		s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
		if got := s.text("h1.page-title"); got != fixed {
			t.Fatalf("title after fixing %q", got)
		}
		s.step(loa.ActionSubmit)

		t.Log("the editor approves and publishes")
		s.as(loa.RoleEditor)
		s.open(itemURL(id), "h1.page-title")
		s.step(loa.ActionApprove)
		if got := s.text(".item-status .badge"); got != "Đã duyệt" {
			t.Fatalf("after approving: status %q", got)
		}
		s.step(loa.ActionPublish)
		if got := s.text(".item-status .badge"); got != "Đã đăng" {
			t.Fatalf("after publishing: status %q", got)
		}

		t.Log("the public page shows it with its picture and caption")
		s.logout()
		s.open("/tin/x-"+strconv.FormatInt(id, 10), "#item-title")
		if loc := get(s, chromedp.Location()); !strings.HasSuffix(loc, "-"+strconv.FormatInt(id, 10)) || !strings.Contains(loc, "/tin/vien-kiem-sat") {
			t.Errorf("public URL %s is not /tin/{slug}-{id}", loc)
		}
		if got := s.text("#item-title"); got != fixed {
			t.Fatalf("public title %q", got)
		}
		w := get(s, chromedp.Poll[int](`(() => { const i = document.querySelector('#item figure img'); return i && i.complete && i.naturalWidth; })()`,
			chromedp.WithPollingTimeout(10e9)))
		if w <= 0 || w > 1200 {
			t.Fatalf("public picture natural width %d, want 1..1200 (the site's copy)", w)
		}
		if got := s.text("#item figure figcaption"); !strings.Contains(got, caption) {
			t.Fatalf("public caption %q", got)
		}
		if got := s.text("#item-body"); !strings.Contains(got, "120 đại biểu") {
			t.Fatalf("public body %q", got)
		}

		t.Log("the contributor records a radio-TV broadcast, today: never before its item was written")
		aired := loa.Today().Display()
		s.login(loa.RoleContributor)
		s.open(itemURL(id), "h1.page-title")
		s.run(
			chromedp.Click(css(`details:has(#channel_id) summary`)),
			chromedp.WaitVisible(css(`#channel_id`)),
			chromedp.SetValue(css(`#channel_id`), strconv.FormatInt(radio.ID, 10)),
			chromedp.SetValue(css(`#published_on`), aired),
			chromedp.SendKeys(css(`#url`), "https://ptth.example/thoi-su-19h-14-6"),
			chromedp.SendKeys(css(`#note`), "Bản tin thời sự 19 giờ"),
		)
		if opts := get(s, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#channel_id option')].map(o => o.textContent)`)); strings.Contains(strings.Join(opts, "|"), "Trang thông tin điện tử") {
			t.Errorf("a contributor is offered the site channel: %q", opts)
		}
		s.load(chromedp.Click(css(`form[action$="/publications"] button[type="submit"]`)))
		pubs := s.text("#publications + .table-wrap table")
		for _, want := range []string{radio.Name, aired, "https://ptth.example/thoi-su-19h-14-6", "Bản tin thời sự 19 giờ", "Trang thông tin điện tử"} {
			if !strings.Contains(pubs, want) {
				t.Errorf("publications lack %q:\n%s", want, pubs)
			}
		}
	})
}

// firstMediaID is the id of the first picture in the item editor shown.
func firstMediaID(t *testing.T, s *site) string {
	t.Helper()
	id := get(s, chromedp.Evaluate[string](`(document.querySelector('input[id^="caption_"]') || {id: ''}).id.replace('caption_', '')`))
	if id == "" {
		t.Fatal("the item editor shows no picture")
	}
	return id
}

// itemURL is the back office's page of item id.
func itemURL(id int64) string { return "/app/items/" + strconv.FormatInt(id, 10) }

// A file named .jpg that holds text is refused with a message; nothing typed is
// lost. SQLite only: the refusal happens before anything reaches the database.
func TestItemUploadNotAPicture(t *testing.T) {
	t.Parallel()
	s := newSite(t, openSQLite(t))
	fake := filepath.Join(t.TempDir(), "anh-hoi-nghi.jpg")
	if err := os.WriteFile(fake, []byte("Đây là văn bản, không phải ảnh.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const title, summary, caption = "Tin có tệp ảnh giả", "Sa pô vẫn còn sau khi tệp bị từ chối.", "Chú thích vẫn còn"
	s.login(loa.RoleContributor)
	s.open("/app/items/new", "#title")
	s.run(
		chromedp.SendKeys(css(`#title`), title),
		chromedp.SendKeys(css(`#summary`), summary),
		chromedp.SendKeys(css(`#author-0`), "Trần Văn Nam"),
		chromedp.Poll[chromedp.Void](`!!(document.querySelector('trix-editor') || {}).editor`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('trix-editor').editor.insertHTML('<p>Nội dung giữ nguyên</p>')`),
		chromedp.SetUploadFiles(css(`#pictures`), []string{fake}),
		chromedp.SendKeys(css(`#new_caption`), caption),
	)
	s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
	if loc := get(s, chromedp.Location()); !strings.HasSuffix(loc, "/app/items") {
		t.Fatalf("after a refused upload the browser is at %s", loc)
	}
	if got := s.text(".field.has-error:has(#pictures) .error"); !strings.Contains(got, "anh-hoi-nghi.jpg") || !strings.Contains(got, "không phải ảnh") {
		t.Errorf("picture error %q", got)
	}
	for sel, want := range map[string]string{"#title": title, "#summary": summary, "#author-0": "Trần Văn Nam", "#new_caption": caption} {
		if got := get(s, chromedp.Value(css(sel))); got != want {
			t.Errorf("%s = %q after the refusal, want %q", sel, got, want)
		}
	}
	if got := get(s, chromedp.Value(css(`#body`))); !strings.Contains(got, "Nội dung giữ nguyên") {
		t.Errorf("body %q lost", got)
	}
	s.run(chromedp.Poll[chromedp.Void](`!!(document.querySelector('trix-editor') || {}).editor`))
	if got := s.text("trix-editor"); !strings.Contains(got, "Nội dung giữ nguyên") {
		t.Errorf("the body editor shows %q", got)
	}
	rows, total, err := s.DB.Items(context.Background(), store.ItemFilter{Page: store.Page{Number: 1, Size: 10}})
	if err != nil || total != 0 {
		t.Errorf("a refused form stored %d items (%v): %v", total, err, rows)
	}
}

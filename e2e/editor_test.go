package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"loa"
)

// shiftTabTo presses Shift+Tab until the focused element matches sel.
func (s *site) shiftTabTo(sel string, max int) {
	s.t.Helper()
	for i := 0; i < max; i++ {
		s.run(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		if get(s, chromedp.Evaluate[bool](`document.activeElement.matches(`+jsString(sel)+`)`)) {
			return
		}
	}
	s.t.Fatalf("%s not reached with %d presses of Shift+Tab", sel, max)
}

// pressEnter presses Enter as a real keyboard does: one keyDown that carries its
// text, so that a page that cancels the keydown gets no keypress (chromedp's
// KeyEvent sends the character as an event of its own, which nothing cancels).
func (s *site) pressEnter() {
	s.t.Helper()
	s.run(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, k := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13, Text: "\r", UnmodifiedText: "\r"},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13},
		} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, k); err != nil {
				return err
			}
		}
		return nil
	}))
}

// focused reports whether the focused element matches sel.
func (s *site) focused(sel string) bool {
	s.t.Helper()
	return get(s, chromedp.Evaluate[bool](`!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`))
}

// TestEditorWritingSurface writes an item in the rich editor as a contributor: a
// Vietnamese toolbar; a heading, a list, a quote and a subheading from its buttons;
// a link through its dialog with the keyboard alone (opened from the toolbar, Enter
// applies, Esc closes, the focus goes back to the text); a picture with its
// alternative text and caption through the picture dialog; Word's HTML pasted and
// cleaned. The preview then shows the public page (h1, then h2 and h3), and once an
// editor has approved and published it by keyboard, so does the public site.
func TestEditorWritingSurface(t *testing.T) {
	t.Parallel()
	db := openSQLite(t)
	s := newSite(t, db)
	channels(t, db)
	ctx := context.Background()
	const title = "Hội nghị sơ kết công tác tuyên truyền sáu tháng"
	it := &loa.Item{Kind: loa.KindNews, UnitID: s.Unit.ID, Title: title, Body: "<p>Mở đầu.</p>"}
	if err := db.CreateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	pic := pictureFile(t, "hoi-nghi.png", 900, 600)
	const alt = "Đồng chí Viện trưởng phát biểu khai mạc hội nghị"
	const caption = "Quang cảnh hội nghị sơ kết"

	s.login(loa.RoleContributor)
	s.open(itemURL(it.ID)+"/edit", `trix-toolbar [data-loa-picture]`)
	s.run(chromedp.Poll[chromedp.Void](`!!(document.querySelector('trix-editor') || {}).editor`))

	s.subtest(t, "toolbar in Vietnamese", func(t *testing.T) {
		words := get(s, chromedp.Evaluate[string](`[...document.querySelectorAll('trix-toolbar button, trix-toolbar input')].map(b => (b.textContent || b.value) + '|' + (b.title || '') + '|' + (b.getAttribute('aria-label') || '') + '|' + (b.placeholder || '')).join(' ')`))
		for _, en := range []string{"Bold", "Italic", "Heading", "Quote", "Bullets", "Numbers", "Link", "Unlink", "Attach", "Undo", "Redo", "Enter a URL", "Level"} {
			if strings.Contains(words, en) {
				t.Errorf("English %q in the toolbar: %s", en, words)
			}
		}
		for _, vi := range []string{"Tiêu đề mục", "Tiêu đề nhỏ", "Trích dẫn", "Danh sách đánh số", "Gắn liên kết", "Chèn ảnh"} {
			if !strings.Contains(words, vi) {
				t.Errorf("%q missing from the toolbar: %s", vi, words)
			}
		}
		if h := get(s, chromedp.Evaluate[float64](`document.querySelector('trix-editor').getBoundingClientRect().height`)); h < 400 {
			t.Errorf("the body is %.0f px tall, want a tall writing surface", h)
		}
	})

	btn := func(attr string) string { return `trix-toolbar button[data-trix-attribute="` + attr + `"]` }
	// The text first, as paragraphs; then each paragraph gets its form from the
	// toolbar's button, the cursor in it.
	s.run(chromedp.Evaluate[chromedp.Void](`document.querySelector('trix-editor').editor.loadHTML('<div>Mở đầu.</div><div>Kết quả đạt được</div><div>Đăng 306 tin, bài trên trang</div><div>Tuyên truyền là nhiệm vụ của mỗi cán bộ</div><div>Chi tiết từng đơn vị</div><div>Xem thêm: </div>')`))
	for _, b := range []struct{ text, attr string }{{"Kết quả đạt được", "heading1"}, {"Đăng 306 tin", "bullet"}, {"Tuyên truyền là", "quote"}, {"Chi tiết từng", "heading2"}} {
		s.run(chromedp.Evaluate[chromedp.Void](`(() => { const e = document.querySelector('trix-editor'); e.focus(); const i = e.editor.getDocument().toString().indexOf(`+jsString(b.text)+`) + 2; e.editor.setSelectedRange([i, i]) })()`),
			chromedp.Click(css(btn(b.attr))))
	}
	toEnd := chromedp.Evaluate[chromedp.Void](`(() => { const e = document.querySelector('trix-editor'); e.focus(); const n = e.editor.getDocument().getLength(); e.editor.setSelectedRange([n - 1, n - 1]) })()`)
	s.run(toEnd)

	s.subtest(t, "link by keyboard", func(t *testing.T) {
		s.shiftTabTo(btn("href"), 20)
		s.run(chromedp.KeyEvent(kb.Enter))
		if !s.focused(`trix-toolbar .trix-dialog--link input[name="href"]`) {
			t.Fatalf("Enter on the link button: the focus is not in the dialog's address field")
		}
		if !get(s, chromedp.Evaluate[bool](`(() => { const d = document.querySelector('.trix-dialog--link'), r = d.getBoundingClientRect(), p = document.elementFromPoint(r.left + 10, r.top + 10); return r.height > 0 && d.contains(p) })()`)) {
			t.Fatalf("the link dialog is not visible on top (hidden, or under the text)")
		}
		s.typeKeys("https://vksndtc.gov.vn/")
		s.pressEnter()
		if !s.focused(`trix-editor`) {
			t.Errorf("after Enter in the link dialog the focus is not back in the text")
		}
		if get(s, chromedp.Evaluate[bool](`document.querySelector('.trix-dialog--link').hasAttribute('data-trix-active')`)) {
			t.Errorf("the link dialog is still open after Enter")
		}
		// Opened again, Esc closes it and gives the text the focus back.
		s.shiftTabTo(btn("href"), 20)
		s.run(chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Escape))
		if get(s, chromedp.Evaluate[bool](`document.querySelector('.trix-dialog--link').hasAttribute('data-trix-active')`)) || !s.focused(`trix-editor`) {
			t.Errorf("Esc: the dialog stays open or the focus is not back in the text")
		}
	})

	s.subtest(t, "picture with alt and caption", func(t *testing.T) {
		s.run(toEnd)
		s.shiftTabTo(`trix-toolbar [data-loa-picture]`, 20)
		s.run(chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(css(`#picture-dialog[open] #picture-file`)),
			chromedp.SetUploadFiles(css(`#picture-file`), []string{pic}))
		s.tabTo(`#picture-alt`, 3)
		s.typeKeys(alt)
		s.tabTo(`#picture-caption`, 3)
		s.typeKeys(caption)
		s.run(chromedp.KeyEvent(kb.Enter), chromedp.WaitNotPresent(css(`#picture-dialog[open]`)),
			chromedp.Poll[chromedp.Void](`document.getElementById('body').value.includes('<figcaption')`))
		if !s.focused(`trix-editor`) {
			t.Errorf("after inserting the picture the focus is not back in the text")
		}
	})

	s.subtest(t, "Word paste cleaned", func(t *testing.T) {
		word, err := os.ReadFile("../sanitize/testdata/word.html")
		if err != nil {
			t.Fatal(err)
		}
		wordJS, _ := json.Marshal(string(word))
		s.run(toEnd, chromedp.Evaluate[chromedp.Void](`(() => { const e = document.querySelector('trix-editor');
  const dt = new DataTransfer(); dt.setData('text/html', `+string(wordJS)+`); dt.setData('text/plain', 'x');
  e.dispatchEvent(new InputEvent('beforeinput', {inputType: 'insertFromPaste', dataTransfer: dt, bubbles: true, cancelable: true})) })()`),
			chromedp.Poll[chromedp.Void](`document.getElementById('body').value.includes('Bám sát chủ đề năm')`))
		body := get(s, chromedp.Evaluate[string](`document.getElementById('body').value`))
		for _, want := range []string{"<h2>Hội nghị sơ kết công tác tuyên truyền 6 tháng đầu năm 2024</h2>", "<li>Đăng 306 tin, bài trên Trang thông tin điện tử;", "<li>Bám sát chủ đề năm;"} {
			if !strings.Contains(body, want) {
				t.Errorf("pasted Word list not a list: %q missing from %s", want, body)
			}
		}
		for _, bad := range []string{"·", "mso-", "MsoNormal", "font-family"} {
			if strings.Contains(body, bad) {
				t.Errorf("%q of Word's markup in the editor: %s", bad, body)
			}
		}
	})

	s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
	if got := s.text(".flash"); !strings.Contains(got, "Đã lưu tin bài") {
		t.Fatalf("after saving: flash %q", got)
	}
	stored, err := db.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Kết quả đạt được</h2>", "<h3>Chi tiết từng đơn vị</h3>", "<li>Đăng 306 tin, bài trên trang</li>",
		"<blockquote>Tuyên truyền là nhiệm vụ của mỗi cán bộ</blockquote>", `alt="` + alt + `"`, "<figcaption>" + caption + "</figcaption>",
		`<a href="https://vksndtc.gov.vn/" target="_blank" rel="noopener">https://vksndtc.gov.vn/</a>`} {
		if !strings.Contains(stored.Body, want) {
			t.Errorf("stored body lacks %q: %s", want, stored.Body)
		}
	}

	// checkPage reads the headings and pictures of an item page (preview or public).
	checkPage := func(t *testing.T) {
		heads := get(s, chromedp.Evaluate[string](`[...document.querySelectorAll('main h1, main h2, main h3')].map(h => h.tagName + ':' + h.textContent.trim()).join('|')`))
		if !strings.HasPrefix(heads, "H1:"+title+"|H2:Kết quả đạt được|") || !strings.Contains(heads, "H3:Chi tiết từng đơn vị") {
			t.Errorf("headings %s, want h1 the title, then h2, h3", heads)
		}
		if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('#item-body img:not([alt]), #item-body img[alt=""], main img:not([alt])').length`)); n != 0 {
			t.Errorf("%d pictures without alt", n)
		}
		if got := s.text(`#item-body figure figcaption`); got != caption {
			t.Errorf("caption %q, want %q", got, caption)
		}
		if got := get(s, chromedp.Evaluate[string](`document.querySelector('#item-body figure img').alt`)); got != alt {
			t.Errorf("alt %q, want %q", got, alt)
		}
	}
	s.subtest(t, "preview", func(t *testing.T) {
		s.open(itemURL(it.ID)+"/preview", `#preview-banner`)
		if got := s.text("#preview-banner"); !strings.Contains(got, "Bản xem trước") {
			t.Errorf("banner %q", got)
		}
		checkPage(t)
	})

	s.open(itemURL(it.ID), "h1.page-title")
	s.step(loa.ActionSubmit)
	s.ctx = newTab(t)
	s.keyboardApprovePublish(it.ID)
	s.subtest(t, "public page", func(t *testing.T) {
		s.open("/tin/tin-"+strconv.FormatInt(it.ID, 10), "#item-title") // redirected to its address
		checkPage(t)
	})
}

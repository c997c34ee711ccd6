package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"loa"
	"loa/store"
)

// focusState is what the test reads of document.activeElement after a key.
type focusState struct {
	Matches bool   // it matches the selector sought
	Visible bool   // its computed outline or box-shadow shows
	Desc    string // tag#id.class "text", for messages
}

// tabTo presses Tab until the focused element matches sel, as a keyboard user does,
// failing when an element on the way has no visible focus, or when sel is not
// reached within max presses (unreachable, or focus trapped).
func (s *site) tabTo(sel string, max int) { s.t.Helper(); s.keyTo(sel, max) }

// keyTo presses Tab (Shift+Tab with the shift option) until the focused element
// matches sel, as tabTo says.
func (s *site) keyTo(sel string, max int, opts ...chromedp.KeyOption) {
	s.t.Helper()
	var path []string
	for i := 0; i < max; i++ {
		f := s.pressFocus(sel, opts...)
		path = append(path, f.Desc)
		if f.Matches {
			return
		}
	}
	s.t.Fatalf("%s not reached with %d presses of Tab; focus went %s", sel, max, strings.Join(path, " → "))
}

// pressFocus presses Tab (with opts) and reads where the focus went, failing when
// the element focused shows no focus.
func (s *site) pressFocus(sel string, opts ...chromedp.KeyOption) focusState {
	s.t.Helper()
	s.run(chromedp.KeyEvent(kb.Tab, opts...))
	f := get(s, chromedp.Evaluate[focusState](`(() => { const e = document.activeElement, cs = getComputedStyle(e);
  return {matches: e.matches(`+jsString(sel)+`),
    visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
    desc: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ' "' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"'} })()`))
	if !f.Visible && !strings.HasPrefix(f.Desc, "body") {
		s.t.Errorf("focus on %s is not visible (no outline, no box-shadow)", f.Desc)
	}
	return f
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// typeKeys types text into the focused element.
func (s *site) typeKeys(text string) { s.t.Helper(); s.run(chromedp.KeyEvent(text)) }

// enterAndWait presses Enter on the focused control and waits for the next page to
// show sel (the page before, marked, may still show it while the request runs).
func (s *site) enterAndWait(sel string) {
	s.t.Helper()
	s.run(chromedp.Evaluate[chromedp.Void](`document.body.dataset.before = '1'`), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`body:not([data-before]) `+sel)))
}

// keyboardLogin signs in as r with the keyboard alone.
func (s *site) keyboardLogin(r loa.Role) {
	s.t.Helper()
	s.run(chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(css(`#email`)))
	s.tabTo(`#email`, 15)
	s.typeKeys(s.Users[r].Email)
	s.tabTo(`#password`, 3)
	s.typeKeys(password)
	s.enterAndWait(`nav.main-nav`)
}

// keyboardApprovePublish signs in as the editor with the keyboard alone, opens the
// item and approves and publishes it now, in one act: Tab to "Duyệt và đăng", Enter
// opens it, Tab to its button (publishing now is the default), Enter.
func (s *site) keyboardApprovePublish(id int64) {
	s.t.Helper()
	s.keyboardLogin(loa.RoleEditor)
	s.run(chromedp.Navigate(s.URL+itemURL(id)), chromedp.WaitVisible(css(`h1.page-title`)))
	s.tabTo(`details.approve-publish summary`, 80)
	s.run(chromedp.KeyEvent(kb.Enter))
	s.tabTo(`details.approve-publish button[type=submit]`, 10)
	s.enterAndWait(`.flash.success`)
	if got := s.text(".item-status .badge"); got != "Đã đăng" {
		s.t.Fatalf("after approving and publishing by keyboard: status %q", got)
	}
}

// TestKeyboardJourneys walks loa's main journeys with the keyboard alone: a
// contributor signs in, writes an item in the editor (every toolbar button reached)
// and submits it; an editor approves and publishes it; a reader finds it with the
// public search and opens it. Each element focused on the way must show its focus.
func TestKeyboardJourneys(t *testing.T) {
	t.Parallel()
	db := openSQLite(t)
	s := newSite(t, db)
	channels(t, db) // publishing on the site records the site's publication
	title := "Tin viết bằng bàn phím về phiên toà rút kinh nghiệm"

	s.subtest(t, "contributor writes and submits", func(t *testing.T) {
		s.keyboardLogin(loa.RoleContributor)
		s.run(chromedp.Navigate(s.URL+"/app/items/new"), chromedp.WaitVisible(css(`trix-toolbar button`)))
		s.tabTo(`#title`, 30)
		s.typeKeys(title)
		// Every control of the editor's toolbar, then the editor itself.
		// The editor's toolbar buttons are tab stops (Trix makes them tabindex=-1;
		// app.js fixes that), each with a visible focus, then the editor itself.
		s.tabTo(`trix-toolbar button`, 40)
		s.tabTo(`trix-editor`, 20)
		s.typeKeys("Viện kiểm sát nhân dân huyện Hưng Hà tổ chức phiên toà rút kinh nghiệm.")
		// Tab leaves the editor (no trap) and reaches the form's submit button.
		s.tabTo(`form button[type=submit]`, 40)
		s.enterAndWait(`.flash.success`)
		s.tabTo(`.item-actions form button[type=submit]`, 60) // the first step: submit
		if got := get(s, chromedp.Evaluate[string](`document.activeElement.innerText`)); !strings.Contains(got, "Gửi") {
			t.Fatalf("first action of a draft is %q, want the submit button", got)
		}
		s.enterAndWait(`.flash.success`)
	})
	rows, _, err := db.Items(context.Background(), store.ItemFilter{})
	if err != nil || len(rows) != 1 || rows[0].Title != title || rows[0].Status != loa.StatusSubmitted {
		t.Fatalf("after the keyboard journey, want the one item submitted: %d items (%v)", len(rows), err)
	}
	s.subtest(t, "editor approves and publishes in one act", func(t *testing.T) {
		s.ctx = newTab(t) // a browser of the editor's own
		s.keyboardApprovePublish(rows[0].ID)
	})
}

// tabAround presses Tab from the top of the page just loaded until the focus comes
// back round to the first control it reached, as a keyboard user going through the
// whole page does, and says what went wrong ("" when nothing): the focus did not
// come back within max presses (a trap), or a visible control was never focused on
// the way (out of the keyboard's reach). A focus not visible fails the test.
func (s *site) tabAround(max int) string {
	s.t.Helper()
	for i := 0; ; i++ {
		if i == max {
			return fmt.Sprintf("the focus did not come back to the first control within %d presses of Tab: trapped at %s",
				max, get(s, chromedp.Evaluate[string](`document.activeElement.outerHTML.slice(0, 80)`)))
		}
		if f := s.pressFocus(`[data-kb-first]`); f.Matches {
			break
		}
		s.run(chromedp.Evaluate[chromedp.Void](`(() => { const e = document.activeElement;
  if (!e || e === document.body) return; e.dataset.kbSeen = '1'; if (!document.querySelector('[data-kb-first]')) e.dataset.kbFirst = '1' })()`))
	}
	missed := get(s, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
    && !(e.type === 'radio' && !e.checked) && !e.dataset.kbSeen)
  .map(e => e.outerHTML.slice(0, 80))`))
	if len(missed) > 0 {
		return fmt.Sprintf("controls Tab never reaches: %q", missed)
	}
	return ""
}

// TestKeyboardPublicJourney walks the public site with the keyboard alone (issue
// 17): from the home page a reader tabs to the search, searches a word, opens a
// result, reads it, uses the article's tools (print, copy the link, text size; the
// share links reached) and goes back by the breadcrumbs. On each page every
// visible control is reached with a visible focus and Tab comes back round (no trap).
func TestKeyboardPublicJourney(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	channels(t, db)
	sec := &store.Section{Slug: "tin-hoat-dong", Name: "Tin hoạt động", Kinds: []loa.ItemKind{loa.KindNews}, OnHome: true}
	if err := db.SaveSection(ctx, sec); err != nil {
		t.Fatal(err)
	}
	it := &loa.Item{Kind: loa.KindNews, UnitID: s.Unit.ID, Title: "Phiên toà rút kinh nghiệm vụ án ma tuý",
		Summary: "Viện kiểm sát nhân dân huyện Hưng Hà phối hợp tổ chức phiên toà rút kinh nghiệm.",
		Body:    "<p>Phiên toà được tổ chức trực tuyến, có kiểm sát viên các đơn vị theo dõi.</p>", Authors: []loa.Author{{Name: "Nguyễn Văn An"}}}
	if err := db.CreateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
		if err := db.Transition(ctx, it.ID, a, ""); err != nil {
			t.Fatal(err)
		}
	}
	// The copy-link tool writes to the clipboard, which a browser lets a page do only when allowed.
	for _, name := range []string{"clipboard-write", "clipboard-read"} {
		if _, err := chromedp.CallBrowser(s.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted,
			Origin: s.URL, BrowserContextID: chromedp.FromContext(s.ctx).BrowserContextID}); err != nil {
			t.Fatal(err)
		}
	}

	s.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#search-q`)))
	if p := s.tabAround(150); p != "" {
		t.Errorf("home page: %s", p)
	}
	s.tabTo(`#search-q`, 60)
	s.typeKeys("ma tuy") // without its marks, as readers often type
	s.enterAndWait(`.search-results a`)
	if got := s.text(`.search-results`); !strings.Contains(got, it.Title) {
		t.Fatalf("search for the word: results %q lack %q", got, it.Title)
	}
	if p := s.tabAround(150); p != "" {
		t.Errorf("search page: %s", p)
	}
	s.tabTo(`.search-results a`, 60)
	s.enterAndWait(`#item-title`)
	if got := s.text(`#item-title`); got != it.Title {
		t.Fatalf("the result opened %q, want %q", got, it.Title)
	}
	if p := s.tabAround(150); p != "" {
		t.Errorf("article: %s", p)
	}

	// The tools, in order: print, copy the link, share, text size.
	s.run(chromedp.Evaluate[chromedp.Void](`addEventListener('beforeprint', () => document.body.dataset.printed = '1')`))
	s.tabTo(`#article-tools [data-print]`, 60)
	s.run(chromedp.KeyEvent(kb.Enter), chromedp.WaitReady(css(`body[data-printed]`)))
	s.tabTo(`#article-tools [data-copy-link]`, 2)
	s.run(chromedp.KeyEvent(kb.Enter))
	get(s, chromedp.Poll[bool](`document.activeElement.textContent.includes('Đã sao chép')`, chromedp.WithPollingTimeout(5*time.Second)))
	s.tabTo(`#article-tools a[href*="facebook.com"]`, 2)
	s.tabTo(`#article-tools a[href*="zalo.me"]`, 2)
	s.tabTo(`#article-tools [data-text-size="1"]`, 4)
	size := func() float64 {
		return get(s, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.getElementById('item-body')).fontSize)`))
	}
	before := size()
	s.run(chromedp.KeyEvent(kb.Enter))
	if after := size(); after <= before {
		t.Errorf("larger text: the body's text is %.1f px, was %.1f px", after, before)
	}
	s.keyTo(`#article-tools [data-text-size="0"]`, 2, chromedp.KeyModifiers(chromedp.ModifierShift))
	s.run(chromedp.KeyEvent(kb.Enter))
	if after := size(); after != before {
		t.Errorf("default text size: the body's text is %.1f px, want %.1f px back", after, before)
	}

	// Back by the breadcrumbs: Shift+Tab up to the section, then its page.
	s.keyTo(`#breadcrumb a[href="/chuyen-muc/`+sec.Slug+`"]`, 20, chromedp.KeyModifiers(chromedp.ModifierShift))
	s.enterAndWait(`#list-title`)
	if got := s.text(`#list-title`); !strings.EqualFold(got, sec.Name) { // shown in capitals
		t.Fatalf("the breadcrumb led to %q, want the section %q", got, sec.Name)
	}
	if p := s.tabAround(150); p != "" {
		t.Errorf("section page: %s", p)
	}
}

// TestTabAroundSees proves tabAround can see: on the home page, which passes it, a
// control that keeps the focus on Tab (a trap) is reported.
func TestTabAroundSees(t *testing.T) {
	t.Parallel()
	s := newSite(t, openSQLite(t))
	s.run(chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#search-q`)))
	if p := s.tabAround(150); p != "" {
		t.Fatalf("the home page: %s", p)
	}
	s.run(chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#search-q`)),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('search-q').addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault() })`))
	if p := s.tabAround(150); !strings.Contains(p, "trapped at <input") {
		t.Errorf("a trap in the search box is not reported: %q", p)
	}
}

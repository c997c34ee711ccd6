package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa"
)

// TestWritingNeverLost: what a contributor types is kept in the browser and comes
// back, with a notice and a way to drop it, when the editor is opened again unsaved;
// and a save that meets an ended session keeps the text through the login page,
// back into the editor, where one click saves it.
func TestWritingNeverLost(t *testing.T) {
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	s.login(loa.RoleContributor)
	const title, body = "Tin viết dở khi mất mạng", "Đoạn văn gõ suốt buổi sáng"
	typeItem := func() {
		s.open("/app/items/new", "#title")
		s.run(
			chromedp.Poll[chromedp.Void](`!!(document.querySelector('trix-editor') || {}).editor`),
			chromedp.SendKeys(css(`#title`), title),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('trix-editor').editor.insertHTML('<p>`+body+`</p>')`),
			chromedp.Sleep(1500*time.Millisecond), // the copy is written a moment after typing stops
		)
	}

	s.subtest(t, "a draft comes back after leaving the page", func(t *testing.T) {
		typeItem()
		s.open("/app", "nav.main-nav")
		s.open("/app/items/new", "#title")
		s.run(chromedp.WaitVisible(css(`#draft-notice`)))
		if got := get(s, chromedp.Value(css(`#title`))); got != title {
			t.Errorf("title after coming back: %q", got)
		}
		s.run(chromedp.Poll[chromedp.Void](`(document.querySelector('trix-editor') || {}).textContent.includes('` + body + `')`))
		s.run(chromedp.Click(css(`[data-draft-discard]`)), chromedp.WaitNotVisible(css(`#draft-notice`)))
		if got := get(s, chromedp.Value(css(`#title`))); got != "" {
			t.Errorf("title after dropping the draft: %q", got)
		}
		s.open("/app", "nav.main-nav")
		s.open("/app/items/new", "#title")
		if get(s, chromedp.Evaluate[bool](`document.getElementById('draft-notice').hidden`)) != true {
			t.Error("a dropped draft comes back")
		}
	})

	s.subtest(t, "a save after the session ended is finished after signing in", func(t *testing.T) {
		typeItem()
		// The session ends as when the password is changed elsewhere (same password, new stamp).
		u := s.Users[loa.RoleContributor]
		if err := db.ChangePassword(ctx, u.ID, password, password); err != nil {
			t.Fatal(err)
		}
		s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
		s.run(chromedp.WaitVisible(css(`#stash-notice`)))
		s.run(
			chromedp.SendKeys(css(`#email`), u.Email),
			chromedp.SendKeys(css(`#password`), password),
		)
		s.load(chromedp.Submit(css(`#password`)))
		if got := get(s, chromedp.Value(css(`#title`))); got != title {
			t.Fatalf("title after signing in again: %q", got)
		}
		s.run(chromedp.Poll[chromedp.Void](`(document.querySelector('trix-editor') || {}).textContent.includes('` + body + `')`))
		s.load(chromedp.Click(css(`form.item-form button[type="submit"]`)))
		if loc := get(s, chromedp.Location()); !strings.Contains(loc, "/app/items/") || strings.HasSuffix(loc, "/new") {
			t.Fatalf("after saving the browser is at %s", loc)
		}
		if !strings.Contains(s.mainText(), body) {
			t.Error("the saved item lacks its body")
		}
		// The save went through: the draft is forgotten.
		s.open("/app/items/new", "#title")
		if get(s, chromedp.Evaluate[bool](`document.getElementById('draft-notice').hidden`)) != true {
			t.Error("the draft of a saved item comes back")
		}
	})
}

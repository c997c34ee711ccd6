package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa"
)

// hostile reads the corpus of XSS payloads, one per line.
func hostile(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "# ") {
			// NUL is refused at every door (loa.Validation.Text, importer/limits_test.go):
			// what reaches a page is the payload without it.
			out = append(out, strings.ReplaceAll(l, "\x00", ""))
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d payloads; the corpus must hold at least 100", len(out))
	}
	return out
}

// fit cuts a payload to a field's limit, in runes: a longer one is refused by the
// form, so what a page can show is its first max runes.
func fit(p string, max int) string {
	if r := []rune(p); len(r) > max {
		return string(r[:max])
	}
	return p
}

// liveMarkup counts what a payload would have made live if it had slipped through
// escaping: event-handler attributes, inline scripts, frames, javascript: links.
// loa's own pages have none of these, so any count above zero is an injection.
// CSP would block most of them anyway; this checks the escaping itself.
const liveMarkup = `(() => {
  let n = 0;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) n++;
      if (['href','src','action','formaction','data','background','xlink:href'].includes(a.name) && /^(javascript|vbscript|data:text)/.test(v.replace(/[\s\x00-\x1f]/g, ''))) n++;
    }
  }
  n += document.querySelectorAll('script:not([src]):not([type="application/json"]), iframe, object, embed, base, meta[http-equiv], svg script, svg animate, svg set').length;
  return n + (window.__xss ? 1000 : 0);
})()`

// cleanTabs is how many tabs assertClean loads pages in at once: the pages are
// independent, and the server and the browser each wait on the other in turn.
const cleanTabs = 3

// assertClean loads every path and fails for each where a payload came alive. The
// pages load in a few tabs of s's browser context at once (so signed in as s is),
// each page a whole load of its own as before. A back-office path that ends on the
// login page fails too: a check of the login form is no check of the page asked for.
func (s *site) assertClean(t *testing.T, paths ...string) {
	t.Helper()
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(cleanTabs, len(paths)) {
		tab, cancel := chromedp.NewContext(s.ctx) // a new tab, same cookies
		defer cancel()
		// Open the tab with no deadline: the first Run binds the tab's life to its context.
		if err := chromedp.Do(tab); err != nil {
			t.Fatalf("open a tab: %v", err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				if msg := checkClean(tab, s.URL, path); msg != "" {
					t.Errorf("%s: %s", path, msg)
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
}

// checkClean loads path in tab and says what is wrong with it, or "".
func checkClean(tab context.Context, base, path string) string {
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		return err.Error()
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](liveMarkup))
	if err != nil {
		return err.Error()
	}
	if n != 0 {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(css("main")))
		return fmt.Sprintf("%d live elements or attributes from hostile input\n%.2000s", n, html)
	}
	if strings.HasPrefix(path, "/app") {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			return err.Error()
		}
		if u, err := url.Parse(loc); err != nil || u.Path == "/login" {
			return "the browser landed on " + loc + ", not the page asked for"
		}
	}
	return ""
}

// assertReflected loads path, which shows what it was given as the value of the
// field sel, checks the page is clean and that every payload came back whole in the
// field: all payloads in one load instead of one load each.
func (s *site) assertReflected(t *testing.T, path, sel string, payloads []string) {
	t.Helper()
	if msg := checkClean(s.ctx, s.URL, path); msg != "" {
		t.Fatalf("%s: %s", path, msg)
	}
	got := get(s, chromedp.Value(css(sel)))
	for i, p := range payloads {
		// The HTML parser reads a NUL in an attribute as U+FFFD, whatever the escaping.
		if !strings.Contains(got, strings.ReplaceAll(p, "\x00", "\uFFFD")) {
			t.Errorf("%s: payload %d %q is not in %s's value", path, i, p, sel)
		}
	}
}

func TestHostileInputNeverRuns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, e := range []string{"sqlite"} { // the escaping is the engine's business of neither
		t.Run(e, func(t *testing.T) {
			db := openSQLite(t)
			s := newSite(t, db)
			payloads := hostile(t)
			var unitID, personID int64
			for i, p := range payloads {
				u := &loa.Unit{Code: fmt.Sprintf("XSS-%03d", i), Name: p, Kind: loa.UnitDepartment, Address: p, Phone: fit(p, loa.MaxPhone)}
				if err := db.SaveUnit(ctx, u); err != nil {
					t.Fatalf("payload %d as a unit name: %v", i, err)
				}
				per := &loa.Person{Name: p, Title: p, Phone: fit(p, loa.MaxPhone)}
				if err := db.SavePerson(ctx, per); err != nil {
					t.Fatal(err)
				}
				if err := db.AddPosting(ctx, &loa.Posting{PersonID: per.ID, UnitID: u.ID, Position: p, From: loa.NewDate(2024, 1, 1)}); err != nil {
					t.Fatal(err)
				}
				if i%10 == 0 {
					if err := db.AddMembership(ctx, &loa.Membership{PersonID: per.ID, Role: loa.BoardMember, Duties: p, From: loa.NewDate(2024, 1, 1)}); err != nil {
						t.Fatal(err)
					}
					if err := db.SetContact(ctx, &loa.Contact{UnitID: u.ID, PersonID: per.ID, Phone: fit(p, loa.MaxPhone), From: loa.NewDate(2024, 1, 1)}); err != nil {
						t.Fatal(err)
					}
				}
				unitID, personID = u.ID, per.ID
			}
			s.login(loa.RoleAdmin)
			t.Run("the detector sees an injection", func(t *testing.T) {
				s.run(chromedp.Navigate(s.URL + "/app/units"))
				get(s, chromedp.Evaluate[any](`document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x onerror=1><a href=" javascript:1">x</a>')`))
				if n := get(s, chromedp.Evaluate[int](liveMarkup)); n != 2 {
					t.Fatalf("detector counted %d, want 2", n)
				}
			})
			s.assertClean(t,
				"/app/units", fmt.Sprintf("/app/units/%d", unitID), fmt.Sprintf("/app/units/%d/edit", unitID),
				"/app/people?page=1", "/app/people?page=2", "/app/people?page=3", fmt.Sprintf("/app/people/%d", personID),
				"/app/board", "/app/contacts", "/app/audit", "/app/audit?page=2",
			)
			// Reflected through the query string into a form: every payload at once.
			all := url.QueryEscape(strings.Join(payloads, " "))
			s.assertReflected(t, "/app/people?q="+all, `input[name="q"]`, payloads)
			anon := *s // the login page shows its form to whoever is signed out only
			anon.ctx = newTab(t)
			anon.assertReflected(t, "/login?next="+all, `input[name="next"]`, payloads)
		})
	}
}

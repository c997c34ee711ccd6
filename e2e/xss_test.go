package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

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
			out = append(out, l)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d payloads; the corpus must hold at least 100", len(out))
	}
	return out
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

// assertClean loads path and fails if any payload came alive there.
func (s *site) assertClean(t *testing.T, path string) {
	t.Helper()
	s.run(chromedp.Navigate(s.URL + path))
	n := get(s, chromedp.Evaluate[int](liveMarkup))
	if n != 0 {
		html := get(s, chromedp.OuterHTML(css("main")))
		t.Errorf("%s: %d live elements or attributes from hostile input\n%.2000s", path, n, html)
	}
}

func TestHostileInputNeverRuns(t *testing.T) {
	ctx := context.Background()
	for _, e := range []string{"sqlite"} { // the escaping is the engine's business of neither
		t.Run(e, func(t *testing.T) {
			db := openSQLite(t)
			s := newSite(t, db)
			payloads := hostile(t)
			var unitID, personID int64
			for i, p := range payloads {
				u := &loa.Unit{Code: fmt.Sprintf("XSS-%03d", i), Name: p, Kind: loa.UnitDepartment, Address: p, Phone: p}
				if err := db.SaveUnit(ctx, u); err != nil {
					t.Fatalf("payload %d as a unit name: %v", i, err)
				}
				per := &loa.Person{Name: p, Title: p, Phone: p}
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
					if err := db.SetContact(ctx, &loa.Contact{UnitID: u.ID, PersonID: per.ID, Phone: p, From: loa.NewDate(2024, 1, 1)}); err != nil {
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
			for _, path := range []string{
				"/app/units", fmt.Sprintf("/app/units/%d", unitID), fmt.Sprintf("/app/units/%d/edit", unitID),
				"/app/people?page=1", "/app/people?page=2", "/app/people?page=3", fmt.Sprintf("/app/people/%d", personID),
				"/app/board", "/app/contacts", "/app/audit", "/app/audit?page=2",
			} {
				s.assertClean(t, path)
			}
			for i, p := range payloads {
				if i%7 == 0 { // reflected through the query string and the form
					s.assertClean(t, "/app/people?q="+url.QueryEscape(p))
					s.assertClean(t, "/login?next="+url.QueryEscape(p))
				}
			}
		})
	}
}

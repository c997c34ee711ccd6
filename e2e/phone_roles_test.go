package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa"
)

// TestEveryRoleOnAPhone loads every GET page of the route table that each role may
// open, with real ids in the demo (demoIDs), at 390 px: none may scroll sideways or
// show a word of the agreed English list (issue 16's "done when"; the contributor's
// own pages with long texts are TestContributorPagesOnAPhone's).
func TestEveryRoleOnAPhone(t *testing.T) {
	db := openSQLite(t)
	s := newDemoSite(t, db)
	ids := demoIDs(t, db, s.Users[loa.RoleContributor])
	for _, r := range append([]loa.Role{""}, loa.Roles...) {
		name := string(r)
		if r == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rs := s.tab(t)
			if r != "" {
				rs.login(r)
			}
			rs.run(chromedp.EmulateViewport(390, 844))
			for _, pg := range pagePaths(t, db, s.Users[r], ids) {
				rs.subtest(t, pg.Path, func(t *testing.T) {
					rs.run(chromedp.Navigate(rs.URL+pg.Path), chromedp.WaitReady(css(`body`)))
					if problem := phoneProblem(rs); problem != "" {
						t.Errorf("%s (%s): %s", pg.Path, pg.Pattern, problem)
					}
				})
			}
		})
	}
}

// phoneProblem is what is wrong with the page shown at phone width: sideways
// scrolling or English words of the agreed list ("" when none).
func phoneProblem(s *site) string {
	w := get(s, chromedp.Evaluate[[]int](`[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]`))
	var out []string
	if w[0] > w[1] {
		wide := get(s, chromedp.Evaluate[[]string](`(() => { const cw = document.documentElement.clientWidth, out = e => e.getBoundingClientRect().right > cw + 1;
  return [...document.querySelectorAll('body *')].filter(e => out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)) })()`))
		out = append(out, "scrolls sideways: "+strings.Join(wide, " | "))
	}
	// Codes set apart (<code>: a channel's code, a value to type in an import file,
	// the audit log's record kinds) are data, not the interface's words.
	text := get(s, chromedp.Evaluate[string](`(() => { const st = document.createElement('style'); st.textContent = 'code { display: none !important }';
  document.head.append(st); const t = document.body.innerText; st.remove(); return t })()`))
	if m := englishWords.FindAllString(text, -1); len(m) > 0 {
		out = append(out, "English words: "+strings.Join(m, ", "))
	}
	return strings.Join(out, "; ")
}

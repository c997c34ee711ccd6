package web

import (
	"testing"
)

// TestPagesHoldOnlyThePartialsTheyCall: each page's set is parsed with the partials it
// calls (and those they call), not every file of partials/: the copies of all the
// partials in all 150 sets made most of the server's live heap, which the collector
// marks at every cycle (issue 20). The pages that call a partial still find it.
func TestPagesHoldOnlyThePartialsTheyCall(t *testing.T) {
	v, err := newViews("")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		page      string
		has, lack []string
	}{
		{"site/item", nil, []string{"dashsplits", "planform", "search_results", "docbuttons"}},
		{"site/search", []string{"search_results"}, []string{"dashsplits", "planform"}},
		{"app/dashboard", []string{"dashsplits", "forecast", "nav"}, []string{"planform", "search_results"}},
	} {
		for _, lang := range langs {
			set, err := v.lookup(lang, c.page)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range c.has {
				if set.Lookup(name) == nil {
					t.Errorf("%s (%s) lacks %q, which it calls", c.page, lang, name)
				}
			}
			for _, name := range c.lack {
				if set.Lookup(name) != nil {
					t.Errorf("%s (%s) holds %q, which it never calls", c.page, lang, name)
				}
			}
		}
	}
}

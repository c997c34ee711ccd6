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

// TestViewsParseAPageAtItsFirstRender: the embedded templates are all checked at start
// but none is kept; a page is parsed at its first lookup and kept, so a process
// holds only the sets of the pages it serves (issue 20: they were most of its live
// heap). What is not a page is refused.
func TestViewsParseAPageAtItsFirstRender(t *testing.T) {
	v, err := lazyViews()
	if err != nil {
		t.Fatal(err)
	}
	held := func() int {
		v.mu.Lock()
		defer v.mu.Unlock()
		n := 0
		for _, m := range v.sets {
			n += len(m)
		}
		return n
	}
	if n := held(); n != 0 {
		t.Fatalf("%d sets held before any render", n)
	}
	first, err := v.lookup("vi", "site/item")
	if err != nil {
		t.Fatal(err)
	}
	again, err := v.lookup("vi", "site/item")
	if err != nil || again != first {
		t.Errorf("a second lookup parsed again (%v)", err)
	}
	if n := held(); n != 1 {
		t.Errorf("%d sets held after one page, want 1", n)
	}
	for _, name := range []string{"site/layout", "partials/common", "site/khong-co", "../render"} {
		if _, err := v.lookup("vi", name); err == nil {
			t.Errorf("lookup %q: no error", name)
		}
	}
}

package web

import (
	"bytes"
	"html/template"
	"sync"
	"time"

	"loa"
)

// The public site's chrome rendered once (issue 20). The header, menu, footer and
// sidebar of a public page are the same on every page of a language until the site
// changes, yet they were a third of the item page's template execution: about a
// hundred reflect calls for the menu, sections and address. For an anonymous reader
// they are rendered once per shared siteChrome (which the page cache drops whenever
// the site changes, cache.go) into HTML fragments, and the layout writes them as they
// are. A signed-in user's page (its header differs, its chrome is read afresh) executes
// the same templates ("site-header", "site-nav", "site-footer", "site-sidebar-html").

// chromeHTML is the chrome of a public page as HTML.
type chromeHTML struct {
	Header, Nav, Footer, Sidebar template.HTML
}

// chromeKey names one rendering of the chrome: the menu marks the current page
// (aria-current), so nav is the page's path when a menu entry points to it, else "";
// the footer shows the year.
type chromeKey struct {
	lang, nav string
	year      int
}

// chromeFragments keeps a siteChrome's renderings; at most two languages × (menu
// entries + 2) of them.
type chromeFragments struct {
	mu sync.Mutex
	m  map[chromeKey]*chromeHTML
}

// html is c rendered for page p (anonymous, its Lang, Path and Site set) with the
// chrome templates of t, built once for each chromeKey.
func (c *siteChrome) html(t *template.Template, p *Page) (*chromeHTML, error) {
	k := chromeKey{lang: p.Lang, year: time.Now().In(loa.Zone).Year()}
	if p.Path == "/" || c.inMenu(p.Path) {
		k.nav = p.Path
	}
	f := &c.frags
	f.mu.Lock()
	h := f.m[k]
	f.mu.Unlock()
	if h != nil {
		return h, nil
	}
	// Rendered from p itself: whatever else p holds, these templates read only the
	// chrome, the language, the site's name, the path (for the menu) and no user.
	h = &chromeHTML{}
	var b bytes.Buffer
	for _, part := range []struct {
		name string
		to   *template.HTML
	}{{"site-header", &h.Header}, {"site-nav", &h.Nav}, {"site-footer", &h.Footer}, {"site-sidebar-html", &h.Sidebar}} {
		b.Reset()
		if err := t.ExecuteTemplate(&b, part.name, p); err != nil {
			return nil, err
		}
		*part.to = template.HTML(b.String())
	}
	f.mu.Lock()
	if f.m == nil {
		f.m = map[chromeKey]*chromeHTML{}
	}
	f.m[k] = h
	f.mu.Unlock()
	return h, nil
}

// inMenu reports whether a menu entry points to path.
func (c *siteChrome) inMenu(path string) bool {
	for _, l := range c.Menu {
		if l.Href == path {
			return true
		}
	}
	return false
}

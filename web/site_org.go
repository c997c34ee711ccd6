package web

import (
	"context"
	"net/http"
	"time"

	"loa"
)

// The organisation pages (Tổ chức bộ máy). /to-chuc lists the units of today to
// orgFoldDepth; a unit there with units below it links to /to-chuc/{code}, which
// lists its whole branch. On a province's site every unit fits the first page; on the
// national set (1,972 units) the single page was 335 KB, which no reader scrolls and
// every warm hit copied (issue 20).

// orgFoldDepth is the deepest level /to-chuc lists: the agency and the units under it.
const orgFoldDepth = 1

// orgEntry is a line of an organisation page.
type orgEntry struct {
	*loa.Unit
	Depth int // in the page's own tree
	Below int // units of its branch listed on its own page, not here
}

// orgData is what both pages read: today's units as a tree, their leaders and the
// date of the last change the pages show.
func (s *Server) orgData(ctx context.Context) ([]*unitNode, map[int64][]*loa.Posting, time.Time, error) {
	tree, err := s.orgTree(ctx)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	leaders, err := s.db.UnitLeaders(ctx)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	updated, err := s.db.LastChanged(ctx, "unit", "person", "posting", "org_info")
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	return tree, leaders, updated, nil
}

// orgTree is today's units as a tree, depth first.
func (s *Server) orgTree(ctx context.Context) ([]*unitNode, error) {
	units, err := s.db.Units(ctx)
	if err != nil {
		return nil, err
	}
	today := loa.Today()
	var current []*loa.Unit
	for _, u := range units {
		if u.ActiveOn(today) {
			current = append(current, u)
		}
	}
	return unitTree(current), nil
}

// orgBranchPaths are the branch pages /to-chuc links to, for the sitemap.
func (s *Server) orgBranchPaths(ctx context.Context) ([]string, error) {
	tree, err := s.orgTree(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range tree {
		if n.Depth == orgFoldDepth && len(n.Children) > 0 {
			out = append(out, "/to-chuc/"+n.Code)
		}
	}
	return out, nil
}

// countBelow is the number of units in n's branch, n excluded.
func countBelow(n *unitNode) int {
	c := len(n.Children)
	for _, ch := range n.Children {
		c += countBelow(ch)
	}
	return c
}

// branch lists n and its branch, depth first, n at depth 0.
func branch(n *unitNode, depth int, out []orgEntry) []orgEntry {
	out = append(out, orgEntry{Unit: n.Unit, Depth: depth})
	for _, ch := range n.Children {
		out = branch(ch, depth+1, out)
	}
	return out
}

func (s *Server) siteOrg(w http.ResponseWriter, r *http.Request) {
	tree, leaders, updated, err := s.orgData(r.Context())
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	var entries []orgEntry
	for _, n := range tree {
		if n.Depth > orgFoldDepth {
			continue
		}
		e := orgEntry{Unit: n.Unit, Depth: n.Depth}
		if n.Depth == orgFoldDepth {
			e.Below = countBelow(n)
		}
		entries = append(entries, e)
	}
	title := T(s.lang(r), "Tổ chức bộ máy")
	s.siteRender(w, r, "site/org", &Page{Title: title + " · " + s.cfg.SiteName, Desc: title + " " + s.cfg.SiteName},
		map[string]any{"Heading": title, "Units": entries, "Leaders": leaders, "Updated": lastUpdated(updated)})
}

// siteOrgUnit is a unit's branch of the organisation: the unit and every unit under
// it, as /to-chuc showed them before it was folded.
func (s *Server) siteOrgUnit(w http.ResponseWriter, r *http.Request) {
	tree, leaders, updated, err := s.orgData(r.Context())
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	code := r.PathValue("code")
	for _, n := range tree {
		if n.Code != code {
			continue
		}
		title := T(s.lang(r), "Tổ chức bộ máy")
		s.siteRender(w, r, "site/org", &Page{Title: n.Name + " · " + title + " · " + s.cfg.SiteName, Desc: title + " " + n.Name},
			map[string]any{"Heading": n.Name, "Branch": true, "Units": branch(n, 0, nil), "Leaders": leaders, "Updated": lastUpdated(updated)})
		return
	}
	s.siteError(w, r, notFoundErr())
}

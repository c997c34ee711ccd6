package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa"
	"loa/store"
)

// The items API: the site's published items as data (Decree 42/2022 asks a state
// agency's site to offer its information in a reusable form). It reads through the
// same query as the public lists (store.SiteItems), so it can never show more than
// the site: no draft, no returned, withdrawn or scheduled item.

// Paging of the items API.
const (
	apiItemsDefaultSize = 20
	apiItemsMaxSize     = 100
)

// apiItem is an item's public fields.
type apiItem struct {
	Title       string          `json:"title"`
	URL         string          `json:"url"`
	Summary     string          `json:"summary"`
	PublishedAt string          `json:"published_at"` // RFC 3339, Vietnam's offset
	Kind        loa.ItemKind    `json:"kind"`
	Unit        apiItemUnit     `json:"unit"`
	Section     *apiItemSection `json:"section,omitempty"` // the first section that lists it
}

type apiItemUnit struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type apiItemSection struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// apiItemsPage is the answer of GET /api/v1/items.
type apiItemsPage struct {
	Page  int       `json:"page"`
	Size  int       `json:"size"`
	Total int       `json:"total"`
	Items []apiItem `json:"items"`
}

// apiItems serves GET /api/v1/items?page=&size=&section=&unit=&theme=&from=&to=. Every bad
// parameter is a 400 with a JSON error naming it; nothing is guessed.
func (s *Server) apiItems(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	bad := func(msg string) { writeJSONError(w, http.StatusBadRequest, msg) }
	number, size := 1, apiItemsDefaultSize
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			bad("Tham số page phải là số nguyên từ 1 đến 100000.")
			return
		}
		number = n
	}
	if v := q.Get("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > apiItemsMaxSize {
			bad("Tham số size phải là số nguyên từ 1 đến " + strconv.Itoa(apiItemsMaxSize) + ".")
			return
		}
		size = n
	}
	var f store.SiteFilter
	sections, err := s.db.Sections(ctx)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if v := q.Get("section"); v != "" {
		i := slices.IndexFunc(sections, func(sec *store.Section) bool { return sec.Slug == v })
		if i < 0 {
			bad("Không có chuyên mục " + strconv.Quote(v) + ".")
			return
		}
		f = sections[i].Filter(store.Page{})
	}
	if v := q.Get("unit"); v != "" {
		u, err := s.db.UnitByCode(ctx, v)
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			bad("Không có đơn vị mã " + strconv.Quote(v) + ".")
			return
		} else if err != nil {
			s.apiError(w, r, err)
			return
		}
		f.UnitID = u.ID
	}
	if v := q.Get("theme"); v != "" {
		th, err := s.db.ThemeByCode(ctx, v)
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			bad("Không có chủ đề mã " + strconv.Quote(v) + ".")
			return
		} else if err != nil {
			s.apiError(w, r, err)
			return
		}
		f.ThemeID = th.ID
	}
	for _, d := range []struct {
		name string
		to   *loa.Date
	}{{"from", &f.From}, {"to", &f.To}} {
		v := q.Get(d.name)
		if v == "" {
			continue
		}
		// ParseDate would take DD/MM/YYYY too; the API speaks ISO dates only.
		var err error
		if *d.to, err = loa.ParseDate(v); err != nil || strings.Contains(v, "/") {
			bad("Tham số " + d.name + " phải là một ngày có thật dạng YYYY-MM-DD: " + strconv.Quote(v) + ".")
			return
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		bad("Ngày to phải không trước ngày from.")
		return
	}
	f.Page = store.Page{Number: number, Size: size}
	items, total, err := s.db.SiteItems(ctx, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := apiItemsPage{Page: number, Size: size, Total: total, Items: []apiItem{}}
	for _, it := range items {
		a := apiItem{
			Title: it.Title, URL: s.absURL(r, itemPath(it)), Summary: it.Summary,
			PublishedAt: it.PublishedAt.In(loa.Zone).Format(time.RFC3339), Kind: it.Kind,
			Unit: apiItemUnit{Code: it.UnitCode, Name: it.UnitName},
		}
		if sec := sectionOf(sections, it); sec != nil {
			a.Section = &apiItemSection{Slug: sec.Slug, Name: sec.Name}
		}
		out.Items = append(out.Items, a)
	}
	writeJSON(w, http.StatusOK, out)
}

// sectionOf is the first section (in the menu's order) that lists it, or nil.
func sectionOf(sections []*store.Section, it *loa.Item) *store.Section {
	if it.SectionID != 0 { // placed in a section by its editor
		for _, sec := range sections {
			if sec.ID == it.SectionID {
				return sec
			}
		}
	}
	for _, sec := range sections {
		if slices.Contains(sec.Kinds, it.Kind) || (it.Topic != "" && slices.Contains(sec.Topics, it.Topic)) {
			return sec
		}
	}
	return nil
}

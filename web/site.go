package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"loa"
	"loa/store"
)

// The public news site (Trang thông tin điện tử): home, sections, items, units and
// the agency's own pages. Every page here is served through the page cache
// (cache.go); the feed and sitemap are in site_feed.go, documents in documents.go,
// the back office of the site in site_admin.go.

// Page sizes of the public lists.
const (
	sitePageSize    = 15
	homeLatest      = 9
	homeSectionSize = 4
	relatedCount    = 6
)

// siteItem is an item as the public pages show it.
type siteItem struct {
	*loa.Item
	URL      string // the canonical path /tin/{slug}-{id}
	When     string // dd/mm/yyyy HH:mm in Vietnam
	ISO      string // RFC 3339, for <time datetime>
	Picture  *sitePicture
	Pictures []*sitePicture
}

// sitePicture is a picture of an item, with the stored dimensions so that the page
// does not shift while it loads.
type sitePicture struct {
	ID            int64
	Caption       string
	Credit        string
	Width, Height int
	URL           string
}

// itemPath is the canonical path of an item: a slug of its title folded to ASCII,
// then its id. Only the id is read back; an outdated slug redirects here.
func itemPath(it *loa.Item) string {
	slug := it.Slug
	if slug == "" || !validSlug(slug) {
		slug = loa.Slug(it.Title, 80)
	}
	if slug == "" {
		slug = "tin"
	}
	return "/tin/" + slug + "-" + strconv.FormatInt(it.ID, 10)
}

func validSlug(s string) bool {
	if len(s) > 120 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return !strings.HasPrefix(s, "-") && !strings.HasSuffix(s, "-")
}

// parseSlugID reads the id at the end of "{slug}-{id}" (or a bare id).
func parseSlugID(s string) (int64, bool) {
	i := strings.LastIndexByte(s, '-')
	n, err := strconv.ParseInt(s[i+1:], 10, 64)
	return n, err == nil && n > 0
}

func toSiteItem(it *loa.Item) *siteItem {
	return &siteItem{Item: it, URL: itemPath(it), When: loa.FormatTime(it.PublishedAt), ISO: it.PublishedAt.In(loa.Zone).Format(time.RFC3339)}
}

func (s *Server) siteItems(ctx context.Context, items []*loa.Item) []*siteItem {
	out := make([]*siteItem, len(items))
	for i, it := range items {
		out[i] = toSiteItem(it)
	}
	s.attachPictures(ctx, out, false)
	return out
}

// siteChrome is what the layout of every public page shows around the content: the
// menu from the database and the agency's address.
type siteChrome struct {
	Menu     []*store.MenuLink
	Sections []*store.Section
	Agency   string
	Address  string
	Phone    string
	Fax      string
	Email    string
	Links    []store.OrgLink // related agencies, in the footer
	// ShowViews: the admin shows each item's views on its page ("Lượt xem").
	ShowViews bool
	frags     chromeFragments // rendered once for anonymous readers (site_chrome.go)
}

// defaultMenu is the menu while none is stored: the sections, then the agency pages.
func defaultMenu(sections []*store.Section) []*store.MenuLink {
	var m []*store.MenuLink
	for _, sec := range sections {
		m = append(m, &store.MenuLink{Label: sec.Name, Href: "/chuyen-muc/" + sec.Slug})
	}
	for _, l := range [][2]string{{"Giới thiệu", "/gioi-thieu"}, {"Tổ chức bộ máy", "/to-chuc"}, {"Văn bản", "/van-ban"}, {"Liên hệ", "/lien-he"}} {
		m = append(m, &store.MenuLink{Label: l[0], Href: l[1]})
	}
	return m
}

func (s *Server) chrome(ctx context.Context) (*siteChrome, error) {
	c := &siteChrome{Agency: s.cfg.SiteName}
	var err error
	if c.Sections, err = s.db.Sections(ctx); err != nil {
		return nil, err
	}
	if c.Menu, err = s.db.MenuLinks(ctx); err != nil {
		return nil, err
	}
	if len(c.Menu) == 0 {
		c.Menu = defaultMenu(c.Sections)
	}
	if root := s.rootUnit(ctx); root != nil {
		c.Address, c.Phone, c.Email = root.Address, root.Phone, root.Email
	}
	// The agency's information the admin entered wins over its unit's record.
	org, err := s.db.OrgInfo(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		to *string
		v  string
	}{{&c.Address, org.Address}, {&c.Phone, org.Phone}, {&c.Email, org.Email}, {&c.Fax, org.Fax}} {
		if f.v != "" {
			*f.to = f.v
		}
	}
	c.Links = org.Links
	if c.ShowViews, err = s.db.ShowViews(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// rootUnit is the agency itself: the first unit of today without a parent,
// preferring a provincial procuracy.
func (s *Server) rootUnit(ctx context.Context) *loa.Unit {
	units, err := s.db.TopUnits(ctx)
	if err != nil {
		return nil
	}
	today := loa.Today()
	var found *loa.Unit
	for _, u := range units {
		if u.ActiveOn(today) && (found == nil || u.Kind == loa.UnitProvince && found.Kind != loa.UnitProvince) {
			found = u
		}
	}
	return found
}

// absURL is the absolute URL of path: from Config.BaseURL, else the request's host.
func (s *Server) absURL(r *http.Request, path string) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// siteRender renders a public page with the chrome and a canonical URL.
func (s *Server) siteRender(w http.ResponseWriter, r *http.Request, name string, p *Page, data map[string]any) {
	p.Data = data
	switch p.Canon {
	case "-": // an error page has no canonical URL
		p.Canon = ""
	case "":
		p.Canon = s.absURL(r, r.URL.Path)
	}
	s.render(w, r, name, p)
}

// siteError shows err on the public error page: 404 for what does not exist or is
// not public, 410 for a withdrawn item. The page never shows the item's text.
func (s *Server) siteError(w http.ResponseWriter, r *http.Request, err error) {
	code := s.errorStatus(r, err)
	title := T(s.lang(r), "Lỗi")
	switch code {
	case http.StatusNotFound:
		title = T(s.lang(r), "Không tìm thấy trang")
	case http.StatusGone:
		title = T(s.lang(r), "Tin bài đã được gỡ")
	}
	w.Header().Set("Cache-Control", "no-store")
	s.siteRender(w, r, "site/error", &Page{Title: title + " · " + s.cfg.SiteName, Status: code, Canon: "-"},
		map[string]any{"Code": code, "Message": loa.ErrorMessage(err)})
}

func notFoundErr() error {
	return loa.Errorf(loa.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.")
}

func (s *Server) siteNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/app") {
		s.renderError(w, r, notFoundErr())
		return
	}
	if s.siteOldAddress(w, r) { // an imported site's old address: site_redirect.go
		return
	}
	s.siteError(w, r, notFoundErr())
}

// listPage reads ?page= for a list of total entries; a page past the end is a 404.
func listPage(r *http.Request, total int) (pager, bool) {
	p := pageOf(r, sitePageSize)
	p.Total = total
	return p, p.Number <= p.Pages()
}

// homeMostRead is the length of the home page's lists of the most read items.
const homeMostRead = 5

func (s *Server) siteHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// The home page shows no totals: counting the latest list and each section's cost
	// 2.7 s of a miss on the national set (issue 20).
	latest, _, err := s.db.SiteItems(ctx, store.SiteFilter{Page: store.Page{Number: 1, Size: homeLatest + 1}, NoCount: true})
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	sections, err := s.db.Sections(ctx)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	type block struct {
		Section *store.Section
		Items   []*siteItem
	}
	var blocks []block
	for _, sec := range sections {
		if !sec.OnHome {
			continue
		}
		f := sec.Filter(store.Page{Number: 1, Size: homeSectionSize})
		f.NoCount = true
		items, _, err := s.db.SiteItems(ctx, f)
		if err != nil {
			s.siteError(w, r, err)
			return
		}
		if len(items) > 0 {
			blocks = append(blocks, block{Section: sec, Items: s.siteItems(ctx, items)})
		}
	}
	data := map[string]any{"Blocks": blocks}
	today := loa.Today()
	for key, days := range map[string]int{"MostWeek": 7, "MostMonth": 30} {
		most, err := s.db.MostRead(ctx, today.AddDays(1-days), today, homeMostRead)
		if err != nil {
			s.siteError(w, r, err)
			return
		}
		data[key] = s.siteItems(ctx, most)
	}
	if items := s.siteItems(ctx, latest); len(items) > 0 {
		data["Lead"], data["Latest"] = items[0], items[1:]
	}
	s.siteRender(w, r, "site/home", &Page{Title: s.cfg.SiteName, Desc: T(s.lang(r), "Trang thông tin điện tử") + " " + s.cfg.SiteName,
		Canon: s.absURL(r, "/")}, data)
}

// siteList renders a paginated list of items (latest, a section, a unit).
func (s *Server) siteList(w http.ResponseWriter, r *http.Request, f store.SiteFilter, title, desc string, extra map[string]any) {
	ctx := r.Context()
	p := pageOf(r, sitePageSize)
	f.Page = store.Page{Number: p.Number, Size: p.Size}
	items, total, err := s.db.SiteItems(ctx, f)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	p, ok := listPage(r, total)
	if !ok {
		s.siteError(w, r, notFoundErr())
		return
	}
	p.Query = pageOnly(p.Number)
	data := map[string]any{"Heading": title, "Intro": desc, "Items": s.siteItems(ctx, items), "Pager": p}
	for k, v := range extra {
		data[k] = v
	}
	t := title
	if p.Number > 1 {
		t += " · " + T(s.lang(r), "Trang") + " " + strconv.Itoa(p.Number)
	}
	canon := r.URL.Path
	if p.Number > 1 {
		canon += "?page=" + strconv.Itoa(p.Number)
	}
	s.siteRender(w, r, "site/list", &Page{Title: t + " · " + s.cfg.SiteName, Desc: desc, Canon: s.absURL(r, canon)}, data)
}

// pageOnly keeps the pager's links free of unknown query parameters.
func pageOnly(n int) map[string][]string { return map[string][]string{"page": {strconv.Itoa(n)}} }

func (s *Server) siteLatest(w http.ResponseWriter, r *http.Request) {
	s.siteList(w, r, store.SiteFilter{}, T(s.lang(r), "Tin mới"), "", nil)
}

func (s *Server) siteSection(w http.ResponseWriter, r *http.Request) {
	sec, err := s.db.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	s.siteList(w, r, sec.Filter(store.Page{}), sec.Name, sec.Description, map[string]any{"Section": sec})
}

func (s *Server) siteUnit(w http.ResponseWriter, r *http.Request) {
	u, err := s.db.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	s.siteList(w, r, store.SiteFilter{UnitID: u.ID}, u.Name, T(s.lang(r), "Tin bài của đơn vị")+" "+u.Name, map[string]any{"Unit": u})
}

func (s *Server) siteItem(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := parseSlugID(r.PathValue("slugid"))
	if !ok {
		s.siteError(w, r, notFoundErr())
		return
	}
	it, err := s.db.SiteItem(ctx, id)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	if p := itemPath(it); r.URL.Path != p {
		http.Redirect(w, r, p, http.StatusMovedPermanently)
		return
	}
	s.renderSiteItem(w, r, it, false)
}

// relatedLines writes the related items' list in Go: as template actions (four an
// item, each a reflected field lookup through the embedded item and an escaping) they
// were a tenth of an uncached item page's CPU (issue 20). The output is the
// template's, byte for byte (htmlEscape; the paths are ASCII, which html/template's
// URL normalizer leaves as they are).
func relatedLines(items []*siteItem) template.HTML {
	var b strings.Builder
	for _, x := range items {
		b.WriteString(`<li data-id="`)
		b.WriteString(strconv.FormatInt(x.ID, 10))
		b.WriteString(`"><a href="`)
		b.WriteString(htmlEscape.Replace(x.URL))
		b.WriteString(`">`)
		b.WriteString(htmlEscape.Replace(x.Title))
		b.WriteString(`</a> <span class="meta">(`)
		b.WriteString(htmlEscape.Replace(x.When))
		b.WriteString(`)</span></li>`)
	}
	return template.HTML(b.String())
}

// renderSiteItem shows it on the public item page. The preview (items_editor.go)
// shows a draft through here too, marked, so that it is exactly the page the public
// will read: the same template, the same sanitizer, the same pictures.
func (s *Server) renderSiteItem(w http.ResponseWriter, r *http.Request, it *loa.Item, preview bool) {
	ctx := r.Context()
	it.Body = withAlt(it.Body, it.Title)
	si := toSiteItem(it)
	related, err := s.relatedFor(w, ctx, it)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	// The item's pictures and its related items' first ones, in one query.
	withRelated := make([]*siteItem, 1, 1+len(related))
	withRelated[0] = si
	for _, x := range related {
		withRelated = append(withRelated, toSiteItem(x))
	}
	s.attachPicturesOf(ctx, withRelated, 1)
	si.Pictures = notInBody(si.Pictures, it.Body)
	desc := it.Summary
	if desc == "" {
		desc = excerpt(loa.PlainText(it.Body), 200)
	}
	// Without a picture there is no og:image: a placeholder would stand for the item
	// in every shared link (and SVG is shown by no social network).
	image := ""
	if si.Picture != nil {
		image = s.absURL(r, si.Picture.URL)
	}
	// The breadcrumb goes through the item's section, as the API names it; the
	// sections and the views setting come with the page's chrome, read once for
	// every cached page.
	chrome, err := s.chromeFor(w, ctx)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	var authors []string
	for _, a := range it.Authors {
		authors = append(authors, a.Name)
	}
	data := map[string]any{"Item": si, "Related": relatedLines(withRelated[1:]), "Image": image, "Authors": strings.Join(authors, ", "),
		"Section": sectionOf(chrome.Sections, it),
		"Kind":    loa.KindNames[it.Kind], "Preview": preview}
	if chrome.ShowViews && !preview {
		// The page is cached: the figure is as fresh as the cache (cacheTTL at most).
		v, err := s.db.ItemViews(ctx, it.ID)
		if err != nil {
			s.siteError(w, r, err)
			return
		}
		data["Views"] = v.Total()
	}
	s.siteRender(w, r, "site/item", &Page{Title: it.Title + " · " + s.cfg.SiteName, Desc: desc, Canon: s.absURL(r, si.URL)}, data)
}

// notInBody leaves out the pictures the body shows itself (inserted in the editor's
// text, with their captions there), so that none is shown twice.
func notInBody(pics []*sitePicture, body string) []*sitePicture {
	if !strings.Contains(body, "/media/") {
		return pics
	}
	var out []*sitePicture
	for _, p := range pics {
		id := strconv.FormatInt(p.ID, 10)
		if !strings.Contains(body, `src="/media/`+id+`"`) && !strings.Contains(body, `src="/media/`+id+`/site"`) {
			out = append(out, p)
		}
	}
	return out
}

// excerpt cuts s to about n bytes at a word boundary.
func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && (s[cut]&0xC0) == 0x80 {
			cut--
		}
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

// paragraphs splits plain text on blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// aboutSlug is the site page of /gioi-thieu.
const aboutSlug = "gioi-thieu"

func (s *Server) siteAbout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.db.SitePageBySlug(ctx, aboutSlug)
	if err != nil && loa.ErrorCode(err) != loa.ENOTFOUND {
		s.siteError(w, r, err)
		return
	}
	org, err := s.db.OrgInfo(ctx)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	updated, err := s.db.LastChanged(ctx, "site_page", "org_info")
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	lang := s.lang(r)
	title := T(lang, "Giới thiệu")
	var paras []string
	if p != nil && p.ID != 0 {
		title, paras = p.Title, paragraphs(p.Body)
	}
	functions := paragraphs(org.Functions)
	// The English interface shows the English texts where the admin wrote them.
	if lang == "en" && org.AboutEN != "" {
		title, paras = T(lang, "Giới thiệu"), paragraphs(org.AboutEN)
	}
	if lang == "en" && org.FunctionsEN != "" {
		functions = paragraphs(org.FunctionsEN)
	}
	s.siteRender(w, r, "site/about", &Page{Title: title + " · " + s.cfg.SiteName, Desc: excerpt(strings.Join(paras, " "), 200)},
		map[string]any{"Heading": title, "Paragraphs": paras, "Functions": functions, "Updated": lastUpdated(updated)})
}

// lastUpdated is the "Cập nhật lần cuối" date of a page that is not an article, in
// Vietnam: "" when nothing was ever recorded.
func lastUpdated(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return loa.DateOf(t).Display()
}

func (s *Server) siteContacts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	contacts, err := s.db.SiteContacts(ctx)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	org, err := s.db.OrgInfo(ctx)
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	var speaker *store.OrgPerson
	if org.Spokesperson != 0 {
		if speaker, err = s.db.SitePerson(ctx, org.Spokesperson); err != nil && loa.ErrorCode(err) != loa.ENOTFOUND {
			s.siteError(w, r, err)
			return
		}
	}
	updated, err := s.db.LastChanged(ctx, "contact", "person", "posting", "unit", "org_info")
	if err != nil {
		s.siteError(w, r, err)
		return
	}
	title := T(s.lang(r), "Liên hệ")
	s.siteRender(w, r, "site/contacts", &Page{Title: title + " · " + s.cfg.SiteName, Desc: title + " " + s.cfg.SiteName},
		map[string]any{"Heading": title, "Contacts": contacts, "Spokesperson": speaker, "Updated": lastUpdated(updated)})
}

package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"loa"
	"loa/media"
	"loa/sanitize"
)

// An existing site brought over (`loa import site wordpress|nukeviet`, package
// siteimport): the reader of the old site calls these methods inside ONE transaction
// (db.WithTx), so that a refused run stores nothing. Every record of the old site is
// keyed by (source, kind, source id) in site_imports: a record already there is left
// alone, so a second run changes nothing and a later one brings only what is new.
// The run writes one audit entry with its summary (SiteImportAudit), like the file
// imports, and one per publication it records (publishOnSite).

// SiteImportItem is an article of the old site, ready to store.
type SiteImportItem struct {
	Source   string // wordpress | nukeviet
	SourceID string
	Kind     loa.ItemKind
	UnitID   int64
	Title    string
	Summary  string // plain text
	// Body is HTML from the old site. A picture brought over is written in it as
	// src="loa-picture:N", N indexing Pictures; it becomes /media/{id} once stored.
	Body        string
	Topic       string // the section's topic (the old category's name)
	Authors     []string
	PublishedAt time.Time
	Views       int64 // counted by the old site: the item's earlier views
	// Pictures are stored in order: the lead picture first.
	Pictures []SiteImportPicture
	OldPaths []string // the old site's addresses of the article (RedirectKey)
	NoCount  bool     // shown on the site, but no publication recorded
}

// SiteImportPicture is a picture file of the old site, checked by media.Picture.
type SiteImportPicture struct {
	File    *media.File
	Caption string
}

// PictureSrc is the placeholder of Pictures[i] in a SiteImportItem's body.
func PictureSrc(i int) string { return "loa-picture:" + strconv.Itoa(i) }

// SiteImported reports whether the old site's record is already brought over.
func (db *DB) SiteImported(ctx context.Context, source, kind, sourceID string) (_ bool, err error) {
	defer wrapErr(&err, "check site import %s %s %s", source, kind, sourceID)
	n, err := db.count(ctx, "SELECT COUNT(*) FROM site_imports WHERE source = ? AND kind = ? AND source_id = ?", source, kind, sourceID)
	return n > 0, err
}

func (db *DB) siteImportRecord(ctx context.Context, source, kind, sourceID string, itemID, sectionID, pageID int64) error {
	_, err := db.exec(ctx, `INSERT INTO site_imports (source, kind, source_id, item_id, section_id, page_id, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, source, kind, sourceID, nullID(itemID), nullID(sectionID), nullID(pageID), now())
	return err
}

// ImportSiteItem stores a new published item from the old site with its pictures,
// authors, earlier views, its publication on the agency's own site (dated when it was
// first published, unless NoCount) and its old addresses. The caller has checked with
// SiteImported that it is new. It returns how many old addresses it added.
func (db *DB) ImportSiteItem(ctx context.Context, in *SiteImportItem) (_ int, err error) {
	defer wrapErr(&err, "import site item %s", in.SourceID)
	it := &loa.Item{Kind: in.Kind, UnitID: in.UnitID, Title: in.Title, Summary: in.Summary, Topic: in.Topic}
	for _, a := range in.Authors {
		it.Authors = append(it.Authors, loa.Author{Name: a})
	}
	if err := db.prepareItem(ctx, it); err != nil {
		return 0, err
	}
	at, pub := clock(ctx), in.PublishedAt.UTC().Truncate(time.Microsecond)
	uid, _ := actor(ctx)
	it.Status, it.Version, it.Slug, it.PublishedAt = loa.StatusPublished, 1, loa.Slug(it.Title, 80), pub
	id, err := db.insert(ctx, `INSERT INTO items (kind, unit_id, title, summary, body, topic, status, slug, published_at, version,
		created_by, created_at, updated_at, status_at, imported_views) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
		it.Kind, it.UnitID, it.Title, it.Summary, it.Topic, it.Status, it.Slug, pub, nullID(uid), at, at, pub, in.Views)
	if err != nil {
		return 0, err
	}
	it.ID = id
	// The pictures first: the body names them by their new ids.
	body := in.Body
	for i, p := range in.Pictures {
		m := mediaOf(id, p.File, p.Caption, "")
		m.Position = i + 1
		if err := m.Validate(); err != nil {
			return 0, err
		}
		if err := db.insertMedia(ctx, m, p.File); err != nil {
			return 0, err
		}
		body = strings.ReplaceAll(body, `"`+PictureSrc(i)+`"`, `"/media/`+strconv.FormatInt(m.ID, 10)+`"`)
	}
	it.Body = sanitize.HTML(body)
	if len(it.Body) > loa.MaxBody {
		return 0, loa.FieldError("body", "Nội dung quá dài.")
	}
	if _, err := db.exec(ctx, "UPDATE items SET body = ? WHERE id = ?", it.Body, id); err != nil {
		return 0, err
	}
	if err := db.writeAuthors(ctx, it); err != nil {
		return 0, err
	}
	if err := db.addRevision(ctx, it, at); err != nil {
		return 0, err
	}
	if err := db.addEvent(ctx, id, "import", "", loa.StatusPublished, in.Source+" "+in.SourceID, at); err != nil {
		return 0, err
	}
	// The guard of closed periods: a publication dated in one refuses the run as a
	// whole (CONTRACTS.md "Closed periods").
	if err := db.guardItem(ctx, id, func(ctx context.Context) error {
		if !in.NoCount {
			if err := db.publishOnSite(ctx, it, pub); err != nil {
				return err
			}
		}
		return db.ItemChanged(ctx, id)
	}); err != nil {
		return 0, err
	}
	if err := db.siteImportRecord(ctx, in.Source, "post", in.SourceID, id, 0, 0); err != nil {
		return 0, err
	}
	target := "/tin/" + it.Slug + "-" + strconv.FormatInt(id, 10)
	if it.Slug == "" {
		target = "/tin/tin-" + strconv.FormatInt(id, 10)
	}
	return db.AddSiteRedirects(ctx, in.OldPaths, target)
}

// ImportSiteSection brings over a category of the old site as a section listing the
// topics given (the category's name and those of its subcategories). A section of the
// same slug already in loa is kept and gets the topics it lacks. It returns the
// number of old addresses added and whether anything was written.
func (db *DB) ImportSiteSection(ctx context.Context, source, sourceID, slug, name string, topics []string, oldPaths []string) (_ int, _ bool, err error) {
	defer wrapErr(&err, "import site section %s", sourceID)
	var path string
	err = db.row(ctx, "chuyên mục", `SELECT s.slug FROM site_imports si JOIN sections s ON s.id = si.section_id
		WHERE si.source = ? AND si.kind = 'category' AND si.source_id = ?`, []any{source, sourceID}, &path)
	switch {
	case err == nil:
		return 0, false, nil
	case loa.ErrorCode(err) != loa.ENOTFOUND:
		return 0, false, err
	}
	if slug = loa.Slug(slug, 60); slug == "" {
		slug = loa.Slug(name, 60)
	}
	sec, err := db.SectionBySlug(ctx, slug)
	switch {
	case loa.ErrorCode(err) == loa.ENOTFOUND:
		sec = &Section{Slug: slug, Name: name, Topics: topics, Position: 100}
	case err != nil:
		return 0, false, err
	default:
		sec.Topics = append(sec.Topics, topics...)
	}
	if err := sec.Validate(); err != nil {
		return 0, false, fmt.Errorf("chuyên mục “%s”: %w", name, err)
	}
	if err := db.SaveSection(ctx, sec); err != nil {
		return 0, false, err
	}
	if err := db.siteImportRecord(ctx, source, "category", sourceID, 0, sec.ID, 0); err != nil {
		return 0, false, err
	}
	target := "/chuyen-muc/" + sec.Slug
	n, err := db.AddSiteRedirects(ctx, oldPaths, target)
	return n, true, err
}

// ImportSitePage brings over a static page of the old site as a site page (plain
// text, as site pages are), unless it is there already.
func (db *DB) ImportSitePage(ctx context.Context, source, sourceID, slug, title, bodyHTML string, oldPaths []string) (_ int, _ bool, err error) {
	defer wrapErr(&err, "import site page %s", sourceID)
	var have string
	err = db.row(ctx, "trang", `SELECT p.slug FROM site_imports si JOIN site_pages p ON p.id = si.page_id
		WHERE si.source = ? AND si.kind = 'page' AND si.source_id = ?`, []any{source, sourceID}, &have)
	switch {
	case err == nil:
		return 0, false, nil
	case loa.ErrorCode(err) != loa.ENOTFOUND:
		return 0, false, err
	}
	if slug = loa.Slug(slug, 60); slug == "" {
		slug = loa.Slug(title, 60)
	}
	// A slug another page holds gets the old site's id, so nothing is overwritten.
	if n, err := db.count(ctx, "SELECT COUNT(*) FROM site_pages WHERE slug = ?", slug); err != nil {
		return 0, false, err
	} else if n > 0 {
		slug = strings.Trim(slug+"-"+loa.Slug(sourceID, 20), "-")
	}
	p := &SitePage{Slug: slug, Title: title, Body: loa.PlainText(sanitize.HTML(bodyHTML))}
	if err := db.SaveSitePage(ctx, p); err != nil {
		return 0, false, fmt.Errorf("trang “%s”: %w", title, err)
	}
	if err := db.siteImportRecord(ctx, source, "page", sourceID, 0, 0, p.ID); err != nil {
		return 0, false, err
	}
	target := SitePagePath(slug)
	n, err := db.AddSiteRedirects(ctx, oldPaths, target)
	return n, true, err
}

// SitePagePath is the public path of the site page at slug.
func SitePagePath(slug string) string {
	if slug == "gioi-thieu" {
		return "/gioi-thieu"
	}
	return "/trang/" + slug
}

// AddSiteRedirects makes the old addresses (RedirectKey form) answer 301 to target,
// and returns how many were new. An address already known keeps its first target:
// the old site's own id wins over a permalink that two articles happened to share.
func (db *DB) AddSiteRedirects(ctx context.Context, keys []string, target string) (_ int, err error) {
	defer wrapErr(&err, "add site redirects to %s", target)
	n := 0
	for _, k := range keys {
		if k == "" || k == "/" || k == target { // never the home page, never a loop
			continue
		}
		res, err := db.exec(ctx, "INSERT INTO site_redirects (old_path, target) VALUES (?, ?) ON CONFLICT (old_path) DO NOTHING", k, target)
		if err != nil {
			return n, err
		}
		added, err := res.RowsAffected()
		if err != nil {
			return n, err
		}
		n += int(added)
	}
	return n, nil
}

// SiteRedirect returns where an old address (RedirectKey form) goes now, or
// ENOTFOUND.
func (db *DB) SiteRedirect(ctx context.Context, key string) (_ string, err error) {
	defer wrapErr(&err, "read site redirect")
	var target string
	err = db.row(ctx, "trang", "SELECT target FROM site_redirects WHERE old_path = ?", []any{key}, &target)
	return target, err
}

// redirectParams are the query parameters that name a page on the sites loa imports
// from (WordPress: p, page_id, cat, feed; NukeViet: language, nv, op); every other
// one (utm_source, fbclid …) is left out of the key.
var redirectParams = []string{"cat", "feed", "language", "nv", "op", "p", "page_id"}

// RedirectKey is the form an old address is stored and looked up in: its path
// without a trailing slash, then the parameters that name a page, sorted.
// "https://old.site/2024/06/tin/?utm_source=x" and "/2024/06/tin" give the same key.
func RedirectKey(u *url.URL) string {
	p := u.Path
	if p == "" {
		p = "/"
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
		if p == "" {
			p = "/"
		}
	}
	q := u.Query()
	var keep []string
	for k, vs := range q {
		if slices.Contains(redirectParams, k) && len(vs) > 0 && vs[0] != "" {
			keep = append(keep, url.QueryEscape(k)+"="+url.QueryEscape(vs[0]))
		}
	}
	if len(keep) == 0 {
		return p
	}
	sort.Strings(keep)
	return p + "?" + strings.Join(keep, "&")
}

// RedirectKeyOf is RedirectKey of an address written as text; "" when it is not one.
func RedirectKeyOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || raw == "" {
		return ""
	}
	return RedirectKey(u)
}

// SiteImportSummary counts what a site import did.
type SiteImportSummary struct {
	Items, Sections, Pages, Pictures, Redirects int
	Unchanged                                   int            // records already brought over
	Skipped                                     map[string]int // reason → count
	Missing                                     []string       // pictures named but not in the uploads folder
}

// Skip counts a record left behind for reason.
func (s *SiteImportSummary) Skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = map[string]int{}
	}
	s.Skipped[reason]++
}

// SiteImportAudit writes the run's one audit entry.
func (db *DB) SiteImportAudit(ctx context.Context, source, from string, s *SiteImportSummary) (err error) {
	defer wrapErr(&err, "audit site import from %s", source)
	return db.audit(ctx, "import", "site", 0, nil, map[string]any{"Source": source, "From": from, "Summary": s})
}

// errNoUnit is returned when no unit can take the articles.
var errNoUnit = errors.New("chưa có đơn vị nào: nhập danh sách đơn vị trước (loa import units)")

// SiteImportUnit returns the unit the articles go to: the one of code, or the agency's
// top unit (the first top unit by code) when code is empty.
func (db *DB) SiteImportUnit(ctx context.Context, code string) (_ *loa.Unit, err error) {
	defer wrapErr(&err, "read site import unit %q", code)
	if code != "" {
		u, err := db.UnitByCode(ctx, code)
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			return nil, fmt.Errorf("không có đơn vị mã %q", code)
		}
		return u, err
	}
	tops, err := db.TopUnits(ctx)
	if err != nil {
		return nil, err
	}
	if len(tops) == 0 {
		return nil, errNoUnit
	}
	return tops[0], nil
}

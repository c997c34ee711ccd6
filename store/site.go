package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"loa"
)

// The public site reads items with these queries of its own (plain SELECTs over
// items, units and item_authors), so it depends on no other feature's store code.
// An item is public when its status is published and its publication time has come.

// SiteFilter narrows the public list of items. Kinds and Topics combine with OR (a
// section lists the items of its kinds and those of its topics); the other fields
// with AND.
type SiteFilter struct {
	Kinds  []loa.ItemKind
	Topics []string
	// SectionID, with a section's Kinds and Topics: the items placed in the section,
	// and those of its kinds and topics that are placed in no section.
	SectionID int64
	UnitID    int64
	ThemeID   int64 // items on this theme (the items API's theme=CODE)
	// From and To bound the publication date (a calendar date in Vietnam), inclusive;
	// a zero one is unbounded.
	From, To loa.Date
	Page     Page
	// NoCount skips counting all matches, for a block that shows a few items and no
	// pagination (related items): over years of items the count costs more than the page.
	NoCount bool
}

const siteItemCols = `i.id, i.kind, i.unit_id, u.code, u.name, i.title, i.summary, i.topic, COALESCE(i.section_id, 0), i.slug, i.published_at, i.updated_at`

func scanSiteItem(sc interface{ Scan(...any) error }) (*loa.Item, error) {
	var it loa.Item
	var pub *time.Time
	err := sc.Scan(&it.ID, &it.Kind, &it.UnitID, &it.UnitCode, &it.UnitName, &it.Title, &it.Summary, &it.Topic, &it.SectionID, &it.Slug, &pub, &it.UpdatedAt)
	if pub != nil {
		it.PublishedAt = pub.UTC()
	}
	it.UpdatedAt = it.UpdatedAt.UTC()
	it.Status = loa.StatusPublished
	return &it, err
}

// publicWhere is the condition of an item the public may read.
const publicWhere = ` i.status = 'published' AND i.published_at IS NOT NULL AND i.published_at <= ?`

func (f SiteFilter) where() (string, []any) {
	where := " WHERE" + publicWhere
	args := []any{now()}
	var or []string
	if len(f.Kinds) > 0 {
		or = append(or, "i.kind IN ("+marks(len(f.Kinds))+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	if len(f.Topics) > 0 {
		or = append(or, "i.topic IN ("+marks(len(f.Topics))+")")
		for _, t := range f.Topics {
			args = append(args, t)
		}
	}
	switch {
	case f.SectionID != 0 && len(or) > 0:
		where += " AND (i.section_id = ? OR (i.section_id IS NULL AND (" + strings.Join(or, " OR ") + ")))"
		args = append(args[:1], append([]any{f.SectionID}, args[1:]...)...)
	case f.SectionID != 0:
		where += " AND i.section_id = ?"
		args = append(args, f.SectionID)
	case len(or) > 0:
		where += " AND (" + strings.Join(or, " OR ") + ")"
	}
	if f.UnitID != 0 {
		where += " AND i.unit_id = ?"
		args = append(args, f.UnitID)
	}
	if f.ThemeID != 0 {
		where += " AND i.theme_id = ?"
		args = append(args, f.ThemeID)
	}
	// A date in Vietnam is the instants from its midnight there to the next one.
	if !f.From.IsZero() {
		where += " AND i.published_at >= ?"
		args = append(args, vnMidnight(f.From))
	}
	if !f.To.IsZero() {
		where += " AND i.published_at < ?"
		args = append(args, vnMidnight(f.To.AddDays(1)))
	}
	return where, args
}

// countSQL counts the items matching where (f.where). The count and the ids of a
// page are read from items_public alone (migration 00021): through items_status_pub
// a section's count fetched every public item's row for its section_id, kind and
// topic, 0.3–0.6 s on the national set (issue 20).
func countSQL(where string) string { return "SELECT COUNT(*) FROM items i" + where }

// pageSQL reads the page p of the items matching where: the page's ids first, from
// the index alone, then their rows. A deep page (?page=1000) fetched the rows and
// units of the 15,000 items before it to show 15, 0.2–0.7 s on the national set.
func pageSQL(where string, p Page) string {
	return "SELECT " + siteItemCols + " FROM (SELECT i.id FROM items i" + where +
		" ORDER BY i.published_at DESC, i.id DESC" + p.sql() + ") p JOIN items i ON i.id = p.id JOIN units u ON u.id = i.unit_id" +
		" ORDER BY i.published_at DESC, i.id DESC"
}

// vnMidnight is the instant (UTC) the day d begins in Vietnam.
func vnMidnight(d loa.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loa.Zone).UTC()
}

// SiteItems returns one page of the published items matching f, newest first, and
// how many match in all (-1 with NoCount). Drafts, submitted, returned, approved and withdrawn items
// never appear, nor items scheduled for later.
func (db *DB) SiteItems(ctx context.Context, f SiteFilter) (_ []*loa.Item, _ int, err error) {
	defer wrapErr(&err, "list site items page %d", f.Page.Number)
	where, args := f.where()
	total := -1
	if !f.NoCount {
		if total, err = db.count(ctx, countSQL(where), args...); err != nil {
			return nil, 0, err
		}
		if total == 0 || f.Page.Offset() >= total {
			return nil, total, nil
		}
	}
	rows, err := db.query(ctx, pageSQL(where, f.Page), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*loa.Item
	for rows.Next() {
		it, err := scanSiteItem(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// SiteItem returns the published item id with its body and authors. A withdrawn item
// that was once public gives EGONE; any other item that is not public ENOTFOUND, so
// that the public never learns a draft's title or text.
func (db *DB) SiteItem(ctx context.Context, id int64) (_ *loa.Item, err error) {
	defer wrapErr(&err, "read site item %d", id)
	var it loa.Item
	var pub *time.Time
	err = db.row(ctx, "tin bài", `SELECT i.id, i.kind, i.unit_id, u.code, u.name, i.title, i.summary, i.body, i.topic, COALESCE(i.section_id, 0), i.status, i.slug,
		i.published_at, i.updated_at FROM items i JOIN units u ON u.id = i.unit_id WHERE i.id = ?`, []any{id},
		&it.ID, &it.Kind, &it.UnitID, &it.UnitCode, &it.UnitName, &it.Title, &it.Summary, &it.Body, &it.Topic, &it.SectionID, &it.Status, &it.Slug,
		&pub, &it.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if pub != nil {
		it.PublishedAt = pub.UTC()
	}
	switch {
	case it.Status == loa.StatusWithdrawn && !it.PublishedAt.IsZero():
		return nil, loa.Errorf(loa.EGONE, "Tin bài này đã được gỡ khỏi trang.")
	case it.Status != loa.StatusPublished || it.PublishedAt.IsZero() || it.PublishedAt.After(time.Now()):
		return nil, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy tin bài.")
	}
	it.UpdatedAt = it.UpdatedAt.UTC()
	rows, err := db.query(ctx, "SELECT COALESCE(person_id, 0), name FROM item_authors WHERE item_id = ? ORDER BY position", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a loa.Author
		if err := rows.Scan(&a.PersonID, &a.Name); err != nil {
			return nil, err
		}
		it.Authors = append(it.Authors, a)
	}
	return &it, rows.Err()
}

// SiteRelated returns up to n other published items on the item's topic, else of its
// kind, newest first.
func (db *DB) SiteRelated(ctx context.Context, it *loa.Item, n int) (_ []*loa.Item, err error) {
	defer wrapErr(&err, "list items related to %d", it.ID)
	return Related(it, n, func(f SiteFilter) ([]*loa.Item, error) {
		items, _, err := db.SiteItems(ctx, f)
		return items, err
	})
}

// Related picks up to n items related to it from the lists list reads: the newest n+1
// of its topic, then, when they fall short, of its kind. The lists do not depend on
// it (one of them may hold it), so that the public site can share them between the
// items of a topic (web/cache.go).
func Related(it *loa.Item, n int, list func(SiteFilter) ([]*loa.Item, error)) ([]*loa.Item, error) {
	var out []*loa.Item
	add := func(f SiteFilter) error {
		f.Page, f.NoCount = Page{Number: 1, Size: n + 1}, true
		items, err := list(f)
		for _, x := range items {
			if len(out) < n && x.ID != it.ID && !slices.ContainsFunc(out, func(y *loa.Item) bool { return y.ID == x.ID }) {
				out = append(out, x)
			}
		}
		return err
	}
	if it.Topic != "" {
		if err := add(SiteFilter{Topics: []string{it.Topic}}); err != nil {
			return nil, err
		}
	}
	if len(out) < n {
		if err := add(SiteFilter{Kinds: []loa.ItemKind{it.Kind}}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ItemRef is what a sitemap needs of an item.
type ItemRef struct {
	ID      int64
	Title   string
	Slug    string
	Updated time.Time
}

// SiteItemCount is the number of public items.
func (db *DB) SiteItemCount(ctx context.Context) (_ int, err error) {
	defer wrapErr(&err, "count site items")
	return db.count(ctx, "SELECT COUNT(*) FROM items i WHERE"+publicWhere, now())
}

// siteItemRefsSQL reads the public items by id, limit of them after offset: their ids
// first, from an index alone, then their rows, as pageSQL does. The last file of the
// national set's sitemap read every public item's row to skip 250,000 of them (1.1 s,
// issue 20).
func siteItemRefsSQL(offset, limit int) string {
	return "SELECT i.id, i.title, i.slug, i.updated_at FROM (SELECT i.id FROM items i WHERE" + publicWhere +
		fmt.Sprintf(" ORDER BY i.id LIMIT %d OFFSET %d", max(limit, 0), max(offset, 0)) + ") p JOIN items i ON i.id = p.id ORDER BY i.id"
}

// SiteItemRefs returns the public items by id, limit of them after offset, for the
// sitemap (whose files hold 50,000 URLs: more than a Page allows).
func (db *DB) SiteItemRefs(ctx context.Context, offset, limit int) (_ []ItemRef, err error) {
	defer wrapErr(&err, "list site item refs from %d", offset)
	rows, err := db.query(ctx, siteItemRefsSQL(offset, limit), now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ItemRef
	for rows.Next() {
		var r ItemRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Slug, &r.Updated); err != nil {
			return nil, err
		}
		r.Updated = r.Updated.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// SiteContacts returns the current contact persons of the units that exist today,
// with the person's own phone and e-mail where the contact record has none, and the
// position of their posting of today.
func (db *DB) SiteContacts(ctx context.Context) (_ []*loa.Contact, err error) {
	defer wrapErr(&err, "list site contacts")
	today := loa.Today()
	rows, err := db.query(ctx, `SELECT c.id, c.unit_id, u.code, u.name, c.person_id, pe.name,
		CASE WHEN c.phone <> '' THEN c.phone ELSE pe.phone END, CASE WHEN c.email <> '' THEN c.email ELSE pe.email END, c.date_from, c.date_to, `+currentPosition+`
		FROM contacts c JOIN units u ON u.id = c.unit_id JOIN people pe ON pe.id = c.person_id
		WHERE `+validOn("c")+`
		  AND (u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)
		ORDER BY u.code, c.date_from DESC`, today, today, today, today, today, today)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Contact
	for rows.Next() {
		var c loa.Contact
		if err := rows.Scan(&c.ID, &c.UnitID, &c.UnitCode, &c.UnitName, &c.PersonID, &c.PersonName, &c.Phone, &c.Email, &c.From, &c.To, &c.Position); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// Section is a category of the public site (Tin hoạt động, Nghiên cứu – trao đổi …):
// it lists the published items of its kinds and of its topics.
type Section struct {
	ID          int64
	Slug        string // the URL: /chuyen-muc/{slug}
	Name        string
	Description string
	Kinds       []loa.ItemKind
	Topics      []string
	Position    int
	OnHome      bool // shown as a block on the home page
	Version     int
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks a section.
func (s *Section) Validate() error {
	var v loa.Validation
	s.Name = strings.TrimSpace(s.Name)
	s.Slug = strings.TrimSpace(s.Slug)
	if s.Slug == "" {
		s.Slug = loa.Slug(s.Name, 60)
	}
	v.Check(s.Name != "", "name", "Xin nhập tên chuyên mục.")
	v.Check(len(s.Name) <= 200, "name", "Tên quá dài.")
	v.Check(slugRE.MatchString(s.Slug) && len(s.Slug) <= 80, "slug", "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và '-'.")
	for _, k := range s.Kinds {
		v.Check(k.Valid(), "kinds", "Loại tin bài không hợp lệ.")
	}
	var topics []string
	for _, t := range s.Topics {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(topics, t) {
			topics = append(topics, t)
		}
	}
	s.Topics = topics
	v.Check(len(s.Kinds) > 0 || len(s.Topics) > 0, "kinds", "Xin chọn ít nhất một loại tin bài hoặc một chủ đề.")
	return v.Err()
}

// Filter is the list query of the section's items.
func (s *Section) Filter(p Page) SiteFilter {
	return SiteFilter{Kinds: s.Kinds, Topics: s.Topics, SectionID: s.ID, Page: p}
}

const sectionCols = "id, slug, name, description, kinds, topics, position, on_home, version"

func scanSection(sc interface{ Scan(...any) error }) (*Section, error) {
	var s Section
	var kinds, topics string
	if err := sc.Scan(&s.ID, &s.Slug, &s.Name, &s.Description, &kinds, &topics, &s.Position, &s.OnHome, &s.Version); err != nil {
		return nil, err
	}
	for _, k := range strings.Split(kinds, ",") {
		if k = strings.TrimSpace(k); k != "" {
			s.Kinds = append(s.Kinds, loa.ItemKind(k))
		}
	}
	for _, t := range strings.Split(topics, "\n") {
		if t = strings.TrimSpace(t); t != "" {
			s.Topics = append(s.Topics, t)
		}
	}
	return &s, nil
}

// Sections returns the sections in their order.
func (db *DB) Sections(ctx context.Context) (_ []*Section, err error) {
	defer wrapErr(&err, "list sections")
	rows, err := db.query(ctx, "SELECT "+sectionCols+" FROM sections ORDER BY position, name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Section
	for rows.Next() {
		s, err := scanSection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Section returns the section with id. ENOTFOUND when there is none.
func (db *DB) Section(ctx context.Context, id int64) (_ *Section, err error) {
	defer wrapErr(&err, "read section %d", id)
	s, err := scanSection(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+sectionCols+" FROM sections WHERE id = ?"), id))
	return s, notFound(err, "chuyên mục")
}

// SectionBySlug returns the section at slug. ENOTFOUND when there is none.
func (db *DB) SectionBySlug(ctx context.Context, slug string) (_ *Section, err error) {
	defer wrapErr(&err, "read section %q", slug)
	s, err := scanSection(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+sectionCols+" FROM sections WHERE slug = ?"), slug))
	return s, notFound(err, "chuyên mục")
}

// SaveSection creates (ID 0) or updates a section, audited. An update carries the
// version it was read at (ECONFLICT when someone saved first); EINVALID on bad values.
func (db *DB) SaveSection(ctx context.Context, s *Section) error {
	if err := s.Validate(); err != nil {
		return err
	}
	kinds := make([]string, len(s.Kinds))
	for i, k := range s.Kinds {
		kinds[i] = string(k)
	}
	k, t := strings.Join(kinds, ","), strings.Join(s.Topics, "\n")
	return db.inTx(ctx, fmt.Sprintf("save section %d", s.ID), func(ctx context.Context) error {
		if s.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO sections (slug, name, description, kinds, topics, position, on_home, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.Slug, s.Name, s.Description, k, t, s.Position, s.OnHome, now())
			if err != nil {
				return conflictField(err, "slug", "Đường dẫn này đã được dùng.")
			}
			s.ID, s.Version = id, 1
			if err := db.audit(ctx, "create", "section", id, nil, s); err != nil {
				return err
			}
			return db.SiteChanged(ctx)
		}
		before, err := db.Section(ctx, s.ID)
		if err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE sections SET slug = ?, name = ?, description = ?, kinds = ?, topics = ?, position = ?, on_home = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, s.Slug, s.Name, s.Description, k, t, s.Position, s.OnHome, now(), s.ID, s.Version)
		if err != nil {
			return conflictField(err, "slug", "Đường dẫn này đã được dùng.")
		}
		if err := changed(res); err != nil {
			return err
		}
		s.Version++
		if err := db.audit(ctx, "update", "section", s.ID, before, s); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// DeleteSection deletes a section (its items stay; they only lose that listing).
func (db *DB) DeleteSection(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete section %d", id), func(ctx context.Context) error {
		before, err := db.Section(ctx, id)
		if err != nil {
			return err
		}
		if _, err := db.exec(ctx, "DELETE FROM sections WHERE id = ?", id); err != nil {
			return err
		}
		// Its items go back to the sections of their kind and topic.
		if _, err := db.exec(ctx, "UPDATE items SET section_id = NULL WHERE section_id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, "delete", "section", id, before, nil); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// MenuLink is one entry of the public site's main menu.
type MenuLink struct {
	ID       int64
	Label    string
	Href     string // a path on the site ("/chuyen-muc/tin-hoat-dong") or an http(s) URL
	Position int
}

// Validate checks a menu link.
func (m *MenuLink) Validate() error {
	var v loa.Validation
	m.Label, m.Href = strings.TrimSpace(m.Label), strings.TrimSpace(m.Href)
	v.Check(m.Label != "", "label", "Xin nhập nhãn.")
	v.Check(len(m.Label) <= 100, "label", "Nhãn quá dài.")
	ok := (strings.HasPrefix(m.Href, "/") && !strings.HasPrefix(m.Href, "//")) ||
		strings.HasPrefix(m.Href, "https://") || strings.HasPrefix(m.Href, "http://")
	v.Check(ok && len(m.Href) <= 500 && !strings.ContainsAny(m.Href, " \t\r\n\"<>"), "href", "Đường dẫn phải bắt đầu bằng / hoặc http(s)://.")
	return v.Err()
}

// MenuLinks returns the menu in order.
func (db *DB) MenuLinks(ctx context.Context) (_ []*MenuLink, err error) {
	defer wrapErr(&err, "list menu links")
	rows, err := db.query(ctx, "SELECT id, label, href, position FROM menu_links ORDER BY position, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*MenuLink
	for rows.Next() {
		var m MenuLink
		if err := rows.Scan(&m.ID, &m.Label, &m.Href, &m.Position); err != nil {
			return nil, err
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

func (db *DB) menuLink(ctx context.Context, id int64) (*MenuLink, error) {
	var m MenuLink
	err := db.row(ctx, "mục trình đơn", "SELECT id, label, href, position FROM menu_links WHERE id = ?", []any{id}, &m.ID, &m.Label, &m.Href, &m.Position)
	return &m, err
}

// SaveMenuLink creates (ID 0) or updates a menu entry, audited.
func (db *DB) SaveMenuLink(ctx context.Context, m *MenuLink) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save menu link %d", m.ID), func(ctx context.Context) error {
		if m.ID == 0 {
			id, err := db.insert(ctx, "INSERT INTO menu_links (label, href, position, updated_at) VALUES (?, ?, ?, ?)", m.Label, m.Href, m.Position, now())
			if err != nil {
				return err
			}
			m.ID = id
			if err := db.audit(ctx, "create", "menu_link", id, nil, m); err != nil {
				return err
			}
			return db.SiteChanged(ctx)
		}
		before, err := db.menuLink(ctx, m.ID)
		if err != nil {
			return err
		}
		if _, err := db.exec(ctx, "UPDATE menu_links SET label = ?, href = ?, position = ?, updated_at = ? WHERE id = ?", m.Label, m.Href, m.Position, now(), m.ID); err != nil {
			return err
		}
		if err := db.audit(ctx, "update", "menu_link", m.ID, before, m); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// DeleteMenuLink removes a menu entry, audited.
func (db *DB) DeleteMenuLink(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete menu link %d", id), func(ctx context.Context) error {
		before, err := db.menuLink(ctx, id)
		if err != nil {
			return err
		}
		if _, err := db.exec(ctx, "DELETE FROM menu_links WHERE id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, "delete", "menu_link", id, before, nil); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// SitePage is a page of the agency's own text (the about page, "gioi-thieu").
type SitePage struct {
	ID        int64
	Slug      string
	Title     string
	Body      string // plain text; blank lines separate paragraphs
	Version   int
	UpdatedAt time.Time
}

// SitePageBySlug returns the page at slug. ENOTFOUND when there is none.
func (db *DB) SitePageBySlug(ctx context.Context, slug string) (_ *SitePage, err error) {
	defer wrapErr(&err, "read site page %q", slug)
	var p SitePage
	err = db.row(ctx, "trang", "SELECT id, slug, title, body, version, updated_at FROM site_pages WHERE slug = ?", []any{slug},
		&p.ID, &p.Slug, &p.Title, &p.Body, &p.Version, &p.UpdatedAt)
	return &p, err
}

// SaveSitePage creates or replaces the page at p.Slug, audited. An update of an
// existing page carries the version it was read at.
func (db *DB) SaveSitePage(ctx context.Context, p *SitePage) error {
	var v loa.Validation
	p.Title = strings.TrimSpace(p.Title)
	v.Check(p.Title != "", "title", "Xin nhập tiêu đề.")
	v.Check(slugRE.MatchString(p.Slug), "slug", "Đường dẫn không hợp lệ.")
	v.Check(len(p.Body) <= 200000, "body", "Nội dung quá dài.")
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save site page %q", p.Slug), func(ctx context.Context) error {
		before, err := db.SitePageBySlug(ctx, p.Slug)
		switch {
		case loa.ErrorCode(err) == loa.ENOTFOUND:
			id, err := db.insert(ctx, "INSERT INTO site_pages (slug, title, body, updated_at) VALUES (?, ?, ?, ?)", p.Slug, p.Title, p.Body, now())
			if err != nil {
				return err
			}
			p.ID, p.Version = id, 1
			if err := db.audit(ctx, "create", "site_page", id, nil, p); err != nil {
				return err
			}
			return db.SiteChanged(ctx)
		case err != nil:
			return err
		}
		p.ID = before.ID
		if p.Version == 0 {
			p.Version = before.Version
		}
		res, err := db.exec(ctx, "UPDATE site_pages SET title = ?, body = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
			p.Title, p.Body, now(), p.ID, p.Version)
		if err != nil {
			return err
		}
		if err := changed(res); err != nil {
			return err
		}
		p.Version++
		if err := db.audit(ctx, "update", "site_page", p.ID, before, p); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// SitePicture is a picture of a public item (the items feature's media table).
type SitePicture struct {
	ID                    int64
	ItemID                int64
	Caption, Credit       string
	Width, Height         int // the original's size
	SiteWidth, SiteHeight int // the copy sized for the site; 0 when the original is used
}

// SitePictures returns the pictures of the items, in their order, by item id: every
// picture when all, else only the first of each item (for lists).
func (db *DB) SitePictures(ctx context.Context, itemIDs []int64, all bool) (_ map[int64][]SitePicture, err error) {
	defer wrapErr(&err, "list pictures of %d site items", len(itemIDs))
	out := map[int64][]SitePicture{}
	if len(itemIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(itemIDs))
	for i, id := range itemIDs {
		args[i] = id
	}
	rows, err := db.query(ctx, `SELECT id, item_id, caption, credit, width, height, site_width, site_height FROM media
		WHERE kind = 'picture' AND item_id IN (`+marks(len(itemIDs))+`) ORDER BY item_id, position, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p SitePicture
		if err := rows.Scan(&p.ID, &p.ItemID, &p.Caption, &p.Credit, &p.Width, &p.Height, &p.SiteWidth, &p.SiteHeight); err != nil {
			return nil, err
		}
		if all || len(out[p.ItemID]) == 0 {
			out[p.ItemID] = append(out[p.ItemID], p)
		}
	}
	return out, rows.Err()
}

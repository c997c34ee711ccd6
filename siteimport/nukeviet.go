package siteimport

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"loa"
	"loa/sanitize"
	"loa/store"
)

// NukeViet 4's news module, read from its MySQL/MariaDB database. Its tables are
// {prefix}_{lang}_news_…: cat (catid, parentid, title, alias), rows (one article:
// status, publtime, title, alias, hometext, homeimgfile, author, sourceid,
// hitstotal), detail (bodyhtml of the same id), sources (sourceid, title). The rows
// are read a page at a time by id, so memory stays bounded.

// NukeVietOptions add the database's table prefix and language to Options.
type NukeVietOptions struct {
	Options
	Prefix string // nv4
	Lang   string // vi
	Module string // the news module's data name: news
}

// nvPage is the number of articles read at a time.
const nvPage = 500

var nvNameRE = regexp.MustCompile(`^[A-Za-z0-9_]{1,40}$`)

// ImportNukeViet brings the news module of the NukeViet 4 site whose database is dsn
// (user:pass@tcp(host:3306)/db) into db.
func ImportNukeViet(ctx context.Context, db *store.DB, dsn string, opt NukeVietOptions) (*store.SiteImportSummary, error) {
	cfg, err := mysql.ParseDSN(dsn)
	from := "nukeviet"
	if err != nil {
		return nil, &Error{Source: from, Reason: "DSN không hợp lệ (user:pass@tcp(host:3306)/db): " + err.Error()}
	}
	from = cfg.Addr + "/" + cfg.DBName // never the password in a message
	if opt.Prefix == "" {
		opt.Prefix = "nv4"
	}
	if opt.Lang == "" {
		opt.Lang = "vi"
	}
	if opt.Module == "" {
		opt.Module = "news"
	}
	if !nvNameRE.MatchString(opt.Prefix) || !nvNameRE.MatchString(opt.Lang) || !nvNameRE.MatchString(opt.Module) {
		return nil, &Error{Source: from, Reason: "tiền tố, ngôn ngữ hoặc tên mô-đun không hợp lệ"}
	}
	cfg.ParseTime, cfg.Loc = false, time.UTC // publtime is a Unix time, an integer
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, &Error{Source: from, Reason: err.Error()}
	}
	src := sql.OpenDB(connector)
	defer src.Close()
	if err := src.PingContext(ctx); err != nil {
		return nil, &Error{Source: from, Reason: "không kết nối được cơ sở dữ liệu: " + err.Error()}
	}
	table := opt.Prefix + "_" + opt.Lang + "_" + opt.Module
	n := 0
	if err := src.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (?, ?, ?)",
		table+"_rows", table+"_detail", table+"_cat").Scan(&n); err != nil {
		return nil, &Error{Source: from, Reason: err.Error()}
	}
	if n != 3 {
		return nil, &Error{Source: from, Reason: fmt.Sprintf("không có các bảng tin tức %s_rows, %s_detail, %s_cat (sai tiền tố --prefix hoặc không phải NukeViet 4?)", table, table, table)}
	}
	var sum *store.SiteImportSummary
	err = db.WithTx(ctx, func(ctx context.Context) error {
		r, err := newRun(ctx, db, "nukeviet", from, opt.Options)
		if err != nil {
			return err
		}
		nv := &nvRun{run: r, src: src, table: table, opt: opt}
		if err := nv.categories(ctx); err != nil {
			return err
		}
		if err := r.feeds(ctx); err != nil {
			return err
		}
		if err := nv.articles(ctx); err != nil {
			return err
		}
		sum = &r.sum
		return db.SiteImportAudit(ctx, "nukeviet", from, &r.sum)
	})
	return sum, err
}

type nvRun struct {
	*run
	src     *sql.DB
	table   string
	opt     NukeVietOptions
	cats    map[int64]*nvCat
	sources map[int64]string
}

type nvCat struct {
	id, parent   int64
	title, alias string
}

// categories brings the categories over as sections, each listing its own articles
// and those of its subcategories, and reads the sources' names.
func (nv *nvRun) categories(ctx context.Context) error {
	rows, err := nv.src.QueryContext(ctx, "SELECT catid, parentid, title, alias FROM "+nv.table+"_cat ORDER BY catid")
	if err != nil {
		return nv.bad(0, "bảng %s_cat: %v", nv.table, err)
	}
	nv.cats = map[int64]*nvCat{}
	var order []*nvCat
	for rows.Next() {
		c := &nvCat{}
		if err := rows.Scan(&c.id, &c.parent, &c.title, &c.alias); err != nil {
			rows.Close()
			return nv.bad(0, "bảng %s_cat: %v", nv.table, err)
		}
		nv.cats[c.id] = c
		order = append(order, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	nv.sources = map[int64]string{}
	if rows, err := nv.src.QueryContext(ctx, "SELECT sourceid, title FROM "+nv.table+"_sources"); err == nil {
		for rows.Next() {
			var id int64
			var t string
			if rows.Scan(&id, &t) == nil {
				nv.sources[id] = t
			}
		}
		rows.Close()
	}
	for _, c := range order {
		topics := []string{strings.TrimSpace(c.title)}
		for _, d := range order {
			for p, seen := nv.cats[d.parent], 0; p != nil && seen < 20; p, seen = nv.cats[p.parent], seen+1 {
				if p == c {
					topics = append(topics, strings.TrimSpace(d.title))
					break
				}
			}
		}
		old := nv.oldPaths(c.alias, "")
		added, created, err := nv.db.ImportSiteSection(ctx, nv.source, strconv.FormatInt(c.id, 10), c.alias, c.title, topics, old)
		if err != nil {
			return nv.bad(0, "chuyên mục “%s”: %s", c.title, loa.ErrorMessage(err))
		}
		if created {
			nv.sum.Sections++
		}
		nv.sum.Redirects += added
	}
	return nil
}

// oldPaths are NukeViet's addresses of a category (op = its alias) or of an article
// (op = category/alias-id), with rewriting on and off, with and without the language.
func (nv *nvRun) oldPaths(cat, article string) []string {
	op := cat
	if article != "" {
		op = cat + "/" + article
	}
	m, l := nv.opt.Module, nv.opt.Lang
	suffix := "/"
	if article != "" {
		suffix = ".html"
	}
	q := url.QueryEscape(op)
	var keys []string
	for _, p := range []string{"/" + m + "/" + op + suffix, "/" + l + "/" + m + "/" + op + suffix,
		"/index.php?language=" + l + "&nv=" + m + "&op=" + q, "/index.php?nv=" + m + "&op=" + q, "/?language=" + l + "&nv=" + m + "&op=" + q} {
		keys = append(keys, store.RedirectKeyOf(p))
	}
	return keys
}

// articles reads the rows a page at a time, by id.
func (nv *nvRun) articles(ctx context.Context) error {
	var total int
	if err := nv.src.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+nv.table+"_rows").Scan(&total); err != nil {
		return nv.bad(0, "bảng %s_rows: %v", nv.table, err)
	}
	now := nv.now().Unix()
	var last int64
	done := 0
	for {
		rows, err := nv.src.QueryContext(ctx, `SELECT r.id, r.catid, r.status, r.publtime, r.exptime, r.title, r.alias, r.hometext,
			COALESCE(r.homeimgfile, ''), COALESCE(r.homeimgalt, ''), COALESCE(r.author, ''), r.sourceid, r.hitstotal,
			COALESCE(d.bodyhtml, ''), COALESCE(d.sourcetext, '')
			FROM `+nv.table+`_rows r LEFT JOIN `+nv.table+`_detail d ON d.id = r.id WHERE r.id > ? ORDER BY r.id LIMIT `+strconv.Itoa(nvPage), last)
		if err != nil {
			return nv.bad(0, "bảng %s_rows: %v", nv.table, err)
		}
		var page []nvRow
		for rows.Next() {
			var a nvRow
			if err := rows.Scan(&a.id, &a.catid, &a.status, &a.publ, &a.exp, &a.title, &a.alias, &a.hometext, &a.img, &a.imgAlt,
				&a.author, &a.sourceID, &a.hits, &a.body, &a.sourceText); err != nil {
				rows.Close()
				return nv.bad(0, "bảng %s_rows: %v", nv.table, err)
			}
			page = append(page, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for i := range page {
			if err := nv.article(ctx, &page[i], now); err != nil {
				return err
			}
		}
		last = page[len(page)-1].id
		done += len(page)
		nv.progress(done, total)
	}
}

type nvRow struct {
	id, catid, publ, exp, sourceID, hits        int64
	status                                      int
	title, alias, hometext, img, imgAlt, author string
	body, sourceText                            string
}

func (nv *nvRun) article(ctx context.Context, a *nvRow, now int64) error {
	switch {
	case a.status != 1:
		nv.sum.Skip("chưa đăng, bị ẩn hoặc đã xoá (status khác 1)")
		return nil
	case a.publ > now:
		nv.sum.Skip("hẹn giờ đăng sau hôm nay")
		return nil
	}
	id := strconv.FormatInt(a.id, 10)
	if done, err := nv.db.SiteImported(ctx, nv.source, "post", id); err != nil {
		return err
	} else if done {
		nv.sum.Unchanged++
		return nil
	}
	line := int(a.id) // a database has rows, not lines: the message names the id
	si := &store.SiteImportItem{SourceID: id, Title: strings.TrimSpace(a.title), Summary: sanitize.Text(a.hometext),
		PublishedAt: time.Unix(a.publ, 0).UTC(), Views: a.hits}
	if au := strings.TrimSpace(a.author); au != "" {
		for _, name := range strings.FieldsFunc(au, func(r rune) bool { return r == ',' || r == ';' }) {
			si.Authors = append(si.Authors, strings.TrimSpace(name))
		}
	}
	cat := nv.cats[a.catid]
	catAlias := "tin-tuc"
	if cat != nil {
		si.Topic, catAlias = strings.TrimSpace(cat.title), cat.alias
	}
	si.OldPaths = nv.oldPaths(catAlias, a.alias+"-"+id)
	art := nv.newArticle(line, si)
	if img := strings.TrimSpace(a.img); img != "" && !strings.Contains(img, "://") {
		if _, _, err := art.picture(nv.opt.Module+"/"+img, strings.TrimSpace(a.imgAlt)); err != nil {
			return nvLine(err, a.id)
		}
	}
	body, err := art.body(a.body, nvUploadPath)
	if err != nil {
		return nvLine(err, a.id)
	}
	// The source (Nguồn), which NukeViet shows under the article, ends the body.
	if s := strings.TrimSpace(nv.sources[a.sourceID]); s != "" {
		body += "<p><em>Nguồn: " + html.EscapeString(s) + "</em></p>"
	} else if s := strings.TrimSpace(a.sourceText); s != "" && !strings.Contains(s, "://") {
		body += "<p><em>Nguồn: " + html.EscapeString(s) + "</em></p>"
	}
	si.Body = body
	return nvLine(art.store(ctx), a.id)
}

// nvLine turns the line of a refusal into the article's id, which is what a
// database can name.
func nvLine(err error, id int64) error {
	if e, ok := err.(*Error); ok && e.Line > 0 {
		e.Line = 0
		e.Reason = fmt.Sprintf("bài id %d: %s", id, e.Reason)
	}
	return err
}

// nvUploadPath is the uploads-relative path of a picture on the old site
// ("/uploads/news/2024_06/a.jpg" → "news/2024_06/a.jpg").
func nvUploadPath(src string) (string, []string) { return uploadRel(src, "uploads/"), nil }

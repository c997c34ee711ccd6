package siteimport

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"loa"
	"loa/sanitize"
	"loa/store"
)

// WordPress's export (Tools → Export), WXR 1.2: an RSS 2.0 file whose channel holds the
// site's authors and categories, then one <item> per post, page, attachment or menu
// entry. The file is read twice, as a stream: first for the authors, categories and
// attachments (a post names its featured image by the attachment's id, which may come
// later in the file) and to find a broken file before anything is written; then for
// the posts and pages.

// wxrCategory is a <wp:category> of the channel.
type wxrCategory struct {
	ID       string `xml:"term_id"`
	Nicename string `xml:"category_nicename"`
	Parent   string `xml:"category_parent"` // the parent's nicename
	Name     string `xml:"cat_name"`
}

// wxrAuthor is a <wp:author> of the channel.
type wxrAuthor struct {
	Login   string `xml:"author_login"`
	Display string `xml:"author_display_name"`
}

// wxrItem is an <item>: a post, a page, an attachment …
type wxrItem struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	GUID    string `xml:"guid"`
	Creator string `xml:"creator"`
	// content:encoded (the body) and excerpt:encoded (the lead) share a local name.
	Encoded []struct {
		XMLName xml.Name
		Text    string `xml:",chardata"`
	} `xml:"encoded"`
	ID            string `xml:"post_id"`
	Date          string `xml:"post_date"`
	DateGMT       string `xml:"post_date_gmt"`
	Name          string `xml:"post_name"`
	Status        string `xml:"status"`
	Type          string `xml:"post_type"`
	AttachmentURL string `xml:"attachment_url"`
	Categories    []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta []struct {
		Key   string `xml:"meta_key"`
		Value string `xml:"meta_value"`
	} `xml:"postmeta"`
}

func (it *wxrItem) encoded(excerpt bool) string {
	for _, e := range it.Encoded {
		if strings.Contains(e.XMLName.Space, "excerpt") == excerpt {
			return e.Text
		}
	}
	return ""
}

func (it *wxrItem) meta(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// wxrVisit reads the export at path as a stream and calls the functions for the
// channel's categories and authors and for each item, with the line it starts on.
// A file that is not WXR or is broken is an *Error.
func wxrVisit(name string, path string, cat func(*wxrCategory), author func(*wxrAuthor), item func(int, *wxrItem) error) error {
	f, err := os.Open(path)
	if err != nil {
		return &Error{Source: name, Reason: "không mở được tệp: " + err.Error()}
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.Strict = true
	notWXR := &Error{Source: name, Reason: "không phải tệp xuất của WordPress (WXR: Công cụ → Xuất)"}
	root, version := false, ""
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xmlError(name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if se.Name.Local != "rss" {
				return notWXR
			}
			root = true
			continue
		}
		wp := strings.HasPrefix(se.Name.Space, "http://wordpress.org/export/")
		switch {
		case wp && se.Name.Local == "wxr_version":
			if err := d.DecodeElement(&version, &se); err != nil {
				return xmlError(name, err)
			}
		case wp && se.Name.Local == "category":
			var c wxrCategory
			if err := d.DecodeElement(&c, &se); err != nil {
				return xmlError(name, err)
			}
			if cat != nil {
				cat(&c)
			}
		case wp && se.Name.Local == "author":
			var a wxrAuthor
			if err := d.DecodeElement(&a, &se); err != nil {
				return xmlError(name, err)
			}
			if author != nil {
				author(&a)
			}
		case se.Name.Local == "item" && se.Name.Space == "":
			if version == "" {
				return notWXR
			}
			var it wxrItem
			if err := d.DecodeElement(&it, &se); err != nil {
				return xmlError(name, err)
			}
			if item != nil {
				if err := item(line, &it); err != nil {
					return err
				}
			}
		}
	}
	if !root || version == "" {
		return notWXR
	}
	return nil
}

// xmlError names the line of a broken or truncated file.
func xmlError(name string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		reason := se.Msg
		if strings.Contains(reason, "unexpected EOF") {
			reason = "tệp bị cắt cụt (hết tệp giữa chừng)"
		}
		return &Error{Source: name, Line: se.Line, Reason: "tệp XML hỏng: " + reason}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Source: name, Reason: "tệp XML hỏng: tệp bị cắt cụt (hết tệp giữa chừng)"}
	}
	return &Error{Source: name, Reason: "tệp XML hỏng: " + err.Error()}
}

// wpDate is when a post was published: post_date_gmt (UTC) when WordPress wrote it,
// else post_date, which is in the site's time zone (Vietnam's).
func wpDate(it *wxrItem) (time.Time, bool) {
	const layout = "2006-01-02 15:04:05"
	if t, err := time.Parse(layout, strings.TrimSpace(it.DateGMT)); err == nil && t.Year() > 1 {
		return t, true
	}
	t, err := time.ParseInLocation(layout, strings.TrimSpace(it.Date), loa.Zone)
	return t, err == nil && t.Year() > 1
}

// wpSkip names why an item of the export is not brought over ("" when it is).
var wpSkip = map[string]string{
	"draft": "bản nháp", "pending": "chờ duyệt", "future": "hẹn giờ đăng", "private": "riêng tư", "trash": "thùng rác",
	"auto-draft": "bản nháp", "inherit": "bản sửa",
}

// ImportWordPress brings the WordPress site exported at path into db. name is the file
// as the user named it, for messages.
func ImportWordPress(ctx context.Context, db *store.DB, name, path string, opt Options) (*store.SiteImportSummary, error) {
	// First pass: the site's dictionaries, and a check of the whole file.
	var cats []*wxrCategory
	authors := map[string]string{}
	attachments := map[string]string{} // attachment id → uploads-relative path
	total := 0
	err := wxrVisit(name, path, func(c *wxrCategory) { cats = append(cats, c) },
		func(a *wxrAuthor) { authors[a.Login] = strings.TrimSpace(a.Display) },
		func(_ int, it *wxrItem) error {
			switch it.Type {
			case "attachment":
				rel := it.meta("_wp_attached_file")
				if rel == "" {
					rel, _ = wpUploadPath(it.AttachmentURL)
				}
				attachments[it.ID] = rel
			case "post", "page":
				total++
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	var sum *store.SiteImportSummary
	err = db.WithTx(ctx, func(ctx context.Context) error {
		r, err := newRun(ctx, db, "wordpress", name, opt)
		if err != nil {
			return err
		}
		if err := r.wpCategories(ctx, cats); err != nil {
			return err
		}
		if err := r.feeds(ctx); err != nil {
			return err
		}
		done := 0
		err = wxrVisit(name, path, nil, nil, func(line int, it *wxrItem) error {
			if it.Type == "post" || it.Type == "page" {
				done++
				if done%50 == 0 || done == total {
					r.progress(done, total)
				}
			}
			return r.wpItem(ctx, line, it, authors, attachments)
		})
		if err != nil {
			return err
		}
		sum = &r.sum
		return db.SiteImportAudit(ctx, "wordpress", name, &r.sum)
	})
	return sum, err
}

// wpCategories brings the categories over as sections. A category lists its own
// posts and those of its subcategories, as WordPress's category pages do.
func (r *run) wpCategories(ctx context.Context, cats []*wxrCategory) error {
	byNice := map[string]*wxrCategory{}
	for _, c := range cats {
		byNice[c.Nicename] = c
	}
	// path is the category's address under /category/, its ancestors first.
	path := func(c *wxrCategory) string {
		parts := []string{}
		for seen := 0; c != nil && seen < 20; seen++ {
			n, err := url.PathUnescape(c.Nicename)
			if err != nil {
				n = c.Nicename
			}
			parts = append([]string{n}, parts...)
			c = byNice[c.Parent]
		}
		return "/category/" + strings.Join(parts, "/")
	}
	for _, c := range cats {
		name := strings.TrimSpace(c.Name)
		if name == "" || c.Nicename == "uncategorized" {
			continue
		}
		topics := []string{name}
		for _, d := range cats { // the descendants' names
			for p, seen := byNice[d.Parent], 0; p != nil && seen < 20; p, seen = byNice[p.Parent], seen+1 {
				if p == c {
					topics = append(topics, strings.TrimSpace(d.Name))
					break
				}
			}
		}
		slug, err := url.PathUnescape(c.Nicename)
		if err != nil {
			slug = c.Nicename
		}
		old := []string{path(c), "/?cat=" + c.ID}
		n, created, err := r.db.ImportSiteSection(ctx, r.source, c.ID, slug, name, topics, old)
		if err != nil {
			return r.bad(0, "chuyên mục “%s”: %s", name, loa.ErrorMessage(err))
		}
		if created {
			r.sum.Sections++
		}
		r.sum.Redirects += n
	}
	return nil
}

func (r *run) wpItem(ctx context.Context, line int, it *wxrItem, authors, attachments map[string]string) error {
	switch it.Type {
	case "post", "page":
	case "attachment":
		r.sum.Skip("tệp đính kèm (chỉ lấy ảnh dùng trong bài)")
		return nil
	default:
		r.sum.Skip("mục khác bài và trang (" + it.Type + ")")
		return nil
	}
	if it.Status != "publish" {
		reason := wpSkip[it.Status]
		if reason == "" {
			reason = it.Status
		}
		r.sum.Skip(reason)
		return nil
	}
	kind := "post"
	if it.Type == "page" {
		kind = "page"
	}
	if done, err := r.db.SiteImported(ctx, r.source, kind, it.ID); err != nil {
		return err
	} else if done {
		r.sum.Unchanged++
		return nil
	}
	title := strings.TrimSpace(sanitize.Text(it.Title))
	old := []string{store.RedirectKeyOf(it.Link), store.RedirectKeyOf(it.GUID)}
	if it.Type == "page" {
		old = append(old, "/?page_id="+it.ID)
		if scriptRE.MatchString(it.encoded(false)) {
			return r.bad(line, "trang “%s” có mã script (<script>): xin gỡ khỏi trang cũ rồi nhập lại", title)
		}
		n, created, err := r.db.ImportSitePage(ctx, r.source, it.ID, it.Name, title, wpAutoP(wpShortcodes(it.encoded(false))), old)
		if err != nil {
			return r.bad(line, "%s", loa.ErrorMessage(err))
		}
		if created {
			r.sum.Pages++
		} else {
			r.sum.Unchanged++
		}
		r.sum.Redirects += n
		return nil
	}
	at, ok := wpDate(it)
	if !ok {
		return r.bad(line, "bài “%s” (mã %s) không có ngày đăng hợp lệ", title, it.ID)
	}
	si := &store.SiteImportItem{SourceID: it.ID, Title: title, Summary: sanitize.Text(it.encoded(true)), PublishedAt: at,
		OldPaths: append(old, "/?p="+it.ID)}
	if a := authors[it.Creator]; a != "" {
		si.Authors = []string{a}
	} else if it.Creator != "" {
		si.Authors = []string{it.Creator}
	}
	for _, c := range it.Categories {
		if c.Domain == "category" && c.Nicename != "uncategorized" {
			si.Topic = strings.TrimSpace(c.Name)
			break
		}
	}
	a := r.newArticle(line, si)
	// The featured image is the lead picture: the first.
	if id := it.meta("_thumbnail_id"); id != "" && attachments[id] != "" {
		if _, _, err := a.picture(attachments[id], ""); err != nil {
			return err
		}
	}
	body, err := a.body(wpAutoP(wpShortcodes(it.encoded(false))), wpUploadPath)
	if err != nil {
		return err
	}
	si.Body = body
	return a.store(ctx)
}

// uploadRel is the part of a picture's address after the uploads folder's marker,
// without query or fragment; "" when the address is not in that folder.
func uploadRel(src, marker string) string {
	i := strings.Index(src, marker)
	if i < 0 {
		return ""
	}
	rel := src[i+len(marker):]
	if j := strings.IndexAny(rel, "?#"); j >= 0 {
		rel = rel[:j]
	}
	return rel
}

// wpUploadPath is the uploads-relative path of a picture's address on the old site
// (".../wp-content/uploads/2024/06/a-300x200.jpg" → "2024/06/a-300x200.jpg"), and,
// for a size WordPress derived, the original's as the alternative.
func wpUploadPath(src string) (string, []string) {
	rel := uploadRel(src, "wp-content/uploads/")
	if rel == "" {
		return "", nil
	}
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	var alts []string
	if orig := wpSized.ReplaceAllString(rel, "$1"); orig != rel {
		alts = append(alts, orig)
	}
	return rel, alts
}

var wpSized = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

var (
	// [caption id="…" align="…" width="300"]<img …/> The caption[/caption]
	captionRE = regexp.MustCompile(`(?s)\[(?:wp_)?caption\b[^\]]*\](.*?)\[/(?:wp_)?caption\]`)
	// the picture (maybe inside its link) that opens a caption's content
	captionImgRE = regexp.MustCompile(`(?is)^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$`)
	// <a href="…/wp-content/uploads/…"><img …></a>
	uploadLinkRE = regexp.MustCompile(`(?is)<a\b[^>]*\bhref\s*=\s*["'][^"']*wp-content/uploads/[^"']*["'][^>]*>\s*(<img\b[^>]*>)\s*</a>`)
	// any other shortcode's tags: [gallery ids="1,2"], [embed], [/embed] …
	shortcodeRE = regexp.MustCompile(`\[/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?\]`)
)

// wpShortcodes turns [caption] into <figure> with its <figcaption> and drops every
// other shortcode's tags (their content, when they have one, stays as text).
func wpShortcodes(s string) string {
	// A picture linked to its own full size on the old site: the link would lead
	// back there; loa's page shows the picture itself.
	s = uploadLinkRE.ReplaceAllString(s, "$1")
	s = captionRE.ReplaceAllStringFunc(s, func(m string) string {
		inner := captionRE.FindStringSubmatch(m)[1]
		p := captionImgRE.FindStringSubmatch(inner)
		if p == nil {
			return inner
		}
		return "<figure>" + p[1] + "<figcaption>" + strings.TrimSpace(p[2]) + "</figcaption></figure>"
	})
	return shortcodeRE.ReplaceAllString(s, "")
}

// blockRE matches the start of a block element, which wpAutoP leaves unwrapped.
var blockRE = regexp.MustCompile(`(?i)^<(p|div|h[1-6]|ul|ol|li|table|blockquote|pre|figure|hr|section|article|dl)\b`)

var blankLineRE = regexp.MustCompile(`\n\s*\n`)

// wpAutoP does what WordPress does when it shows a post: the export keeps paragraphs
// as blank lines and line breaks as newlines; the page needs <p> and <br>.
func wpAutoP(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, para := range blankLineRE.Split(s, -1) {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		if blockRE.MatchString(para) {
			b.WriteString(para)
		} else {
			fmt.Fprintf(&b, "<p>%s</p>", strings.ReplaceAll(para, "\n", "<br>"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Package siteimport brings an agency's existing site into loa (`loa import site
// wordpress|nukeviet`, CONTRACTS.md): its published articles become published items,
// its categories sections, its pages site pages, its pictures loa's media, and its
// old addresses answer 301 to the new pages. A run is one transaction: all or nothing,
// idempotent by the old site's ids (store/siteimport.go). The old site is read as a
// stream (a WordPress export with encoding/xml, a NukeViet database page by page), so
// memory stays bounded whatever the size of the archive.
package siteimport

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"loa"
	"loa/media"
	"loa/store"
)

// Options are the command line's choices.
type Options struct {
	Uploads  string // the old site's uploads folder; empty: no pictures are copied
	UnitCode string // the unit the articles go to; empty: the agency's top unit
	NoCount  bool   // shown on the site, no publication recorded
	// Progress, when set, is called now and then with the articles done out of total.
	Progress func(done, total int)
}

// Error is a refused run's one line: "SOURCE:LINE: reason" (LINE 0 is left out).
type Error struct {
	Source string
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.Source, e.Reason)
}

// run is what both readers share: the database, the options, the summary, the unit.
type run struct {
	db     *store.DB
	opt    Options
	source string // wordpress | nukeviet
	from   string // the file or database, as named in messages
	unit   *loa.Unit
	sum    store.SiteImportSummary
}

func newRun(ctx context.Context, db *store.DB, source, from string, opt Options) (*run, error) {
	r := &run{db: db, opt: opt, source: source, from: from}
	u, err := db.SiteImportUnit(ctx, opt.UnitCode)
	if err != nil {
		return nil, &Error{Source: from, Reason: err.Error()}
	}
	r.unit = u
	if opt.Uploads != "" {
		if st, err := os.Stat(opt.Uploads); err != nil || !st.IsDir() {
			return nil, &Error{Source: opt.Uploads, Reason: "không có thư mục ảnh này (--uploads)"}
		}
	}
	return r, nil
}

// now is the present; an article dated later was scheduled on the old site.
func (r *run) now() time.Time { return time.Now() }

func (r *run) progress(done, total int) {
	if r.opt.Progress != nil {
		r.opt.Progress(done, total)
	}
}

// bad is a refusal at line of the source.
func (r *run) bad(line int, format string, args ...any) error {
	return &Error{Source: r.from, Line: line, Reason: fmt.Sprintf(format, args...)}
}

// article is an old article on its way in: the item and its pictures so far.
type article struct {
	r      *run
	line   int
	item   *store.SiteImportItem
	byPath map[string]int // uploads-relative path → index in item.Pictures
}

func (r *run) newArticle(line int, it *store.SiteImportItem) *article {
	it.Source, it.UnitID, it.NoCount = r.source, r.unit.ID, r.opt.NoCount
	if it.Kind == "" {
		it.Kind = loa.KindNews
	}
	return &article{r: r, line: line, item: it, byPath: map[string]int{}}
}

// picture adds the uploads file at rel (a path inside the uploads folder) to the
// article and returns its index; ok is false when the file is not there, which is
// listed in the summary and leaves the text as it was. A file that is not a picture
// refuses the run, as an upload would be refused.
func (a *article) picture(rel, caption string, alternatives ...string) (int, bool, error) {
	rel = path.Clean("/" + strings.ReplaceAll(rel, "\\", "/"))[1:]
	if rel == "" || rel == "." {
		return 0, false, nil
	}
	if i, ok := a.byPath[rel]; ok {
		return i, true, nil
	}
	if a.r.opt.Uploads == "" {
		a.r.missing(rel)
		return 0, false, nil
	}
	name, data, err := a.r.readUpload(append([]string{rel}, alternatives...))
	if errors.Is(err, fs.ErrNotExist) {
		a.r.missing(rel)
		return 0, false, nil
	}
	if err != nil {
		return 0, false, a.r.bad(a.line, "ảnh %s: %v", rel, err)
	}
	f, err := media.Picture(path.Base(name), data)
	if err != nil {
		return 0, false, a.r.bad(a.line, "ảnh %s của bài “%s”: %s", rel, a.item.Title, loa.ErrorMessage(err))
	}
	a.item.Pictures = append(a.item.Pictures, store.SiteImportPicture{File: f, Caption: caption})
	i := len(a.item.Pictures) - 1
	a.byPath[rel] = i
	return i, true, nil
}

// readUpload reads the first of the uploads-relative paths that exists.
func (r *run) readUpload(rels []string) (string, []byte, error) {
	for _, rel := range rels {
		rel = path.Clean("/" + rel)[1:]
		p := filepath.Join(r.opt.Uploads, filepath.FromSlash(rel))
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) || err == nil && st.IsDir() {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		if st.Size() > media.MaxBytes {
			return "", nil, fmt.Errorf("tệp quá lớn (%d MB, tối đa %d MB)", st.Size()>>20, media.MaxBytes>>20)
		}
		data, err := os.ReadFile(p)
		return rel, data, err
	}
	return "", nil, fs.ErrNotExist
}

func (r *run) missing(rel string) {
	if len(r.sum.Missing) < 1000 { // the summary names the first thousand
		r.sum.Missing = append(r.sum.Missing, rel)
	}
}

var (
	scriptRE = regexp.MustCompile(`(?i)<script\b`)
	imgRE    = regexp.MustCompile(`(?is)<img\b[^>]*>`)
	srcRE    = regexp.MustCompile(`(?is)\ssrc\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
)

// body brings the old article's HTML over: a body with a script is refused (the old
// site ran it; loa never will, and an editor should look at it first); every picture
// whose src uploadPath resolves in the uploads folder is copied into the item's
// media and its src becomes the placeholder store.ImportSiteItem resolves.
func (a *article) body(html string, uploadPath func(src string) (rel string, alternatives []string)) (string, error) {
	if scriptRE.MatchString(html) {
		return "", a.r.bad(a.line, "bài “%s” có mã script (<script>): xin gỡ khỏi trang cũ rồi nhập lại", a.item.Title)
	}
	var err error
	out := imgRE.ReplaceAllStringFunc(html, func(tag string) string {
		m := srcRE.FindStringSubmatchIndex(tag)
		if m == nil || err != nil {
			return tag
		}
		src := strings.Trim(tag[m[2]:m[3]], `"'`)
		rel, alts := uploadPath(src)
		if rel == "" {
			return tag
		}
		i, ok, e := a.picture(rel, "", alts...)
		if e != nil {
			err = e
		}
		if !ok {
			return tag
		}
		return tag[:m[0]] + ` src="` + store.PictureSrc(i) + `"` + tag[m[1]:]
	})
	return out, err
}

// store writes the article, or counts it as already there.
func (a *article) store(ctx context.Context) error {
	r := a.r
	if a.item.PublishedAt.After(a.r.now()) {
		r.sum.Skip("hẹn giờ đăng sau hôm nay")
		return nil
	}
	n, err := r.db.ImportSiteItem(ctx, a.item)
	if err != nil {
		return r.bad(a.line, "bài “%s” (mã %s): %s", a.item.Title, a.item.SourceID, loa.ErrorMessage(err))
	}
	r.sum.Items++
	r.sum.Pictures += len(a.item.Pictures)
	r.sum.Redirects += n
	return nil
}

// feedPaths are the old sites' feeds, which now lead to loa's (/feed.xml).
var feedPaths = map[string][]string{
	"wordpress": {"/feed", "/feed/rss2", "/feed/atom", "/rss", "/?feed=rss2", "/?feed=rss", "/?feed=atom", "/comments/feed"},
	"nukeviet": {"/feeds", "/rss", "/news/rss", "/vi/news/rss", "/index.php?nv=feeds", "/index.php?language=vi&nv=feeds",
		"/index.php?language=vi&nv=news&op=rss", "/index.php?nv=news&op=rss"},
}

// feeds makes the old site's feeds answer 301 to loa's.
func (r *run) feeds(ctx context.Context) error {
	var keys []string
	for _, p := range feedPaths[r.source] {
		keys = append(keys, store.RedirectKeyOf(p))
	}
	n, err := r.db.AddSiteRedirects(ctx, keys, "/feed.xml")
	r.sum.Redirects += n
	return err
}

// Summary is the lines a run prints at its end.
func Summary(s *store.SiteImportSummary) []string {
	lines := []string{fmt.Sprintf("tin bài: %d mới, %d đã có; chuyên mục: %d; trang: %d; ảnh: %d; địa chỉ cũ: %d",
		s.Items, s.Unchanged, s.Sections, s.Pages, s.Pictures, s.Redirects)}
	for _, reason := range slices.Sorted(maps.Keys(s.Skipped)) {
		lines = append(lines, fmt.Sprintf("bỏ qua %d: %s", s.Skipped[reason], reason))
	}
	if len(s.Missing) > 0 {
		lines = append(lines, fmt.Sprintf("ảnh không có trong thư mục ảnh (%d, bài giữ nguyên chữ):", len(s.Missing)))
		for _, m := range s.Missing {
			lines = append(lines, "  "+m)
		}
	}
	return lines
}

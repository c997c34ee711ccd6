package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"loa"
	"loa/docx"
	"loa/sanitize"
)

//go:embed templates i18n
var embedded embed.FS

// Page is what every template receives: the page's own data in Data, and what the
// layout needs around it.
type Page struct {
	Title string
	User  *loa.User
	Lang  string
	Path  string
	Flash *flash
	Form  *form
	Data  any
	Site  string
	Canon string // canonical URL (public site)
	// Chrome is the public site's menu, sections and agency address, loaded by
	// render for every page under site/ (search and error pages included).
	Chrome *siteChrome
	// ChromeHTML is Chrome rendered once, for an anonymous reader (site_chrome.go).
	ChromeHTML *chromeHTML
	Desc       string // meta description (public site)
	Status     int

	srv *Server // for Nav and May (fillPage)
}

// Nav is the back office's menu for the page's reader, its current entry marked.
func (p *Page) Nav() []navGroup { return p.srv.navFor(p.User, p.Path) }

// May reports whether the page's reader may use the route of pattern.
func (p *Page) May(pattern string) (bool, error) { return p.srv.may(p.User, pattern) }

// views holds the parsed templates: one set per language and page, each page parsed
// with its folder's layout and the partials it calls.
type views struct {
	mu       sync.Mutex
	dir      string // read from disk at each render when set (development)
	fsys     fs.FS
	partials partialSet
	sets     map[string]map[string]*template.Template // lang → page → template
	// lazy: a page's set is parsed at its first render and kept (embedded templates,
	// all checked once at start). A process that serves only the public site never
	// holds the back office's ~140 sets, which were most of its live heap, marked by
	// the collector at every cycle (issue 20).
	lazy bool
}

var langs = []string{"vi", "en"}

// newViews parses the templates of dir, or the embedded ones when dir is "". The
// embedded ones are checked once per process and shared by every Server: they and
// their functions depend on nothing but the binary (a server's own state reaches a
// template through its Page), and a parsed template is safe to execute concurrently.
// Parsing them took half a second of CPU under -race for each of the ~450 servers
// the tests start (issue 12).
func newViews(dir string) (*views, error) {
	if dir == "" {
		return embeddedViews()
	}
	v := &views{dir: dir}
	return v, v.parse()
}

var embeddedViews = sync.OnceValues(lazyViews)

// lazyViews parses every embedded page once, so that a broken template fails the
// start, then keeps none of them: each is parsed again at its first render (lazy).
func lazyViews() (*views, error) {
	v := &views{}
	if err := v.parse(); err != nil {
		return nil, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.lazy = true
	for lang := range v.sets {
		v.sets[lang] = map[string]*template.Template{}
	}
	return v, nil
}

func (v *views) source() fs.FS {
	if v.dir != "" {
		return os.DirFS(v.dir)
	}
	sub, _ := fs.Sub(embedded, "templates")
	return sub
}

// parse parses every page under app/ and site/.
func (v *views) parse() error {
	fsys := v.source()
	partials, err := v.partialFiles(fsys)
	if err != nil {
		return err
	}
	sets := map[string]map[string]*template.Template{}
	for _, lang := range langs {
		sets[lang] = map[string]*template.Template{}
		for _, folder := range []string{"app", "site"} {
			pages, err := fs.Glob(fsys, folder+"/*.html")
			if err != nil {
				return err
			}
			for _, p := range pages {
				if path.Base(p) == "layout.html" {
					continue
				}
				t, err := parsePage(fsys, partials, lang, p)
				if err != nil {
					return err
				}
				sets[lang][strings.TrimSuffix(p, ".html")] = t
			}
		}
	}
	v.mu.Lock()
	v.fsys, v.partials, v.sets = fsys, partials, sets
	v.mu.Unlock()
	return nil
}

// parsePage parses page p ("site/item.html") in lang with its folder's layout.html and
// the files of partials/ that define what they call.
func parsePage(fsys fs.FS, partials partialSet, lang, p string) (*template.Template, error) {
	t, err := template.New("layout.html").Funcs(templateFuncs(lang)).ParseFS(fsys, path.Dir(p)+"/layout.html", p)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", p, err)
	}
	// Only the partials the page calls, and those they call: each set is its own copy
	// of every file parsed into it, and all the partials in every set made most of
	// the server's live heap, which the collector marks at every cycle (issue 20).
	for {
		missing := undefinedCalls(t)
		files := partials.files(missing)
		if len(files) == 0 {
			if len(missing) > 0 {
				return nil, fmt.Errorf("template %s calls %q, defined in no file it is parsed with (a page's own file, its layout, partials/)", p, missing)
			}
			break
		}
		if twice := partials.definedIn(t, files); twice != "" {
			// Parsed after the page, the partial's would win.
			return nil, fmt.Errorf("template %s defines %q, which partials/ defines too", p, twice)
		}
		if _, err := t.ParseFS(fsys, files...); err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
	}
	foldTranslations(t, lang)
	return t, nil
}

// partialSet maps each template defined under partials/ to the file defining it
// (and each file's own name, the empty template ParseFS adds, to it).
type partialSet map[string]string

// partialFiles reads which file of partials/ defines which template.
func (v *views) partialFiles(fsys fs.FS) (partialSet, error) {
	names, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	ps := partialSet{}
	for _, name := range names {
		t, err := template.New(path.Base(name)).Funcs(templateFuncs(langs[0])).ParseFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		for _, d := range t.Templates() {
			ps[d.Name()] = name
		}
	}
	return ps, nil
}

// files are the partial files defining names, each once.
func (ps partialSet) files(names []string) []string {
	var out []string
	for _, n := range names {
		if f, ok := ps[n]; ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// definedIn is a template that one of files defines and t already does, if any.
func (ps partialSet) definedIn(t *template.Template, files []string) string {
	for name, f := range ps {
		if slices.Contains(files, f) && t.Lookup(name) != nil && name != path.Base(f) {
			return name
		}
	}
	return ""
}

// undefinedCalls names the templates that t's set calls but does not define: such a
// page would fail at its first render (a template defined in another page's file is
// not in the set), so it fails at boot instead.
func undefinedCalls(t *template.Template) []string {
	var missing []string
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.TemplateNode:
			if t.Lookup(n.Name) == nil {
				missing = append(missing, n.Name)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, d := range t.Templates() {
		if d.Tree != nil {
			walk(d.Tree.Root)
		}
	}
	return missing
}

func (v *views) lookup(lang, name string) (*template.Template, error) {
	if v.dir != "" {
		if err := v.parse(); err != nil {
			return nil, err
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	t := v.sets[lang][name]
	if t == nil && v.lazy && v.sets[lang] != nil {
		// Parsed under the lock: a page's first renders wait for one parse.
		if d := path.Dir(name); d != "app" && d != "site" || path.Base(name) == "layout" {
			return nil, fmt.Errorf("no template %q", name)
		}
		if _, err := fs.Stat(v.fsys, name+".html"); err != nil {
			return nil, fmt.Errorf("no template %q", name)
		}
		var err error
		if t, err = parsePage(v.fsys, v.partials, lang, name+".html"); err != nil {
			return nil, err
		}
		v.sets[lang][name] = t
	}
	if t == nil {
		return nil, fmt.Errorf("no template %q", name)
	}
	return t, nil
}

// render writes page name ("app/units") with p, status p.Status or 200. The page is
// rendered into a buffer first, so a template error gives a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *Page) {
	s.fillPage(r, p)
	if strings.HasPrefix(name, "site/") && p.Chrome == nil {
		c, err := s.chromeFor(w, r.Context())
		if err != nil && p.Status == http.StatusInternalServerError {
			// The page reports an internal error, logged already (errorStatus) and
			// most likely the same failure (the database is down): one log line.
			plainServerError(w, err)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Chrome = c
	}
	t, err := s.views.lookup(p.Lang, name)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if p.Chrome != nil && p.User == nil && !s.plainChrome {
		if p.ChromeHTML, err = p.Chrome.html(t, p); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	buf := renderBufs.Get().(*bytes.Buffer)
	defer putRenderBuf(buf)
	if err := t.Execute(buf, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendPage(w, r, p.Status, buf.Bytes())
}

// sendPage writes a rendered page (status 0: 200), gzipped when the reader accepts it
// and it is worth it: the back office's pages were sent plain, the report page 905 KB
// (68 KB gzipped) over a provincial office's line. A page rendered for the cache
// goes plain into its recorder: the cache keeps it both ways (cache.go).
func sendPage(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if _, forCache := w.(*recorder); forCache || len(body) < gzipMin || !acceptsGzip(r) {
		if status != 0 {
			w.WriteHeader(status)
		}
		w.Write(body)
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	if status != 0 {
		w.WriteHeader(status)
	}
	writeGzip(w, body)
}

// renderBufs are the buffers pages are rendered into, reused: growing a new one to a
// page's 10–30 KB cleared and copied it five times over, a tenth of the item page's
// template time (issue 20). A writer copies what it is given (net/http's, the page
// cache's recorder), so the buffer is free again once the page is written.
var renderBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuf returns buf to renderBufs, unless a large page (a report) grew it: such
// a buffer would stay in memory for pages a hundred times smaller.
func putRenderBuf(buf *bytes.Buffer) {
	if buf.Cap() <= 256<<10 {
		buf.Reset()
		renderBufs.Put(buf)
	}
}

func (s *Server) fillPage(r *http.Request, p *Page) {
	p.srv = s
	p.User = loa.UserFrom(r.Context())
	p.Lang = s.lang(r)
	p.Path = r.URL.Path
	p.Site = s.cfg.SiteName
	if p.Flash == nil {
		p.Flash = s.popFlash(r)
	}
}

// lang is the request's language: the lang cookie, else Vietnamese.
func (s *Server) lang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "vi"
}

// catalogs maps a Vietnamese message to its English translation. Vietnamese is the
// default language and its text is the key, so a page reads naturally in the
// template and a missing translation falls back to Vietnamese.
var catalogs = func() map[string]map[string]string {
	// Each feature keeps its own file, i18n/en-FEATURE.json; they are merged here.
	out := map[string]map[string]string{"en": {}}
	files, _ := fs.Glob(embedded, "i18n/en*.json")
	for _, f := range files {
		b, err := embedded.ReadFile(f)
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(f + ": " + err.Error())
		}
		for k, v := range m {
			out["en"][k] = v
		}
	}
	return out
}()

// T translates msg into lang.
func T(lang, msg string) string {
	if lang == "vi" {
		return msg
	}
	if t, ok := catalogs[lang][msg]; ok && t != "" {
		return t
	}
	return msg
}

// templateFuncs are the templates' functions in lang. They depend on nothing but the
// binary, so that the parsed templates can be shared (newViews); what depends on the
// server or the request is a method of Page (Nav, May).
func templateFuncs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":       func(msg string) string { return T(lang, msg) },
		"static":  staticURL,
		"date":    func(d loa.Date) string { return d.Display() },
		"time":    loa.FormatTime,
		"isodate": func(d loa.Date) string { return d.String() },
		"num":     formatCount,
		"pct": func(done, target int) int {
			if target <= 0 {
				return 100
			}
			p := done * 100 / target
			return min(p, 100)
		},
		"add": func(a, b int) int { return a + b },
		"query": func(q url.Values, k, v string) template.URL {
			c := cloneValues(q)
			c.Set(k, v)
			return template.URL("?" + c.Encode())
		},
		"hasRole": func(u *loa.User, roles ...string) bool {
			if u == nil {
				return false
			}
			for _, r := range roles {
				if string(u.Role) == r {
					return true
				}
			}
			return false
		},
		"unitKind":   func(k loa.UnitKind) string { return T(lang, loa.UnitKindNames[k]) },
		"roleName":   func(r loa.Role) string { return T(lang, loa.RoleNames[r]) },
		"boardRole":  func(r loa.BoardRole) string { return T(lang, loa.BoardRoleNames[r]) },
		"itemKind":   func(k loa.ItemKind) string { return T(lang, loa.KindNames[k]) },
		"status":     func(st loa.Status) string { return T(lang, loa.StatusNames[st]) },
		"unitKinds":  func() []loa.UnitKind { return loa.UnitKinds },
		"roles":      func() []loa.Role { return loa.Roles },
		"boardRoles": func() []loa.BoardRole { return loa.BoardRoles },
		"itemKinds":  func() []loa.ItemKind { return loa.ItemKinds },
		"safeHTML":   func(h string) template.HTML { return template.HTML(sanitize.HTML(h)) },
		"json": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		// periodName names a period in words, never by its code (web/words.go).
		"periodName": func(p loa.Period) string { return periodName(lang, p) },
		// pdfReady: LibreOffice is installed, the documents are offered as PDF too.
		"pdfReady": func() bool { return docx.Converter() != "" },
		// fieldErr pairs a form field's name with its error, for the "fielderr"
		// partial, which gives the message an id the field points to.
		"fieldErr": func(f *form, field string) fieldError { return fieldError{Field: field, Msg: f.Err(field)} },
		"year":     func() int { return time.Now().In(loa.Zone).Year() },
	}
}

// fieldError is a field's error message and the field's name.
type fieldError struct{ Field, Msg string }

func cloneValues(q url.Values) url.Values {
	c := url.Values{}
	for k, v := range q {
		c[k] = append([]string(nil), v...)
	}
	return c
}

// formatCount is formatNumber for the templates, which pass both counts (int) and
// views (int64); anything else is a template error, not a silent blank.
func formatCount(n any) (string, error) {
	switch n := n.(type) {
	case int:
		return formatNumber(n), nil
	case int64:
		return formatNumber(int(n)), nil
	}
	return "", fmt.Errorf("num: %T is not a count", n)
}

// formatNumber writes n with '.' between thousands, as Vietnamese does.
func formatNumber(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// form is a submitted form with its per-field errors, re-shown when it is refused so
// that nothing typed is lost.
type form struct {
	Values url.Values
	Errors map[string]string
	Error  string
}

func newForm(r *http.Request) *form {
	r.ParseForm()
	return &form{Values: r.PostForm, Errors: map[string]string{}}
}

// Get returns the typed value of field.
func (f *form) Get(field string) string {
	if f == nil {
		return ""
	}
	return strings.TrimSpace(f.Values.Get(field))
}

// Err returns the message for field, if any.
func (f *form) Err(field string) string {
	if f == nil {
		return ""
	}
	return f.Errors[field]
}

// fail records err on the form: its fields, or its message at the top.
func (f *form) fail(err error) {
	for k, v := range loa.ErrorFields(err) {
		f.Errors[k] = v
	}
	f.Error = loa.ErrorMessage(err)
}

// date reads a date field; a bad one is recorded as the field's error.
func (f *form) date(field string) loa.Date {
	d, err := loa.ParseOptionalDate(f.Get(field))
	if err != nil {
		f.Errors[field] = loa.BadDateMessage
	}
	return d
}

// id reads an id field.
func (f *form) id(field string) int64 {
	n, _ := strconv.ParseInt(f.Get(field), 10, 64)
	return n
}

// ok reports whether no field failed to parse.
func (f *form) ok() bool { return len(f.Errors) == 0 }

// pathID reads the {id} wildcard; a malformed one is ENOTFOUND (a 404 page).
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy trang.")
	}
	return n, nil
}

// pager is the state of a paginated list.
type pager struct {
	Number, Size, Total int
	Query               url.Values
}

// pageOf reads ?page=; anything that is not a positive number is the first page.
func pageOf(r *http.Request, size int) pager {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		n = 1
	}
	return pager{Number: n, Size: size, Query: r.URL.Query()}
}

// Pages is the number of pages.
func (p pager) Pages() int {
	if p.Total == 0 {
		return 1
	}
	return (p.Total + p.Size - 1) / p.Size
}

// Links returns the page numbers to show: first, last and a window around the current.
func (p pager) Links() []int {
	var out []int
	last := p.Pages()
	for i := 1; i <= last; i++ {
		if i == 1 || i == last || (i >= p.Number-2 && i <= p.Number+2) {
			out = append(out, i)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0) // an ellipsis
		}
	}
	return out
}

// URL is the link to page n with the other query parameters kept.
func (p pager) URL(n int) template.URL {
	q := cloneValues(p.Query)
	q.Set("page", strconv.Itoa(n))
	return template.URL("?" + q.Encode())
}

type flash struct{ Kind, Message string }

const sessionFlash = "flash"

// setFlash leaves a message for the next page the user sees.
// An anonymous read has no session to keep it (withSessions): none of them sets one.
func (s *Server) setFlash(r *http.Request, kind, msg string) {
	if s.sessionless(r) {
		panic("web: a flash message on an anonymous read, which has no session: " + r.URL.Path)
	}
	s.sessions.Put(r.Context(), sessionFlash, kind+"|"+msg)
}

func (s *Server) popFlash(r *http.Request) *flash {
	if s.sessionless(r) { // no session, no message (withSessions)
		return nil
	}
	v := s.sessions.PopString(r.Context(), sessionFlash)
	if v == "" {
		return nil
	}
	kind, msg, _ := strings.Cut(v, "|")
	return &flash{Kind: kind, Message: msg}
}

// redirect answers a successful POST: flash the message, then see the result.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, msg string) {
	if msg != "" {
		s.setFlash(r, "success", T(s.lang(r), msg))
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

var statuses = map[string]int{
	loa.ECONFLICT:     http.StatusConflict,
	loa.EINVALID:      http.StatusBadRequest,
	loa.ENOTFOUND:     http.StatusNotFound,
	loa.EUNAUTHORIZED: http.StatusUnauthorized,
	loa.EFORBIDDEN:    http.StatusForbidden,
	loa.EGONE:         http.StatusGone,
	loa.EINTERNAL:     http.StatusInternalServerError,
}

// Status is the HTTP status of err: the one table where error codes become statuses.
func Status(err error) int { return statuses[loa.ErrorCode(err)] }

// renderError shows err as a page; only internal errors are logged, and their text
// never reaches the user.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := s.errorStatus(r, err)
	name := "app/error"
	if !strings.HasPrefix(r.URL.Path, "/app") {
		name = "site/error"
	}
	s.render(w, r, name, &Page{Title: T(s.lang(r), "Lỗi"), Status: code, Data: map[string]any{"Code": code, "Message": loa.ErrorMessage(err)}})
}

// errorStatus is the HTTP status of err (Status); an internal error is logged here,
// with the request, for every page, API answer and site page that shows one.
func (s *Server) errorStatus(r *http.Request, err error) int {
	code := Status(err)
	if code == http.StatusInternalServerError {
		s.logInternal(r, err)
	}
	return code
}

// logInternal is the one log line of an internal error: the route that served the
// request (its pattern in the route table; empty before the mux chose one), the
// request, and the error, which names the store operation it interrupted once
// (store's wrapOp), so that the line says what was being done.
func (s *Server) logInternal(r *http.Request, err error) {
	s.log.Error("internal error", "route", r.Pattern, "method", r.Method, "path", r.URL.Path, "err", err)
}

// failForm is how a handler answers a refused form: an error the user can fix
// (formError) goes on f, field by field, and failForm reports true so that the
// caller shows the form again; any other error is the error page, and it reports
// false.
func (s *Server) failForm(w http.ResponseWriter, r *http.Request, f *form, err error) bool {
	if !formError(err) {
		s.renderError(w, r, err)
		return false
	}
	f.fail(err)
	return true
}

// formError reports whether err is the user's to fix on the form: a bad value, or a
// record someone else changed or that is still in use.
func formError(err error) bool {
	c := loa.ErrorCode(err)
	return c == loa.EINVALID || c == loa.ECONFLICT
}

// refuseBack answers a refused action posted from a button (end, delete, change a
// status): the reason goes back to the page it came from as a flash — the field's
// own message when one field is at fault. Any other error is the error page.
func (s *Server) refuseBack(w http.ResponseWriter, r *http.Request, back string, err error) {
	if !formError(err) {
		s.renderError(w, r, err)
		return
	}
	msg := loa.ErrorMessage(err)
	if fields := loa.ErrorFields(err); len(fields) == 1 {
		for _, m := range fields {
			msg = m
		}
	}
	s.setFlash(r, "error", T(s.lang(r), msg))
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// serverError answers an internal error with a plain-text 500 and no page; the
// error is logged as errorStatus does.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	plainServerError(w, err)
}

// plainServerError is the 500 without a page: the message a person may read
// (loa.ErrorMessage), never the internal error's text.
func plainServerError(w http.ResponseWriter, err error) {
	http.Error(w, loa.ErrorMessage(err), http.StatusInternalServerError)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// apiError answers an API call that failed, with the status of its code.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	writeJSONError(w, s.errorStatus(r, err), loa.ErrorMessage(err))
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps a redirect taken from the request (login's next, a form's back, the
// referrer) on this site: a path that starts with one "/" followed by neither "/" nor
// a backslash, with no control character, checked both as sent and percent-decoded:
// browsers drop tabs and newlines ("/\t/host" reads as "//host") and read a
// backslash as "/".
// Anything else is /app. Every such redirect goes through here.
func safeNext(next string) string {
	decoded, err := url.PathUnescape(next)
	if err != nil || !localPath(next) || !localPath(decoded) {
		return "/app"
	}
	return next
}

func localPath(p string) bool {
	if len(p) < 1 || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

package web

import (
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"loa/store"
)

// Documents: the public list at /van-ban (directives and plans with number, date,
// issuer, title and file) and their management in the back office (admin and
// secretary).

var documentKindNames = map[store.DocumentKind]string{
	store.DocDirective: "Chỉ thị", store.DocPlan: "Kế hoạch", store.DocDecision: "Quyết định",
	store.DocGuidance: "Hướng dẫn", store.DocReport: "Báo cáo", store.DocOther: "Văn bản khác",
}

// documentView is a document with its kind's name, for templates.
type documentView struct {
	*store.Document
	KindName string
}

func documentViews(docs []*store.Document) []documentView {
	out := make([]documentView, len(docs))
	for i, d := range docs {
		out[i] = documentView{Document: d, KindName: documentKindNames[d.Kind]}
	}
	return out
}

func (s *Server) siteDocuments(w http.ResponseWriter, r *http.Request) {
	p := pageOf(r, sitePageSize)
	docs, total, err := s.db.Documents(r.Context(), true, store.Page{Number: p.Number, Size: p.Size})
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
	title := T(s.lang(r), "Văn bản chỉ đạo, điều hành")
	s.siteRender(w, r, "site/documents", &Page{Title: title + " · " + s.cfg.SiteName, Desc: title + " " + s.cfg.SiteName},
		map[string]any{"Heading": title, "Documents": documentViews(docs), "Pager": p})
}

func (s *Server) siteDocumentFile(w http.ResponseWriter, r *http.Request) {
	s.serveDocumentFile(w, r, true)
}

func (s *Server) documentFile(w http.ResponseWriter, r *http.Request) {
	s.serveDocumentFile(w, r, false)
}

// serveDocumentFile sends a document's file as a download: never shown inline, never
// sniffed, so an uploaded HTML or SVG file cannot run in the site's origin.
func (s *Server) serveDocumentFile(w http.ResponseWriter, r *http.Request, publicOnly bool) {
	fail := s.siteError
	if !publicOnly {
		fail = s.renderError
	}
	id, err := pathID(r, "id")
	if err != nil {
		fail(w, r, err)
		return
	}
	name, ctype, data, err := s.db.DocumentFile(r.Context(), id, publicOnly)
	if err != nil {
		fail(w, r, err)
		return
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func (s *Server) documentsList(w http.ResponseWriter, r *http.Request) {
	p := pageOf(r, 50)
	docs, total, err := s.db.Documents(r.Context(), false, store.Page{Number: p.Number, Size: p.Size})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Total = total
	s.render(w, r, "app/documents", &Page{Title: T(s.lang(r), "Văn bản"), Data: map[string]any{"Documents": documentViews(docs), "Pager": p}})
}

func (s *Server) documentNew(w http.ResponseWriter, r *http.Request) {
	f := &form{Values: map[string][]string{"public": {"1"}, "kind": {string(store.DocPlan)}}, Errors: map[string]string{}}
	s.renderDocumentForm(w, r, f, nil)
}

func (s *Server) documentEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := s.db.Document(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"number": {d.Number}, "kind": {string(d.Kind)}, "issuer": {d.Issuer}, "issued_on": {d.IssuedOn.Display()},
		"title": {d.Title}, "summary": {d.Summary}, "version": {strconv.Itoa(d.Version)},
	}}
	if d.Public {
		f.Values.Set("public", "1")
	}
	for _, x := range d.Follows {
		f.Values.Add("follows", strconv.FormatInt(x.ID, 10))
	}
	s.renderDocumentForm(w, r, f, d)
}

func (s *Server) renderDocumentForm(w http.ResponseWriter, r *http.Request, f *form, d *store.Document) {
	all, _, err := s.db.Documents(r.Context(), false, store.Page{Number: 1, Size: 500})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	type option struct {
		*store.Document
		Selected bool
	}
	var opts []option
	for _, o := range all {
		if d != nil && o.ID == d.ID {
			continue
		}
		opts = append(opts, option{Document: o, Selected: slices.Contains(f.Values["follows"], strconv.FormatInt(o.ID, 10))})
	}
	title := T(s.lang(r), "Thêm văn bản")
	if d != nil {
		title = T(s.lang(r), "Sửa văn bản")
	}
	p := &Page{Title: title, Form: f, Data: map[string]any{"Doc": d, "Options": opts, "Kinds": store.DocumentKinds, "KindNames": documentKindNames}}
	if !f.ok() || f.Error != "" {
		p.Status = http.StatusBadRequest
	}
	s.render(w, r, "app/documents_form", p)
}

// documentForm reads the submitted document (multipart, with an optional file).
func (s *Server) documentForm(r *http.Request) (*form, *store.Document) {
	r.Body = http.MaxBytesReader(nil, r.Body, store.MaxDocumentFile+1<<20)
	f := &form{Errors: map[string]string{}}
	if err := r.ParseMultipartForm(8 << 20); err != nil && err != http.ErrNotMultipart {
		f.Values = r.PostForm
		f.Errors["file"] = "Tệp quá lớn (tối đa 20 MB)."
		return f, nil
	}
	if r.MultipartForm == nil {
		r.ParseForm()
	}
	f.Values = r.PostForm
	d := &store.Document{
		Number: f.Get("number"), Kind: store.DocumentKind(f.Get("kind")), Issuer: f.Get("issuer"), IssuedOn: f.date("issued_on"),
		Title: f.Get("title"), Summary: f.Get("summary"), Public: f.Get("public") == "1",
	}
	d.Version, _ = strconv.Atoi(f.Get("version"))
	for _, v := range f.Values["follows"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			d.Follows = append(d.Follows, store.DocRef{ID: id})
		}
	}
	if file, hdr, err := r.FormFile("file"); err == nil {
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, store.MaxDocumentFile+1))
		switch {
		case err != nil:
			f.Errors["file"] = "Không đọc được tệp."
		case len(data) > store.MaxDocumentFile:
			f.Errors["file"] = "Tệp quá lớn (tối đa 20 MB)."
		case len(data) > 0:
			d.FileData = data
			d.FileName = cleanFileName(hdr.Filename)
			d.FileType = http.DetectContentType(data)
			if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(d.FileName))); t != "" {
				d.FileType = t
			}
		}
	}
	return f, d
}

// cleanFileName keeps the base name of an uploaded file, without path or quotes.
func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." {
		name = "van-ban"
	}
	return name
}

func (s *Server) documentCreate(w http.ResponseWriter, r *http.Request) {
	f, d := s.documentForm(r)
	if d == nil || !f.ok() {
		s.renderDocumentForm(w, r, f, nil)
		return
	}
	if err := s.db.SaveDocument(r.Context(), d); err != nil {
		if Status(err) == http.StatusInternalServerError {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderDocumentForm(w, r, f, nil)
		return
	}
	s.redirect(w, r, "/app/documents", "Đã lưu văn bản.")
}

func (s *Server) documentUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	old, err := s.db.Document(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, d := s.documentForm(r)
	if d == nil || !f.ok() {
		s.renderDocumentForm(w, r, f, old)
		return
	}
	d.ID = id
	if err := s.db.SaveDocument(r.Context(), d); err != nil {
		if Status(err) == http.StatusInternalServerError {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderDocumentForm(w, r, f, old)
		return
	}
	s.redirect(w, r, "/app/documents", "Đã lưu văn bản.")
}

func (s *Server) documentDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteDocument(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/documents", "Đã xoá văn bản.")
}

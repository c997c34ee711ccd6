package web

import (
	"errors"
	"html"
	"html/template"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"loa/importer"
	"loa/store"
)

// maxImportBytes bounds an uploaded import file; a province's year is a few hundred
// kilobytes, and 100,000 rows of items stay under it.
const maxImportBytes = 64 << 20

// importResult is what the page shows after an upload: the summary, or every bad line.
type importResult struct {
	Kind     string
	File     string
	Summary  *store.ImportSummary
	Problems []string
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "app/import", &Page{Title: T(s.lang(r), "Nhập dữ liệu"), Form: &form{Errors: map[string]string{}},
		Data: map[string]any{"Guides": importGuides(s.lang(r))}})
}

// importColumn is a column of the import page, its hint in the reader's language
// with the codes to write as they are set apart (<code>).
type importColumn struct {
	importer.Column
	HintHTML template.HTML
}

type importGuide struct {
	importer.Guide
	Columns []importColumn
}

func importGuides(lang string) []importGuide {
	var out []importGuide
	for _, g := range importer.Guides() {
		v := importGuide{Guide: g}
		for _, c := range g.Columns {
			parts := strings.Split(html.EscapeString(T(lang, c.Hint)), "`")
			for i := 1; i < len(parts); i += 2 {
				parts[i] = "<code>" + parts[i] + "</code>"
			}
			v.Columns = append(v.Columns, importColumn{Column: c, HintHTML: template.HTML(strings.Join(parts, ""))})
		}
		out = append(out, v)
	}
	return out
}

// importTemplate downloads the file to fill in for an import kind: its header row
// and an example row (GET /app/import/mau/{kind}, kind with or without ".csv").
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	kind := strings.TrimSuffix(r.PathValue("kind"), ".csv")
	g, ok := importer.GuideOf(kind)
	if !ok || !slices.Contains(importer.Kinds, kind) {
		s.renderError(w, r, notFoundErr())
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "mau-" + kind + ".csv"}))
	w.Write(g.Template())
}

// importUpload runs the same import as `loa import KIND FILE` on an uploaded file:
// all or nothing, every bad line named, shown on the page.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	lang := s.lang(r)
	f := &form{Values: map[string][]string{}, Errors: map[string]string{}}
	page := func(status int, res *importResult) {
		s.render(w, r, "app/import", &Page{Title: T(lang, "Nhập dữ liệu"), Form: f, Status: status,
			Data: map[string]any{"Guides": importGuides(lang), "Result": res}})
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		f.Errors["file"] = "Tệp quá lớn (tối đa 64 MB) hoặc yêu cầu không hợp lệ."
		page(http.StatusBadRequest, nil)
		return
	}
	defer r.MultipartForm.RemoveAll()
	kind := r.FormValue("kind")
	f.Values.Set("kind", kind)
	if !slices.Contains(importer.Kinds, kind) {
		f.Errors["kind"] = "Xin chọn loại dữ liệu."
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		f.Errors["file"] = "Xin chọn tệp .csv hoặc .xlsx."
	}
	if !f.ok() {
		page(http.StatusBadRequest, nil)
		return
	}
	defer file.Close()
	// The name is the user's, shown back and written in the audit log only; it
	// never becomes a path.
	name := filepath.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	var t *importer.Table
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		t, err = importer.ReadCSV(name, file)
	case ".xlsx":
		t, err = importer.ReadXLSX(name, file)
	default:
		f.Errors["file"] = "Chỉ nhận tệp .csv hoặc .xlsx."
		page(http.StatusBadRequest, nil)
		return
	}
	res := &importResult{Kind: kind, File: name}
	if err == nil {
		var sum store.ImportSummary
		if sum, err = t.Import(r.Context(), s.db, kind, store.ImportOptions{}); err == nil {
			res.Summary = &sum
			page(http.StatusOK, res)
			return
		}
	}
	var ps importer.Problems
	if !errors.As(err, &ps) {
		s.renderError(w, r, err)
		return
	}
	for _, p := range ps {
		res.Problems = append(res.Problems, p.String())
	}
	page(http.StatusBadRequest, res)
}

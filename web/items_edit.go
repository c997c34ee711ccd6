package web

import (
	"cmp"
	"context"
	"errors"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"loa"
	"loa/media"
	"loa/store"
)

// maxItemRequest bounds a whole item form with its uploads. It is far above one
// file's limit (media.MaxBytes), so that a file too large is refused by its own
// check, with the form's other fields kept and shown again.
const maxItemRequest = 120 << 20

// itemFormData is what the editor shows around the form.
type itemFormData struct {
	ID          int64
	Item        *store.ItemRow // nil for a new item
	Units       []*loa.Unit
	People      []*loa.Person
	Authors     []string // as typed, with empty rows to add more
	Pictures    []*loa.Media
	Attachments []*loa.Media
	Themes      []*loa.Theme // the themes an item may be on: those of the periods around it
	Sections    []*store.Section
	Scoped      bool // a contributor: its unit is fixed
	MaxMB       int
}

func (s *Server) itemNew(w http.ResponseWriter, r *http.Request) {
	u := loa.UserFrom(r.Context())
	f := &form{Errors: map[string]string{}, Values: map[string][]string{"kind": {string(loa.KindNews)}}}
	if u.UnitID != 0 {
		f.Values.Set("unit_id", strconv.FormatInt(u.UnitID, 10))
	}
	if kept := s.takeStash(r, "/app/items"); kept != nil {
		f.Values = kept
		s.setFlash(r, "warning", T(s.lang(r), stashNotice))
	}
	s.renderItemForm(w, r, f, nil, 0)
}

func (s *Server) itemEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	it, err := s.db.Item(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := loa.CanEdit(loa.UserFrom(ctx), it.UnitID, it.Status); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"kind": {string(it.Kind)}, "unit_id": {strconv.FormatInt(it.UnitID, 10)}, "title": {it.Title}, "summary": {it.Summary},
		"topic": {it.Topic}, "body": {it.Body}, "version": {strconv.Itoa(it.Version)}, "theme_id": {idString(it.ThemeID)},
		"section_id": {idString(it.SectionID)},
	}}
	for _, a := range it.Authors {
		f.Values.Add("author", a.Name)
	}
	if kept := s.takeStash(r, "/app/items/"+strconv.FormatInt(id, 10)); kept != nil {
		f.Values = kept
		s.setFlash(r, "warning", T(s.lang(r), stashNotice))
	}
	s.renderItemForm(w, r, f, it, 0)
}

func (s *Server) renderItemForm(w http.ResponseWriter, r *http.Request, f *form, it *store.ItemRow, status int) {
	ctx := r.Context()
	units, err := s.db.Units(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	people, err := s.pickPeople(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := loa.UserFrom(ctx)
	d := &itemFormData{Item: it, People: people, Scoped: u.ScopedToUnit(), MaxMB: media.MaxBytes >> 20}
	today := loa.Today()
	for _, un := range units {
		if un.ActiveOn(today) || (it != nil && un.ID == it.UnitID) {
			d.Units = append(d.Units, un)
		}
	}
	for _, a := range f.Values["author"] {
		if a = strings.TrimSpace(a); a != "" {
			d.Authors = append(d.Authors, a)
		}
	}
	d.Authors = append(d.Authors, "", "")
	title := T(s.lang(r), "Viết tin bài")
	if it != nil {
		d.ID = it.ID
		title = T(s.lang(r), "Sửa tin bài")
		if d.Pictures, d.Attachments, err = s.db.ItemMedia(ctx, it.ID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	var keep int64
	if it != nil {
		keep = it.ThemeID
	}
	if d.Themes, err = s.themesAround(ctx, today, keep); err != nil {
		s.renderError(w, r, err)
		return
	}
	if d.Sections, err = s.db.Sections(ctx); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/item_form", &Page{Title: title, Form: f, Status: status, Data: d})
}

func (s *Server) itemCreate(w http.ResponseWriter, r *http.Request) { s.itemSave(w, r, 0) }

func (s *Server) itemUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.itemSave(w, r, id)
}

// parseItemForm reads the editor's form, multipart or not. A request past
// maxItemRequest cannot be read at all: that is the one case where fields are lost.
func parseItemForm(w http.ResponseWriter, r *http.Request) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxItemRequest)
	err := r.ParseMultipartForm(16 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if err != nil {
		return nil, loa.Errorf(loa.EINVALID, "Các tệp gửi lên quá lớn (tổng cộng tối đa %d MB); xin gửi ít tệp hơn mỗi lần.", maxItemRequest>>20)
	}
	return &form{Values: r.PostForm, Errors: map[string]string{}}, nil
}

// uploads reads and checks the files of a field with check (media.Picture or
// media.Attachment). Each refused file is named in the field's error.
func uploads(r *http.Request, f *form, field string, check func(string, []byte) (*media.File, error)) []*media.File {
	if r.MultipartForm == nil {
		return nil
	}
	var out []*media.File
	var msgs []string
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Filename == "" && fh.Size == 0 {
			continue // the browser's empty file input
		}
		if fh.Size > media.MaxBytes {
			msgs = append(msgs, "Tệp “"+fh.Filename+"” quá lớn: tối đa "+strconv.Itoa(media.MaxBytes>>20)+" MB.")
			continue
		}
		data, err := readUpload(fh)
		if err != nil {
			msgs = append(msgs, "Không đọc được tệp “"+fh.Filename+"”.")
			continue
		}
		mf, err := check(fh.Filename, data)
		if err != nil {
			msgs = append(msgs, loa.ErrorMessage(err))
			continue
		}
		out = append(out, mf)
	}
	if len(msgs) > 0 {
		f.Errors[field] = strings.Join(msgs, " ")
	}
	return out
}

// readUpload reads at most one byte more than a file may have: the check that
// follows refuses it as too large.
func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	file, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, media.MaxBytes+1))
}

// itemSave creates (id 0) or updates an item from the editor: its fields, new
// pictures and files, captions, order and removals, all in one transaction. A
// refused upload, a bad field or a save that came too late re-shows the form with
// everything typed kept.
func (s *Server) itemSave(w http.ResponseWriter, r *http.Request, id int64) {
	ctx := r.Context()
	u := loa.UserFrom(ctx)
	f, err := parseItemForm(w, r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var cur *store.ItemRow
	if id != 0 {
		if cur, err = s.db.Item(ctx, id); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	it := &loa.Item{ID: id, Kind: loa.ItemKind(f.Get("kind")), Title: f.Get("title"), Summary: f.Get("summary"),
		Topic: f.Get("topic"), Body: bodyFromForm(f.Values.Get("body"), f.Get("body_format")), ThemeID: f.id("theme_id"),
		SectionID: f.id("section_id")}
	it.UnitID = f.id("unit_id")
	if u.ScopedToUnit() {
		it.UnitID = u.UnitID
	}
	it.Version, _ = strconv.Atoi(f.Get("version"))
	for _, name := range f.Values["author"] {
		if name = strings.TrimSpace(name); name != "" {
			it.Authors = append(it.Authors, loa.Author{Name: name})
		}
	}
	pictures := uploads(r, f, "pictures", media.Picture)
	files := uploads(r, f, "attachments", media.Attachment)
	if !f.ok() {
		f.Error = "Có tệp không nhận được; các ô khác vẫn giữ nguyên, xin chọn lại tệp."
		s.renderItemForm(w, r, f, cur, http.StatusBadRequest)
		return
	}
	err = s.db.WithTx(ctx, func(ctx context.Context) error {
		if id == 0 {
			if err := s.db.CreateItem(ctx, it); err != nil {
				return err
			}
		} else {
			if err := s.db.UpdateItem(ctx, it); err != nil {
				return err
			}
			if err := s.saveMediaEdits(ctx, f, id); err != nil {
				return err
			}
		}
		for _, p := range pictures {
			if _, err := s.db.AddMedia(ctx, it.ID, p, f.Get("new_caption"), f.Get("new_credit")); err != nil {
				return err
			}
		}
		for _, a := range files {
			if _, err := s.db.AddMedia(ctx, it.ID, a, "", ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.redirect(w, r, itemURL(it.ID), "Đã lưu tin bài.")
		return
	}
	switch loa.ErrorCode(err) {
	case loa.EINVALID:
		f.fail(err)
	case loa.ECONFLICT:
		f.fail(err)
		if len(pictures)+len(files) > 0 {
			f.Error += " " + T(s.lang(r), "Các tệp vừa chọn chưa được lưu: xin chọn lại.")
		}
		// Re-read the item: the form now stands on the newer version, so saving again
		// deliberately replaces it. The page says so and links to it.
		if fresh, err := s.db.Item(ctx, id); err == nil {
			f.Values.Set("version", strconv.Itoa(fresh.Version))
			cur = fresh
		}
		f.Errors["conflict"] = "1"
	default:
		s.renderError(w, r, err)
		return
	}
	s.renderItemForm(w, r, f, cur, Status(err))
}

// saveMediaEdits applies the editor's changes to the stored pictures and files:
// captions, credits, order, removals, and the lead picture.
func (s *Server) saveMediaEdits(ctx context.Context, f *form, itemID int64) error {
	pics, files, err := s.db.ItemMedia(ctx, itemID)
	if err != nil {
		return err
	}
	leadFirst(f, pics)
	for _, m := range append(pics, files...) {
		key := strconv.FormatInt(m.ID, 10)
		if f.Get("remove_"+key) == "1" {
			if err := s.db.DeleteMedia(ctx, m.ID); err != nil {
				return err
			}
			continue
		}
		if _, ok := f.Values["caption_"+key]; !ok {
			continue
		}
		pos, _ := strconv.Atoi(f.Get("position_" + key))
		upd := &loa.Media{ID: m.ID, Caption: f.Get("caption_" + key), Credit: f.Get("credit_" + key), Position: pos}
		if err := s.db.UpdateMedia(ctx, upd); err != nil {
			return err
		}
	}
	return nil
}

// leadFirst makes the picture chosen as the lead ("lead": its id) the first one:
// the lead is the first picture (lists, shared links, the top of the item page).
// The order typed in the form is kept for the others, renumbered after it. The
// choice starts on the current lead: left there, the typed order alone decides.
func leadFirst(f *form, pics []*loa.Media) {
	lead := f.id("lead")
	if lead == 0 || len(pics) == 0 || pics[0].ID == lead {
		return
	}
	pos := func(m *loa.Media) int {
		if p, err := strconv.Atoi(f.Get("position_" + strconv.FormatInt(m.ID, 10))); err == nil {
			return p
		}
		return m.Position
	}
	order := slices.Clone(pics)
	slices.SortStableFunc(order, func(a, b *loa.Media) int {
		switch {
		case a.ID == lead:
			return -1
		case b.ID == lead:
			return 1
		}
		return cmp.Compare(pos(a), pos(b))
	})
	if order[0].ID != lead {
		return // not one of the item's pictures
	}
	for i, m := range order {
		f.Values.Set("position_"+strconv.FormatInt(m.ID, 10), strconv.Itoa(i+1))
	}
}

func (s *Server) itemDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteItem(r.Context(), id); err != nil {
		s.refuseBack(w, r, itemURL(id), err)
		return
	}
	s.redirect(w, r, "/app/items", "Đã xoá bản nháp.")
}

// looksLikeHTML finds a tag (or a comment) in a text; "5 < 7" is not one.
var looksLikeHTML = regexp.MustCompile(`<[a-zA-Z/!]`)

// bodyFromForm is the body as HTML. Without script the form sends the plain text
// area's text (format "text"): its paragraphs, one a line, become <p> elements. A
// text that already holds markup (an HTML body re-shown in the plain area) is kept
// as it is; the sanitizer sees every body either way.
func bodyFromForm(body, format string) string {
	if format != "text" || looksLikeHTML.MatchString(body) {
		return body
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("<p>" + html.EscapeString(line) + "</p>")
		}
	}
	return b.String()
}

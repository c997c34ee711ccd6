package web

import (
	"net/http"
	"strconv"

	"loa"
	"loa/media"
)

// publicationFromForm reads a publication's fields; a bad date is the field's error.
func publicationFromForm(f *form) *loa.Publication {
	return &loa.Publication{ChannelID: f.id("channel_id"), PublishedOn: f.date("published_on"), URL: f.Get("url"),
		Note: f.Get("note"), Withdrawn: f.Get("withdrawn") == "1"}
}

// publicationCreate records an outside publication of an item (a broadcast, a
// newspaper article) with its date and link, from the item's page.
func (s *Server) publicationCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The form is multipart: its evidence may be a file (a scan, a screenshot).
	r.Body = http.MaxBytesReader(w, r.Body, media.MaxBytes+1<<20)
	f, err := parseItemForm(w, r)
	if err != nil {
		s.stepFailed(w, r, id, &form{Values: r.PostForm, Errors: map[string]string{}},
			loa.FieldError("evidence_file", "Tệp minh chứng quá lớn: tối đa "+strconv.Itoa(media.MaxBytes>>20)+" MB."))
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	p := publicationFromForm(f)
	p.ItemID = id
	files := uploads(r, f, "evidence_file", media.Attachment)
	if !f.ok() {
		s.stepFailed(w, r, id, f, &loa.Error{Code: loa.EINVALID, Message: "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu.", Fields: f.Errors})
		return
	}
	var file *media.File
	if len(files) > 0 {
		file = files[0]
	}
	if err := s.db.AddPublicationEvidence(r.Context(), p, file); err != nil {
		s.stepFailed(w, r, id, f, err)
		return
	}
	msg := "Đã ghi kết quả đăng."
	if p.Status == loa.PublicationDeclared {
		msg = "Đã ghi kết quả đăng; kết quả chờ Thư ký Ban hoặc biên tập viên xác nhận mới được tính vào số liệu."
	}
	s.redirect(w, r, itemURL(id)+"#publications", msg)
}

func (s *Server) publicationEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.Publication(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"channel_id": {strconv.FormatInt(p.ChannelID, 10)}, "published_on": {p.PublishedOn.Display()}, "url": {p.URL}, "note": {p.Note},
	}}
	if p.Withdrawn {
		f.Values.Set("withdrawn", "1")
	}
	s.renderPublicationForm(w, r, p, f, 0)
}

func (s *Server) renderPublicationForm(w http.ResponseWriter, r *http.Request, p *loa.Publication, f *form, status int) {
	ctx := r.Context()
	it, err := s.db.Item(ctx, p.ItemID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	channels, err := s.db.Channels(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := loa.UserFrom(ctx)
	var allowed []*loa.Channel
	for _, c := range channels {
		if loa.CanRecordPublication(u, it.UnitID, c.Type) == nil {
			allowed = append(allowed, c)
		}
	}
	s.render(w, r, "app/publication_form", &Page{Title: T(s.lang(r), "Sửa kết quả đăng"), Form: f, Status: status,
		Data: map[string]any{"Publication": p, "Item": it, "Channels": allowed}})
}

func (s *Server) publicationUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	stored, err := s.db.Publication(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	p := publicationFromForm(f)
	p.ID, p.ItemID = id, stored.ItemID
	if f.ok() {
		err = s.db.UpdatePublication(ctx, p)
		if err == nil {
			s.redirect(w, r, itemURL(p.ItemID)+"#publications", "Đã sửa kết quả đăng.")
			return
		}
		if c := loa.ErrorCode(err); c != loa.EINVALID && c != loa.ECONFLICT && c != loa.EFORBIDDEN {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
	} else {
		err = loa.Errorf(loa.EINVALID, "Dữ liệu chưa hợp lệ.")
	}
	s.renderPublicationForm(w, r, stored, f, Status(err))
}

func (s *Server) publicationDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.Publication(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeletePublication(ctx, id); err != nil {
		s.stepFailed(w, r, p.ItemID, &form{Errors: map[string]string{}}, err)
		return
	}
	s.redirect(w, r, itemURL(p.ItemID)+"#publications", "Đã xoá kết quả đăng.")
}

package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"loa/media"
)

// The editor's two helpers on the server (issue 16): a picture put into the body is
// uploaded here first, and the preview shows the item as the public will read it.

// pictureJSON is what the editor's script needs to put an uploaded picture into the
// body: its address (the copy sized for the site when there is one) and size.
type pictureJSON struct {
	ID     int64  `json:"id"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// itemPicture stores one picture sent by the editor (field "picture", with its
// caption) as a picture of the item, through the same checks as the form's pictures
// (media.Picture: its type judged by its content, its size and pixels bounded), and
// answers its address as JSON; the script then inserts it, with the alternative
// text the writer typed, as <figure><img alt><figcaption>. A refused file is a 400
// with the reason in Vietnamese, and nothing is stored.
func (s *Server) itemPicture(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := parseItemForm(w, r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	pics := uploads(r, f, "picture", media.Picture)
	if msg := f.Errors["picture"]; msg != "" {
		writeJSONError(w, http.StatusBadRequest, msg)
		return
	}
	if len(pics) != 1 {
		writeJSONError(w, http.StatusBadRequest, "Xin chọn một ảnh (JPEG, PNG hoặc WebP).")
		return
	}
	m, err := s.db.AddMedia(ctx, id, pics[0], strings.TrimSpace(f.Get("caption")), "")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := pictureJSON{ID: m.ID, URL: "/media/" + strconv.FormatInt(m.ID, 10), Width: m.Width, Height: m.Height}
	if m.SiteWidth > 0 {
		out.URL, out.Width, out.Height = out.URL+"/site", m.SiteWidth, m.SiteHeight
	}
	writeJSON(w, http.StatusOK, out)
}

// itemPreview shows the item on the public item page, whatever its status, to who
// may read it in the back office (a contributor its own unit's only: the store
// scopes the read). It is marked "Bản xem trước", kept out of search engines and of
// every cache, and counts no view.
func (s *Server) itemPreview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	row, err := s.db.Item(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	it := row.Item
	if it.PublishedAt.IsZero() {
		it.PublishedAt = time.Now() // the time it would show if it went out now
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	s.renderSiteItem(w, r, &it, true)
}

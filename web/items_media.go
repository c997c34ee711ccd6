package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"loa"
)

// mediaServe serves a picture or an attached file from the database: GET
// /media/{id}, and /media/{id}/site for a picture's copy sized for the site. The
// media of a published item are public and cached for long (a stored file never
// changes: replacing a picture makes a new id); the others go only to who may read
// the item, and are not kept by shared caches. The type is the one detected at
// upload, never guessed again by the browser (nosniff); attachments always download.
func (s *Server) mediaServe(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.siteError(w, r, notFoundErr())
		return
	}
	site := strings.HasSuffix(r.URL.Path, "/site")
	m, data, public, err := s.db.MediaFile(r.Context(), id, site)
	if err != nil {
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			s.siteError(w, r, notFoundErr()) // a page in Vietnamese, never Go's plain text
			return
		}
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", m.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	// Whatever a file holds, it may run nothing and load nothing in the browser.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	if public {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "private, max-age=300")
	}
	etag := `"m` + strconv.FormatInt(m.ID, 10)
	if site {
		etag += "s"
	}
	h.Set("ETag", etag+`"`)
	disposition := "inline"
	if !m.IsPicture() {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": m.Filename}))
	http.ServeContent(w, r, "", m.CreatedAt, bytes.NewReader(data))
}

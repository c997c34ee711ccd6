package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// When a session has ended (it expired, or the password changed elsewhere) while a
// person was writing an item, the save arrives without a user. Its text fields are
// kept in the new, anonymous session, the login page says so, and once signed in
// the person finds the form filled with them again, to save with one click. The form
// is re-shown rather than saved by itself: a save nobody confirmed after signing in
// could be one a stranger planted in the session (its version field still guards
// against overwriting a newer text). Files chosen in that form are not kept.
const (
	sessionStashPath = "stash_path" // the POST's path: /app/items or /app/items/{id}
	sessionStashForm = "stash_form" // its text fields, URL-encoded
)

// stashNotice heads the editor filled again with a kept form.
const stashNotice = "Phiên làm việc đã hết trước khi tin bài được lưu. Nội dung bạn đã gửi được giữ lại dưới đây (trừ tệp, ảnh đã chọn): xin kiểm tra rồi bấm Lưu."

// maxStashBytes bounds a kept form: a long article is a few hundred kilobytes.
const maxStashBytes = 4 << 20

// stashes reports whether a refused anonymous request of pattern is one whose form
// is kept: the item editor's saves.
func stashes(pattern string) bool {
	return pattern == "POST /app/items" || pattern == "POST /app/items/{id}"
}

// stashForm keeps the text fields of r in the session and returns the page to come
// back to after signing in: the editor of the same item ("" when nothing was kept).
func (s *Server) stashForm(w http.ResponseWriter, r *http.Request) string {
	f, err := parseItemForm(w, r)
	if err != nil {
		return ""
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	enc := f.Values.Encode()
	if len(enc) > maxStashBytes {
		return ""
	}
	path, back := "/app/items", "/app/items/new"
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return ""
		}
		path = "/app/items/" + strconv.FormatInt(id, 10)
		back = path + "/edit"
	}
	ctx := r.Context()
	s.sessions.Put(ctx, sessionStashPath, path)
	s.sessions.Put(ctx, sessionStashForm, enc)
	return back
}

// hasStash reports whether the session keeps a form (for the login page's notice).
func (s *Server) hasStash(r *http.Request) bool {
	if s.sessionless(r) { // no session cookie: nothing kept (withSessions)
		return false
	}
	return s.sessions.GetString(r.Context(), sessionStashPath) != ""
}

// takeStash returns, and forgets, the form kept for a POST to path; nil when the
// session keeps none for it.
func (s *Server) takeStash(r *http.Request, path string) url.Values {
	ctx := r.Context()
	if s.sessions.GetString(ctx, sessionStashPath) != path {
		return nil
	}
	v, err := url.ParseQuery(s.sessions.PopString(ctx, sessionStashForm))
	s.sessions.Remove(ctx, sessionStashPath)
	if err != nil {
		return nil
	}
	return v
}

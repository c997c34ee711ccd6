package web

import (
	"net/http"
	"strings"

	"loa"
)

// tokenUser authenticates "Authorization: Bearer TOKEN" for the JSON API only: a
// token opens /api/ paths and nothing else, so a leaked script token never reaches
// the back office. A missing, malformed, unknown or revoked token, or one whose user
// was deactivated, gives no user: the route then answers 401 JSON.
func tokenUser(s *Server, r *http.Request) *loa.User {
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		return nil
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	u, err := s.db.UserByToken(r.Context(), strings.TrimSpace(token))
	if err != nil {
		if loa.ErrorCode(err) != loa.EUNAUTHORIZED {
			s.log.Error("api token", "path", r.URL.Path, "err", err)
		}
		return nil
	}
	return u
}

// tokensList is the administrator's page of API tokens: every user's, newest first,
// with a form to make one and a button to revoke each active one.
func (s *Server) tokensList(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, &form{Errors: map[string]string{}}, "", 0)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, f *form, newToken string, status int) {
	tokens, err := s.db.Tokens(r.Context(), 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	users, err := s.db.Users(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var active []*loa.User
	for _, u := range users {
		if u.Active {
			active = append(active, u)
		}
	}
	if newToken != "" {
		// The token is on this page only: no cache, no copy in the browser's history.
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, "app/tokens", &Page{Title: T(s.lang(r), "Mã truy cập API"), Form: f, Status: status,
		Data: map[string]any{"Tokens": tokens, "Users": active, "NewToken": newToken}})
}

// tokenCreate makes a token for the chosen user and shows it once, on the page it
// answers with (not after a redirect, so that it never sits in the session).
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	userID := f.id("user_id")
	if userID == 0 {
		f.Errors["user_id"] = "Xin chọn tài khoản."
		s.renderTokens(w, r, f, "", http.StatusBadRequest)
		return
	}
	token, _, err := s.db.CreateToken(r.Context(), userID, f.Get("name"))
	if err != nil {
		if code := Status(err); code != http.StatusBadRequest && code != http.StatusNotFound {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderTokens(w, r, f, "", http.StatusBadRequest)
		return
	}
	s.renderTokens(w, r, &form{Errors: map[string]string{}}, token, http.StatusOK)
}

// tokenRevoke revokes a token for good.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.db.RevokeToken(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/tokens", "Đã thu hồi mã truy cập.")
}

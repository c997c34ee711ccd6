package web

import (
	"net/http"
	"net/url"
	"time"

	"loa"
	"loa/mail"
)

// The "Quên mật khẩu" path. Where mail is set up (Config.Mail) and the site's own
// address is known (Config.BaseURL: a link built from the request's Host header
// could point a stranger's mail at another site), a one-time link valid for an hour
// is mailed (store.CreatePasswordReset); elsewhere the page says to ask the admin.

// Reset requests are counted with the login failures, under their own key, so that
// nobody can fill an inbox with links: per address and account over loginWindow.
const maxResetsAccount = 3

// resetByMail reports whether links can be mailed.
func (s *Server) resetByMail() bool { return s.cfg.Mail.Enabled() && s.cfg.BaseURL != "" }

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	f := &form{Values: url.Values{}, Errors: map[string]string{}}
	s.render(w, r, "app/password_forgot", &Page{Title: T(s.lang(r), "Quên mật khẩu"), Form: f,
		Data: map[string]any{"Mail": s.resetByMail()}})
}

func (s *Server) forgotSend(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := s.lang(r)
	f := newForm(r)
	page := func(status int, sent bool) {
		s.render(w, r, "app/password_forgot", &Page{Title: T(lang, "Quên mật khẩu"), Form: f, Status: status,
			Data: map[string]any{"Mail": s.resetByMail(), "Sent": sent}})
	}
	email := f.Get("email")
	if !s.resetByMail() {
		page(http.StatusOK, false)
		return
	}
	if email == "" {
		f.Errors["email"] = "Xin nhập địa chỉ thư của tài khoản."
		page(http.StatusBadRequest, false)
		return
	}
	key, addr := "reset:"+email, s.clientAddr(r)
	if _, err := s.db.RecordLoginFailure(ctx, key, addr); err != nil {
		s.serverError(w, r, err)
		return
	}
	t := time.Now()
	n, err := s.db.LoginFailures(ctx, key, addr, t.Add(-loginWindow), t.Add(-accountWindow))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if n.AccountAddr > maxResetsAccount || n.Addr > maxFailsAddr {
		w.Header().Set("Retry-After", "900")
		f.Error = T(lang, "Đã gửi quá nhiều yêu cầu; xin thử lại sau 15 phút.")
		page(http.StatusTooManyRequests, false)
		return
	}
	token, u, err := s.db.CreatePasswordReset(ctx, email)
	switch {
	case loa.ErrorCode(err) == loa.ENOTFOUND:
		// The same answer as for an account: nobody learns which addresses exist.
	case err != nil:
		s.serverError(w, r, err)
		return
	default:
		link := s.cfg.BaseURL + "/dat-lai-mat-khau?t=" + url.QueryEscape(token)
		body := "Kính gửi " + u.Name + ",\n\n" +
			"Có yêu cầu đặt lại mật khẩu cho tài khoản " + u.Email + " trên " + s.cfg.SiteName + ".\n" +
			"Mở đường dẫn sau trong vòng một giờ để đặt mật khẩu mới (đường dẫn chỉ dùng được một lần):\n\n" +
			link + "\n\nNếu bạn không yêu cầu, xin bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.\n"
		if err := (mail.SMTP{Config: s.cfg.Mail}).Send(ctx, u.Email, "Đặt lại mật khẩu", body); err != nil {
			s.log.Error("password reset mail", "err", err)
			f.Error = T(lang, "Chưa gửi được thư; xin thử lại sau hoặc nhờ quản trị hệ thống đặt lại mật khẩu.")
			page(http.StatusServiceUnavailable, false)
			return
		}
	}
	page(http.StatusOK, true)
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("t")
	f := &form{Values: url.Values{"t": {token}}, Errors: map[string]string{}}
	status := http.StatusOK
	if _, err := s.db.PasswordResetUser(r.Context(), token); err != nil {
		if loa.ErrorCode(err) != loa.EINVALID {
			s.serverError(w, r, err)
			return
		}
		f.Error, status = loa.ErrorMessage(err), http.StatusBadRequest
	}
	s.render(w, r, "app/password_reset", &Page{Title: T(s.lang(r), "Đặt mật khẩu mới"), Form: f, Status: status})
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := newForm(r)
	if f.Values.Get("new") != f.Values.Get("confirm") {
		f.Errors["confirm"] = "Hai lần nhập mật khẩu mới không khớp."
	}
	if f.ok() {
		u, err := s.db.ResetPassword(ctx, f.Get("t"), f.Values.Get("new"))
		if err == nil {
			// Signed in under the new stamp; every other session has ended.
			if err := s.signIn(ctx, u.ID); err != nil {
				s.serverError(w, r, err)
				return
			}
			setLangCookie(w, u.Lang)
			s.redirect(w, r, "/app", "Đã đặt mật khẩu mới.")
			return
		}
		if loa.ErrorCode(err) != loa.EINVALID {
			s.serverError(w, r, err)
			return
		}
		f.fail(err)
	}
	f.Values = url.Values{"t": {f.Get("t")}} // never echo passwords back
	s.render(w, r, "app/password_reset", &Page{Title: T(s.lang(r), "Đặt mật khẩu mới"), Form: f, Status: http.StatusBadRequest})
}

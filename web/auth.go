package web

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"loa"
)

// The session holds its user's id and the stamp of the password it signed in with.
const (
	sessionUserID = "user_id"
	sessionStamp  = "stamp"
)

// Login limits. Failures are counted per account and address, so that a stranger's
// guesses from elsewhere do not lock the owner out; per address, against one address
// trying many accounts; and per account from anywhere over a longer window, a slower
// ceiling against guessing spread over many addresses.
const (
	loginWindow        = 15 * time.Minute
	maxFailsAccount    = 5 // per account and address, over loginWindow
	maxFailsAddr       = 20
	accountWindow      = time.Hour
	maxFailsAccountAll = 50 // per account from every address, over accountWindow
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if loa.UserFrom(r.Context()) != nil {
		http.Redirect(w, r, "/app", http.StatusSeeOther)
		return
	}
	f := &form{Values: r.URL.Query(), Errors: map[string]string{}}
	s.render(w, r, "app/login", &Page{Title: T(s.lang(r), "Đăng nhập"), Form: f,
		Data: map[string]any{"Stashed": s.hasStash(r), "Mail": s.cfg.Mail.Enabled()}})
}

// clientAddr is the address the rate limit counts: the connection's, or behind a
// trusted reverse proxy (Config.TrustProxy) the last address the proxy appended to
// X-Forwarded-For — the one a client cannot forge, since the proxy wrote it.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := net.ParseIP(strings.TrimSpace(last)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := newForm(r)
	email, addr := f.Get("email"), s.clientAddr(r)
	lang := s.lang(r)
	fail := func(status int, msg string) {
		f.Values.Del("password")
		f.Error = T(lang, msg)
		s.render(w, r, "app/login", &Page{Title: T(lang, "Đăng nhập"), Form: f, Status: status,
			Data: map[string]any{"Stashed": s.hasStash(r), "Mail": s.cfg.Mail.Enabled()}})
	}
	// The attempt is counted as a failure before its password is checked: parallel
	// guesses then each see the others, and no more than the limit get a check.
	attempt, err := s.db.RecordLoginFailure(ctx, email, addr)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	t := time.Now()
	n, err := s.db.LoginFailures(ctx, email, addr, t.Add(-loginWindow), t.Add(-accountWindow))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if n.AccountAddr > maxFailsAccount || n.Addr > maxFailsAddr || n.Account > maxFailsAccountAll {
		// Refused unchecked: no guess, so it lengthens no lockout.
		if err := s.db.ForgetLoginFailure(ctx, attempt); err != nil {
			s.log.Error("forget login attempt", "err", err)
		}
		// The ceiling that refused says how long to wait: the per-account one
		// counts over an hour, the others over 15 minutes.
		if n.Account > maxFailsAccountAll {
			w.Header().Set("Retry-After", strconv.Itoa(int(accountWindow.Seconds())))
			fail(http.StatusTooManyRequests, "Tài khoản này bị đăng nhập sai quá nhiều lần; xin thử lại sau 1 giờ.")
			return
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(loginWindow.Seconds())))
		fail(http.StatusTooManyRequests, "Đăng nhập sai quá nhiều lần; xin thử lại sau 15 phút.")
		return
	}
	u, err := s.db.Authenticate(ctx, email, f.Values.Get("password"))
	if err != nil {
		if loa.ErrorCode(err) != loa.EUNAUTHORIZED {
			s.serverError(w, r, err)
			return
		}
		fail(http.StatusUnauthorized, "Sai địa chỉ thư hoặc mật khẩu.")
		return
	}
	if err := s.signIn(ctx, u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.db.ClearLoginFailures(ctx, email, addr, time.Now().Add(-24*time.Hour)); err != nil {
		s.log.Error("clear login failures", "err", err)
	}
	setLangCookie(w, u.Lang)
	http.Redirect(w, r, safeNext(f.Get("next")), http.StatusSeeOther)
}

// signIn makes the request's session that of the user with id, under a new session
// id (a token planted before is worth nothing after), stamped with its password.
func (s *Server) signIn(ctx context.Context, id int64) error {
	_, stamp, err := s.db.UserSession(ctx, id)
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessionUserID, id)
	s.sessions.Put(ctx, sessionStamp, stamp)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	// Destroy deletes the session on the server too: the old cookie is worth nothing.
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func setLangCookie(w http.ResponseWriter, lang string) {
	if lang != "en" {
		lang = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	setLangCookie(w, f.Get("lang"))
	back := r.Referer()
	if back == "" {
		back = "/"
	}
	if u, err := r.URL.Parse(back); err == nil && (u.Host == "" || u.Host == r.Host) {
		http.Redirect(w, r, safeNext(u.RequestURI()), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) accountForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "app/account", &Page{Title: T(s.lang(r), "Tài khoản"), Form: &form{Errors: map[string]string{}}})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	u := loa.UserFrom(r.Context())
	if f.Values.Get("new") != f.Values.Get("confirm") {
		f.Errors["confirm"] = "Hai lần nhập mật khẩu mới không khớp."
	}
	if f.ok() {
		err := s.db.ChangePassword(r.Context(), u.ID, f.Values.Get("current"), f.Values.Get("new"))
		if err == nil {
			// Every other session of the user ends (its stamp is the old password's);
			// this one goes on under the new stamp.
			if err := s.signIn(r.Context(), u.ID); err != nil {
				s.serverError(w, r, err)
				return
			}
			s.redirect(w, r, "/app/account", "Đã đổi mật khẩu.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	f.Values = nil // never echo passwords back
	s.render(w, r, "app/account", &Page{Title: T(s.lang(r), "Tài khoản"), Form: f, Status: http.StatusBadRequest})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("healthz", "err", err)
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok"))
}

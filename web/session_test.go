package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// sessionCookie returns the session cookie a response sets, or nil.
func sessionCookie(res *response) *http.Cookie {
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "loa_session" {
			return c
		}
	}
	return nil
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		plain := newTestApp(t, db)
		srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SecureCookies: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		secure := *plain // the same database and users, served by a server with SecureCookies
		secure.HTTP = httptest.NewServer(srv.Handler())
		t.Cleanup(secure.HTTP.Close)
		for _, tc := range []struct {
			name   string
			app    *testApp
			secure bool
		}{{"plain HTTP", plain, false}, {"behind TLS", &secure, true}} {
			t.Run(tc.name, func(t *testing.T) {
				app, email := tc.app, plain.Users[loa.RoleViewer].Email
				res := app.anon().post("/login", url.Values{"email": {email}, "password": {testPassword}})
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("login: got %d", res.StatusCode)
				}
				c := sessionCookie(res)
				if c == nil {
					t.Fatal("no session cookie")
				}
				if c.Secure != tc.secure {
					t.Errorf("Secure: got %v, want %v", c.Secure, tc.secure)
				}
				if !c.HttpOnly {
					t.Error("the session cookie is not HttpOnly")
				}
				if c.SameSite != http.SameSiteLaxMode {
					t.Errorf("SameSite: got %v, want Lax", c.SameSite)
				}
			})
		}
	})
}

// TestSessionFixation: a session id known before login (planted by someone else)
// is worth nothing after: login issues a new id, and the old one signs nobody in.
func TestSessionFixation(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		sm := app.Srv.Sessions()
		ctx, err := sm.Load(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		sm.Put(ctx, "planted", "1")
		planted, _, err := sm.Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(app.HTTP.URL)
		victim := app.anon()
		victim.http.Jar.SetCookies(u, []*http.Cookie{{Name: "loa_session", Value: planted, Path: "/"}})
		res := victim.post("/login", url.Values{"email": {app.Users[loa.RoleAdmin].Email}, "password": {testPassword}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("login: got %d", res.StatusCode)
		}
		c := sessionCookie(res)
		if c == nil || c.Value == "" {
			t.Fatal("login set no session cookie")
		}
		if c.Value == planted {
			t.Fatal("the session id is the same before and after login")
		}
		if got := victim.get("/app").StatusCode; got != http.StatusOK {
			t.Fatalf("the victim after login: got %d", got)
		}
		attacker := app.anon()
		attacker.http.Jar.SetCookies(u, []*http.Cookie{{Name: "loa_session", Value: planted, Path: "/"}})
		res = attacker.get("/app")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Fatalf("the planted id after login: got %d → %q, want the login redirect", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

// TestLoginRateLimitPerAddress: one address trying many e-mails is stopped after
// 20 failures, whatever it sends in X-Forwarded-For, and even with a right password.
func TestLoginRateLimitPerAddress(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		c := app.anon()
		attempt := func(email, password, forwarded string) *response {
			t.Helper()
			req, _ := http.NewRequest("POST", app.HTTP.URL+"/login",
				strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", app.HTTP.URL)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if forwarded != "" {
				req.Header.Set("X-Forwarded-For", forwarded)
				req.Header.Set("X-Real-IP", forwarded)
			}
			return c.do(req)
		}
		for i := range 20 {
			res := attempt(fmt.Sprintf("doan-%d@loa.test", i), "sai-mat-khau-1", fmt.Sprintf("10.0.0.%d", i))
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: got %d, want 401", i+1, res.StatusCode)
			}
		}
		for _, tc := range []struct{ name, email, password, forwarded string }{
			{"another e-mail", "doan-moi@loa.test", "sai-mat-khau-1", ""},
			{"a forged forwarded address", "doan-khac@loa.test", "sai-mat-khau-1", "203.0.113.7"},
			{"the right password", app.Users[loa.RoleEditor].Email, testPassword, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := attempt(tc.email, tc.password, tc.forwarded)
				if res.StatusCode != http.StatusTooManyRequests {
					t.Fatalf("got %d, want 429", res.StatusCode)
				}
				if res.Header.Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
				if sessionCookie(res) != nil {
					t.Error("a refused login set a session cookie")
				}
			})
		}
	})
}

// TestLoginGivesNoHint: whether an e-mail has an account, is inactive, or is locked
// out, a failed login reads the same: same status, same page but the e-mail typed.
func TestLoginGivesNoHint(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		inactive := &loa.User{Email: "nghi-viec@loa.test", Name: "Đã nghỉ", Role: loa.RoleViewer}
		if err := app.DB.CreateUser(ctx, inactive, testPassword); err != nil {
			t.Fatal(err)
		}
		inactive.Active = false
		if err := app.DB.UpdateUser(ctx, inactive, ""); err != nil {
			t.Fatal(err)
		}
		page := func(res *response, email string) string {
			return strings.ReplaceAll(res.Body, email, "EMAIL")
		}
		try := func(email, password string) *response {
			t.Helper()
			return app.anon().post("/login", url.Values{"email": {email}, "password": {password}})
		}
		const known, unknown = "viewer@loa.test", "khong-ai@loa.test"
		base := try(unknown, "sai-mat-khau-1")
		for _, tc := range []struct{ name, email, password string }{
			{"known e-mail, wrong password", known, "sai-mat-khau-1"},
			{"inactive account, right password", inactive.Email, testPassword},
			{"known e-mail in other case", "VIEWER@loa.test", "sai-mat-khau-1"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := try(tc.email, tc.password)
				if res.StatusCode != base.StatusCode {
					t.Errorf("status: got %d, want %d as for an unknown e-mail", res.StatusCode, base.StatusCode)
				}
				if got, want := page(res, tc.email), page(base, unknown); got != want {
					t.Errorf("the page differs from an unknown e-mail's:\n%s", diffLine(got, want))
				}
			})
		}
		t.Run("locked out", func(t *testing.T) {
			for range 5 {
				try(known, "sai-mat-khau-1")
				try(unknown, "sai-mat-khau-1")
			}
			a, b := try(known, "sai-mat-khau-1"), try(unknown, "sai-mat-khau-1")
			if a.StatusCode != http.StatusTooManyRequests || b.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("got %d and %d, want 429 for both", a.StatusCode, b.StatusCode)
			}
			if page(a, known) != page(b, unknown) {
				t.Errorf("the lockout pages differ:\n%s", diffLine(page(a, known), page(b, unknown)))
			}
		})
	})
}

// diffLine shows the first line where got and want differ.
func diffLine(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got  %q\n         want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}

// TestLoginRateLimitBehindProxy: with TrustProxy, the limit counts the address the
// proxy appended last, so two clients behind one proxy are told apart, and what a
// client writes at the front of X-Forwarded-For changes nothing.
func TestLoginRateLimitBehindProxy(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		proxied, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustProxy: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(proxied.Close)
		hs := httptest.NewServer(proxied.Handler())
		t.Cleanup(hs.Close)
		n := 0
		attempt := func(forwarded string) int {
			t.Helper()
			n++ // a new e-mail each time: the per-account limit is not what is tested
			req, _ := http.NewRequest("POST", hs.URL+"/login",
				strings.NewReader(url.Values{"email": {fmt.Sprintf("ai-do-%d@loa.test", n)}, "password": {"sai-mat-khau-1"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", hs.URL)
			req.Header.Set("X-Forwarded-For", forwarded)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		for i := range 20 {
			// A different forged first entry each time; the proxy's entry is the same.
			if got := attempt(fmt.Sprintf("10.9.9.%d, 198.51.100.1", i)); got != http.StatusUnauthorized {
				t.Fatalf("failure %d: got %d", i+1, got)
			}
		}
		if got := attempt("1.2.3.4, 198.51.100.1"); got != http.StatusTooManyRequests {
			t.Fatalf("the same client behind the proxy: got %d, want 429", got)
		}
		if got := attempt("198.51.100.2"); got != http.StatusUnauthorized {
			t.Fatalf("another client behind the same proxy: got %d, want 401 (not limited)", got)
		}
	})
}

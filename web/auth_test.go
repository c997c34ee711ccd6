package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		t.Run("wrong password and unknown e-mail read the same", func(t *testing.T) {
			a := app.anon().post("/login", url.Values{"email": {"admin@loa.test"}, "password": {"sai-mat-khau-1"}})
			b := app.anon().post("/login", url.Values{"email": {"khong-co@loa.test"}, "password": {"sai-mat-khau-1"}})
			if a.StatusCode != http.StatusUnauthorized || b.StatusCode != http.StatusUnauthorized {
				t.Fatalf("got %d and %d, want 401", a.StatusCode, b.StatusCode)
			}
			if !strings.Contains(a.Body, "Sai địa chỉ thư hoặc mật khẩu.") || !strings.Contains(b.Body, "Sai địa chỉ thư hoặc mật khẩu.") {
				t.Fatal("the two failures must show the same message")
			}
		})
		t.Run("rate limited per account", func(t *testing.T) {
			c := app.anon()
			for i := 0; i < 5; i++ {
				c.post("/login", url.Values{"email": {"viewer@loa.test"}, "password": {"sai-mat-khau-1"}})
			}
			res := c.post("/login", url.Values{"email": {"viewer@loa.test"}, "password": {testPassword}})
			if res.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("got %d, want 429 even with the right password", res.StatusCode)
			}
		})
		t.Run("new session id at login, and logout ends it on the server", func(t *testing.T) {
			c := app.anon()
			c.get("/login")
			c.post("/lang", url.Values{"lang": {"vi"}})
			u, _ := url.Parse(app.HTTP.URL)
			res := c.post("/login", url.Values{"email": {"editor@loa.test"}, "password": {testPassword}})
			var token string
			for _, ck := range c.http.Jar.Cookies(u) {
				if ck.Name == "loa_session" {
					token = ck.Value
				}
			}
			if res.StatusCode != http.StatusSeeOther || token == "" {
				t.Fatalf("login: %d, token %q", res.StatusCode, token)
			}
			if strings.Contains(res.Header.Get("Set-Cookie"), "HttpOnly") == false || !strings.Contains(res.Header.Get("Set-Cookie"), "SameSite=Lax") {
				t.Fatalf("session cookie %q, want HttpOnly and SameSite=Lax", res.Header.Get("Set-Cookie"))
			}
			if got := c.get("/app").StatusCode; got != http.StatusOK {
				t.Fatalf("after login /app gives %d", got)
			}
			c.post("/logout", nil)
			// Replay the old cookie: the server must have forgotten it.
			replay := app.anon()
			replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: "loa_session", Value: token}})
			if got := replay.get("/app").StatusCode; got != http.StatusSeeOther {
				t.Fatalf("old session after logout gives %d, want a redirect to login", got)
			}
		})
		t.Run("cross-origin post refused", func(t *testing.T) {
			c := app.as(loa.RoleAdmin)
			req, _ := http.NewRequest("POST", app.HTTP.URL+"/app/units", strings.NewReader("code=X&name=X&kind=department"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "https://evil.example")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			if got := c.do(req).StatusCode; got != http.StatusForbidden {
				t.Fatalf("got %d, want 403", got)
			}
			if _, err := app.DB.UnitByCode(t.Context(), "X"); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("the unit was created: %v", err)
			}
		})
		t.Run("security headers", func(t *testing.T) {
			// The exact headers on every kind of answer: TestExactSecurityHeaders.
			if got := app.anon().get("/login").Header.Get("Content-Security-Policy"); got != pagePolicy {
				t.Errorf("Content-Security-Policy %q, want %q", got, pagePolicy)
			}
		})
	})
}

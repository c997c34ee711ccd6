package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"loa"
)

// hostileNext are redirect targets that leave the site once a browser reads them:
// tabs and newlines are dropped ("/\t/host" is "//host"), a backslash is a slash,
// and the same with percent-encoding.
var hostileNext = []string{
	"/\t/evil.example/x", "/%09/evil.example/x", "/\n/evil.example", "/%0a/evil.example", "/\r/evil.example",
	"//evil.example", "/\\evil.example", "/%5Cevil.example", "/%2F/evil.example", "/%2fevil.example",
	"https://evil.example", "evil.example", "", "/\x00/evil.example", "/%00/evil.example", "/%zz",
}

// TestRedirectStaysOnSite: login's next and a form's back send the browser to a
// path of this site only; anything else goes to /app.
func TestRedirectStaysOnSite(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		admin := app.as(loa.RoleAdmin)
		for _, next := range hostileNext {
			t.Run("login next "+url.QueryEscape(next), func(t *testing.T) {
				res := app.anon().post("/login", url.Values{"email": {app.Users[loa.RoleViewer].Email}, "password": {testPassword}, "next": {next}})
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/app" {
					t.Errorf("got %d → %q, want 303 → /app", res.StatusCode, res.Header.Get("Location"))
				}
			})
			t.Run("back "+url.QueryEscape(next), func(t *testing.T) {
				// A bad date sends the form back to where it came from at once.
				res := admin.post("/app/postings/1/end", url.Values{"to": {"khong-phai-ngay"}, "back": {next}})
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/app" {
					t.Errorf("got %d → %q, want 303 → /app", res.StatusCode, res.Header.Get("Location"))
				}
			})
		}
		for _, next := range []string{"/app/items?status=draft", "/app/items/1", "/"} {
			res := app.anon().post("/login", url.Values{"email": {app.Users[loa.RoleViewer].Email}, "password": {testPassword}, "next": {next}})
			if res.Header.Get("Location") != next {
				t.Errorf("next %q: got %q, want it kept", next, res.Header.Get("Location"))
			}
		}
	})
}

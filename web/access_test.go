package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"loa"
)

// expectedAccess is the access rule of every route, written out by hand from
// DESIGN.md "Who uses it": "public", "signed-in" (any role), or the roles allowed.
// It is checked against the router's own table, so a new route without a line here
// fails TestAccessMatrix, and a route whose rule drifts from this table fails too.
var expectedAccess = map[string]string{
	"GET /healthz":                      "public",
	"GET /metrics":                      "public",
	"GET /static/{file...}":             "public",
	"GET /favicon.ico":                  "public",
	"GET /login":                        "public",
	"POST /login":                       "public",
	"GET /quen-mat-khau":                "public",
	"POST /quen-mat-khau":               "public",
	"GET /dat-lai-mat-khau":             "public",
	"POST /dat-lai-mat-khau":            "public",
	"POST /logout":                      "signed-in",
	"POST /lang":                        "public",
	"GET /app/account":                  "signed-in",
	"POST /app/account/password":        "signed-in",
	"GET /app":                          "signed-in",
	"GET /app/reports/docx":             "admin leader secretary editor viewer",
	"GET /app/settings/documents":       "admin leader secretary",
	"GET /app/reports/narrative":        "admin leader secretary",
	"GET /app/meetings/{id}/conclusion": "admin leader secretary editor viewer",
	"GET /app/emulation/{id}/proposal":  "admin leader secretary editor viewer",
	"GET /app/emulation/{id}/decision":  "admin leader secretary editor viewer",
	"GET /app/board/decision":           "admin leader secretary editor viewer",
	"POST /app/reports/narrative":       "admin leader secretary",
	"POST /app/settings/documents":      "admin leader secretary",
	"GET /app/units":                    "admin leader secretary editor viewer",
	"GET /app/units/new":                "admin secretary",
	"POST /app/units":                   "admin secretary",
	"GET /app/units/{id}":               "admin leader secretary editor viewer",
	"GET /app/units/{id}/edit":          "admin secretary",
	"POST /app/units/{id}":              "admin secretary",
	"POST /app/units/{id}/delete":       "admin secretary",
	"GET /app/people":                   "admin leader secretary editor viewer",
	"GET /app/people/new":               "admin secretary",
	"POST /app/people":                  "admin secretary",
	"GET /app/people/{id}":              "admin leader secretary editor viewer",
	"GET /app/people/{id}/edit":         "admin secretary",
	"POST /app/people/{id}":             "admin secretary",
	"POST /app/people/{id}/postings":    "admin secretary",
	"POST /app/postings/{id}/end":       "admin secretary",
	"GET /app/board":                    "admin leader secretary editor viewer",
	"POST /app/board":                   "admin secretary",
	"POST /app/board/{id}/end":          "admin secretary",
	"GET /app/contacts":                 "signed-in",
	"POST /app/contacts":                "admin secretary",
	"POST /app/contacts/{id}/end":       "admin secretary",
	"GET /app/users":                    "admin",
	"GET /app/users/new":                "admin",
	"POST /app/users":                   "admin",
	"GET /app/users/{id}/edit":          "admin",
	"POST /app/users/{id}":              "admin",
	"GET /app/audit":                    "admin secretary",
	"GET /{$}":                          "public",
	"GET /api/v1/items":                 "public",
	"GET /app/site/compliance":          "admin",
	"GET /app/import/mau/{kind}":        "admin secretary",
}

var wildcard = regexp.MustCompile(`\{[^}]+\}`)

// concrete turns a route pattern into a request path, with every wildcard an id.
func concrete(path string) string {
	path = strings.TrimSuffix(path, "{$}")
	path = strings.ReplaceAll(path, "{file...}", "app.css")
	return wildcard.ReplaceAllString(path, "1")
}

func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		routes := app.Srv.Routes()
		for _, rt := range routes {
			want, ok := expectedAccess[rt.Pattern]
			if !ok {
				t.Errorf("route %q has no line in expectedAccess: say who may use it", rt.Pattern)
				continue
			}
			for _, role := range append([]loa.Role{""}, loa.Roles...) {
				allowed := want == "public" || (role != "" && (want == "signed-in" || slices.Contains(strings.Fields(want), string(role))))
				var u *loa.User
				if role != "" {
					u = app.Users[role]
				}
				if got := rt.Access.Allows(u); got != allowed {
					t.Errorf("%s for %q: router allows=%v, table says %v", rt.Pattern, role, got, allowed)
				}
			}
		}
		// Then really ask, as every role and as nobody, and look at the answer.
		clients := map[loa.Role]*client{"": app.anon()}
		for _, r := range loa.Roles {
			clients[r] = app.as(r)
		}
		for _, rt := range routes {
			if rt.Pattern == "POST /logout" {
				continue // it would sign the shared clients out; TestLogin covers it
			}
			want := expectedAccess[rt.Pattern]
			path := concrete(rt.Path())
			for _, role := range append([]loa.Role{""}, loa.Roles...) {
				allowed := want == "public" || (role != "" && (want == "signed-in" || slices.Contains(strings.Fields(want), string(role))))
				c := clients[role]
				var res *response
				if rt.Method() == "POST" {
					res = c.post(path, url.Values{})
				} else {
					res = c.get(path)
				}
				toLogin := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login")
				refused := res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized || toLogin
				if rt.Pattern == "POST /login" || rt.Pattern == "GET /login" {
					refused = res.StatusCode == http.StatusForbidden
				}
				if allowed && refused {
					t.Errorf("%s as %q: refused (%d), want allowed", rt.Pattern, role, res.StatusCode)
				}
				if !allowed && !refused {
					t.Errorf("%s as %q: got %d, want refused", rt.Pattern, role, res.StatusCode)
				}
				if !allowed && role == "" && strings.HasPrefix(rt.Path(), "/api/") && res.StatusCode != http.StatusUnauthorized {
					t.Errorf("%s anonymous: got %d, want 401 JSON", rt.Pattern, res.StatusCode)
				}
				if res.StatusCode >= 500 {
					t.Errorf("%s as %q: server error %d", rt.Pattern, role, res.StatusCode)
				}
			}
		}
	})
}

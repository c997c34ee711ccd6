package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

func init() {
	expectedAccess["GET /app/tokens"] = "admin"
	expectedAccess["POST /app/tokens"] = "admin"
	expectedAccess["POST /app/tokens/{id}/revoke"] = "admin"
	auditCases["POST /app/tokens"] = auditCase{role: loa.RoleAdmin, entity: "api_token", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/tokens", url.Values{"user_id": {reportsID(fx.app.Users[loa.RoleViewer].ID)}, "name": {"kịch bản"}}
		}}
	auditCases["POST /app/tokens/{id}/revoke"] = auditCase{role: loa.RoleAdmin, entity: "api_token", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			_, tok, err := fx.app.DB.CreateToken(context.Background(), fx.app.Users[loa.RoleViewer].ID, "")
			if err != nil {
				t.Fatal(err)
			}
			return "/app/tokens/" + reportsID(tok.ID) + "/revoke", url.Values{}
		}}
}

// bearer asks path with an Authorization: Bearer header and no session.
func (app *testApp) bearer(path, token string) *response {
	app.t.Helper()
	c := app.anon()
	req, _ := http.NewRequest("GET", app.HTTP.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return c.do(req)
}

func reportsID(id int64) string { return strconv.FormatInt(id, 10) }

func reportsDate(t *testing.T, s string) loa.Date {
	t.Helper()
	d, err := loa.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := app.DB.ImportItems(ctx, []store.ItemImport{{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code,
			ChannelCode: "site", PublishedOn: reportsDate(t, "2024-01-10")}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		valid, _, err := app.DB.CreateToken(ctx, app.Users[loa.RoleViewer].ID, "script")
		if err != nil {
			t.Fatal(err)
		}
		revoked, rt, _ := app.DB.CreateToken(ctx, app.Users[loa.RoleLeader].ID, "")
		if _, err := app.DB.RevokeToken(ctx, rt.ID); err != nil {
			t.Fatal(err)
		}
		inactive, _, _ := app.DB.CreateToken(ctx, app.Users[loa.RoleEditor].ID, "")
		editor := app.Users[loa.RoleEditor]
		editor.Active = false
		if err := app.DB.UpdateUser(ctx, editor, ""); err != nil {
			t.Fatal(err)
		}

		t.Run("a valid token gets the report JSON", func(t *testing.T) {
			res := app.bearer("/api/v1/report?period=2024-H1", valid)
			var got loa.Report
			if res.StatusCode != http.StatusOK || json.Unmarshal([]byte(res.Body), &got) != nil || got.Items != 1 || got.Period != "2024-H1" {
				t.Fatalf("status %d, body %s", res.StatusCode, res.Body)
			}
		})
		t.Run("the scheme is case-insensitive", func(t *testing.T) {
			req, _ := http.NewRequest("GET", app.HTTP.URL+"/api/v1/report?period=2024-H1", nil)
			req.Header.Set("Authorization", "bearer "+valid)
			if res := app.anon().do(req); res.StatusCode != http.StatusOK {
				t.Errorf("status %d", res.StatusCode)
			}
		})
		for _, c := range []struct{ name, header string }{
			{"revoked", "Bearer " + revoked},
			{"unknown", "Bearer loa_" + strings.Repeat("x", 43)},
			{"malformed", "Bearer " + valid[:20]},
			{"of a deactivated user", "Bearer " + inactive},
			{"another scheme", "Basic " + valid},
			{"no token", "Bearer"},
		} {
			t.Run("401 JSON and no data: "+c.name, func(t *testing.T) {
				req, _ := http.NewRequest("GET", app.HTTP.URL+"/api/v1/report?period=2024-H1", nil)
				req.Header.Set("Authorization", c.header)
				res := app.anon().do(req)
				var body map[string]string
				if res.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(res.Body), &body) != nil || body["error"] == "" {
					t.Errorf("status %d, body %s; want 401 with a JSON error", res.StatusCode, res.Body)
				}
				if strings.Contains(res.Body, app.Unit.Code) || res.Header.Get("Location") != "" {
					t.Errorf("leaks or redirects: %v %s", res.Header, res.Body)
				}
			})
		}
		for _, path := range []string{"/app", "/app/reports?period=2024-H1", "/app/tokens", "/app/users"} {
			t.Run("a token opens no back-office page: "+path, func(t *testing.T) {
				res := app.bearer(path, valid)
				if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
					t.Errorf("status %d, location %q; want a redirect to the login page", res.StatusCode, res.Header.Get("Location"))
				}
			})
		}

		t.Run("the admin page issues a token once, lists and revokes", func(t *testing.T) {
			admin := app.as(loa.RoleAdmin)
			res := admin.post("/app/tokens", url.Values{"user_id": {reportsID(app.Users[loa.RoleSecretary].ID)}, "name": {"bảng tính"}})
			m := regexp.MustCompile(`loa_[A-Za-z0-9_-]{43}`).FindString(res.Body)
			if res.StatusCode != http.StatusOK || m == "" || res.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("status %d, token %q, cache %q", res.StatusCode, m, res.Header.Get("Cache-Control"))
			}
			if got := app.bearer("/api/v1/report?period=2024-H1", m); got.StatusCode != http.StatusOK {
				t.Fatalf("issued token: status %d", got.StatusCode)
			}
			list := admin.get("/app/tokens")
			if list.StatusCode != http.StatusOK || strings.Contains(list.Body, m) || !strings.Contains(list.Body, "bảng tính") {
				t.Errorf("list: status %d, shows the token again: %v", list.StatusCode, strings.Contains(list.Body, m))
			}
			ts, _ := app.DB.Tokens(ctx, app.Users[loa.RoleSecretary].ID)
			res = admin.post("/app/tokens/"+reportsID(ts[0].ID)+"/revoke", url.Values{})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("revoke: status %d", res.StatusCode)
			}
			if got := app.bearer("/api/v1/report?period=2024-H1", m); got.StatusCode != http.StatusUnauthorized {
				t.Errorf("revoked token: status %d", got.StatusCode)
			}
		})
		t.Run("the admin page refuses a form without a user", func(t *testing.T) {
			res := app.as(loa.RoleAdmin).post("/app/tokens", url.Values{"name": {"x"}})
			if res.StatusCode != http.StatusBadRequest || regexp.MustCompile(`loa_[A-Za-z0-9_-]{43}`).MatchString(res.Body) {
				t.Errorf("status %d", res.StatusCode)
			}
		})
	})
}

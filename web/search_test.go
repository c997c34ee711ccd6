package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"loa"
	"loa/internal/dbtest"
)

// The access rules of the search routes, for TestAccessMatrix.
func init() {
	expectedAccess["GET /tim-kiem"] = "public"
	expectedAccess["GET /api/v1/search"] = "public"
	expectedAccess["GET /app/search"] = "signed-in"
}

// addSearchItem writes an item straight into the table through the store's
// connection, as the items feature will, and brings its derived columns (and so the
// search index) in step.
func (app *testApp) addSearchItem(unit *loa.Unit, status loa.Status, kind loa.ItemKind, title, summary string) int64 {
	app.t.Helper()
	now := time.Now().UTC().Truncate(time.Microsecond)
	var pub any
	if status == loa.StatusPublished {
		pub = now
	}
	id := dbtest.Insert(app.t, app.DB, `INSERT INTO items (kind, unit_id, title, summary, status, slug, published_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(kind), unit.ID, title, summary, string(status), loa.Slug(title, 80), pub, now, now)
	dbtest.ItemChanged(app.t, app.DB, id)
	return id
}

type apiSearchResponse struct {
	Total   int `json:"total"`
	Results []struct {
		Title       string `json:"title"`
		URL         string `json:"url"`
		PublishedOn string `json:"published_on"`
		Unit        string `json:"unit"`
		Kind        string `json:"kind"`
	} `json:"results"`
}

func (c *client) searchAPI(q string) (*response, apiSearchResponse) {
	c.t.Helper()
	res := c.get("/api/v1/search?q=" + url.QueryEscape(q))
	var out apiSearchResponse
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(res.Body), &out); err != nil {
			c.t.Fatalf("%s: %v", res.Body, err)
		}
	}
	return res, out
}

func (c *client) getHX(path string) *response {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.app.HTTP.URL+path, nil)
	req.Header.Set("HX-Request", "true")
	return c.do(req)
}

func TestSearchPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		published := app.addSearchItem(app.Unit, loa.StatusPublished, loa.KindNews, "Tuyên truyền pháp luật tại Hưng Hà",
			"Đồng chí Đức trình bày báo cáo.")
		ownDraft := app.addSearchItem(app.Unit, loa.StatusDraft, loa.KindArticle, "Tuyên truyền bản nháp của Hưng Hà", "")
		otherDraft := app.addSearchItem(app.Other, loa.StatusDraft, loa.KindArticle, "Tuyên truyền bản nháp của Vũ Thư", "")

		t.Run("api", func(t *testing.T) {
			for _, q := range []string{"tuyen truyen", "Tuyên truyền", "TUYÊN TRUYỀN", norm.NFD.String("Tuyên truyền")} {
				res, got := app.anon().searchAPI(q)
				if res.StatusCode != http.StatusOK || got.Total != 1 || len(got.Results) != 1 {
					t.Fatalf("%q: status %d, %+v", q, res.StatusCode, got)
				}
				r := got.Results[0]
				wantURL := fmt.Sprintf("/tin/tuyen-truyen-phap-luat-tai-hung-ha-%d", published)
				if r.Title != "Tuyên truyền pháp luật tại Hưng Hà" || r.URL != wantURL || r.Unit != app.Unit.Name || r.Kind != "news" {
					t.Errorf("%q: got %+v", q, r)
				}
				if r.PublishedOn != loa.Today().String() {
					t.Errorf("published_on: got %q, want today %q", r.PublishedOn, loa.Today())
				}
			}
		})
		t.Run("api shape", func(t *testing.T) {
			res := app.anon().get("/api/v1/search?q=khongcogi")
			var m map[string]any
			if err := json.Unmarshal([]byte(res.Body), &m); err != nil {
				t.Fatal(err)
			}
			if len(m) != 2 || m["total"] != float64(0) || m["results"] == nil {
				t.Fatalf("got %s, want {\"total\": 0, \"results\": []}", res.Body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
		t.Run("api never returns drafts, even to a signed-in editor", func(t *testing.T) {
			for _, c := range []*client{app.anon(), app.as(loa.RoleEditor), app.as(loa.RoleContributor)} {
				_, got := c.searchAPI("ban nhap")
				if got.Total != 0 {
					t.Errorf("got %+v", got)
				}
			}
		})
		t.Run("public page", func(t *testing.T) {
			res := app.anon().get("/tim-kiem?q=" + url.QueryEscape("duc"))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			for _, want := range []string{"<mark>Đức</mark>", fmt.Sprintf("/tin/tuyen-truyen-phap-luat-tai-hung-ha-%d", published), `hx-get="/tim-kiem"`, "<html"} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(res.Body, "bản nháp") {
				t.Error("a draft on the public page")
			}
		})
		t.Run("public page, results as you type", func(t *testing.T) {
			res := app.anon().getHX("/tim-kiem?q=" + url.QueryEscape("tuyên truy"))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if strings.Contains(res.Body, "<html") {
				t.Error("an htmx request got the whole page")
			}
			if !strings.Contains(res.Body, "<mark>Tuyên</mark> <mark>truyền</mark>") {
				t.Errorf("prefix not matched while typing: %s", res.Body)
			}
			if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "HX-Request") {
				t.Error("no Vary: HX-Request")
			}
			// The submitted form looks for whole words.
			if full := app.anon().get("/tim-kiem?q=" + url.QueryEscape("tuyên truy")); strings.Contains(full.Body, "<mark>") {
				t.Error("a submitted prefix matched")
			}
		})
		t.Run("back office", func(t *testing.T) {
			tests := []struct {
				role      loa.Role
				see, hide []int64
			}{
				{loa.RoleContributor, []int64{published, ownDraft}, []int64{otherDraft}},
				{loa.RoleEditor, []int64{published, ownDraft, otherDraft}, nil},
				{loa.RoleViewer, []int64{published, ownDraft, otherDraft}, nil},
			}
			for _, tt := range tests {
				t.Run(string(tt.role), func(t *testing.T) {
					c := app.as(tt.role)
					for _, path := range []string{"/app/search?q=tuyen+truyen", fmt.Sprintf("/app/search?q=tuyen+truyen&unit=%d", app.Other.ID)} {
						res := c.get(path)
						if res.StatusCode != http.StatusOK {
							t.Fatalf("%s: status %d", path, res.StatusCode)
						}
						for _, id := range tt.hide {
							if strings.Contains(res.Body, fmt.Sprintf(`href="/app/items/%d"`, id)) {
								t.Errorf("%s: item %d shown", path, id)
							}
						}
					}
					res := c.get("/app/search?q=tuyen+truyen")
					for _, id := range tt.see {
						if !strings.Contains(res.Body, fmt.Sprintf(`href="/app/items/%d"`, id)) {
							t.Errorf("item %d missing", id)
						}
					}
				})
			}
			if res := app.anon().get("/app/search?q=x"); res.StatusCode != http.StatusSeeOther {
				t.Errorf("anonymous: status %d, want a redirect to the login", res.StatusCode)
			}
		})
		t.Run("hostile queries", func(t *testing.T) {
			hostile := []string{
				"", "   ", `!@#$%^&*()`, strings.Repeat("tuyên ", 2000), strings.Repeat("x", 10000), `"tuyen truyen`, `""`,
				`NEAR(tuyen truyen)`, `tuyen*`, `-tuyen`, `title_fold:x`, `^x`, `{title_fold}: x`, `AND OR NOT`,
				`'; DROP TABLE items; --`, `1' OR '1'='1`, `x & !y | z <-> w:*`, "tuy\xffen", "\x00",
			}
			for _, q := range hostile {
				for _, path := range []string{"/api/v1/search", "/tim-kiem", "/app/search"} {
					c := app.anon()
					if strings.HasPrefix(path, "/app") {
						c = app.as(loa.RoleEditor)
					}
					res := c.get(path + "?q=" + url.QueryEscape(q))
					if res.StatusCode != http.StatusOK {
						t.Errorf("%s %.30q: status %d", path, q, res.StatusCode)
					}
					for _, leak := range []string{"SQL", "sqlite", "fts5", "tsquery", "syntax error"} {
						if strings.Contains(res.Body, leak) {
							t.Errorf("%s %.30q: body mentions %q", path, q, leak)
						}
					}
				}
			}
		})
		t.Run("bad filters are ignored or explained, never a 500", func(t *testing.T) {
			c := app.as(loa.RoleEditor)
			for _, qs := range []string{"q=x&kind=poem", "q=x&status=lost", "q=x&unit=abc", "q=x&from=31/02/2024", "q=x&from=01/03/2024&to=01/01/2024", "q=x&page=-4"} {
				if res := c.get("/app/search?" + qs); res.StatusCode != http.StatusOK {
					t.Errorf("%s: status %d", qs, res.StatusCode)
				}
			}
		})
	})
}

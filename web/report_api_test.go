package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

func init() { expectedAccess["GET /api/v1/report"] = "signed-in" }

func TestAPIReport(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite},
			{Code: "bvpl", Name: "Bảo vệ pháp luật", Type: loa.ChannelSector}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		on := func(s string) loa.Date { d, _ := loa.ParseDate(s); return d }
		rows := []store.ItemImport{
			{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: on("2024-01-10")},
			{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "bvpl", PublishedOn: on("2024-01-12")},
			{Ref: "B", Title: "Bài", Kind: loa.KindArticle, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: on("2024-07-01")},
		}
		if _, err := app.DB.ImportItems(ctx, rows, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := app.DB.ImportQuotas(ctx, []store.QuotaImport{{UnitCode: app.Unit.Code, Period: "2024-H1", Kind: "any", Target: 2}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}

		t.Run("viewer gets the report", func(t *testing.T) {
			res := app.as(loa.RoleViewer).get("/api/v1/report?period=2024-H1")
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("status %d, type %q, body %s", res.StatusCode, res.Header.Get("Content-Type"), res.Body)
			}
			var got loa.Report
			if err := json.Unmarshal([]byte(res.Body), &got); err != nil {
				t.Fatal(err)
			}
			if got.Period != "2024-H1" || got.Items != 1 || got.Publications != 2 || got.ByChannel["bvpl"] != 1 ||
				len(got.BelowQuota) != 1 || got.BelowQuota[0] != app.Unit.Code {
				t.Errorf("got %+v", got)
			}
		})
		t.Run("a range and a scope", func(t *testing.T) {
			res := app.as(loa.RoleViewer).get("/api/v1/report?from=2024-06-01&to=2024-07-31&scope=" + app.Other.Code)
			var got loa.Report
			if err := json.Unmarshal([]byte(res.Body), &got); err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, body %s", res.StatusCode, res.Body)
			}
			if got.Period != "" || got.Items != 1 || len(got.Units) != 1 || got.Units[0].Code != app.Other.Code {
				t.Errorf("got %+v", got)
			}
			if strings.Contains(res.Body, `"period"`) {
				t.Errorf("period present for a range that is no period: %s", res.Body)
			}
		})
		for name, query := range map[string]string{
			"malformed period": "period=2024-H3",
			"to before from":   "from=2024-02-01&to=2024-01-01",
			"both":             "period=2024&from=2024-01-01&to=2024-02-01",
			"neither":          "",
			"unknown scope":    "period=2024&scope=NOPE",
		} {
			t.Run("400 for "+name, func(t *testing.T) {
				res := app.as(loa.RoleViewer).get("/api/v1/report?" + query)
				var body map[string]string
				if res.StatusCode != http.StatusBadRequest || json.Unmarshal([]byte(res.Body), &body) != nil || body["error"] == "" {
					t.Errorf("status %d, body %s; want 400 with a JSON error", res.StatusCode, res.Body)
				}
			})
		}
		t.Run("anonymous gets 401 JSON and no data", func(t *testing.T) {
			res := app.anon().get("/api/v1/report?period=2024-H1")
			var body map[string]string
			if res.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(res.Body), &body) != nil || body["error"] == "" {
				t.Errorf("status %d, body %s; want 401 with a JSON error", res.StatusCode, res.Body)
			}
			if strings.Contains(res.Body, app.Unit.Code) || res.Header.Get("Location") != "" {
				t.Errorf("anonymous answer leaks or redirects: %v %s", res.Header, res.Body)
			}
		})
	})
}

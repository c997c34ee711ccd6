package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"loa"
	"loa/store"
)

// TestContributorReportIsItsUnit: a contributor's report, through the API with its
// session or its token, is its own unit's whatever scope it asks for: no other
// unit's line, quotas or place in below_quota, and totals that are its unit's.
func TestContributorReportIsItsUnit(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		on := func(s string) loa.Date { d, _ := loa.ParseDate(s); return d }
		if _, err := app.DB.ImportItems(ctx, []store.ItemImport{
			{Ref: "A", Title: "Của Hưng Hà", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: on("2024-01-10")},
			{Ref: "B", Title: "Của Vũ Thư", Kind: loa.KindNews, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: on("2024-02-10")},
			{Ref: "C", Title: "Của Vũ Thư nữa", Kind: loa.KindArticle, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: on("2024-03-10")},
		}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := app.DB.ImportQuotas(ctx, []store.QuotaImport{
			{UnitCode: app.Unit.Code, Period: "2024-H1", Kind: "any", Target: 1},
			{UnitCode: app.Other.Code, Period: "2024-H1", Kind: "any", Target: 9},
		}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		token, _, err := app.DB.CreateToken(ctx, app.Users[loa.RoleContributor].ID, "báo cáo")
		if err != nil {
			t.Fatal(err)
		}
		session := app.as(loa.RoleContributor)
		check := func(t *testing.T, res *response) {
			t.Helper()
			var got loa.Report
			if res.StatusCode != http.StatusOK || json.Unmarshal([]byte(res.Body), &got) != nil {
				t.Fatalf("status %d, body %s", res.StatusCode, res.Body)
			}
			var codes []string
			for _, u := range got.Units {
				codes = append(codes, u.Code)
			}
			if !slices.Equal(codes, []string{app.Unit.Code}) || got.Items != 1 || got.Publications != 1 ||
				len(got.BelowQuota) != 0 || got.Scope != app.Unit.Code {
				t.Errorf("got units %v, %d items, %d publications, below_quota %v, scope %q; want only %s with 1, 1, none",
					codes, got.Items, got.Publications, got.BelowQuota, got.Scope, app.Unit.Code)
			}
		}
		for _, q := range []string{"period=2024-H1", "period=2024-H1&scope=" + app.Other.Code, "from=2023-12-01&to=2024-05-31&scope=" + app.Other.Code} {
			t.Run("session "+q, func(t *testing.T) { check(t, session.get("/api/v1/report?"+q)) })
			t.Run("token "+q, func(t *testing.T) { check(t, app.bearer("/api/v1/report?"+q, token)) })
		}
		t.Run("a viewer still sees every unit", func(t *testing.T) {
			var got loa.Report
			res := app.as(loa.RoleViewer).get("/api/v1/report?period=2024-H1")
			if json.Unmarshal([]byte(res.Body), &got) != nil || got.Items != 3 || !slices.Equal(got.BelowQuota, []string{app.Other.Code}) {
				t.Errorf("got %s", res.Body)
			}
		})
	})
}

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

func init() {
	for _, p := range []string{"GET /app/reports", "GET /app/reports/export", "GET /app/reports/ranking"} {
		expectedAccess[p] = "admin leader secretary editor viewer"
	}
}

// reportsWorld gives the app a channel, two items of its unit (one of them in
// October 2026) and one of the other unit, and a quota the unit misses.
func reportsWorld(t *testing.T, app *testApp) {
	t.Helper()
	ctx := context.Background()
	if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang thông tin điện tử", Type: loa.ChannelSite},
		{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := []store.ItemImport{
		{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: reportsDate(t, "2024-01-10")},
		{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "bvpl", PublishedOn: reportsDate(t, "2024-01-12")},
		{Ref: "B", Title: "Bài", Kind: loa.KindArticle, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: reportsDate(t, "2024-03-01")},
		{Ref: "C", Title: "Tháng mười", Kind: loa.KindNews, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: reportsDate(t, "2026-10-03"), Authors: []string{"Phạm Thị Dung", "Vũ Văn Em"}},
		{Ref: "D", Title: "Tháng mười nữa", Kind: loa.KindArticle, UnitCode: app.Other.Code, ChannelCode: "site", PublishedOn: reportsDate(t, "2026-10-20"), Authors: []string{"Phạm Thị Dung"}},
		{Ref: "E", Title: "Cũng tháng mười", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: reportsDate(t, "2026-10-21"), Authors: []string{"Vũ Văn Em"}},
	}
	if _, err := app.DB.ImportItems(ctx, rows, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB.ImportQuotas(ctx, []store.QuotaImport{{UnitCode: app.Unit.Code, Period: "2024-H1", Kind: "any", Target: 2}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestReportPage(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		reportsWorld(t, app)
		viewer := app.as(loa.RoleViewer)

		t.Run("laid out like an official report", func(t *testing.T) {
			res := viewer.get("/app/reports?period=2024-H1")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, res.Body)
			}
			for _, want := range []string{
				`class="report-header"`, "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH", "BAN TUYÊN TRUYỀN",
				"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "Thái Bình, ngày ",
				"BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN 6 THÁNG ĐẦU NĂM 2024", "Từ ngày 01/12/2023 đến ngày 31/05/2024",
				`<tr class="below" data-code="TB-HUNGHA">`, "Mọi loại: 1/2", "Chưa đạt",
				"Báo Bảo vệ pháp luật", `href="/app/reports/export?format=xlsx&amp;period=2024-H1"`,
				`href="/app/reports/export?format=csv&amp;period=2024-H1"`, `href="/app/reports/export?format=json&amp;period=2024-H1"`,
				"data-print",
			} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(res.Body, "onclick") || strings.Contains(res.Body, "window.print") {
				t.Errorf("inline script on the page")
			}
		})
		for _, c := range []struct{ name, query, want string }{
			{"a year", "period=2024", "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN NĂM 2024"},
			{"the second half", "period=2024-H2", "6 THÁNG CUỐI NĂM 2024"},
			{"a quarter", "period=2024-Q3", "QUÝ III NĂM 2024"},
			{"a range that is a period", "from=2023-12-01&to=2024-05-31", "6 THÁNG ĐẦU NĂM 2024"},
			{"a range", "from=2024-01-05&to=2024-02-10", "TỪ NGÀY 05/01/2024 ĐẾN NGÀY 10/02/2024"},
			{"no period: the current half-year", "", "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN 6 THÁNG"},
		} {
			t.Run("title of "+c.name, func(t *testing.T) {
				res := viewer.get("/app/reports?" + c.query)
				if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, c.want) {
					t.Errorf("status %d, want %q in the page", res.StatusCode, c.want)
				}
			})
		}
		for _, q := range []string{"period=2024-H3", "from=2024-02-01&to=2024-01-01", "period=2024&scope=NOPE", "period=2024&format=pdf"} {
			t.Run("400 for "+q, func(t *testing.T) {
				path := "/app/reports?" + q
				if strings.Contains(q, "format") {
					path = "/app/reports/export?" + q
				}
				if res := viewer.get(path); res.StatusCode != http.StatusBadRequest {
					t.Errorf("status %d", res.StatusCode)
				}
			})
		}
		t.Run("a contributor may not", func(t *testing.T) {
			if res := app.as(loa.RoleContributor).get("/app/reports?period=2024-H1"); res.StatusCode != http.StatusForbidden {
				t.Errorf("status %d", res.StatusCode)
			}
		})
		api := app.as(loa.RoleViewer).get("/api/v1/report?period=2024-H1")
		for _, c := range []struct{ format, ctype, start string }{
			{"csv", "text/csv", ""},
			{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
			{"json", "application/json", "{"},
		} {
			t.Run("download "+c.format, func(t *testing.T) {
				res := viewer.get("/app/reports/export?period=2024-H1&format=" + c.format)
				if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), c.ctype) ||
					res.Header.Get("Content-Disposition") != `attachment; filename="bao-cao-2024-H1.`+c.format+`"` || !strings.HasPrefix(res.Body, c.start) {
					t.Fatalf("status %d, type %q, disposition %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
				}
				if c.format == "json" && res.Body != api.Body {
					t.Errorf("the download differs from the API:\n%s\n%s", res.Body, api.Body)
				}
				if c.format == "csv" && !strings.Contains(res.Body, "TB-HUNGHA") {
					t.Errorf("csv: %s", res.Body)
				}
			})
		}
		t.Run("a province's roll-up shows as one marked line, in the page, the API and the download", func(t *testing.T) {
			ctx := context.Background()
			if err := app.DB.SaveUnit(ctx, &loa.Unit{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince}); err != nil {
				t.Fatal(err)
			}
			r, err := store.ParseRollup([]byte(`{"from": "2023-12-01", "to": "2024-05-31", "items": 4, "publications": 4,
				"by_kind": {"news": 4}, "by_channel": {"site": 4}, "units": [{"code": "HY-KV2", "items": 4, "publications": 4, "by_kind": {"news": 4}}]}`), loa.DefaultYearStart)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := app.DB.SaveRollup(ctx, "HY", r); err != nil {
				t.Fatal(err)
			}
			res := viewer.get("/app/reports?period=2024-H1")
			if !strings.Contains(res.Body, `data-code="HY"`) || !strings.Contains(res.Body, "<sup>(*)</sup>") {
				t.Errorf("page lacks the marked roll-up line")
			}
			var got loa.Report
			if err := json.Unmarshal([]byte(viewer.get("/api/v1/report?period=2024-H1").Body), &got); err != nil || got.Items != 6 {
				t.Errorf("API: %d items, %v; want 6", got.Items, err)
			}
			if csv := viewer.get("/app/reports/export?period=2024-H1&format=csv").Body; !strings.Contains(csv, "HY,") {
				t.Errorf("csv lacks HY: %s", csv)
			}
		})
	})
}

func TestRankingNotice(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		reportsWorld(t, app)
		editor := app.as(loa.RoleEditor)
		t.Run("units and writers of the month, ranked", func(t *testing.T) {
			res := editor.get("/app/reports/ranking?month=2026-10")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, res.Body)
			}
			for _, want := range []string{"THÔNG BÁO", "tháng 10 năm 2026", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "data-print", "01/10/2026", "31/10/2026"} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			order := func(names ...string) {
				t.Helper()
				last := -1
				for _, n := range names {
					i := strings.Index(res.Body, n)
					if i <= last {
						t.Errorf("%q not after the previous name (at %d, previous at %d)", n, i, last)
					}
					last = i
				}
			}
			// Vũ Thư (2 items) before Hưng Hà (1); Dung and Em tie at 2 items.
			order("huyện Vũ Thư", "huyện Hưng Hà", "Phạm Thị Dung", "Vũ Văn Em")
			if strings.Contains(res.Body, ">Hội nghị<") {
				t.Errorf("an item of 2024 on October's notice")
			}
		})
		for _, c := range []struct {
			name, query string
			want        int
		}{
			{"the month before by default", "", http.StatusOK},
			{"a month without items", "month=2020-02", http.StatusOK},
			{"a malformed month", "month=2026-13", http.StatusBadRequest},
			{"not a month", "month=octobre", http.StatusBadRequest},
		} {
			t.Run(c.name, func(t *testing.T) {
				if res := editor.get("/app/reports/ranking?" + c.query); res.StatusCode != c.want {
					t.Errorf("status %d, want %d", res.StatusCode, c.want)
				}
			})
		}
	})
}

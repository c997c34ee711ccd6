package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// TestDashboardTruthPage: a past period shows its final result, not a forecast, says
// how the last column is made, names periods in words, offers no period that has
// not started, draws percentages on a 0–100 % axis and one number as a number.
func TestDashboardTruthPage(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		site := &loa.Channel{Code: "site-test", Name: "Trang tin thử", Type: loa.ChannelSite}
		if err := app.DB.SaveChannel(ctx, site); err != nil {
			t.Fatal(err)
		}
		plansInsertItem(t, app, app.Unit.ID, loa.KindNews, site.ID, "2024-01-10")
		plansInsertItem(t, app, app.Unit.ID, loa.KindResearch, site.ID, "2024-02-10")
		plansInsertItem(t, app, app.Other.ID, loa.KindNews, site.ID, "2024-03-10")
		if err := app.DB.SetQuotas(ctx, loa.DefaultYearStart, "2024-H1", []store.QuotaCell{
			{UnitID: app.Unit.ID, Kind: "any", Target: 2}, {UnitID: app.Other.ID, Kind: "any", Target: 5}}); err != nil {
			t.Fatal(err)
		}
		adm := app.as(loa.RoleAdmin)
		res := adm.get("/app/dashboard?period=2024-H1")
		wantStatus(t, res, http.StatusOK)
		wantIn(t, res.Body, "Tiến độ 6 tháng đầu năm 2024", "6 tháng đầu năm 2024 (01/12/2023 – 31/05/2024)",
			`id="forecast-method"`, "kết quả cuối cùng", `badge overdue">không đạt`, `badge done">đạt`, `"percent":true`,
			"Kết quả cuối kỳ (chỉ tiêu thấp nhất)")
		wantNotIn(t, res.Body, ">kịp<", ">không kịp<", "2024-H1 (", "% dự kiến cuối kỳ")
		next := loa.DefaultYearStart.WorkYear(loa.Today()) + 1
		wantNotIn(t, res.Body, fmt.Sprintf(`value="%d"`, next), fmt.Sprintf(`value="%d-H1"`, next))
		if !strings.Contains(res.Body, fmt.Sprintf(`value="%d"`, next-1)) {
			t.Fatalf("the picker lacks the current work year %d", next-1)
		}
		// Vũ Thư published news only: its one kind is a number, not a donut.
		other := adm.get("/app/dashboard/units/" + strconv.FormatInt(app.Other.ID, 10) + "?period=2024-H1")
		wantStatus(t, other, http.StatusOK)
		wantNotIn(t, other.Body, `data-chart="chart-kinds"`, `data-chart="chart-channels"`)
		wantIn(t, other.Body, "Kết quả cuối kỳ", "1 / 5")
		two := adm.get("/app/dashboard/units/" + strconv.FormatInt(app.Unit.ID, 10) + "?period=2024-H1")
		wantIn(t, two.Body, `data-chart="chart-kinds"`)
		// Closed: the dashboard says when.
		h1, _ := loa.DefaultYearStart.ParsePeriod("2024-H1")
		if err := app.DB.ClosePeriod(ctx, h1); err != nil {
			t.Fatal(err)
		}
		wantIn(t, adm.get("/app/dashboard?period=2024-H1").Body, "Số liệu của kỳ này đã chốt lúc")
	})
}

package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/store"
)

// TestViewsInOutputs: the views of a unit's items on the days of the period are on
// the report page (unit table, totals and a sentence), in its XLSX and DOCX, and on
// the dashboard and the unit's page; views on a day outside the period and an
// imported site's earlier views are not.
func TestViewsInOutputs(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		items := publishedItems(t, app.DB, app.Unit, app.Users[loa.RoleAdmin], 2)
		today := loa.Today()
		err := app.DB.AddViews(ctx, []store.ViewCount{
			{ItemID: items[0].ID, Day: today, Views: 1200},
			{ItemID: items[1].ID, Day: today, Views: 34},
			{ItemID: items[1].ID, Day: today.AddDays(-400), Views: 777}, // another period
		})
		if err != nil {
			t.Fatal(err)
		}
		period := loa.YearStart{}.HalfOf(today).Name
		viewer := app.as(loa.RoleViewer)

		page := viewer.get("/app/reports?period=" + period).Body
		wantIn(t, page, `<th class="num">Lượt xem</th>`, `id="report-views">1.234</strong>`)
		row := regexp.MustCompile(`(?s)<tr[^>]*data-code="` + app.Unit.Code + `">.*?</tr>`).FindString(page)
		wantIn(t, row, `<td class="num">1.234</td>`)
		foot := page[strings.Index(page, "<tfoot>"):]
		wantIn(t, foot[:strings.Index(foot, "</tfoot>")], `<th class="num">1.234</th>`)
		wantNotIn(t, page, "2.011")

		x, err := excelize.OpenReader(strings.NewReader(viewer.get("/app/reports/export?format=xlsx&period=" + period).Body))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, _ := x.GetRows("Báo cáo")
		found := false
		for _, r := range rows {
			if len(r) > 4 && r[0] == app.Unit.Code {
				found = true
				if r[4] != "1234" {
					t.Errorf("XLSX views of %s: %q, want 1234", app.Unit.Code, r[4])
				}
			}
		}
		if !found || rows[5][4] != "Lượt xem" {
			t.Errorf("XLSX: no views column or no line of the unit: %q", rows)
		}

		doc := docxText(t, viewer.get("/app/reports/docx?period="+period).Body)
		wantIn(t, doc, "có 1234 lượt xem trong kỳ, nhiều nhất là "+app.Unit.Name+" (1234 lượt xem).")

		dash := viewer.get("/app/dashboard?period=" + period).Body
		wantIn(t, dash, `<th class="num">Lượt xem</th>`, `<span class="label">Lượt xem</span><span class="value">1.234</span>`)
		line := regexp.MustCompile(`(?s)<tr[^>]*>\s*<td><a href="/app/dashboard/units/` + fmt.Sprint(app.Unit.ID) + `\?.*?</tr>`).FindString(dash)
		wantIn(t, line, `<td class="num">1.234</td>`)
		unit := viewer.get(fmt.Sprintf("/app/dashboard/units/%d?period=%s", app.Unit.ID, period)).Body
		wantIn(t, unit, `<span class="label">Lượt xem</span><span class="value">1.234</span>`)
	})
}

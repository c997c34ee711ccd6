package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// TestReportNarrative: the secretary's form starts from the text written from the
// figures; what she changes is stored with the period and used by the Word report,
// what she leaves as written is not stored (it follows the figures), and a scoped
// report keeps its own text.
func TestReportNarrative(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		on, _ := loa.ParseDate("2024-01-10")
		if _, err := app.DB.ImportItems(ctx, []store.ItemImport{{Ref: "A", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: on}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		sec := app.as(loa.RoleSecretary)
		if page := sec.get("/app/reports?period=2024-H1"); !strings.Contains(page.Body, `href="/app/reports/narrative?period=2024-H1"`) {
			t.Errorf("no edit button on the report page")
		}
		if page := app.as(loa.RoleViewer).get("/app/reports?period=2024-H1"); strings.Contains(page.Body, `/app/reports/narrative`) {
			t.Errorf("a viewer sees the edit button")
		}
		form := sec.get("/app/reports/narrative?period=2024-H1")
		if form.StatusCode != http.StatusOK || !strings.Contains(form.Body, "các đơn vị đã có 1 tin, bài được đăng tải") {
			t.Fatalf("status %d; the form does not start from the written text:\n%s", form.StatusCode, excerpt(form.Body))
		}
		directions := "Tiếp tục thực hiện tốt công tác tuyên truyền, bảo đảm số lượng và chất lượng tin, bài theo kế hoạch.\nTăng cường bài nghiên cứu, trao đổi, rút kinh nghiệm nghiệp vụ; mở rộng đăng tải trên các báo, tạp chí trong ngành và trên phát thanh, truyền hình."
		res := sec.post("/app/reports/narrative?period=2024-H1", url.Values{"results": {"Kết quả nổi bật là hội nghị & tập huấn <ngành>."},
			"shortcomings": {"Còn chậm cập nhật."}, "directions": {directions}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/app/reports?period=2024-H1" {
			t.Fatalf("save: status %d %s: %s", res.StatusCode, res.Header.Get("Location"), excerpt(res.Body))
		}
		n, err := app.DB.ReportNarrative(ctx, "2024-H1")
		if err != nil || n.Results != "Kết quả nổi bật là hội nghị & tập huấn <ngành>." || n.Directions != "" {
			t.Errorf("stored %+v, %v; want the edited results and no directions (left as written)", n, err)
		}
		tx := docxText(t, app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1").Body)
		for _, want := range []string{"Kết quả nổi bật là hội nghị &amp; tập huấn &lt;ngành&gt;.", "Còn chậm cập nhật.", "Tăng cường bài nghiên cứu, trao đổi"} {
			if !strings.Contains(tx, want) {
				t.Errorf("the report lacks %q:\n%s", want, tx)
			}
		}
		if strings.Contains(tx, "các đơn vị đã có 1 tin, bài") {
			t.Errorf("the written results are still in the report")
		}
		if tx := docxText(t, app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1&scope="+app.Unit.Code).Body); strings.Contains(tx, "Kết quả nổi bật") {
			t.Errorf("a scoped report took the period's narrative")
		}
		if form = sec.get("/app/reports/narrative?period=2024-H1"); !strings.Contains(form.Body, "Còn chậm cập nhật.") {
			t.Errorf("the form does not show what was stored")
		}
		// Too long: refused, what was typed kept, nothing changed.
		res = sec.post("/app/reports/narrative?period=2024-H1", url.Values{"results": {strings.Repeat("dài ", 6000)}, "shortcomings": {"Mới"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "quá dài") || !strings.Contains(res.Body, ">Mới</textarea>") {
			t.Errorf("overlong: status %d: %s", res.StatusCode, excerpt(res.Body))
		}
		if n, _ := app.DB.ReportNarrative(ctx, "2024-H1"); n.Shortcomings != "Còn chậm cập nhật." {
			t.Errorf("a refused form changed the narrative: %+v", n)
		}
		for _, bad := range []string{"", "?period=2024-H9", "?from=2024-01-01&to=2024-02-01", "?period=2024-H1&scope=" + app.Unit.Code} {
			if res := sec.get("/app/reports/narrative" + bad); res.StatusCode != http.StatusBadRequest {
				t.Errorf("%q: status %d, want 400", bad, res.StatusCode)
			}
		}
		// All blank: removed, the report is written from the figures again.
		sec.post("/app/reports/narrative?period=2024-H1", url.Values{})
		if n, _ := app.DB.ReportNarrative(ctx, "2024-H1"); !n.Empty() {
			t.Errorf("blank sections were kept: %+v", n)
		}
	})
}

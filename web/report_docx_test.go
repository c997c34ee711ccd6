package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// docxText is the text of a .docx's document part.
func docxText(t *testing.T, body string) string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			io.Copy(&b, rc)
			rc.Close()
			return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(strings.ReplaceAll(b.String(), "</w:p>", "\n"), "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestReportDocx: the report page's Word button gives the Báo cáo of the page's
// period, with the defaults until the document settings are stored, then with them.
func TestReportDocx(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if _, err := app.DB.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		on, _ := loa.ParseDate("2024-01-10")
		if _, err := app.DB.ImportItems(ctx, []store.ItemImport{{Ref: "A", Title: "Hội nghị", Kind: loa.KindResearch, UnitCode: app.Unit.Code, ChannelCode: "site", PublishedOn: on}}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		page := app.as(loa.RoleViewer).get("/app/reports?period=2024-H1")
		if !strings.Contains(page.Body, `href="/app/reports/docx?period=2024-H1"`) {
			t.Fatalf("no Word button on the report page")
		}
		res := app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
			!strings.Contains(res.Header.Get("Content-Disposition"), `bao-cao-2024-H1.docx`) {
			t.Fatalf("status %d, headers %v", res.StatusCode, res.Header)
		}
		tx := docxText(t, res.Body)
		for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH", "/BC-VKSTB", "6 tháng đầu năm 2024", "đã có 1 tin, bài", "Trang tin: 1 lượt", "VIỆN TRƯỞNG"} {
			if !strings.Contains(tx, want) {
				t.Errorf("defaults: missing %q in\n%s", want, tx)
			}
		}
		admin := loa.WithUser(ctx, app.Users[loa.RoleAdmin])
		if err := app.DB.SetDocSettings(admin, map[string]string{"agency": "Viện kiểm sát nhân dân tỉnh Hưng Yên", "symbol": "VKSHY",
			"signer_name": "Trần Văn B", "recipients": "Như trên;\nLưu: VT."}); err != nil {
			t.Fatal(err)
		}
		tx = docxText(t, app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1").Body)
		for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN TỈNH HƯNG YÊN", "/BC-VKSHY", "Hưng Yên, ngày", "Trần Văn B", "- Như trên;\n- Lưu: VT.\n"} {
			if !strings.Contains(tx, want) {
				t.Errorf("settings: missing %q in\n%s", want, tx)
			}
		}
		if err := app.DB.SetDocSettings(loa.WithUser(ctx, app.Users[loa.RoleEditor]), map[string]string{"agency": "X"}); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Errorf("an editor changed the document settings: %v", err)
		}
		// Blank removes the setting: back to the default.
		if err := app.DB.SetDocSettings(admin, map[string]string{"agency": " "}); err != nil {
			t.Fatal(err)
		}
		if tx = docxText(t, app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1").Body); !strings.Contains(tx, "TỈNH THÁI BÌNH") {
			t.Errorf("a removed setting did not fall back to the default")
		}
		if res := app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H9"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("bad period: status %d", res.StatusCode)
		}
	})
}

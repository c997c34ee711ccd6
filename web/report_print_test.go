package web_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// TestReportPrintLayout: the printed report has no row-number column (the names have
// the room), signs with the document settings' signer and recipients, and keeps the
// last table and the signature in one block the printer does not split.
func TestReportPrintLayout(t *testing.T) {
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
		admin := loa.WithUser(ctx, app.Users[loa.RoleAdmin])
		if err := app.DB.SetDocSettings(admin, map[string]string{"signer_name": "Trần Văn B", "authority": "KT. Viện trưởng",
			"recipients": "Như trên\nLưu: VT"}); err != nil {
			t.Fatal(err)
		}
		body := app.as(loa.RoleViewer).get("/app/reports?period=2024-H1").Body
		if strings.Contains(body, ">STT<") || strings.Contains(body, "Số thứ tự") {
			t.Errorf("a row-number column in the printed report")
		}
		end := body[strings.Index(body, `<div class="report-end">`):]
		sig := regexp.MustCompile(`(?s)<footer class="report-signature print-only">.*?</footer>\s*</div>`).FindString(end)
		if sig == "" {
			t.Fatalf("the signature is not inside the last block:\n%s", end)
		}
		if !strings.Contains(end[:strings.Index(end, "<footer")], "<table") {
			t.Errorf("the last table is not in the block kept with the signature")
		}
		for _, want := range []string{"<p>- Như trên;</p><p>- Lưu: VT.</p>", "<strong>KT. Viện trưởng</strong>", "<strong>VIỆN TRƯỞNG</strong>", "<strong>Trần Văn B</strong>"} {
			if !strings.Contains(sig, want) {
				t.Errorf("signature lacks %s:\n%s", want, sig)
			}
		}
		css, err := os.ReadFile("static/app.css")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`\.report-end, \.report-signature \{ break-inside: avoid;`).Match(css) ||
			!strings.Contains(string(css), "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }") {
			t.Errorf("the print rules are missing from app.css")
		}
	})
}

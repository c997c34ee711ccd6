package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa"
)

// TestDocSettingsForm: the form shows the defaults, stores what is typed (the Word
// report then carries it), removes what is blanked, and refuses an overlong value
// keeping what was typed.
func TestDocSettingsForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		sec := app.as(loa.RoleSecretary)
		page := sec.get("/app/settings/documents")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `placeholder="Viện kiểm sát nhân dân tỉnh Thái Bình"`) ||
			!strings.Contains(page.Body, `placeholder="VKSTB"`) {
			t.Fatalf("status %d; defaults not shown:\n%s", page.StatusCode, excerpt(page.Body))
		}
		if !strings.Contains(app.as(loa.RoleLeader).get("/app").Body, `href="/app/settings/documents"`) {
			t.Errorf("no menu entry for the leader")
		}
		res := sec.post("/app/settings/documents", url.Values{"signer_name": {"Nguyễn Thị Hoa"}, "authority": {"KT. Viện trưởng"},
			"recipients": {"Như trên;\nLưu: VT."}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: status %d: %s", res.StatusCode, excerpt(res.Body))
		}
		if page = sec.get("/app/settings/documents"); !strings.Contains(page.Body, `value="Nguyễn Thị Hoa"`) {
			t.Errorf("the stored signer is not shown")
		}
		tx := docxText(t, app.as(loa.RoleViewer).get("/app/reports/docx?period=2024-H1").Body)
		for _, want := range []string{"KT. VIỆN TRƯỞNG\nVIỆN TRƯỞNG\n", "Nguyễn Thị Hoa", "- Như trên;\n- Lưu: VT.\n"} {
			if !strings.Contains(tx, want) {
				t.Errorf("the report lacks %q:\n%s", want, tx)
			}
		}
		res = sec.post("/app/settings/documents", url.Values{"signer_name": {strings.Repeat("x", 2001)}, "place": {"Hưng Yên"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "quá dài") || !strings.Contains(res.Body, `value="Hưng Yên"`) {
			t.Errorf("overlong: status %d: %s", res.StatusCode, excerpt(res.Body))
		}
		if m, _ := app.DB.DocSettings(context.Background()); m["signer_name"] != "Nguyễn Thị Hoa" || m["place"] != "" {
			t.Errorf("a refused form changed the settings: %v", m)
		}
		// Blank: back to the default.
		sec.post("/app/settings/documents", url.Values{})
		if m, _ := app.DB.DocSettings(context.Background()); len(m) != 0 {
			t.Errorf("blank fields were kept: %v", m)
		}
	})
}

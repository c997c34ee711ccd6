package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"loa"
	"loa/store"
)

// TestImportAuditEntry holds the README's word on imports: one audit entry per file,
// with who, the file's name and its counts, and not one per record.
func TestImportAuditEntry(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		all := func() []store.AuditEntry {
			es, _, err := app.DB.AuditLog(ctx, store.AuditFilter{Page: store.Page{Number: 1, Size: 1000}})
			if err != nil {
				t.Fatal(err)
			}
			return es
		}
		before := len(all())
		sec := app.as(loa.RoleSecretary)
		csv := "code,name,type\nsite,Trang tin,site\nbvpl,Bảo vệ pháp luật,sector\nptth,Đài phát thanh,radio_tv\n"
		if res := sec.upload("channels", "kenh.csv", csv); res.StatusCode != http.StatusOK {
			t.Fatalf("import: %d", res.StatusCode)
		}
		es := all()
		if len(es) != before+1 {
			t.Fatalf("%d audit entries for a file of 3 records, want 1", len(es)-before)
		}
		e := es[0]
		var after struct {
			File    string              `json:"file"`
			Summary store.ImportSummary `json:"summary"`
		}
		if err := json.Unmarshal([]byte(e.After), &after); err != nil {
			t.Fatalf("after %q: %v", e.After, err)
		}
		if e.Action != "import" || e.Entity != "channel" || e.ActorID != app.Users[loa.RoleSecretary].ID || e.Before != "" ||
			after.File != "kenh.csv" || after.Summary != (store.ImportSummary{Rows: 3, Created: 3}) {
			t.Errorf("entry %+v, after %+v; want an import of channel by the secretary, file kenh.csv, 3 rows created", e, after)
		}
	})
}

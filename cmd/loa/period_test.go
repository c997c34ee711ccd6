package main

import (
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/dbtest"
)

// TestPeriodCloseReopen closes 2024-H1 after the imports of TestImportAndReport: a file
// adding a publication to it is refused with its line and changes nothing, the same
// files again are accepted, and after the admin's reopening (with a reason) the file
// goes in and the report changes.
func TestPeriodCloseReopen(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db, dir := e.DSN(t), t.TempDir()
			for _, f := range importFiles {
				if code, _, errs := runLoa(t, "--db", db, "import", f.kind, writeFile(t, dir, f.name, f.text)); code != 0 {
					t.Fatalf("import %s: %s", f.kind, errs)
				}
			}
			for _, args := range [][]string{{"period"}, {"period", "close"}, {"period", "close", "2024-h1"}, {"period", "reopen", "2024-H1"}} {
				if code, _, errs := runLoa(t, append([]string{"--db", db}, args...)...); code != 2 {
					t.Errorf("%v: exit %d (%s), want 2", args, code, errs)
				}
			}
			if code, out, errs := runLoa(t, "--db", db, "period", "close", "2024-H1"); code != 0 || !strings.Contains(out, "6 tháng đầu năm 2024") {
				t.Fatalf("close: exit %d, %q %q", code, out, errs)
			}
			before := reportJSON(t, db, "--period", "2024-H1")
			path := writeFile(t, dir, "late.csv", "item_ref,title,kind,unit_code,channel,published_on\n"+
				"HH-1,Hội nghị sơ kết công tác tuyên truyền,news,TB-HUNGHA,site,2024-01-10\n"+
				"HH-1,Hội nghị sơ kết công tác tuyên truyền,news,TB-HUNGHA,ptth,2024-03-03\n")
			code, out, errs := runLoa(t, "--db", db, "import", "items", path)
			if code != 1 || out != "" || !strings.HasPrefix(errs, path+":3: Số liệu 6 tháng đầu năm 2024 đã chốt") || strings.Count(errs, "\n") != 1 {
				t.Fatalf("late file: exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if after := reportJSON(t, db, "--period", "2024-H1"); after != before {
				t.Errorf("a refused import changed the closed report")
			}
			if code, _, errs := runLoa(t, "--db", db, "import", "items", filepath.Join(dir, "items.csv")); code != 0 {
				t.Errorf("the same file again: %s", errs)
			}
			if code, out, _ := runLoa(t, "--db", db, "period", "list"); code != 0 || !strings.Contains(out, "2024-H1") || !strings.Contains(out, "đã chốt") {
				t.Errorf("list: %q", out)
			}
			if code, _, errs := runLoa(t, "--db", db, "period", "reopen", "2024-H1", "--reason", "Đài gửi bổ sung"); code != 0 {
				t.Fatalf("reopen: %s", errs)
			}
			if code, _, errs := runLoa(t, "--db", db, "import", "items", path); code != 0 {
				t.Fatalf("after reopening: %s", errs)
			}
			if after := reportJSON(t, db, "--period", "2024-H1"); after == before {
				t.Errorf("the report did not change after reopening")
			}
			if _, out, _ := runLoa(t, "--db", db, "period", "list"); !strings.Contains(out, "Đài gửi bổ sung") {
				t.Errorf("list after reopening: %q", out)
			}
		})
	}
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/internal/dbtest"
)

func TestReportUsageErrors(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLitePath(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"malformed period", []string{"--period", "2024-H3"}},
		{"malformed date", []string{"--from", "2024-02-30", "--to", "2024-03-01"}},
		{"to before from", []string{"--from", "2024-03-01", "--to", "2024-02-01"}},
		{"both period and range", []string{"--period", "2024", "--from", "2024-01-01", "--to", "2024-02-01"}},
		{"neither period nor range", nil},
		{"from without to", []string{"--from", "2024-01-01"}},
		{"unknown format", []string{"--period", "2024", "--format", "pdf"}},
		{"xlsx without -o", []string{"--period", "2024", "--format", "xlsx"}},
		{"bad scope code", []string{"--period", "2024", "--scope", "a b"}},
		{"a positional argument", []string{"--period", "2024", "extra"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runLoa(t, append([]string{"--db", db, "report"}, c.args...)...)
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q, want 2 and nothing (stderr %q)", code, out, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
				t.Fatalf("stderr %q, want the reason on one line", stderr)
			}
		})
	}
}

func TestReportFormats(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db, dir := e.DSN(t), t.TempDir()
			for _, f := range importFiles {
				if code, _, errs := runLoa(t, "--db", db, "import", f.kind, writeFile(t, dir, f.name, f.text)); code != 0 {
					t.Fatalf("import %s: %s", f.kind, errs)
				}
			}

			t.Run("json: a range that is a period is named", func(t *testing.T) {
				var r loa.Report
				out := reportJSON(t, db, "--from", "2023-12-01", "--to", "31/05/2024")
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatal(err)
				}
				if r.Period != "2024-H1" || r.Items != 2 || r.Publications != 3 || len(r.Units) != 2 {
					t.Errorf("got %+v", r)
				}
				if !strings.HasPrefix(out, "{\n  \"from\": \"2023-12-01\",\n  \"to\": \"2024-05-31\",\n  \"period\": \"2024-H1\",") {
					t.Errorf("not indented JSON in the contract's order:\n%s", out)
				}
				// HY-KV3 began in 2025: not in a 2024 report.
				if strings.Contains(out, "HY-KV3") {
					t.Errorf("HY-KV3 listed before it existed")
				}
			})
			t.Run("json to a file with -o", func(t *testing.T) {
				path := filepath.Join(dir, "r.json")
				code, out, errs := runLoa(t, "--db", db, "report", "--period", "2024", "--scope", "TB-HUNGHA", "-o", path)
				if code != 0 || out != "" {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
			})
			t.Run("unknown scope", func(t *testing.T) {
				code, _, errs := runLoa(t, "--db", db, "report", "--period", "2024", "--scope", "NOPE")
				if code != 1 || !strings.Contains(errs, `"NOPE"`) {
					t.Errorf("exit %d, stderr %q; want 1 naming the code", code, errs)
				}
			})
			t.Run("csv", func(t *testing.T) {
				code, out, errs := runLoa(t, "--db", db, "report", "--period", "2024-H1", "--format", "csv")
				if code != 0 {
					t.Fatalf("exit %d, stderr %q", code, errs)
				}
				rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				want := [][]string{
					{"code", "name", "items", "publications", "news", "article", "research", "reportage", "photo", "video", "quotas", "done", "met"},
					{"TB", "Viện kiểm sát nhân dân tỉnh Thái Bình", "0", "0", "0", "0", "0", "0", "0", "0", "", "", ""},
					{"TB-HUNGHA", "Viện kiểm sát nhân dân huyện Hưng Hà", "2", "3", "1", "0", "1", "0", "0", "0", "any:15", "any:2", "false"},
					{"", "Tổng cộng", "2", "3", "1", "0", "1", "0", "0", "0", "", "", ""},
				}
				if !equalRows(rows, want) {
					t.Errorf("got %q\nwant %q", rows, want)
				}
			})
			t.Run("xlsx", func(t *testing.T) {
				path := filepath.Join(dir, "r.xlsx")
				code, out, errs := runLoa(t, "--db", db, "report", "--period", "2024-H1", "--format", "xlsx", "-o", path)
				if code != 0 || out != "" {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
				f, err := excelize.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if got, _ := f.GetCellValue("Báo cáo", "A1"); got != "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH" {
					t.Errorf("A1: got %q", got)
				}
				if got, _ := f.GetCellValue("Theo kênh và loại", "B2"); got != "Báo Bảo vệ pháp luật" {
					t.Errorf("channel name: got %q", got)
				}
			})
		})
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

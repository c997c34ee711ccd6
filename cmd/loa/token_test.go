package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
)

func TestTokenCommands(t *testing.T) {
	t.Setenv("LOA_PASSWORD", "mat-khau-thu-nghiem")
	db := dbtest.SQLitePath(t)
	if code, _, errs := runLoa(t, "--db", db, "user", "add", "--email", "bot@loa.test", "--name", "Máy", "--role", "viewer"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runLoa(t, "--db", db, "token", "create", "--user", "bot@loa.test", "--name", "tổng hợp")
	token := strings.TrimSpace(out)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(token, "loa_") || len(token) != 47 {
		t.Fatalf("create: exit %d, stdout %q, stderr %q; want the token alone on one line", code, out, errs)
	}
	t.Run("list shows the token but never the token itself", func(t *testing.T) {
		code, out, errs := runLoa(t, "--db", db, "token", "list", "--user", "bot@loa.test")
		if code != 0 || !strings.Contains(out, "bot@loa.test") || !strings.Contains(out, "tổng hợp") || strings.Contains(out, token[4:]) {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
		}
	})
	t.Run("revoke, then again", func(t *testing.T) {
		for _, c := range []struct {
			name string
			want int
		}{{"first", 0}, {"again", 1}} {
			code, out, errs := runLoa(t, "--db", db, "token", "revoke", "1")
			if code != c.want {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d", c.name, code, out, errs, c.want)
			}
		}
		_, out, _ := runLoa(t, "--db", db, "token", "list")
		if !strings.Contains(out, "revoked") && strings.Count(out, "\n") != 2 {
			t.Errorf("list after revoke: %q", out)
		}
	})
	for _, c := range []struct {
		name string
		args []string
		want int
	}{
		{"no subcommand", []string{"token"}, 2},
		{"unknown subcommand", []string{"token", "rotate"}, 2},
		{"create without --user", []string{"token", "create"}, 2},
		{"revoke without id", []string{"token", "revoke"}, 2},
		{"revoke a non-number", []string{"token", "revoke", "abc"}, 2},
		{"create for an unknown user", []string{"token", "create", "--user", "nobody@loa.test"}, 1},
		{"revoke an unknown id", []string{"token", "revoke", "99"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runLoa(t, append([]string{"--db", db}, c.args...)...)
			if code != c.want || out != "" || errs == "" || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and one line on stderr", code, out, errs, c.want)
			}
		})
	}
}

func TestImportReport(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			province, national, dir := e.DSN(t), e.DSN(t), t.TempDir()
			for _, f := range importFiles {
				if code, _, errs := runLoa(t, "--db", province, "import", f.kind, writeFile(t, dir, f.name, f.text)); code != 0 {
					t.Fatalf("import %s: %s", f.kind, errs)
				}
			}
			// The national database knows the units (a province code is the key), not the items.
			if code, _, errs := runLoa(t, "--db", national, "import", "units", filepath.Join(dir, "units.csv")); code != 0 {
				t.Fatal(errs)
			}
			sent := filepath.Join(dir, "tb-2024-H1.json")
			if code, _, errs := runLoa(t, "--db", province, "report", "--period", "2024-H1", "--scope", "TB", "-o", sent); code != 0 {
				t.Fatal(errs)
			}
			unscoped := filepath.Join(dir, "all-2024-H1.json")
			if code, _, errs := runLoa(t, "--db", province, "report", "--period", "2024-H1", "-o", unscoped); code != 0 {
				t.Fatal(errs)
			}
			before := reportJSON(t, national, "--period", "2024-H1")
			original, _ := os.ReadFile(sent)
			var fromProvince loa.Report
			json.Unmarshal(original, &fromProvince)

			for _, c := range []struct {
				name string
				args []string
				text string // written to a file when not empty
				want int
				why  string
			}{
				{"invalid JSON", nil, `{"from": "2023-12-01",`, 1, "JSON không hợp lệ"},
				{"missing fields", nil, `{"from": "2023-12-01", "to": "2024-05-31", "scope": "TB"}`, 1, "thiếu trường"},
				{"totals that do not add up", nil, strings.Replace(string(original), `"items": 2,`, `"items": 3,`, 1), 1, "khác tổng"},
				{"a count of 9e18", nil, strings.Replace(string(original), `"publications": `, `"publications": 9000000000000000000, "x": `, 1), 1, "ngoài khoảng"},
				{"a period label of another range", nil, strings.Replace(string(original), `"period": "2024-H1"`, `"period": "2024-H2"`, 1), 1, "không khớp"},
				{"to before from", nil, strings.Replace(string(original), `"to": "2024-05-31"`, `"to": "2023-05-31"`, 1), 1, "trước from"},
				{"a date that is no date", nil, strings.Replace(string(original), `"from": "2023-12-01"`, `"from": "2023-13-01"`, 1), 1, "ngày không hợp lệ"},
				{"no scope and no --unit", []string{unscoped}, "", 2, "--unit"},
				{"--unit of a unit that is no province", []string{unscoped, "--unit", "TB-HUNGHA"}, "", 1, "không phải VKSND cấp tỉnh"},
				{"--unit unknown", []string{unscoped, "--unit", "NOPE"}, "", 1, "không có đơn vị"},
				{"a missing file", []string{filepath.Join(dir, "none.json")}, "", 1, "none.json"},
				{"no file", []string{}, "", 2, "thiếu tệp"},
				{"--unit with another kind", nil, "", 2, "--unit"},
			} {
				t.Run("refused: "+c.name, func(t *testing.T) {
					args := c.args
					if c.text != "" {
						args = []string{writeFile(t, dir, "bad.json", c.text)}
					}
					full := append([]string{"--db", national, "import", "report"}, args...)
					if c.name == "--unit with another kind" {
						full = []string{"--db", national, "import", "units", filepath.Join(dir, "units.csv"), "--unit", "TB"}
					}
					code, out, errs := runLoa(t, full...)
					if code != c.want || out != "" || !strings.Contains(errs, c.why) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
						t.Errorf("exit %d, stdout %q, stderr %q; want %d with %q on one line", code, out, errs, c.want, c.why)
					}
					if after := reportJSON(t, national, "--period", "2024-H1"); after != before {
						t.Errorf("a refused import changed the report:\n%s", after)
					}
				})
			}

			t.Run("a province's report counts in the national one", func(t *testing.T) {
				code, out, errs := runLoa(t, "--db", national, "import", "report", sent)
				if code != 0 || !strings.Contains(out, "báo cáo của TB") || !strings.Contains(out, "mới") {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
				var got loa.Report
				if err := json.Unmarshal([]byte(reportJSON(t, national, "--period", "2024-H1")), &got); err != nil {
					t.Fatal(err)
				}
				if got.Items != fromProvince.Items || got.Publications != fromProvince.Publications || got.Items == 0 {
					t.Errorf("national %d items, %d publications; the province sent %d, %d", got.Items, got.Publications, fromProvince.Items, fromProvince.Publications)
				}
				var tb *loa.ReportUnit
				for _, l := range got.Units {
					if l.Code == "TB-HUNGHA" {
						t.Errorf("TB-HUNGHA listed beside its province's roll-up line")
					}
					if l.Code == "TB" {
						tb = l
					}
				}
				if tb == nil || tb.Items != fromProvince.Items || tb.Met != nil || len(tb.Quotas) != 0 {
					t.Errorf("TB line %+v", tb)
				}
				// The API and the page read the same: see web. Another range is untouched.
				if other := reportJSON(t, national, "--period", "2024"); strings.Contains(other, `"items": 2`) {
					t.Errorf("the 2024-H1 roll-up counted in 2024:\n%s", other)
				}
			})
			t.Run("the same report again replaces it; --unit may repeat the scope", func(t *testing.T) {
				code, out, errs := runLoa(t, "--db", national, "import", "report", sent, "--unit", "TB")
				if code != 0 || !strings.Contains(out, "thay bản trước") {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
				code, _, errs = runLoa(t, "--db", national, "import", "report", "--unit", "HY-KV3", sent)
				if code != 1 || !strings.Contains(errs, "scope") {
					t.Errorf("scope TB with --unit HY-KV3: exit %d, stderr %q", code, errs)
				}
			})
		})
	}
}

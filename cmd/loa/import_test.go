package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/dbtest"
)

// writeFile writes text to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportUsageErrors(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLitePath(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"no kind", []string{"--db", db, "import"}},
		{"unknown kind", []string{"--db", db, "import", "people", "p.csv"}},
		{"missing file argument", []string{"--db", db, "import", "units"}},
		{"two files", []string{"--db", db, "import", "units", "a.csv", "b.csv"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runLoa(t, c.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
				t.Fatalf("stderr %q, want the reason on one line", stderr)
			}
		})
	}
}

// importFiles are a small province's files, in the order they are imported.
var importFiles = []struct{ kind, name, text, summary string }{
	{"channels", "channels.csv", "code,name,type,url\nsite,Trang thông tin điện tử,site,https://vks.thaibinh.gov.vn\nbvpl,Báo Bảo vệ pháp luật,sector,\nptth,Đài PT-TH Thái Bình,radio_tv,\n",
		"%s: 3 dòng; kênh: 3 mới, 0 cập nhật, 0 không đổi"},
	{"units", "units.csv", "code,name,kind,parent_code,valid_from,valid_to,successor_code\n" +
		"TB-HUNGHA,Viện kiểm sát nhân dân huyện Hưng Hà,district,TB,,30/06/2025,HY-KV3\n" +
		"TB,Viện kiểm sát nhân dân tỉnh Thái Bình,province,,,2025-06-30,\n" +
		"HY-KV3,Viện kiểm sát nhân dân khu vực 3,regional,,2025-07-01,,\n",
		"%s: 3 dòng; đơn vị: 3 mới, 0 cập nhật, 0 không đổi"},
	{"quotas", "quotas.csv", "unit_code,period,kind,target\nTB-HUNGHA,2024-H1,any,15\nTB-HUNGHA,2024,research,1\n",
		"%s: 2 dòng; chỉ tiêu: 2 mới, 0 cập nhật, 0 không đổi"},
	{"items", "items.csv", "item_ref,title,kind,unit_code,channel,published_on,authors,topic,url\n" +
		"HH-1,Hội nghị sơ kết công tác tuyên truyền,news,TB-HUNGHA,site,2024-01-10,Nguyễn Văn A;Trần Thị B,,\n" +
		"HH-1,Hội nghị sơ kết công tác tuyên truyền,news,TB-HUNGHA,bvpl,2024-01-12,,,https://baovephapluat.vn/x\n" +
		"HH-2,\"Kiểm sát việc giải quyết án dân sự,\nnhững vấn đề cần lưu ý\",research,TB-HUNGHA,ptth,2024-05-31,,,\n" +
		"TB-1,Tin ảnh ngày 30/11,photo,TB,site,30/11/2023,,,\n",
		"%s: 4 dòng; tin bài: 3 mới, 0 cập nhật, 0 không đổi; lượt đăng: 4 mới, 0 cập nhật"},
}

func TestImportAndReport(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db, dir := e.DSN(t), t.TempDir()
			for _, f := range importFiles {
				path := writeFile(t, dir, f.name, f.text)
				code, out, errs := runLoa(t, "--db", db, "import", f.kind, path)
				if code != 0 {
					t.Fatalf("import %s: exit %d, stderr %q", f.kind, code, errs)
				}
				if want := strings.Replace(f.summary, "%s", path, 1) + "\n"; out != want {
					t.Errorf("import %s: stdout %q, want %q", f.kind, out, want)
				}
			}
			before := reportJSON(t, db, "--period", "2024-H1")
			if !strings.Contains(before, `"below_quota": [
    "TB-HUNGHA"
  ]`) || !strings.Contains(before, `"items": 2,`) {
				t.Errorf("report after the imports:\n%s", before)
			}

			t.Run("the same files again change nothing", func(t *testing.T) {
				for _, f := range importFiles {
					code, out, errs := runLoa(t, "--db", db, "import", f.kind, filepath.Join(dir, f.name))
					if code != 0 || !strings.Contains(out, " 0 mới, 0 cập nhật") {
						t.Errorf("import %s again: exit %d, stdout %q, stderr %q", f.kind, code, out, errs)
					}
				}
				if after := reportJSON(t, db, "--period", "2024-H1"); after != before {
					t.Errorf("report changed:\n%s\nwas\n%s", after, before)
				}
			})

			t.Run("a refused file prints every bad row and stores nothing", func(t *testing.T) {
				path := writeFile(t, dir, "bad.csv", "item_ref,title,kind,unit_code,channel,published_on\n"+
					"HH-9,Tin tốt,news,TB-HUNGHA,site,2024-02-01\n"+
					"HH-10,Tin,tin,TB-HUNGHA,site,2024-02-01\n"+
					"HH-11,\"Tiêu đề\nhai dòng\",news,TB-XX,site,31/02/2024\n"+
					"HH-1,Tiêu đề khác,news,TB-HUNGHA,ptth,2024-02-02\n"+
					"HH-1,Hội nghị,news,TB-HUNGHA,ptth,2024-02-03\n")
				code, out, errs := runLoa(t, "--db", db, "import", "items", path)
				if code != 1 || out != "" {
					t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
				}
				want := path + `:3: kind: loại tin bài không có "tin" (news, article, research, reportage, photo, video)` + "\n" +
					path + `:4: unit_code: không có đơn vị mã "TB-XX"; published_on: ngày không hợp lệ "31/02/2024" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)` + "\n" +
					path + `:7: title: "Hội nghị" khác dòng 6 cùng item_ref "HH-1" ("Tiêu đề khác")` + "\n"
				if errs != want {
					t.Errorf("stderr\n%s\nwant\n%s", errs, want)
				}
				if after := reportJSON(t, db, "--period", "2024-H1"); after != before {
					t.Errorf("a refused import changed the report:\n%s", after)
				}
			})

			t.Run("a refused units file: cycle and unknown successor", func(t *testing.T) {
				path := writeFile(t, dir, "units-bad.csv", "code,name,kind,parent_code,successor_code\nTB,Tỉnh,province,TB-HUNGHA,\nX,Y,district,,NOPE\n")
				code, _, errs := runLoa(t, "--db", db, "import", "units", path)
				want := path + `:2: parent_code: vòng lặp đơn vị cấp trên TB → TB-HUNGHA → TB` + "\n" +
					path + `:3: successor_code: không có đơn vị kế nhiệm mã "NOPE" (trong cơ sở dữ liệu hay trong tệp)` + "\n"
				if code != 1 || errs != want {
					t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, errs, want)
				}
			})

			t.Run("a file that does not exist", func(t *testing.T) {
				path := filepath.Join(dir, "nope.csv")
				code, _, errs := runLoa(t, "--db", db, "import", "units", path)
				if code != 1 || errs != path+":1: không mở được tệp: no such file or directory\n" {
					t.Errorf("exit %d, stderr %q", code, errs)
				}
			})
		})
	}
}

// reportJSON runs loa report with args and returns its JSON.
func reportJSON(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := runLoa(t, append([]string{"--db", db, "report"}, args...)...)
	if code != 0 {
		t.Fatalf("report %v: exit %d, stderr %q", args, code, errs)
	}
	return out
}

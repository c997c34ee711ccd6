package main

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"loa/internal/dbtest"
)

// halfYearItems is an items file giving the seed's half-year figure: 306 items in
// 2024-H1, 9 of them research, spread over the province and Hưng Hà.
func halfYearItems() string {
	var b strings.Builder
	b.WriteString("item_ref,title,kind,unit_code,channel,published_on\n")
	for i := 1; i <= 306; i++ {
		kind, unit := "news", "TB"
		if i <= 9 {
			kind = "research"
		}
		if i%30 == 0 {
			unit = "TB-HUNGHA"
		}
		fmt.Fprintf(&b, "S-%d,Tin số %d,%s,%s,site,2024-%02d-%02d\n", i, i, kind, unit, 1+i%5, 1+i%28)
	}
	return b.String()
}

// docText unzips a .docx and returns the text of its document part.
func docText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(strings.ReplaceAll(string(b), "</w:p>", "\n"), "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestReportDocx(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			db, dir := e.DSN(t), t.TempDir()
			for _, f := range importFiles[:3] {
				if code, _, errs := runLoa(t, "--db", db, "import", f.kind, writeFile(t, dir, f.name, f.text)); code != 0 {
					t.Fatalf("import %s: %s", f.kind, errs)
				}
			}
			if code, _, errs := runLoa(t, "--db", db, "import", "items", writeFile(t, dir, "items.csv", halfYearItems())); code != 0 {
				t.Fatalf("import items: %s", errs)
			}
			path := filepath.Join(dir, "r.docx")
			code, out, errs := runLoa(t, "--db", db, "report", "--period", "2024-H1", "--format", "docx", "-o", path)
			if code != 0 || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
			tx := docText(t, path)
			for _, want := range []string{"VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH", "/BC-VKSTB", "Kết quả công tác tuyên truyền 6 tháng đầu năm 2024",
				"đã có 306 tin, bài được đăng tải", "9 bài nghiên cứu, trao đổi (chiếm 2,9% tổng số)", "Trang thông tin điện tử: 306 lượt",
				"1 đơn vị chưa đạt: Viện kiểm sát nhân dân huyện Hưng Hà (đạt 10/15", "Nơi nhận:"} {
				if !strings.Contains(tx, want) && !strings.Contains(strings.ReplaceAll(tx, "\n", " "), want) {
					t.Errorf("missing %q in\n%s", want, tx)
				}
			}
			empty := filepath.Join(dir, "empty.docx")
			if code, _, errs := runLoa(t, "--db", db, "report", "--period", "2026-Q1", "--format", "docx", "-o", empty); code != 0 {
				t.Fatalf("empty period: exit %d, %s", code, errs)
			}
			if tx := docText(t, empty); !strings.Contains(tx, "chưa có tin, bài nào được ghi nhận") || !strings.Contains(tx, "quý I năm 2026") {
				t.Errorf("empty period:\n%s", tx)
			}
			if code, _, _ := runLoa(t, "--db", db, "report", "--period", "2024", "--format", "docx"); code != 2 {
				t.Errorf("docx without -o: exit %d, want 2", code)
			}
		})
	}
}

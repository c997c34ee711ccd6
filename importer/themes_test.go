package importer_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"loa"
	"loa/importer"
	"loa/internal/dbtest"
	"loa/store"
)

// TestParseThemesRefusals: each refusal of CONTRACTS.md's themes row, FILE:LINE.
func TestParseThemesRefusals(t *testing.T) {
	tb := readCSV(t, "code,period,title,day,description\n"+
		"26 7,2024,Ngày Thương binh liệt sĩ,2024-07-26,\n"+ // bad code
		"X1,2024-H3,Tên,,\n"+ // bad period
		"X2,2024,  ,,\n"+ // empty title
		"X3,2024,Tên,31/02/2024,\n"+ // not a real date
		"X4,2024-H1,Tên,2024-07-26,\n"+ // a day outside the period
		"X5,2024,"+strings.Repeat("a", loa.MaxThemeTitle+1)+",,\n"+ // the form's limit
		"OK,2024,Tên,26/07/2024,Mô tả\n")
	_, err := tb.ParseThemes()
	want := []string{
		`f.csv:2: code: mã không hợp lệ "26 7" (chỉ gồm chữ cái không dấu, chữ số, '-' và '_')`,
		`f.csv:3: period: kỳ không hợp lệ "2024-H3" (dạng 2024, 2024-H1, 2024-H2, 2024-Q1 … 2024-Q4; năm từ 1900 đến 9999)`,
		`f.csv:4: title: thiếu tên chủ đề`,
		`f.csv:5: day: ngày không hợp lệ "31/02/2024" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`,
		`f.csv:6: day: Ngày của chủ đề nằm ngoài kỳ 2024-H1.`,
		`f.csv:7: title: Tên quá dài.`,
	}
	if got := problemLines(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestParseItemsUnknownTheme: the items file's theme column names a stored theme.
func TestParseItemsUnknownTheme(t *testing.T) {
	k := known()
	k.Themes = map[string]bool{"TBLS": true}
	tb := readCSV(t, "item_ref,title,kind,unit_code,channel,published_on,theme\nA,T,news,TB,site,2024-07-26,TBLS\nB,T,news,TB,site,2024-07-26,NOPE\n"+
		"A,T,news,TB,bvpl,2024-07-27,\n")
	_, err := tb.ParseItems(k)
	want := []string{`f.csv:3: theme: không có chủ đề mã "NOPE"`,
		`f.csv:4: theme: "" khác dòng 2 cùng item_ref "A" ("TBLS")`}
	if got := problemLines(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestImportThemesAndItemThemes: a themes file is idempotent by code and audited; an
// items file's theme column sets the item's theme, an empty cell keeps it, and the
// report counts it by_theme.
func TestImportThemesAndItemThemes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		write := func(name, text string) string { return writeFile(t, dir, name, text) }
		imp := func(kind, path string) store.ImportSummary { return importOK(t, db, kind, path) }
		themes := write("themes.csv", "code,period,title,day\nTBLS,2024,Ngày Thương binh liệt sĩ,26/07/2024\nCDS,2024,Chuyển đổi số,\n")
		if s := imp(importer.Themes, themes); s.Created != 2 {
			t.Errorf("themes first import: got %+v, want 2 created", s)
		}
		if s := imp(importer.Themes, themes); s.Unchanged != 2 || s.Created+s.Updated != 0 {
			t.Errorf("themes second import: got %+v, want 2 unchanged", s)
		}
		// Without the day column the stored day is kept; the title is the file's.
		if s := imp(importer.Themes, write("t2.csv", "code,period,title\nTBLS,2024,Kỷ niệm 26/7\n")); s.Updated != 1 {
			t.Errorf("themes update: got %+v, want 1 updated", s)
		}
		th, err := db.ThemeByCode(ctx, "TBLS")
		if err != nil || th.Title != "Kỷ niệm 26/7" || th.Day.String() != "2024-07-26" {
			t.Errorf("TBLS after the update: %+v, %v", th, err)
		}
		_, n, err := db.AuditLog(ctx, store.AuditFilter{Entity: "theme"})
		if err != nil || n != 3 {
			t.Errorf("audit entries of the theme imports: %d, %v; want 3", n, err)
		}

		imp(importer.Channels, write("channels.csv", "code,name,type\nsite,Trang tin,site\n"))
		imp(importer.Units, write("units.csv", "code,name,kind\nTB,Thái Bình,province\n"))
		imp(importer.Items, write("items.csv", "item_ref,title,kind,unit_code,channel,published_on,theme\n"+
			"A,Tri ân,news,TB,site,2024-07-26,TBLS\nB,Số hoá,news,TB,site,2024-07-27,CDS\nC,Khác,news,TB,site,2024-07-28,\n"))
		// An empty theme cell keeps the stored theme; a file without the column too.
		imp(importer.Items, write("items2.csv", "item_ref,title,kind,unit_code,channel,published_on,theme\nA,Tri ân,news,TB,site,2024-07-26,\n"))
		imp(importer.Items, write("items3.csv", "item_ref,title,kind,unit_code,channel,published_on\nB,Số hoá,news,TB,site,2024-07-27\n"))
		r, err := db.Report(ctx, loa.ReportQuery{From: loa.NewDate(2024, 7, 1), To: loa.NewDate(2024, 7, 31)})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"TBLS": 1, "CDS": 1}; !reflect.DeepEqual(r.ByTheme, want) {
			t.Errorf("by_theme: got %v, want %v", r.ByTheme, want)
		}
		// A file moving an item to another theme is a change.
		if s := imp(importer.Items, write("items4.csv", "item_ref,title,kind,unit_code,channel,published_on,theme\nC,Khác,news,TB,site,2024-07-28,CDS\n")); s.Updated != 1 {
			t.Errorf("theme set by a later file: got %+v, want 1 updated", s)
		}
		// An unknown theme refuses the file, FILE:LINE.
		_, err = importer.Import(ctx, db, importer.Items, write("bad.csv", "item_ref,title,kind,unit_code,channel,published_on,theme\nD,T,news,TB,site,2024-07-28,NOPE\n"), store.ImportOptions{})
		if got := problemLines(t, err); len(got) != 1 || !strings.HasSuffix(got[0], `bad.csv:2: theme: không có chủ đề mã "NOPE"`) {
			t.Errorf("unknown theme: got %q", got)
		}
	})
}

package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/export"
)

func boolp(b bool) *bool { return &b }

// sample is a half-year report of two units, one below its quota.
func sample() *loa.Report {
	return &loa.Report{
		From: loa.NewDate(2023, 12, 1), To: loa.NewDate(2024, 5, 31), Period: "2024-H1",
		Items: 16, Publications: 19, Views: 1250,
		ByKind:    map[string]int{"news": 13, "article": 2, "research": 1},
		ByChannel: map[string]int{"site": 15, "bvpl": 4},
		Units: []*loa.ReportUnit{
			{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince, Items: 2, Publications: 3, Views: 1000,
				ByKind: map[string]int{"news": 1, "research": 1}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict, Items: 14, Publications: 16, Views: 250,
				ByKind: map[string]int{"news": 12, "article": 2},
				Quotas: []loa.QuotaResult{{Kind: "any", Target: 15, Done: 14, Met: false}}, Met: boolp(false)},
		},
		BelowQuota: []string{"TB-HUNGHA"},
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := export.CSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "code,name,items,publications,news,article,research,reportage,photo,video,quotas,done,met\n" +
		"TB,Viện kiểm sát nhân dân tỉnh Thái Bình,2,3,1,0,1,0,0,0,,,\n" +
		"TB-HUNGHA,Viện kiểm sát nhân dân huyện Hưng Hà,14,16,12,2,0,0,0,0,any:15,any:14,false\n" +
		",Tổng cộng,16,19,13,2,1,0,0,0,,,\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestXLSX(t *testing.T) {
	var b bytes.Buffer
	err := export.XLSX(&b, sample(), export.XLSXOptions{Made: loa.NewDate(2024, 6, 20), ChannelNames: map[string]string{"site": "Trang tin"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != export.SheetUnits || got[1] != export.SheetBreakdown {
		t.Fatalf("sheets: got %q", got)
	}
	cells := map[string]string{
		"A1": "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH",
		"A2": "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN 6 THÁNG ĐẦU NĂM 2024",
		"A3": "Từ ngày 01/12/2023 đến ngày 31/05/2024",
		"A4": "Lập ngày 20/06/2024",
		"A6": "Mã đơn vị",
		"B6": "Tên đơn vị",
		"C6": "Số tin bài",
		"D6": "Số lượt đăng",
		"E6": "Lượt xem",
		"F6": "Tin",
		"H6": "Bài nghiên cứu, trao đổi",
		"L6": "Chỉ tiêu: Mọi loại",
		"M6": "Đã làm: Mọi loại",
		"N6": "Đạt chỉ tiêu",
		"A8": "TB-HUNGHA",
		"C8": "14",
		"E7": "1000",
		"E8": "250",
		"L8": "15",
		"M8": "14",
		"N8": "Không đạt",
		"B9": "Tổng cộng",
		"C9": "16",
		"D9": "19",
		"E9": "1250",
		"N7": "",
	}
	for cell, want := range cells {
		if got, _ := f.GetCellValue(export.SheetUnits, cell); got != want {
			t.Errorf("%s: got %q, want %q", cell, got, want)
		}
	}
	// Views are numbers, so that the column sums in a spreadsheet.
	for _, c := range []string{"E7", "E8", "E9"} {
		if typ, _ := f.GetCellType(export.SheetUnits, c); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: type %v, want a number", c, typ)
		}
		if v, _ := f.GetCellValue(export.SheetUnits, c); v != "" && strings.HasPrefix(v, "'") {
			t.Errorf("%s: %q", c, v)
		}
	}
	red := func(cell string) bool {
		id, err := f.GetCellStyle(export.SheetUnits, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Font != nil && strings.EqualFold(st.Font.Color, export.RedFont) &&
			len(st.Fill.Color) > 0 && strings.EqualFold(st.Fill.Color[0], export.RedFill)
	}
	for _, c := range []string{"A8", "B8", "N8"} {
		if !red(c) {
			t.Errorf("%s of the unit below quota is not red", c)
		}
	}
	for _, c := range []string{"A7", "B9"} {
		if red(c) {
			t.Errorf("%s is red", c)
		}
	}
	panes, err := f.GetPanes(export.SheetUnits)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 6 {
		t.Errorf("panes: got %+v, want the header frozen", panes)
	}
	if w, _ := f.GetColWidth(export.SheetUnits, "B"); w < 30 {
		t.Errorf("column B width %v, want room for a unit's name", w)
	}
	breakdown := map[string]string{"A1": "Mã kênh", "A2": "bvpl", "B2": "bvpl", "C2": "4", "B3": "Trang tin", "C3": "15", "C4": "19",
		"A6": "Loại", "A7": "news", "C7": "13", "C13": "16"}
	for cell, want := range breakdown {
		if got, _ := f.GetCellValue(export.SheetBreakdown, cell); got != want {
			t.Errorf("%s!%s: got %q, want %q", export.SheetBreakdown, cell, got, want)
		}
	}
}

// nationalReport is a year's report of 2,000 units with quotas.
func nationalReport() *loa.Report {
	r := &loa.Report{From: loa.NewDate(2023, 12, 1), To: loa.NewDate(2024, 11, 30), Period: "2024",
		ByKind: map[string]int{}, ByChannel: map[string]int{"site": 1}, BelowQuota: []string{}}
	for i := range 2000 {
		u := &loa.ReportUnit{Code: fmt.Sprintf("U%04d", i), Name: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d", i), Items: i % 40,
			Publications: i % 50, ByKind: map[string]int{"news": i % 40}, Quotas: []loa.QuotaResult{{Kind: "any", Target: 20, Done: i % 40, Met: i%40 >= 20}}}
		u.Finish()
		if !*u.Met {
			r.BelowQuota = append(r.BelowQuota, u.Code)
		}
		r.Units = append(r.Units, u)
	}
	return r
}

// BenchmarkXLSXNational writes a year's report of the national data set's 2,000
// units; the target is under 2 s.
func BenchmarkXLSXNational(b *testing.B) {
	r := nationalReport()
	for b.Loop() {
		var buf bytes.Buffer
		if err := export.XLSX(&buf, r, export.XLSXOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCSVFormulaCells: a cell a spreadsheet would run as a formula is written with a
// leading "'" (CONTRACTS.md "The report"), whichever column it is in; other text and
// the counts are unchanged.
func TestCSVFormulaCells(t *testing.T) {
	r := sample()
	names := []string{`=HYPERLINK("http://x","y")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "a=b", "Hưng Hà"}
	r.Units = nil
	for i, n := range names {
		r.Units = append(r.Units, &loa.ReportUnit{Code: fmt.Sprintf("U%d", i), Name: n, ByKind: map[string]int{}})
	}
	r.Units[0].Code = "-U0" // a code is ASCII letters, digits, '-' and '_': it may begin with '-'
	var b bytes.Buffer
	if err := export.CSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://x","y")`, "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A2)", "'\tTAB", "'\rCR", "a=b", "Hưng Hà"}
	for i, w := range want {
		if got := rows[i+1][1]; got != w {
			t.Errorf("name %q: got %q, want %q", names[i], got, w)
		}
	}
	if got := rows[1][0]; got != "'-U0" {
		t.Errorf("code: got %q, want %q", got, "'-U0")
	}
	if got := rows[len(rows)-1][2]; got != "16" {
		t.Errorf("totals items: got %q", got)
	}
}

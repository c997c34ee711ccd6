package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/export"
)

// TestXLSXLayout: units in their natural order without the Supreme Procuracy, one
// numeric column pair per quota kind, landscape A4 fitted to width with repeated
// header rows, frozen panes on every sheet, and loa and the agency in the properties.
func TestXLSXLayout(t *testing.T) {
	r := sample()
	r.Units = append(r.Units,
		&loa.ReportUnit{Code: "TB-P10", Name: "Phòng 10", Kind: loa.UnitDepartment, ByKind: map[string]int{}, Quotas: []loa.QuotaResult{}},
		&loa.ReportUnit{Code: "TB-P2", Name: "Phòng 2", Kind: loa.UnitDepartment, ByKind: map[string]int{},
			Quotas: []loa.QuotaResult{{Kind: "research", Target: 1, Done: 0}}, Met: boolp(false)},
		&loa.ReportUnit{Code: "VKSTC", Name: "Viện kiểm sát nhân dân tối cao", Kind: loa.UnitSupreme, ByKind: map[string]int{}, Quotas: []loa.QuotaResult{}})
	var b bytes.Buffer
	agency := "Viện kiểm sát nhân dân tỉnh Hưng Yên"
	if err := export.XLSX(&b, r, export.XLSXOptions{Agency: agency, Made: loa.NewDate(2024, 6, 20)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := export.SheetUnits
	rows, _ := f.GetRows(sh)
	if rows[0][0] != strings.ToUpper(agency) {
		t.Errorf("agency %q", rows[0][0])
	}
	header := strings.Join(rows[5], "|")
	if !strings.HasSuffix(header, "|Chỉ tiêu: Mọi loại|Đã làm: Mọi loại|Chỉ tiêu: Bài nghiên cứu, trao đổi|Đã làm: Bài nghiên cứu, trao đổi|Đạt chỉ tiêu") {
		t.Errorf("header %s", header)
	}
	var order []string
	for _, row := range rows[6:] {
		order = append(order, row[1])
	}
	if got := strings.Join(order, "|"); got != "Viện kiểm sát nhân dân tỉnh Thái Bình|Phòng 2|Phòng 10|Viện kiểm sát nhân dân huyện Hưng Hà|Tổng cộng" {
		t.Errorf("order %s", got)
	}
	// Quotas are numbers: Hưng Hà (row 10) 15 and 14 in L and M, Phòng 2 (row 8) 1 and 0 in N and O.
	for cell, want := range map[string]string{"L10": "15", "M10": "14", "N8": "1", "O8": "0"} {
		typ, _ := f.GetCellType(sh, cell)
		v, _ := f.GetCellValue(sh, cell)
		if v != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s: %q of type %v, want the number %s", cell, v, typ, want)
		}
	}
	if v, _ := f.GetCellValue(sh, "L8"); v != "" {
		t.Errorf("L8 %q, want empty for a unit without that quota", v)
	}
	for _, s := range []string{export.SheetUnits, export.SheetBreakdown} {
		pl, err := f.GetPageLayout(s)
		if err != nil || *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s page layout %+v %v", s, pl, err)
		}
		if p, _ := f.GetSheetProps(s); p.FitToPage == nil || !*p.FitToPage {
			t.Errorf("%s not fitted to the page", s)
		}
		if p, _ := f.GetPanes(s); !p.Freeze || p.YSplit == 0 {
			t.Errorf("%s panes %+v", s, p)
		}
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	if titles[export.SheetUnits] != "'Báo cáo'!$1:$6" || titles[export.SheetBreakdown] != "'Theo kênh và loại'!$1:$1" {
		t.Errorf("print titles %v", titles)
	}
	props, _ := f.GetDocProps()
	if props.Creator != "loa" || props.Description != agency || !strings.HasPrefix(props.Created, "2024-06-20") || !strings.Contains(props.Title, "6 THÁNG ĐẦU NĂM 2024") {
		t.Errorf("properties %+v", props)
	}
	if app, _ := f.GetAppProps(); app.Company != agency || app.Application != "loa" {
		t.Errorf("app properties %+v", app)
	}
}

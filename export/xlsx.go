package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"loa"
)

// XLSXOptions complete what the report itself does not say.
type XLSXOptions struct {
	// Agency heads the sheet and names the file's author: the agency as configured
	// (docx.Settings), the same on every output. Empty: the name of the province
	// unit of the report, else of its scope unit, else a generic name.
	Agency string
	// Made is the date the report was made; zero means today.
	Made loa.Date
	// ChannelNames names the channels on the second sheet, by code; a channel
	// without a name shows its code.
	ChannelNames map[string]string
}

// The sheets' names.
const (
	SheetUnits     = "Báo cáo"
	SheetBreakdown = "Theo kênh và loại"
)

// headerRow is the row of the unit table's header on the first sheet, below the
// title block.
const headerRow = 6

// XLSX writes the report as a workbook: on the first sheet a title block (agency,
// title, period and range in dd/mm/yyyy, date made) and the unit table with a totals
// row, units below quota in red, the header frozen; on the second the totals by
// channel and by kind.
func XLSX(w io.Writer, r *loa.Report, opt XLSXOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetUnits); err != nil {
		return err
	}
	if opt.Made.IsZero() {
		opt.Made = loa.Today()
	}
	if opt.Agency == "" {
		opt.Agency = agencyOf(r)
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := unitSheet(f, r, opt, st); err != nil {
		return err
	}
	if err := breakdownSheet(f, r, opt, st); err != nil {
		return err
	}
	if err := printSetup(f, SheetUnits, headerRow); err != nil {
		return err
	}
	if err := printSetup(f, SheetBreakdown, 1); err != nil {
		return err
	}
	// Say who made the file and when, not excelize's defaults.
	made := opt.Made.String() + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "loa", LastModifiedBy: "loa", Created: made, Modified: made,
		Title: Title(r), Description: opt.Agency, Language: "vi-VN"}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "loa", Company: opt.Agency}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// agencyOf picks the agency that heads the sheet: the province among the report's
// units, else the scope unit, else a generic name.
func agencyOf(r *loa.Report) string {
	for _, u := range r.Units {
		if u.Kind == loa.UnitProvince {
			return u.Name
		}
	}
	for _, u := range r.Units {
		if u.Code == r.Scope {
			return u.Name
		}
	}
	return "Viện kiểm sát nhân dân"
}

type styles struct {
	agency, title, plain, header, cell, red, total int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.agency = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.plain = mk(&excelize.Style{Font: &excelize.Font{Italic: true}})
	st.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}})
	st.cell = mk(&excelize.Style{Border: border})
	st.red = mk(&excelize.Style{Border: border, Font: &excelize.Font{Color: RedFont},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{RedFill}}})
	st.total = mk(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}})
	return &st, err
}

// RedFont and RedFill mark a unit below quota: red text on a pale red fill, so the
// mark survives a black-and-white print (the fill turns grey) and colour blindness
// (the text stays darker than its neighbours).
const (
	RedFont = "C00000"
	RedFill = "FFC7CE"
)

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func unitSheet(f *excelize.File, r *loa.Report, opt XLSXOptions, st *styles) error {
	sh := SheetUnits
	rangeText := fmt.Sprintf("Từ ngày %s đến ngày %s", r.From.Display(), r.To.Display())
	title := Title(r)
	block := []struct {
		text  string
		style int
	}{
		{strings.ToUpper(opt.Agency), st.agency},
		{title, st.title},
		{rangeText, st.plain},
		{"Lập ngày " + opt.Made.Display(), st.plain},
	}
	for i, b := range block {
		if err := f.SetCellValue(sh, cell(1, i+1), b.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell(1, i+1), cell(1, i+1), b.style); err != nil {
			return err
		}
	}

	// Views are the public pages' readers on the days of the range (never an
	// imported site's earlier views), a number so that the column sums.
	header := []any{"Mã đơn vị", "Tên đơn vị", "Số tin bài", "Số lượt đăng", "Lượt xem"}
	for _, k := range loa.ItemKinds {
		header = append(header, loa.KindNames[k])
	}
	// One numeric column pair per quota kind, so that the sheet sums.
	qkinds := quotaKinds(r.Units)
	for _, k := range qkinds {
		header = append(header, "Chỉ tiêu: "+loa.QuotaKindName(k), "Đã làm: "+loa.QuotaKindName(k))
	}
	header = append(header, "Đạt chỉ tiêu")
	ncol := len(header)
	if err := f.SetSheetRow(sh, cell(1, headerRow), &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cell(1, headerRow), cell(ncol, headerRow), st.header); err != nil {
		return err
	}
	row := headerRow
	for _, u := range Ordered(r.Units) {
		row++
		vals := []any{u.Code, u.Name, u.Items, u.Publications, u.Views}
		for _, k := range loa.ItemKinds {
			vals = append(vals, u.ByKind[string(k)])
		}
		for _, k := range qkinds {
			var target, done any = "", ""
			for _, q := range u.Quotas {
				if q.Kind == k {
					target, done = q.Target, q.Done
				}
			}
			vals = append(vals, target, done)
		}
		met := ""
		if u.Met != nil {
			met = "Không đạt"
			if *u.Met {
				met = "Đạt"
			}
		}
		vals = append(vals, met)
		if err := f.SetSheetRow(sh, cell(1, row), &vals); err != nil {
			return err
		}
		style := st.cell
		if u.Met != nil && !*u.Met {
			style = st.red
		}
		if err := f.SetCellStyle(sh, cell(1, row), cell(ncol, row), style); err != nil {
			return err
		}
	}
	row++
	total := []any{"", totalLabel, r.Items, r.Publications, r.Views}
	for _, k := range loa.ItemKinds {
		total = append(total, r.ByKind[string(k)])
	}
	for range qkinds {
		total = append(total, "", "")
	}
	total = append(total, "")
	if err := f.SetSheetRow(sh, cell(1, row), &total); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cell(1, row), cell(ncol, row), st.total); err != nil {
		return err
	}

	widths := map[string]float64{"A": 16, "B": 45}
	for c := 3; c <= ncol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		widths[name] = 12
	}
	for col, wd := range widths {
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, headerRow, 32); err != nil {
		return err
	}
	// Freeze the header and the code column, so both stay in view in a long table.
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: headerRow, TopLeftCell: cell(2, headerRow+1), ActivePane: "bottomRight"})
}

// quotaKinds are the quota kinds any unit has, "any" first then by kind.
func quotaKinds(units []*loa.ReportUnit) []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range units {
		for _, q := range u.Quotas {
			if !seen[q.Kind] {
				seen[q.Kind] = true
				out = append(out, q.Kind)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i] == loa.QuotaKindAny) != (out[j] == loa.QuotaKindAny) {
			return out[i] == loa.QuotaKindAny
		}
		return out[i] < out[j]
	})
	return out
}

// Title is a report's title, the period in words, as the sheet and the printed page
// head it: "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN 6 THÁNG ĐẦU NĂM 2024".
func Title(r *loa.Report) string {
	return "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN " + strings.ToUpper(loa.PeriodWords(r.Period, r.From, r.To))
}

// printSetup prints a sheet on landscape A4 fitted to the page's width, the rows up
// to header repeated on every page, and freezes them on screen.
func printSetup(f *excelize.File, sh string, header int) error {
	size, landscape, one, free := 9, "landscape", 1, 0 // 9 is A4 in SpreadsheetML
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, FitToWidth: &one, FitToHeight: &free}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", sh, header), Scope: sh}); err != nil {
		return err
	}
	if sh == SheetUnits {
		return nil // frozen with the code column too, in unitSheet
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: cell(1, header+1), ActivePane: "bottomLeft"})
}

func breakdownSheet(f *excelize.File, r *loa.Report, opt XLSXOptions, st *styles) error {
	sh := SheetBreakdown
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	put := func(row int, vals []any, style int) error {
		if err := f.SetSheetRow(sh, cell(1, row), &vals); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell(1, row), cell(len(vals), row), style)
	}
	if err := put(1, []any{"Mã kênh", "Tên kênh", "Số lượt đăng"}, st.header); err != nil {
		return err
	}
	codes := make([]string, 0, len(r.ByChannel))
	for c := range r.ByChannel {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	row := 1
	for _, c := range codes {
		row++
		name := opt.ChannelNames[c]
		if name == "" {
			name = c
		}
		if err := put(row, []any{c, name, r.ByChannel[c]}, st.cell); err != nil {
			return err
		}
	}
	row++
	if err := put(row, []any{"", totalLabel, r.Publications}, st.total); err != nil {
		return err
	}
	row += 2
	if err := put(row, []any{"Loại", "Tên loại", "Số tin bài"}, st.header); err != nil {
		return err
	}
	for _, k := range loa.ItemKinds {
		row++
		if err := put(row, []any{string(k), loa.KindNames[k], r.ByKind[string(k)]}, st.cell); err != nil {
			return err
		}
	}
	row++
	if err := put(row, []any{"", totalLabel, r.Items}, st.total); err != nil {
		return err
	}
	for col, wd := range map[string]float64{"A": 14, "B": 40, "C": 14} {
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

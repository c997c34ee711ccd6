package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"loa"
)

// KindLabels are the Vietnamese names of the item kinds, as the Board writes them.
var KindLabels = map[loa.ItemKind]string{
	loa.KindNews:      "Tin",
	loa.KindArticle:   "Bài",
	loa.KindResearch:  "Nghiên cứu, trao đổi",
	loa.KindReportage: "Phóng sự",
	loa.KindPhoto:     "Tin ảnh",
	loa.KindVideo:     "Video",
}

func quotaKindLabel(k string) string {
	if k == loa.QuotaKindAny {
		return "Tất cả"
	}
	if l, ok := KindLabels[loa.ItemKind(k)]; ok {
		return l
	}
	return k
}

// XLSXOptions complete what the report itself does not say.
type XLSXOptions struct {
	// Agency heads the sheet. Empty: the name of the province unit of the report,
	// else of its scope unit, else a generic name.
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
	if r.Period != "" {
		rangeText = fmt.Sprintf("Kỳ %s: từ ngày %s đến ngày %s", r.Period, r.From.Display(), r.To.Display())
	}
	title := "BÁO CÁO KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN"
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

	header := []any{"Mã đơn vị", "Tên đơn vị", "Số tin bài", "Số lượt đăng"}
	for _, k := range loa.ItemKinds {
		header = append(header, KindLabels[k])
	}
	header = append(header, "Chỉ tiêu", "Đã đạt", "Đạt")
	ncol := len(header)
	if err := f.SetSheetRow(sh, cell(1, headerRow), &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cell(1, headerRow), cell(ncol, headerRow), st.header); err != nil {
		return err
	}
	row := headerRow
	for _, u := range r.Units {
		row++
		vals := []any{u.Code, u.Name, u.Items, u.Publications}
		for _, k := range loa.ItemKinds {
			vals = append(vals, u.ByKind[string(k)])
		}
		target, done := quotaCells(u.Quotas)
		met := ""
		if u.Met != nil {
			met = "Không đạt"
			if *u.Met {
				met = "Đạt"
			}
		}
		vals = append(vals, target, done, met)
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
	total := []any{"", totalLabel, r.Items, r.Publications}
	for _, k := range loa.ItemKinds {
		total = append(total, r.ByKind[string(k)])
	}
	total = append(total, "", "", "")
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

// quotaCells shows a unit's quotas: plain numbers for the usual single quota of any
// kind, so the column sums and sorts; else "Kind: n" pairs.
func quotaCells(qs []loa.QuotaResult) (target, done any) {
	switch {
	case len(qs) == 0:
		return "", ""
	case len(qs) == 1 && qs[0].Kind == loa.QuotaKindAny:
		return qs[0].Target, qs[0].Done
	}
	var t, d []string
	for _, q := range qs {
		t = append(t, fmt.Sprintf("%s: %d", quotaKindLabel(q.Kind), q.Target))
		d = append(d, fmt.Sprintf("%s: %d", quotaKindLabel(q.Kind), q.Done))
	}
	return strings.Join(t, "; "), strings.Join(d, "; ")
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
		if err := put(row, []any{string(k), KindLabels[k], r.ByKind[string(k)]}, st.cell); err != nil {
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

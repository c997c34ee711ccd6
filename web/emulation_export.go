package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/store"
)

// nominationsExport sends a period's nominations as a spreadsheet in the shape
// agencies exchange: a title block, then one row per proposal under Vietnamese headers.
func (s *Server) nominationsExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.EmulationPeriod(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	noms, err := s.db.Nominations(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	reviews := make([]*store.NominationReview, len(noms))
	for i, n := range noms {
		if reviews[i], err = s.db.ReviewNomination(ctx, n); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	x, err := nominationsWorkbook(s.cfg.SiteName, p, noms, reviews)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	defer x.Close()
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="de-nghi-khen-thuong-`+strconv.FormatInt(id, 10)+`.xlsx"`)
	if err := x.Write(w); err != nil {
		s.log.Error("xlsx export", "err", err)
	}
}

// nominationsHeader is the header row of the export (row 5). Columns are only ever
// added at the end: agencies' sheets read them by position.
var nominationsHeader = []string{"STT", "Cá nhân / Tập thể", "Đơn vị", "Hình thức khen thưởng", "Thành tích, lý do", "Trạng thái", "Ghi chú",
	"Số tin bài làm căn cứ", "Điểm theo quy tắc của đợt", "Lưu ý (điều kiện, thành tích trùng)"}

// nominationsWorkbook builds the export: agency and title in rows 1–3, headers in row 5,
// proposals from row 6, each with its review's figures and flags (reviews[i] is
// noms[i]'s).
func nominationsWorkbook(agency string, p *loa.EmulationPeriod, noms []*loa.Nomination, reviews []*store.NominationReview) (*excelize.File, error) {
	x := excelize.NewFile()
	const sheet = "Đề nghị khen thưởng"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	title, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	head, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true},
		Border: []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}}})
	cell := func(col, row int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
	set := func(col, row int, v any) error { return x.SetCellValue(sheet, cell(col, row), v) }
	last := cell(len(nominationsHeader), 1)[:1]
	rows := [][2]string{
		{"A1", agency},
		{"A2", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"},
		{"A3", fmt.Sprintf("%s (từ %s đến %s)", p.Name, p.From.Display(), p.To.Display())},
	}
	for i, rw := range rows {
		if err := x.SetCellValue(sheet, rw[0], rw[1]); err != nil {
			return nil, err
		}
		if err := x.MergeCell(sheet, rw[0], fmt.Sprintf("%s%d", last, i+1)); err != nil {
			return nil, err
		}
		if i > 0 {
			x.SetCellStyle(sheet, rw[0], rw[0], title)
		}
	}
	for i, h := range nominationsHeader {
		if err := set(i+1, 5, h); err != nil {
			return nil, err
		}
	}
	x.SetCellStyle(sheet, "A5", cell(len(nominationsHeader), 5), head)
	for i, n := range noms {
		row := 6 + i
		unit := n.UnitName
		if n.PersonID != 0 {
			unit = "" // a person's unit is in the reason when it matters; postings change
		}
		rv := reviews[i]
		score, flags := "0", slices.Clone(rv.Hints)
		if rv.Total != nil {
			score = rv.Total.ScoreText()
		}
		for _, c := range rv.Conflicts {
			flags = append(flags, c.Problem(n.PeriodID))
		}
		for col, v := range []any{i + 1, n.Nominee(), unit, n.Reward, n.Reason, n.Status.Label(), n.Note,
			len(n.Items), score, strings.Join(flags, "\n")} {
			if err := set(col+1, row, v); err != nil {
				return nil, err
			}
		}
	}
	for col, width := range []float64{6, 28, 28, 22, 50, 16, 24, 14, 14, 60} {
		c := cell(col+1, 1)[:1]
		x.SetColWidth(sheet, c, c, width)
	}
	return x, nil
}

package importer

import (
	"bytes"
	"encoding/csv"
	"slices"
)

// Column is one column of an import file as the import page explains it.
type Column struct {
	Name     string // the header, as CONTRACTS.md fixes it
	Required bool
	Hint     string // what goes in it, in Vietnamese; codes to write as they are in `backticks`
	Example  string // the template file's example cell
}

// Guide is what a person needs to fill an import file of one kind: its name in
// Vietnamese and its columns, each with a hint and an example.
type Guide struct {
	Kind    string
	Name    string
	Columns []Column
}

// guides hold the words and examples of each kind; the column names and which are
// required come from columns, so the guide cannot drift from what the import reads.
// The examples chain (the quota and the item name the unit, channel and theme of
// the other examples), so the templates imported in Kinds' order are accepted as
// they are.
var guides = map[string]struct {
	name  string
	hints map[string][2]string // column → hint, example
}{
	Channels: {"Kênh đăng", map[string][2]string{
		"code": {"Mã kênh: chữ không dấu, số, - hoặc _", "bvpl"},
		"name": {"Tên kênh", "Báo Bảo vệ pháp luật"},
		"type": {"Loại kênh: `site` (trang của đơn vị), `sector` (trong ngành), `radio_tv` (phát thanh – truyền hình), `press` (báo chí khác)", "sector"},
		"url":  {"Địa chỉ trang của kênh", "https://baovephapluat.vn"},
	}},
	Units: {"Đơn vị", map[string][2]string{
		"code":           {"Mã đơn vị: chữ không dấu, số, - hoặc _", "KV6"},
		"name":           {"Tên đơn vị", "Viện kiểm sát nhân dân khu vực 6"},
		"kind":           {"Loại đơn vị: `supreme` (VKSND tối cao), `province` (VKSND tỉnh), `department` (phòng, đơn vị trực thuộc), `district` (VKSND cấp huyện), `regional` (VKSND khu vực)", "regional"},
		"parent_code":    {"Mã đơn vị cấp trên", ""},
		"valid_from":     {"Ngày bắt đầu hoạt động (dd/mm/yyyy)", "01/07/2025"},
		"valid_to":       {"Ngày thôi hoạt động (dd/mm/yyyy)", ""},
		"successor_code": {"Mã đơn vị kế thừa", ""},
	}},
	Quotas: {"Chỉ tiêu", map[string][2]string{
		"unit_code": {"Mã đơn vị", "KV6"},
		"period":    {"Kỳ: năm công tác (`2025`), 6 tháng (`2025-H1`, `2025-H2`) hoặc quý (`2025-Q1` … `2025-Q4`)", "2025"},
		"kind":      {"Loại tin bài: `news` (tin), `article` (bài), `research` (nghiên cứu, trao đổi), `reportage` (phóng sự), `photo` (tin ảnh), `video`, hoặc `any` (mọi loại)", "any"},
		"target":    {"Số tin bài phải đạt (số nguyên từ 0)", "12"},
	}},
	Themes: {"Chủ đề tuyên truyền", map[string][2]string{
		"code":        {"Mã chủ đề: chữ không dấu, số, - hoặc _", "CDS-2025"},
		"period":      {"Kỳ: năm công tác (`2025`), 6 tháng (`2025-H1`, `2025-H2`) hoặc quý (`2025-Q1` … `2025-Q4`)", "2025"},
		"title":       {"Tên chủ đề", "Tuyên truyền chuyển đổi số"},
		"day":         {"Ngày kỷ niệm, nếu có (dd/mm/yyyy)", ""},
		"description": {"Mô tả", "Định hướng tuyên truyền về chuyển đổi số của ngành"},
	}},
	Items: {"Tin bài đã đăng", map[string][2]string{
		"item_ref":     {"Mã tin bài do đơn vị đặt; các dòng cùng mã là các lần đăng của cùng một tin bài", "KV6-2025-001"},
		"title":        {"Tiêu đề", "Khu vực 6 tổ chức phiên tòa rút kinh nghiệm"},
		"kind":         {"Loại tin bài: `news` (tin), `article` (bài), `research` (nghiên cứu, trao đổi), `reportage` (phóng sự), `photo` (tin ảnh), `video`", "news"},
		"unit_code":    {"Mã đơn vị gửi tin bài", "KV6"},
		"channel":      {"Mã kênh đăng", "bvpl"},
		"published_on": {"Ngày đăng (dd/mm/yyyy), không sau hôm nay", "15/07/2025"},
		"authors":      {"Tác giả, cách nhau bằng dấu ;", "Nguyễn Văn An; Trần Thị Bình"},
		"topic":        {"Chủ đề", "Phiên tòa rút kinh nghiệm"},
		"url":          {"Địa chỉ bài trên kênh", "https://baovephapluat.vn/bai-mau"},
		"theme":        {"Mã chủ đề tuyên truyền của tin bài", "CDS-2025"},
	}},
}

// GuideOf is kind's guide; ok is false for a kind without one.
func GuideOf(kind string) (g Guide, ok bool) {
	w, ok := guides[kind]
	if !ok {
		return Guide{Kind: kind, Name: kind}, false
	}
	g = Guide{Kind: kind, Name: w.name}
	cols := columns[kind]
	for _, c := range append(slices.Clone(cols.required), cols.optional...) {
		h := w.hints[c]
		g.Columns = append(g.Columns, Column{Name: c, Required: slices.Contains(cols.required, c), Hint: h[0], Example: h[1]})
	}
	return g, true
}

// Guides lists the guide of every kind, in Kinds' order.
func Guides() []Guide {
	var gs []Guide
	for _, k := range Kinds {
		g, _ := GuideOf(k)
		gs = append(gs, g)
	}
	return gs
}

// Template is the guide as a CSV file to fill in: a UTF-8 BOM (so that Excel reads
// the Vietnamese letters), the header row and one example row.
func (g Guide) Template() []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	var head, row []string
	for _, c := range g.Columns {
		head = append(head, c.Name)
		row = append(row, c.Example)
	}
	w.Write(head)
	w.Write(row)
	w.Flush()
	return b.Bytes()
}

package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/docx"
)

func boolp(b bool) *bool { return &b }

// halfYear is the seed's half-year, the report of CONTRACTS.md: 306 items.
func halfYear() *loa.Report {
	return &loa.Report{
		From: loa.NewDate(2023, 12, 1), To: loa.NewDate(2024, 5, 31), Period: "2024-H1",
		Items: 306, Publications: 341, Views: 5400,
		ByKind:    map[string]int{"news": 251, "article": 38, "research": 9, "reportage": 5, "photo": 3},
		ByChannel: map[string]int{"site": 298, "bvpl": 21, "ptth": 22},
		Units: []*loa.ReportUnit{
			{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince, Items: 200, Publications: 220, Views: 1500,
				ByKind: map[string]int{"news": 180, "research": 9, "article": 11}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-P10", Name: "Phòng 10", Kind: loa.UnitDepartment, Items: 40, Publications: 45, ByKind: map[string]int{"news": 40}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-P2", Name: "Phòng 2", Kind: loa.UnitDepartment, Items: 52, Publications: 60,
				ByKind: map[string]int{"news": 31, "article": 13, "reportage": 5, "photo": 3}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict, Items: 14, Publications: 16, Views: 3900,
				ByKind: map[string]int{"article": 14}, Quotas: []loa.QuotaResult{{Kind: "any", Target: 15, Done: 14}}, Met: boolp(false)},
			{Code: "VKSTC", Name: "Viện kiểm sát nhân dân tối cao", Kind: loa.UnitSupreme, ByKind: map[string]int{}, Quotas: []loa.QuotaResult{}},
		},
		BelowQuota: []string{"TB-HUNGHA"},
	}
}

// parts unzips a document and checks that every part is well-formed XML.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, f := range z.File {
		if i == 0 && f.Name != "[Content_Types].xml" {
			t.Errorf("first part %s, want [Content_Types].xml", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
		out[f.Name] = string(data)
	}
	return out
}

// text is the document's text, paragraphs on their own lines.
func text(doc string) string {
	doc = strings.ReplaceAll(doc, "</w:p>", "\n")
	doc = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(doc, "")
	for _, e := range [][2]string{{"&lt;", "<"}, {"&gt;", ">"}, {"&#34;", `"`}, {"&#39;", "'"}, {"&amp;", "&"}} {
		doc = strings.ReplaceAll(doc, e[0], e[1])
	}
	return doc
}

func write(t *testing.T, d *docx.Doc) map[string]string {
	t.Helper()
	b, err := docx.Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("LOA_DOCX_OUT") != "" { // to look at it in Word or LibreOffice
		os.WriteFile(filepath.Join(os.Getenv("LOA_DOCX_OUT"), strings.ReplaceAll(t.Name(), "/", "_")+".docx"), b, 0o644)
	}
	return parts(t, b)
}

func attr(t *testing.T, xmlText, elem, name string) int {
	t.Helper()
	m := regexp.MustCompile(`<w:` + elem + `\b[^>]*\bw:` + name + `="(\d+)"`).FindStringSubmatch(xmlText)
	if m == nil {
		t.Fatalf("no w:%s of <w:%s>", name, elem)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func mm(twips int) float64 { return float64(twips) * 25.4 / 1440 }

// TestLayout checks every rule of Decree 30 that CONTRACTS.md lists, on the Báo cáo
// of the seed's half-year.
func TestLayout(t *testing.T) {
	s := docx.SettingsFrom(map[string]string{"signer_name": "Nguyễn Văn An", "authority": "KT. Viện trưởng", "signer_title": "Phó Viện trưởng"},
		"Viện kiểm sát nhân dân tỉnh Thái Bình")
	d := docx.Report(halfYear(), docx.ReportOptions{Settings: s, Made: loa.NewDate(2024, 6, 5),
		ChannelNames: map[string]string{"site": "Trang thông tin điện tử", "bvpl": "Báo Bảo vệ pháp luật"}})
	p := write(t, d)
	doc := p["word/document.xml"]

	checkLayout(t, p, d)
	tx := text(doc)
	for _, want := range []string{
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\nVIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH\n",
		"Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-VKSTB\n",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThái Bình, ngày 05 tháng 6 năm 2024\n",
		"BÁO CÁO\nKết quả công tác tuyên truyền 6 tháng đầu năm 2024\n",
		"306 tin, bài", "341 lượt đăng", "9 bài nghiên cứu, trao đổi (chiếm 2,9% tổng số)",
		"Trang thông tin điện tử: 298 lượt; ptth: 22 lượt; Báo Bảo vệ pháp luật: 21 lượt.",
		"Các đơn vị có nhiều tin, bài nhất: Viện kiểm sát nhân dân tỉnh Thái Bình (200 tin, bài); Phòng 2 (52 tin, bài); Phòng 10 (40 tin, bài).",
		"Các tin, bài trên trang thông tin điện tử có 5400 lượt xem trong kỳ, nhiều nhất là Viện kiểm sát nhân dân huyện Hưng Hà (3900 lượt xem).",
		"1 đơn vị chưa đạt: Viện kiểm sát nhân dân huyện Hưng Hà (đạt 14/15 tin, bài)",
		"III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
		"Nơi nhận:\n- Viện kiểm sát nhân dân tối cao (để báo cáo);\n", "- Lưu: VT, Ban tuyên truyền.\n",
		"KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG\n", "Nguyễn Văn An\n",
	} {
		if !strings.Contains(tx, want) {
			t.Errorf("missing %q in\n%s", want, tx)
		}
	}
	// Units in natural order, the Supreme Procuracy left out of a province's table.
	table := tx[strings.Index(tx, "Đơn vị\nTin, bài"):]
	order := []string{"Viện kiểm sát nhân dân tỉnh Thái Bình\n200\n220\n1500", "Phòng 2\n52\n60\n0", "Phòng 10\n40", "Viện kiểm sát nhân dân huyện Hưng Hà\n14\n16\n3900\n0\n15\nChưa đạt", "Tổng cộng\n306\n341\n5400\n9"}
	at := 0
	for _, o := range order {
		i := strings.Index(table[at:], o)
		if i < 0 {
			t.Fatalf("%q not after %d in the unit table:\n%s", o, at, table)
		}
		at += i
	}
	if strings.Contains(table, "tối cao\n0") {
		t.Errorf("the Supreme Procuracy is in the province's table")
	}
	pdfPages(t, d, 2, 3)
}

// TestEscaping: text with XML's special characters stays text.
func TestEscaping(t *testing.T) {
	d := &docx.Doc{Agency: `A & B <"C">`, Kind: "BÁO CÁO", Summary: "x</w:t>y", Date: loa.NewDate(2024, 1, 2),
		Body: []docx.Block{docx.Para{Text: "1 < 2 & 3 > 2"}, docx.Table{Header: []string{"<a>"}, Rows: [][]string{{"&amp;"}}}}}
	tx := text(write(t, d)["word/document.xml"])
	for _, want := range []string{`A & B <"C">`, "x</w:t>y", "1 < 2 & 3 > 2", "<a>", "&amp;", "ngày 02 tháng 01 năm 2024"} {
		if !strings.Contains(tx, want) {
			t.Errorf("missing %q in %s", want, tx)
		}
	}
}

// TestEmptyPeriod: a period without data gives a whole document saying so.
func TestEmptyPeriod(t *testing.T) {
	r := &loa.Report{From: loa.NewDate(2024, 12, 1), To: loa.NewDate(2025, 2, 28), Period: "2025-Q1",
		ByKind: map[string]int{}, ByChannel: map[string]int{}, Units: []*loa.ReportUnit{}, BelowQuota: []string{}}
	p := write(t, docx.Report(r, docx.ReportOptions{Settings: docx.SettingsFrom(nil, "")}))
	tx := text(p["word/document.xml"])
	for _, want := range []string{"Kết quả công tác tuyên truyền quý I năm 2025", "chưa có tin, bài nào được ghi nhận", "Nơi nhận:", "VIỆN TRƯỞNG", "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2025", "<w:titlePg/>"} {
		if !strings.Contains(tx, want) && !strings.Contains(p["word/document.xml"], want) {
			t.Errorf("missing %q in\n%s", want, tx)
		}
	}
	if strings.Contains(tx, "Tổng cộng") {
		t.Errorf("tables of nothing")
	}
}

// TestSettingsDefaults: missing or blank settings fall back to their defaults.
func TestSettingsDefaults(t *testing.T) {
	s := docx.SettingsFrom(map[string]string{"agency": "  ", "recipients": "\n - \n"}, "")
	if s.Agency != docx.DefaultAgency || s.ParentAgency == "" || s.Place != "Thái Bình" || s.Symbol != "VKSTB" || s.SignerTitle != "VIỆN TRƯỞNG" || len(s.Recipients) != 4 {
		t.Errorf("defaults: %+v", s)
	}
	s = docx.SettingsFrom(map[string]string{"recipients": "- Như trên;\nLưu: VT."}, "Viện kiểm sát nhân dân thành phố Hà Nội")
	if s.Place != "Hà Nội" || s.Symbol != "VKSHN" || fmt.Sprint(s.Recipients) != "[Như trên Lưu: VT]" {
		t.Errorf("settings: %+v", s)
	}
	s = docx.SettingsFrom(nil, "Viện kiểm sát nhân dân tối cao")
	if s.ParentAgency != "" {
		t.Errorf("the Supreme Procuracy has no parent: %+v", s)
	}
}

package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
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
		Items: 306, Publications: 341,
		ByKind:    map[string]int{"news": 251, "article": 38, "research": 9, "reportage": 5, "photo": 3},
		ByChannel: map[string]int{"site": 298, "bvpl": 21, "ptth": 22},
		Units: []*loa.ReportUnit{
			{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince, Items: 200, Publications: 220,
				ByKind: map[string]int{"news": 180, "research": 9, "article": 11}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-P10", Name: "Phòng 10", Kind: loa.UnitDepartment, Items: 40, Publications: 45, ByKind: map[string]int{"news": 40}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-P2", Name: "Phòng 2", Kind: loa.UnitDepartment, Items: 52, Publications: 60,
				ByKind: map[string]int{"news": 31, "article": 13, "reportage": 5, "photo": 3}, Quotas: []loa.QuotaResult{}},
			{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict, Items: 14, Publications: 16,
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
	doc, styles := p["word/document.xml"], p["word/styles.xml"]

	// A4, margins within the Decree's ranges.
	if attr(t, doc, "pgSz", "w") != 11906 || attr(t, doc, "pgSz", "h") != 16838 {
		t.Errorf("page size is not A4")
	}
	for _, m := range []struct {
		side   string
		lo, hi float64
	}{{"top", 20, 25}, {"bottom", 20, 25}, {"left", 30, 35}, {"right", 15, 20}} {
		if v := mm(attr(t, doc, "pgMar", m.side)); v < m.lo-0.1 || v > m.hi+0.1 {
			t.Errorf("margin %s %.1f mm, want %v–%v", m.side, v, m.lo, m.hi)
		}
	}
	// Times New Roman everywhere, body 14 pt, and no run names another font.
	if !strings.Contains(styles, `w:ascii="Times New Roman" w:hAnsi="Times New Roman"`) || attr(t, styles, "sz", "val") != 28 {
		t.Errorf("default font is not Times New Roman 14 pt:\n%s", styles)
	}
	if strings.Contains(doc, "rFonts") {
		t.Errorf("a run names its own font")
	}
	// Body paragraphs (justified, indented) use the default size: 13–14 pt.
	for _, m := range regexp.MustCompile(`<w:p><w:pPr>(?:<w:keepNext/><w:keepLines/>)?<w:spacing[^>]*/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr>(.*?)</w:rPr>`).FindAllStringSubmatch(doc, -1) {
		if strings.Contains(m[1], "w:sz ") && !strings.Contains(m[1], `w:sz w:val="26"`) && !strings.Contains(m[1], `w:sz w:val="28"`) {
			t.Errorf("body paragraph of another size: %s", m[1])
		}
	}
	// The header block is a borderless two-column table, and the texts are in place.
	if !strings.HasPrefix(doc[strings.Index(doc, "<w:body>"):], `<w:body><w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/>`) {
		t.Errorf("the document does not open with a borderless table")
	}
	tx := text(doc)
	for _, want := range []string{
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\nVIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH\n",
		"Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-VKSTB\n",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThái Bình, ngày 05 tháng 6 năm 2024\n",
		"BÁO CÁO\nKết quả công tác tuyên truyền 6 tháng đầu năm 2024\n",
		"306 tin, bài", "341 lượt đăng", "9 bài nghiên cứu, trao đổi (chiếm 2,9% tổng số)",
		"Trang thông tin điện tử: 298 lượt; ptth: 22 lượt; Báo Bảo vệ pháp luật: 21 lượt.",
		"Các đơn vị có nhiều tin, bài nhất: Viện kiểm sát nhân dân tỉnh Thái Bình (200 tin, bài); Phòng 2 (52 tin, bài); Phòng 10 (40 tin, bài).",
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
	order := []string{"Viện kiểm sát nhân dân tỉnh Thái Bình\n200", "Phòng 2\n52", "Phòng 10\n40", "Viện kiểm sát nhân dân huyện Hưng Hà\n14\n16\n0\n15\nChưa đạt", "Tổng cộng\n306\n341\n9"}
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
	// Motto underlined, date in italics, agency bold.
	for _, want := range []string{
		`<w:b/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</w:t>`,
		`<w:i/></w:rPr><w:t xml:space="preserve">Thái Bình, ngày 05 tháng 6 năm 2024</w:t>`,
		`<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH</w:t>`,
		"<w:tblHeader/>",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %s", want)
		}
	}
	// The signature: a row that cannot split, after a paragraph kept with it, and the
	// closing line kept with it too.
	sig := doc[strings.LastIndex(doc, "<w:tbl>"):]
	if !strings.HasPrefix(sig, `<w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/>`) || !strings.Contains(sig, "<w:tr><w:trPr><w:cantSplit/></w:trPr>") {
		t.Errorf("the signature is not a borderless row kept on one page")
	}
	before := doc[:strings.LastIndex(doc, "<w:tbl>")]
	closing := before[strings.LastIndex(before, "Trên đây là báo cáo")-300:]
	if strings.Count(closing, "<w:keepNext/>") < 2 {
		t.Errorf("the closing line is not kept with the signature: %s", closing)
	}
	// Page numbers: a distinct, empty first-page header, the PAGE field centred on the others.
	if !strings.Contains(doc, "<w:titlePg/>") || !strings.Contains(doc, `<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>`) ||
		!strings.Contains(doc, `<w:headerReference w:type="default" r:id="rIdHeader"/>`) {
		t.Errorf("no distinct first page with its own header")
	}
	rels := p["word/_rels/document.xml.rels"]
	if !strings.Contains(rels, `Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"`) ||
		!strings.Contains(rels, `Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"`) {
		t.Errorf("headers not related: %s", rels)
	}
	if h := p["word/header1.xml"]; !strings.Contains(h, `<w:jc w:val="center"/>`) || !strings.Contains(h, "> PAGE </w:instrText>") {
		t.Errorf("header without a centred page number: %s", h)
	}
	if h := p["word/header2.xml"]; strings.Contains(h, "PAGE") || strings.Contains(h, "<w:t") {
		t.Errorf("first page header not empty: %s", h)
	}
	if c := p["docProps/core.xml"]; !strings.Contains(c, "<dc:creator>loa</dc:creator>") || !strings.Contains(c, "Viện kiểm sát nhân dân tỉnh Thái Bình") {
		t.Errorf("properties: %s", c)
	}
	pdfPages(t, p, d)
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

// pdfPages converts the document with LibreOffice, where installed, and checks the
// page count: the half-year's report takes two or three pages, never a page more
// for the signature alone. Skipped without LibreOffice.
func pdfPages(t *testing.T, p map[string]string, d *docx.Doc) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Log("LibreOffice not installed: no PDF check")
			return
		}
	}
	dir := t.TempDir()
	b, _ := docx.Bytes(d)
	in := filepath.Join(dir, "r.docx")
	os.WriteFile(in, b, 0o644)
	out, err := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+dir+"/profile", "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "r.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if n < 2 || n > 3 {
		t.Errorf("%d pages", n)
	}
	_ = p
}

package docx_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"loa/docx"
)

// checkLayout checks, on the unzipped parts p of document d, every rule of Decree 30
// that CONTRACTS.md lists: the one check every document's test calls.
func checkLayout(t *testing.T, p map[string]string, d *docx.Doc) {
	t.Helper()
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
	// Every run is 11–14 pt: 13–14 for the text, 11–12 only for "Nơi nhận" and its list.
	for _, m := range regexp.MustCompile(`<w:sz w:val="(\d+)"/>`).FindAllStringSubmatch(doc, -1) {
		if n, _ := strconv.Atoi(m[1]); n < docx.SizeList || n > docx.SizeBody {
			t.Errorf("a run of %d half-points", n)
		}
	}
	// Body paragraphs (justified, first line indented 1 cm) are 13–14 pt.
	for _, m := range regexp.MustCompile(`<w:p><w:pPr>(?:<w:keepNext/><w:keepLines/>)?<w:spacing[^>]*/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr>(.*?)</w:rPr>`).FindAllStringSubmatch(doc, -1) {
		if strings.Contains(m[1], "w:sz ") && !strings.Contains(m[1], `w:sz w:val="26"`) && !strings.Contains(m[1], `w:sz w:val="28"`) {
			t.Errorf("body paragraph of another size: %s", m[1])
		}
	}
	// The header block: a borderless two-column table opening the document, with the
	// parent agency, the agency (bold), the number and symbol at left, the national
	// title (bold), the motto (bold, underlined) and the place and date (italics) at right.
	if !strings.HasPrefix(doc[strings.Index(doc, "<w:body>"):], `<w:body><w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/>`) {
		t.Errorf("the document does not open with a borderless table")
	}
	run := func(props, text string) string {
		return props + `</w:rPr><w:t xml:space="preserve">` + text + `</w:t>`
	}
	placeDate := d.Place + ", " + d.Date.Official()
	for _, want := range []string{
		run(`<w:b/><w:sz w:val="26"/><w:szCs w:val="26"/>`, strings.ToUpper(d.Agency)),
		run(`<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>`, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
		run(`<w:b/><w:u w:val="single"/>`, "Độc lập - Tự do - Hạnh phúc"),
		run(`<w:i/>`, placeDate),
		run(`<w:b/>`, d.Kind),
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %s", want)
		}
	}
	tx := text(doc)
	head := ""
	if d.ParentAgency != "" {
		head = strings.ToUpper(d.ParentAgency) + "\n"
	}
	head += strings.ToUpper(d.Agency) + "\n\n" + docx.NumberLine(d.Number, d.Symbol) + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" +
		placeDate + "\n" + d.Kind + "\n" + d.Summary + "\n"
	if !strings.Contains(tx, head) {
		t.Errorf("header block, kind and summary: want\n%s\nin\n%s", head, tx)
	}
	// The signature: the last table, borderless, its one row unsplittable, "Nơi nhận:"
	// and the recipients at left, the signer at right; the body's end kept with it.
	at := strings.LastIndex(doc, "<w:tbl>")
	sig := doc[at:]
	if !strings.HasPrefix(sig, `<w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/>`) || !strings.Contains(sig, "<w:tr><w:trPr><w:cantSplit/></w:trPr>") {
		t.Errorf("the signature is not a borderless row kept on one page")
	}
	want := "Nơi nhận:\n"
	for _, r := range d.Recipients {
		want += "- " + strings.TrimRight(r, ";.")
	}
	if got := strings.ReplaceAll(strings.ReplaceAll(text(sig), ";\n", ""), ".\n", ""); !strings.Contains(got, want) {
		t.Errorf("recipients: want %q in %q", want, got)
	}
	if !strings.Contains(text(sig), strings.ToUpper(d.SignerTitle)+"\n") || !strings.Contains(text(sig), d.SignerName+"\n") {
		t.Errorf("signer %q %q not in %s", d.SignerTitle, d.SignerName, text(sig))
	}
	paras := strings.Split(doc[:at], "<w:p>")
	for _, last := range paras[len(paras)-2:] {
		if !strings.Contains(last, "<w:keepNext/>") {
			t.Errorf("the body's end is not kept with the signature: %s", last)
		}
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
	// Tables: header rows repeated on every page, rows never split.
	if n, m := strings.Count(doc, "<w:tblHeader/>"), strings.Count(doc, `<w:tblBorders><w:top w:val="single"`); n != m {
		t.Errorf("%d bordered tables, %d repeated header rows", m, n)
	}
	if c := p["docProps/core.xml"]; !strings.Contains(c, "<dc:creator>loa</dc:creator>") || !strings.Contains(c, "<dc:description>"+d.Agency+"</dc:description>") {
		t.Errorf("properties: %s", c)
	}
}

// pdfPages converts d to PDF with LibreOffice (docx.PDF) and checks that it has lo
// to hi pages. Without LibreOffice the check is skipped, unless LOA_EXPECT_PDF is
// set (.ci/run installs LibreOffice and sets it): then a missing converter fails.
func pdfPages(t *testing.T, d *docx.Doc, lo, hi int) {
	t.Helper()
	if docx.Converter() == "" {
		if os.Getenv("LOA_EXPECT_PDF") != "" {
			t.Fatal("LOA_EXPECT_PDF is set but LibreOffice (soffice) is not installed")
		}
		t.Log("LibreOffice not installed: no PDF check")
		return
	}
	b, err := docx.Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := docx.PDF(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("LOA_DOCX_OUT"); out != "" {
		os.WriteFile(filepath.Join(out, strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), pdf, 0o644)
	}
	if n := pageCount(t, pdf); n < lo || n > hi {
		t.Errorf("%d pages, want %d–%d", n, lo, hi)
	}
}

// pageCount is the PDF's number of pages: pdfinfo's where poppler-utils is
// installed, else the count of its page objects.
func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "d.pdf")
		os.WriteFile(f, pdf, 0o644)
		out, err := exec.Command("pdfinfo", f).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v: %s", err, out)
		}
		m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("pdfinfo says no page count: %s", out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

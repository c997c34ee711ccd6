// Package docx writes administrative documents (báo cáo, thông báo, tờ trình, quyết
// định) as Word files in the layout of Decree 30/2020/NĐ-CP, with the standard
// library only: the package parts are a template of our own, written as XML with every
// text escaped, and zipped with archive/zip. (No maintained Go library does this
// layout: github.com/gomutex/godocx is not available to us and is pre-1.0; see the
// README's decisions.)
//
// The layout rules (Decree 30, Appendix I):
//   - A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm;
//   - Times New Roman, body 14 pt, justified, first line indented 1 cm;
//   - the header block as a borderless two-column table: at left the parent agency
//     (capitals) and the issuing agency (capitals, bold) over a short rule, then the
//     number and symbol; at right the national title (capitals, bold) and the motto
//     (bold, underlined), then the place and date in italics;
//   - the kind of document in capitals bold, and its summary in bold, centred;
//   - at the end a borderless two-column table, kept on one page with the last lines
//     of the body: "Nơi nhận:" and the recipients at left, the signer's authority,
//     title and name at right;
//   - page numbers centred at the top, from page 2 (a distinct, empty first-page
//     header).
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"loa"
)

// Page geometry, in twentieths of a point (twips): 1 mm = 1440/25.4 twips.
const (
	PageWidth    = 11906 // A4, 210 mm
	PageHeight   = 16838 // A4, 297 mm
	MarginTop    = 1134  // 20 mm
	MarginBottom = 1134  // 20 mm
	MarginLeft   = 1701  // 30 mm
	MarginRight  = 851   // 15 mm
	// TextWidth is the width between the margins, shared by the full-width tables.
	TextWidth = PageWidth - MarginLeft - MarginRight
)

// Font sizes in half-points, as Word counts them.
const (
	Font      = "Times New Roman"
	SizeBody  = 28 // 14 pt
	SizeTable = 26 // 13 pt: table text, header block
	SizeSmall = 24 // 12 pt: "Nơi nhận:", and the national title, which at 13 pt wraps in its column
	SizeList  = 22 // 11 pt: the recipients, as the Decree sets them
)

// Doc is one administrative document.
type Doc struct {
	// ParentAgency is the agency the issuer reports to (may be empty); Agency issues
	// the document. Both are written in capitals.
	ParentAgency, Agency string
	// Number is the document's number, usually left empty for the clerk to write by
	// hand when it is signed; Symbol follows it ("BC-VKSTB").
	Number, Symbol string
	// Place and Date make the line "Thái Bình, ngày 05 tháng 6 năm 2024".
	Place string
	Date  loa.Date
	// Kind is the document's kind in capitals ("BÁO CÁO"); Summary its subject
	// ("Kết quả công tác tuyên truyền 6 tháng đầu năm 2024").
	Kind, Summary string
	Body          []Block
	// Recipients are the lines under "Nơi nhận:", without the leading dash.
	Recipients []string
	// Authority is the signing authority line ("KT. VIỆN TRƯỞNG"), may be empty;
	// SignerTitle ("PHÓ VIỆN TRƯỞNG") and SignerName follow.
	Authority, SignerTitle, SignerName string
	// Title and Creator go into the file's properties; Creator defaults to "loa".
	Title, Creator string
	// Created is the files' creation time; zero means now.
	Created time.Time
}

// Block is a piece of a document's body.
type Block interface {
	// write writes the block; keep asks that its end stay on the page of what
	// follows (the last block before the signature).
	write(b *strings.Builder, keep bool)
}

// Heading is a bold heading of the body ("I. KẾT QUẢ ĐẠT ĐƯỢC").
type Heading struct{ Text string }

// Center is a bold centred line of the body: a decision's issuing authority
// ("VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỈNH THÁI BÌNH") and its "QUYẾT ĐỊNH:".
type Center struct{ Text string }

// Para is a paragraph of the body: justified, first line indented. Each line of
// Text (split on "\n") is a paragraph of its own.
type Para struct {
	Text   string
	Italic bool
}

// Table is a bordered table: a header row repeated on every page it spans, the
// rows, and an optional totals row in bold. Widths are relative (they are scaled to
// the text width); Right marks the columns whose cells are numbers.
type Table struct {
	Header []string
	Rows   [][]string
	Total  []string
	Widths []int
	Right  []bool
}

// Write writes d as a .docx package to w.
func Write(w io.Writer, d *Doc) error {
	if d.Creator == "" {
		d.Creator = "loa"
	}
	if d.Created.IsZero() {
		d.Created = time.Now()
	}
	if d.Title == "" {
		d.Title = strings.TrimSpace(d.Kind + " " + d.Summary)
	}
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", core(d)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", document(d)},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/header1.xml", headerPageNumber},
		{"word/header2.xml", headerEmpty},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// Bytes is Write into memory.
func Bytes(d *Doc) ([]byte, error) {
	var b bytes.Buffer
	err := Write(&b, d)
	return b.Bytes(), err
}

// esc escapes text for XML character data and attributes.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// run is the formatting of a run of text.
type run struct {
	bold, italic, underline bool
	size                    int // half-points; 0 is the default, SizeBody
}

func (r run) write(b *strings.Builder, text string) {
	b.WriteString("<w:r><w:rPr>")
	if r.bold {
		b.WriteString("<w:b/>")
	}
	if r.italic {
		b.WriteString("<w:i/>")
	}
	if r.underline {
		b.WriteString(`<w:u w:val="single"/>`)
	}
	if r.size != 0 {
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size, r.size)
	}
	b.WriteString("</w:rPr>")
	fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t></w:r>`, esc(text))
}

// para is the formatting of a paragraph.
type para struct {
	align    string // "center", "both", "left", "right"
	indent   bool   // first line indented 1 cm
	before   int    // space before, twips
	keepNext bool   // on the same page as the next paragraph
	rule     bool   // a short rule under it (the agency, the summary)
}

func (p para) write(b *strings.Builder, r run, text string) {
	b.WriteString("<w:p><w:pPr>")
	if p.keepNext {
		b.WriteString("<w:keepNext/><w:keepLines/>")
	}
	if p.rule {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="0"/>`, p.before)
	if p.indent {
		b.WriteString(`<w:ind w:firstLine="567"/>`)
	}
	if p.align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, p.align)
	}
	b.WriteString("</w:pPr>")
	if text != "" {
		r.write(b, text)
	}
	b.WriteString("</w:p>")
}

// shortRule is the short centred rule under the agency's name and the summary: an
// empty paragraph whose bottom border is narrowed by indents to about a third of w.
func shortRule(b *strings.Builder, w int) {
	in := w / 3
	fmt.Fprintf(b, `<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
		`<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/></w:pPr></w:p>`, in, in)
}

func (h Heading) write(b *strings.Builder, _ bool) {
	para{align: "both", indent: true, before: 120, keepNext: true}.write(b, run{bold: true}, h.Text)
}

func (c Center) write(b *strings.Builder, keep bool) {
	para{align: "center", before: 120, keepNext: true}.write(b, run{bold: true}, c.Text)
}

func (p Para) write(b *strings.Builder, keep bool) {
	var lines []string
	for _, line := range strings.Split(p.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	for i, line := range lines {
		para{align: "both", indent: true, before: 120, keepNext: keep && i == len(lines)-1}.write(b, run{italic: p.Italic}, line)
	}
}

func (t Table) write(b *strings.Builder, keep bool) {
	n := len(t.Header)
	widths := scale(t.Widths, n, TextWidth)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(TextWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	row := func(cells []string, header, bold, keep bool) {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if header {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>")
		for i := 0; i < n; i++ {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			align := "left"
			if header {
				align = "center"
			} else if i < len(t.Right) && t.Right[i] {
				align = "right"
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`, widths[i])
			para{align: align, keepNext: keep}.write(b, run{bold: header || bold, size: SizeTable}, text)
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	row(t.Header, true, false, false)
	for i, r := range t.Rows {
		row(r, false, false, keep && t.Total == nil && i == len(t.Rows)-1)
	}
	if t.Total != nil {
		row(t.Total, false, true, keep)
	}
	b.WriteString("</w:tbl>")
	// Word needs a paragraph between two tables, and the space reads better.
	para{keepNext: keep}.write(b, run{}, "")
}

// scale turns relative widths into twips summing to total; missing ones count 1.
func scale(rel []int, n, total int) []int {
	sum := 0
	ws := make([]int, n)
	for i := range ws {
		ws[i] = 1
		if i < len(rel) && rel[i] > 0 {
			ws[i] = rel[i]
		}
		sum += ws[i]
	}
	used := 0
	for i := range ws {
		ws[i] = ws[i] * total / sum
		used += ws[i]
	}
	ws[n-1] += total - used
	return ws
}

// twoColumns opens a borderless table of two columns of the given widths.
func twoColumns(b *strings.Builder, left, right int) {
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>`, left+right)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="nil"/>`, side)
	}
	fmt.Fprintf(b, `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid>`, left, right)
}

func cell(b *strings.Builder, w int, body func()) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, w)
	body()
	b.WriteString("</w:tc>")
}

// Widths of the header block's and the signature's columns.
const (
	headLeft  = 3969 // 7 cm
	headRight = TextWidth - headLeft
	signLeft  = TextWidth / 2
	signRight = TextWidth - signLeft
)

// NumberLine is "Số: 12/BC-VKSTB", with room to write the number by hand when
// there is none.
func NumberLine(number, symbol string) string {
	if number = strings.TrimSpace(number); number == "" {
		number = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
	}
	return "Số: " + number + "/" + symbol
}

func header(b *strings.Builder, d *Doc) {
	twoColumns(b, headLeft, headRight)
	b.WriteString("<w:tr>")
	cell(b, headLeft, func() {
		c := para{align: "center"}
		if d.ParentAgency != "" {
			c.write(b, run{size: SizeTable}, upper(d.ParentAgency))
		}
		c.write(b, run{bold: true, size: SizeTable}, upper(d.Agency))
		shortRule(b, headLeft)
		para{align: "center", before: 120}.write(b, run{size: SizeTable}, NumberLine(d.Number, d.Symbol))
	})
	cell(b, headRight, func() {
		c := para{align: "center"}
		c.write(b, run{bold: true, size: SizeSmall}, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
		c.write(b, run{bold: true, underline: true}, "Độc lập - Tự do - Hạnh phúc")
		para{align: "center", before: 240}.write(b, run{italic: true}, d.Place+", "+d.Date.Official())
	})
	b.WriteString("</w:tr></w:tbl>")
}

// upper writes an agency's name in capitals, as the Decree wants it.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func signature(b *strings.Builder, d *Doc) {
	twoColumns(b, signLeft, signRight)
	// cantSplit keeps the row on one page; the body's last paragraph keeps with it.
	b.WriteString("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
	cell(b, signLeft, func() {
		p := para{align: "left", before: 240, keepNext: true}
		p.write(b, run{bold: true, italic: true, size: SizeSmall}, "Nơi nhận:")
		for i, r := range d.Recipients {
			end := ";"
			if i == len(d.Recipients)-1 {
				end = "."
			}
			r = strings.TrimRight(strings.TrimSpace(r), ";.")
			para{align: "left", keepNext: true}.write(b, run{size: SizeList}, "- "+r+end)
		}
	})
	cell(b, signRight, func() {
		p := para{align: "center", keepNext: true}
		first := true
		for _, line := range []string{d.Authority, d.SignerTitle} {
			if line = upper(line); line != "" {
				q := p
				if first {
					q.before = 240
					first = false
				}
				q.write(b, run{bold: true}, line)
			}
		}
		// Room for the signature and the seal.
		for range 4 {
			p.write(b, run{}, "")
		}
		p.write(b, run{bold: true}, strings.TrimSpace(d.SignerName))
	})
	b.WriteString("</w:tr></w:tbl>")
}

func document(d *Doc) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	header(&b, d)
	para{align: "center", before: 360}.write(&b, run{bold: true}, upper(d.Kind))
	if d.Summary != "" {
		para{align: "center"}.write(&b, run{bold: true}, d.Summary)
	}
	shortRule(&b, TextWidth)
	// The end of the body keeps with the signature, so that the recipients and the
	// signer never stand alone on the last page.
	for i, bl := range d.Body {
		bl.write(&b, i == len(d.Body)-1)
	}
	para{keepNext: true}.write(&b, run{}, "")
	signature(&b, d)
	fmt.Fprintf(&b, `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/>`+
		`<w:titlePg/></w:sectPr></w:body></w:document>`, PageWidth, PageHeight, MarginTop, MarginRight, MarginBottom, MarginLeft)
	return b.String()
}

func core(d *Doc) string {
	t := d.Created.UTC().Format("2006-01-02T15:04:05Z")
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:creator>` + esc(d.Creator) + `</dc:creator>` +
		`<dc:description>` + esc(d.Agency) + `</dc:description><dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified></cp:coreProperties>`
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

const appProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>loa</Application></Properties>`

// styles sets Times New Roman 14 pt for everything, Vietnamese as the language.
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
	`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// headerPageNumber is the header of pages 2 onwards: the page number, centred.
const headerPageNumber = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`

// headerEmpty is the first page's header: no number on page 1.
const headerEmpty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:hdr>`

// PlaceOf is the place named before the date of a document: the province or city of
// the agency ("Viện kiểm sát nhân dân tỉnh Thái Bình" → "Thái Bình"); the Supreme
// Procuracy and agencies whose name says no province write "Hà Nội".
func PlaceOf(agency string) string {
	lower := strings.ToLower(agency)
	for _, p := range []string{"thành phố ", "tỉnh "} {
		if i := strings.LastIndex(lower, p); i >= 0 {
			if place := strings.TrimSpace(agency[i+len(p):]); place != "" {
				return place
			}
		}
	}
	return "Hà Nội"
}

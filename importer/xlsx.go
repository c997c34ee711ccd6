package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds of an XLSX file. A workbook is a zip of XML parts, and a few KB of it can
// describe gigabytes: a cell in column XFD on every row (excelize's GetRows pads
// each row to 16 384 cells), a million empty shared strings, a styles part that
// excelize parses whole when it opens a file. So ReadXLSX reads only the parts it
// needs (the workbook, its relations, the shared strings, the first sheet), each
// streamed token by token, and refuses a file as soon as it passes one of these.
const (
	maxXLSXFile    = 64 << 20  // a workbook read from a stream (a file is read in place)
	maxXLSXPart    = 256 << 20 // one part, uncompressed: the zip refuses a part longer than it says
	maxZipDir      = 512 << 10 // the zip's directory: a real workbook's is a few KB
	maxXLSXColumns = 64        // an import file has at most 10 columns
	maxXLSXCells   = 1_000_000 // cells kept, the blanks before a row's last value included
	maxXLSXStrings = 500_000   // shared strings
	maxXLSXText    = 32 << 20  // the shared strings' text, in bytes
	maxXLSXRow     = 1_048_576 // Excel's last row
	maxXMLToken    = 1 << 20   // one XML token (Excel holds at most 32 767 characters a cell)
	maxXMLDepth    = 64        // nested elements
)

// xlsxSlots lets at most two workbooks be read at once in the process: each may
// take up to the bounds above in memory, and the server promises to stay under
// 300 MB while many arrive. It is package-level on purpose, as the bound is on the
// process's memory, shared by every caller (the web import, the command line); the
// channel is never replaced.
var xlsxSlots = make(chan struct{}, 2)

// ReadXLSX reads the first sheet of an XLSX workbook: the header on row 1, a row's
// Line its row number. Cells are read raw, without their number format, so that a
// date cell comes as Excel's serial number (which the date columns accept) rather
// than as "06-30-24" in whatever format the sheet shows.
//
// A damaged or oversized workbook is refused as "FILE:LINE: reason", with the row
// where it went past a bound; r is read in place when it is a file (io.ReaderAt).
func ReadXLSX(name string, r io.Reader) (*Table, error) {
	xlsxSlots <- struct{}{}
	defer func() { <-xlsxSlots }()
	zr, err := openZip(r)
	if err != nil {
		return nil, Problems{{File: name, Line: 1, Reason: "không đọc được tệp XLSX: " + err.Error()}}
	}
	wb := &workbook{name: name, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))] = f
	}
	t := &Table{File: name, xlsx: true}
	sheet, sst, err := wb.structure(t)
	if err == nil {
		err = wb.readSheet(t, sheet, sst)
	}
	var ps Problems
	if errors.As(err, &ps) {
		return nil, ps
	}
	if err != nil {
		return nil, Problems{{File: name, Line: 1, Reason: "không đọc được tệp XLSX: " + err.Error()}}
	}
	return t, nil
}

// openZip opens r as a zip, in place when it can; reading the zip's directory may
// take at most maxZipDir (Go's reader keeps an entry for each header it finds).
func openZip(r io.Reader) (*zip.Reader, error) {
	var ra io.ReaderAt
	var size int64
	if f, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		n, err := f.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, err
		}
		ra, size = f, n
	} else {
		data, err := io.ReadAll(io.LimitReader(r, maxXLSXFile+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxXLSXFile {
			return nil, fmt.Errorf("tệp lớn hơn %d MB", maxXLSXFile>>20)
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	b := &budgetReaderAt{r: ra, left: maxZipDir + 66<<10}
	zr, err := zip.NewReader(b, size)
	b.left = math.MaxInt64
	if errors.Is(err, errZipDir) {
		return nil, err
	}
	if err != nil {
		return nil, errors.New("không phải tệp zip hợp lệ")
	}
	return zr, nil
}

var errZipDir = errors.New("danh mục zip quá lớn")

// budgetReaderAt fails once more than left bytes are read.
type budgetReaderAt struct {
	r    io.ReaderAt
	left int64
}

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if int64(len(p)) > b.left {
		return 0, errZipDir
	}
	b.left -= int64(len(p))
	return b.r.ReadAt(p, off)
}

// workbook is an XLSX file being read: its parts by lower-cased name.
type workbook struct {
	name  string
	parts map[string]*zip.File
}

func (wb *workbook) problem(line int, format string, args ...any) Problems {
	return Problems{{File: wb.name, Line: line, Reason: fmt.Sprintf(format, args...)}}
}

// open streams the part at name (nil when the workbook has none).
func (wb *workbook) open(name string) (*xmlReader, io.Closer, error) {
	f := wb.parts[strings.ToLower(name)]
	if f == nil {
		return nil, nil, nil
	}
	if f.UncompressedSize64 > maxXLSXPart {
		return nil, nil, wb.problem(1, "phần %s của tệp XLSX quá lớn (giải nén hơn %d MB)", f.Name, maxXLSXPart>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	g := &tokenGuard{r: rc}
	return &xmlReader{d: xml.NewDecoder(g), g: g}, rc, nil
}

// structure finds the first sheet's part, reads the shared strings, and sets the
// table's date system.
func (wb *workbook) structure(t *Table) (*zip.File, []string, error) {
	book := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err != nil {
		return nil, nil, err
	} else if p := rels.byType("/officeDocument"); p != "" {
		book = p
	}
	x, c, err := wb.open(book)
	if err != nil || x == nil {
		return nil, nil, errors.Join(err, errors.New("thiếu phần workbook"))
	}
	defer c.Close()
	var sheetID string
	for {
		tok, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if e, ok := tok.(xml.StartElement); ok {
			switch e.Name.Local {
			case "workbookPr":
				v := attr(e, "date1904")
				t.date1904 = v == "1" || v == "true"
			case "sheet":
				if sheetID == "" {
					for _, a := range e.Attr {
						if a.Name.Local == "id" && a.Name.Space != "" {
							sheetID = a.Value
						}
					}
				}
			}
		}
	}
	dir, base := path.Split(book)
	rels, err := wb.rels(dir+"_rels/"+base+".rels", dir)
	if err != nil {
		return nil, nil, err
	}
	sheet := wb.parts[strings.ToLower(rels.target[sheetID])]
	if sheetID == "" || sheet == nil {
		return nil, nil, wb.problem(1, "tệp XLSX không có trang tính nào")
	}
	sst, err := wb.sharedStrings(rels.byType("/sharedStrings"))
	return sheet, sst, err
}

// relations are a part's relationships: targets by id, and by type.
type relations struct{ target, typ map[string]string }

func (r relations) byType(suffix string) string {
	for id, typ := range r.typ {
		if strings.HasSuffix(typ, suffix) {
			return r.target[id]
		}
	}
	return ""
}

// rels reads a relationships part; targets are resolved against dir.
func (wb *workbook) rels(name, dir string) (relations, error) {
	r := relations{target: map[string]string{}, typ: map[string]string{}}
	x, c, err := wb.open(name)
	if err != nil || x == nil {
		return r, err
	}
	defer c.Close()
	for {
		tok, err := x.next()
		if err == io.EOF {
			return r, nil
		}
		if err != nil {
			return r, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" && len(r.target) < 1000 {
			target := attr(e, "Target")
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Join(dir, target)
			}
			r.target[attr(e, "Id")], r.typ[attr(e, "Id")] = target, attr(e, "Type")
		}
	}
}

// sharedStrings reads the shared strings part, within maxXLSXStrings and maxXLSXText.
func (wb *workbook) sharedStrings(name string) ([]string, error) {
	if name == "" {
		name = "xl/sharedStrings.xml"
	}
	x, c, err := wb.open(name)
	if err != nil || x == nil {
		return nil, err
	}
	defer c.Close()
	var sst []string
	text := 0
	for {
		tok, err := x.next()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			return nil, err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			if len(sst) == maxXLSXStrings {
				return nil, wb.problem(1, "tệp XLSX có hơn %d chuỗi dùng chung", maxXLSXStrings)
			}
			s, err := x.richText()
			if err != nil {
				return nil, err
			}
			if text += len(s); text > maxXLSXText {
				return nil, wb.problem(1, "các chuỗi dùng chung của tệp XLSX dài hơn %d MB", maxXLSXText>>20)
			}
			sst = append(sst, s)
		}
	}
}

// readSheet streams the sheet's rows into t: row 1 is the header. A row past a
// bound is refused with its number.
func (wb *workbook) readSheet(t *Table, part *zip.File, sst []string) error {
	x, c, err := wb.open(part.Name)
	if err != nil {
		return err
	}
	defer c.Close()
	var (
		line, cells int
		row         []string
		started     bool // a row with a value was seen: the header is set
	)
	for {
		tok, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return wb.problem(max(line, 1), "không đọc được trang tính đầu: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				n := line + 1
				if r := attr(e, "r"); r != "" {
					if n, err = strconv.Atoi(r); err != nil || n <= line || n > maxXLSXRow {
						return wb.problem(max(line, 1), "số dòng %q sai hoặc không theo thứ tự", r)
					}
				}
				line, row = n, nil
			case "c":
				if line == 0 {
					return wb.problem(1, "ô nằm ngoài dòng nào")
				}
				if row, err = wb.cell(x, e, line, row, sst); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if e.Name.Local != "row" || len(row) == 0 {
				continue
			}
			if cells += len(row); cells > maxXLSXCells {
				return wb.problem(line, "tệp XLSX có hơn %d ô: xin chia thành nhiều tệp", maxXLSXCells)
			}
			if !started {
				started = true
				hdr := row
				if line != 1 {
					hdr = nil
				}
				if p := t.setHeader(hdr); p != nil {
					return p
				}
				if line == 1 {
					continue
				}
			}
			t.addRow(line, row)
		}
	}
	if !started {
		return wb.problem(1, "tệp trống: thiếu dòng tiêu đề")
	}
	return nil
}

// cell reads the cell just started (start) into row, the cells of the current line
// so far: its value by type (a shared string, an inline string, or the raw value).
func (wb *workbook) cell(x *xmlReader, start xml.StartElement, line int, row []string, sst []string) ([]string, error) {
	ref, typ := attr(start, "r"), attr(start, "t")
	var v, inline strings.Builder
	hasInline, inV := false, false
	for depth := 1; depth > 0; {
		tok, err := x.next()
		if err != nil {
			return nil, wb.problem(line, "không đọc được trang tính đầu: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "is" {
				s, err := x.richText()
				if err != nil {
					return nil, wb.problem(line, "không đọc được trang tính đầu: %v", err)
				}
				inline.WriteString(s)
				hasInline = true
				continue
			}
			depth++
			inV = e.Name.Local == "v"
		case xml.EndElement:
			depth--
			inV = false
		case xml.CharData:
			if inV {
				v.Write(e)
			}
		}
	}
	col := len(row) + 1
	if ref != "" {
		c, _, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			return nil, wb.problem(line, "ô %q không hợp lệ", ref)
		}
		col = c
	}
	val := v.String()
	switch {
	case typ == "s":
		i, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil || i < 0 || i >= len(sst) {
			return nil, wb.problem(line, "ô %s trỏ tới chuỗi dùng chung %q không có", ref, val)
		}
		val = sst[i]
	case typ == "inlineStr" && hasInline:
		val = inline.String()
	}
	if val == "" {
		return row, nil
	}
	if col <= len(row) {
		return nil, wb.problem(line, "ô %s đứng sau một ô bên phải nó", ref)
	}
	if col > maxXLSXColumns {
		return nil, wb.problem(line, "ô %s có dữ liệu ở cột thứ %d: tệp nhập chỉ dùng %d cột đầu", ref, col, maxXLSXColumns)
	}
	for len(row) < col-1 {
		row = append(row, "")
	}
	return append(row, val), nil
}

// xmlReader streams a part token by token: no token may take more than
// maxXMLToken bytes of input, nor elements nest deeper than maxXMLDepth.
type xmlReader struct {
	d     *xml.Decoder
	g     *tokenGuard
	depth int
}

func (x *xmlReader) next() (xml.Token, error) {
	x.g.n = 0
	tok, err := x.d.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > maxXMLDepth {
			return nil, fmt.Errorf("các phần tử XML lồng nhau quá %d tầng", maxXMLDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// richText reads the element just started (a shared string's <si>, a cell's <is>)
// to its end: the text of its <t> elements, phonetic guides (<rPh>) left out.
func (x *xmlReader) richText() (string, error) {
	var b strings.Builder
	inT, rph := 0, 0
	for depth := 1; depth > 0; {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch e.Name.Local {
			case "t":
				inT++
			case "rPh":
				rph++
			}
		case xml.EndElement:
			depth--
			switch e.Name.Local {
			case "t":
				inT--
			case "rPh":
				rph--
			}
		case xml.CharData:
			if inT > 0 && rph == 0 {
				if b.Len()+len(e) > maxXMLToken {
					return "", fmt.Errorf("một ô dài hơn %d KB", maxXMLToken>>10)
				}
				b.Write(e)
			}
		}
	}
	return b.String(), nil
}

// tokenGuard fails a read once n, the bytes read since the decoder last returned
// a token, passes maxXMLToken (the decoder reads ahead 4 KB at most).
type tokenGuard struct {
	r io.Reader
	n int
}

func (g *tokenGuard) Read(p []byte) (int, error) {
	if g.n > maxXMLToken {
		return 0, fmt.Errorf("một phần tử XML dài hơn %d KB", maxXMLToken>>10)
	}
	n, err := g.r.Read(p)
	g.n += n
	return n, err
}

// attr is start's attribute named local ("" when it has none).
func attr(start xml.StartElement, local string) string {
	for _, a := range start.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

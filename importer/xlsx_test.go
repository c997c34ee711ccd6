package importer_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"loa/importer"
	"loa/internal/hostile"
)

func readRefused(t *testing.T, data []byte) string {
	t.Helper()
	tb, err := importer.ReadXLSX("x.xlsx", bytes.NewReader(data))
	if err == nil {
		t.Fatalf("read %d rows, want the file refused", len(tb.Rows))
	}
	lines := problemLines(t, err)
	if len(lines) != 1 {
		t.Fatalf("got %q, want one problem", lines)
	}
	return lines[0]
}

// TestXLSXColumnXFD: the workbook, 12 KB with one cell per row in column
// XFD, took 987 MB (each row padded to 16 384 cells). Refused at its first such
// row, having allocated little.
func TestXLSXColumnXFD(t *testing.T) {
	var rows strings.Builder
	rows.WriteString(hostile.Header)
	for i := 2; i <= 2000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i, i)
	}
	data := hostile.Workbook(rows.String(), "", nil)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := readRefused(t, data)
	runtime.ReadMemStats(&after)
	if want := "x.xlsx:2: ô XFD2 có dữ liệu ở cột thứ 16384: tệp nhập chỉ dùng 64 cột đầu"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Errorf("reading it allocated %d MB", n>>20)
	}
}

// TestXLSXBounds: a shared-strings bomb, an endless cell, deep nesting, rows out
// of order, a bad shared string index and a zip directory of many entries are
// each refused with their line and reason.
func TestXLSXBounds(t *testing.T) {
	manyEntries := map[string]string{}
	for i := range 12000 {
		manyEntries[fmt.Sprintf("xl/media/x%05d.bin", i)] = ""
	}
	for _, tc := range []struct {
		name, sheet, sst string
		extra            map[string]string
		want             string
	}{
		{"shared strings bomb", hostile.Header, strings.Repeat("<si/>", 600_000), nil,
			"x.xlsx:1: tệp XLSX có hơn 500000 chuỗi dùng chung"},
		{"endless cell", hostile.Header + `<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("a", 2<<20) + `</t></is></c></row>`, "", nil,
			"x.xlsx:2: không đọc được trang tính đầu: một ô dài hơn 1024 KB"},
		{"deep nesting", hostile.Header + `<row r="2"><c r="A2">` + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + `</c></row>`, "", nil,
			"x.xlsx:2: không đọc được trang tính đầu: các phần tử XML lồng nhau quá 64 tầng"},
		{"rows out of order", hostile.Header + `<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>`, "", nil,
			`x.xlsx:5: số dòng "3" sai hoặc không theo thứ tự`},
		{"bad shared string", hostile.Header + `<row r="2"><c r="A2" t="s"><v>7</v></c></row>`, "<si><t>a</t></si>", nil,
			`x.xlsx:2: ô A2 trỏ tới chuỗi dùng chung "7" không có`},
		{"zip directory", hostile.Header, "", manyEntries,
			"x.xlsx:1: không đọc được tệp XLSX: danh mục zip quá lớn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := readRefused(t, hostile.Workbook(tc.sheet, tc.sst, tc.extra)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestXLSXCells: shared strings with rich text and phonetic guides, inline
// strings, numbers, the 1904 date system, a row without cell references.
func TestXLSXCells(t *testing.T) {
	sheet := hostile.Header + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>45473</v></c></row>` +
		`<row r="4"><c t="inlineStr"><is><r><t>b</t></r><r><t>c</t></r></is></c><c/><c r="C4" t="str"><v>x</v></c></row>`
	sst := `<si><t>site</t></si><si><r><t>Trang </t></r><r><t xml:space="preserve">tin</t></r><rPh><t>ignored</t></rPh></si>`
	data := hostile.Workbook(sheet, sst, map[string]string{"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`})
	tb, err := importer.ReadXLSX("x.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(tb.Columns, tb.Rows), `[code name type] [{2 [site Trang tin 45473]} {4 [bc  x]}]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

package importer

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads the first sheet of an XLSX workbook: the header on row 1, a row's
// Line its row number. Cells are read raw, without their number format, so that a
// date cell comes as Excel's serial number (which the date columns accept) rather
// than as "06-30-24" in whatever format the sheet shows.
//
// A damaged workbook is refused, never a crash: excelize's parsers are recovered from,
// since a file from another agency may be anything.
func ReadXLSX(name string, r io.Reader) (t *Table, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, Problems{{File: name, Line: 1, Reason: fmt.Sprintf("tệp XLSX hỏng: %v", p)}}
		}
	}()
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, Problems{{File: name, Line: 1, Reason: "không đọc được tệp XLSX: " + err.Error()}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, Problems{{File: name, Line: 1, Reason: "tệp XLSX không có trang tính nào"}}
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, Problems{{File: name, Line: 1, Reason: "không đọc được trang tính đầu: " + err.Error()}}
	}
	t = &Table{File: name, xlsx: true}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		t.date1904 = *props.Date1904
	}
	if len(rows) == 0 {
		return nil, Problems{{File: name, Line: 1, Reason: "tệp trống: thiếu dòng tiêu đề"}}
	}
	if p := t.setHeader(rows[0]); p != nil {
		return nil, p
	}
	for i, rec := range rows[1:] {
		t.addRow(i+2, rec)
	}
	return t, nil
}

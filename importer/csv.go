package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// utf8BOM is what Excel puts at the start of a CSV saved as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads a CSV file: UTF-8 with or without a BOM, comma-separated, the header
// first. A row's Line is the line where its record starts, which differs from the
// record's number when a quoted field spans lines (an address, a title pasted with a
// line break). A syntax error is returned as Problems naming its line; the rows
// before it are not returned, since the file is refused anyway.
func ReadCSV(name string, r io.Reader) (*Table, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // a short row is a row with empty trailing cells
	cr.ReuseRecord = false
	t := &Table{File: name}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				return nil, Problems{{File: name, Line: line, Reason: "lỗi cú pháp CSV: " + csvReason(pe)}}
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if p := t.setHeader(rec); p != nil {
				return nil, p
			}
			continue
		}
		t.addRow(line, rec)
	}
	if first {
		return nil, Problems{{File: name, Line: 1, Reason: "tệp trống: thiếu dòng tiêu đề"}}
	}
	return t, nil
}

// csvReason puts a CSV syntax error in Vietnamese, keeping the column.
func csvReason(pe *csv.ParseError) string {
	var what string
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		what = `dấu " nằm trong ô không được đặt trong ngoặc kép`
	case errors.Is(pe.Err, csv.ErrQuote):
		what = `dấu " thừa hoặc thiếu dấu " đóng ô`
	default:
		what = pe.Err.Error()
	}
	if pe.Line != pe.StartLine {
		return what + " (ô bắt đầu ở dòng này, lỗi ở dòng " + itoa(pe.Line) + ", cột " + itoa(pe.Column) + ")"
	}
	return what + " (cột ký tự " + itoa(pe.Column) + ")"
}

// trimCell trims the spaces people leave around values; an inner line break stays.
func trimCell(s string) string { return strings.TrimSpace(s) }

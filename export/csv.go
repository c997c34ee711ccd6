// Package export writes reports as files people and programs exchange: CSV, the unit
// table for scripts, and XLSX, the spreadsheet a Board sends upward
// (CONTRACTS.md "The report").
package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"loa"
)

// CSVHeader is the header row of the CSV export. Its names are those of the report's
// JSON, so that a script reads both alike; one column per item kind, in the order of
// loa.ItemKinds.
func CSVHeader() []string {
	h := []string{"code", "name", "items", "publications"}
	for _, k := range loa.ItemKinds {
		h = append(h, string(k))
	}
	return append(h, "quotas", "done", "met")
}

// CSV writes the report's unit table: a header row, one row per unit in the report's
// order, then a totals row with an empty code and the name "Tổng cộng". A unit's
// quotas are "kind:target" and its results "kind:done", several joined by ";" in the
// order of kinds; met is true, false, or empty when the unit has no quota.
func CSV(w io.Writer, r *loa.Report) error {
	cw := NewCSVWriter(w)
	if err := cw.Write(CSVHeader()); err != nil {
		return err
	}
	for _, u := range r.Units {
		row := []string{u.Code, u.Name, strconv.Itoa(u.Items), strconv.Itoa(u.Publications)}
		for _, k := range loa.ItemKinds {
			row = append(row, strconv.Itoa(u.ByKind[string(k)]))
		}
		var targets, done []string
		for _, q := range u.Quotas {
			targets = append(targets, q.Kind+":"+strconv.Itoa(q.Target))
			done = append(done, q.Kind+":"+strconv.Itoa(q.Done))
		}
		met := ""
		if u.Met != nil {
			met = strconv.FormatBool(*u.Met)
		}
		row = append(row, strings.Join(targets, ";"), strings.Join(done, ";"), met)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	total := []string{"", totalLabel, strconv.Itoa(r.Items), strconv.Itoa(r.Publications)}
	for _, k := range loa.ItemKinds {
		total = append(total, strconv.Itoa(r.ByKind[string(k)]))
	}
	if err := cw.Write(append(total, "", "", "")); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// CSVWriter is encoding/csv's writer that writes no cell a spreadsheet would run as a
// formula (CONTRACTS.md "The report"): every CSV loa writes goes through it, so that a
// unit named "=HYPERLINK(…)" is shown, never run.
type CSVWriter struct{ *csv.Writer }

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) CSVWriter { return CSVWriter{csv.NewWriter(w)} }

// Write writes one record, each cell through CSVCell.
func (cw CSVWriter) Write(record []string) error {
	out := make([]string, len(record))
	for i, c := range record {
		out[i] = CSVCell(c)
	}
	return cw.Writer.Write(out)
}

// CSVCell is c as a CSV cell: with a leading "'" when it begins with '=', '+', '-',
// '@', a tab or a carriage return, the characters on which Excel, LibreOffice and
// Google Sheets start a formula (OWASP "CSV injection"). Counts are never negative,
// so no number is changed.
func CSVCell(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

// totalLabel names the totals row.
const totalLabel = "Tổng cộng"

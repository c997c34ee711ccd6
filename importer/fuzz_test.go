package importer_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa/importer"
)

// FuzzCSV feeds arbitrary bytes to the CSV reader and every kind's checks: they may
// refuse anything, but must not panic, must name real lines (1 or more, in order),
// and must hand on only records that pass the contract's checks.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("item_ref,title,kind,unit_code,channel,published_on\nA,T,news,TB,site,2024-06-30\n"))
	f.Add([]byte("\xef\xbb\xbfcode,name,kind,parent_code\nA,\"x\ny\",district,B\nB,y,province,A\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := importer.ReadCSV("f.csv", bytes.NewReader(data))
		if err != nil {
			checkProblems(t, err)
			return
		}
		for _, r := range tb.Rows {
			if r.Line < 2 {
				t.Fatalf("a row at line %d, at or before the header", r.Line)
			}
		}
		k := known()
		if _, err := tb.ParseChannels(); err != nil {
			checkProblems(t, err)
		}
		if us, err := tb.ParseUnits(k); err != nil {
			checkProblems(t, err)
		} else {
			for _, u := range us {
				if err := u.Validate(); err != nil {
					t.Fatalf("unit %+v passed the checks but is invalid: %v", u, err)
				}
			}
		}
		if _, err := tb.ParseQuotas(k); err != nil {
			checkProblems(t, err)
		}
		if items, err := tb.ParseItems(k); err != nil {
			checkProblems(t, err)
		} else {
			for _, it := range items {
				if it.Ref == "" || it.Title == "" || !it.Kind.Valid() || it.PublishedOn.IsZero() || k.Units[it.UnitCode] == nil || !k.Channels[it.ChannelCode] {
					t.Fatalf("item row %+v passed the checks", it)
				}
			}
		}
	})
}

func checkProblems(t *testing.T, err error) {
	t.Helper()
	var ps importer.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("got %T %v, want importer.Problems", err, err)
	}
	last := 0
	for _, p := range ps {
		if p.Line < 1 || p.Line < last || p.Reason == "" {
			t.Fatalf("bad problem %+v after line %d", p, last)
		}
		last = p.Line
	}
}

// FuzzXLSX feeds arbitrary bytes, and damaged copies of a real workbook, to the XLSX
// reader: it may refuse them, never panic, and names line 1 or real rows.
func FuzzXLSX(f *testing.F) {
	var good bytes.Buffer
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"code", "name", "type"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"site", "Trang tin", "site"})
	if err := wb.Write(&good); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:len(good.Bytes())/2])
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := importer.ReadXLSX("f.xlsx", bytes.NewReader(data))
		if err != nil {
			checkProblems(t, err)
			return
		}
		for _, r := range tb.Rows {
			if r.Line < 2 {
				t.Fatalf("a row at line %d, at or before the header", r.Line)
			}
		}
	})
}

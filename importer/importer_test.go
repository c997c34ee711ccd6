package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/importer"
	"loa/internal/dbtest"
	"loa/store"
)

// known is a database holding the province TB with one district, and two channels.
func known() importer.Known {
	return importer.Known{
		Units: map[string]*loa.Unit{
			"TB":        {Code: "TB", Kind: loa.UnitProvince},
			"TB-HUNGHA": {Code: "TB-HUNGHA", Kind: loa.UnitDistrict, ParentCode: "TB"},
		},
		Channels: map[string]bool{"site": true, "bvpl": true},
	}
}

func readCSV(t *testing.T, text string) *importer.Table {
	t.Helper()
	tb, err := importer.ReadCSV("f.csv", strings.NewReader(text))
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return tb
}

// problemLines returns err's lines, failing unless err is Problems (or nil).
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	ps, ok := err.(importer.Problems)
	if !ok {
		t.Fatalf("got %T %v, want importer.Problems", err, err)
	}
	return strings.Split(ps.Error(), "\n")
}

func TestParseRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, kind, file string
		want             []string
	}{
		{"missing required column", importer.Units, "code,name\nA,B\n",
			[]string{`f.csv:1: thiếu cột bắt buộc "kind" (các cột cần có: code,name,kind)`}},
		{"two missing columns, one line each", importer.Quotas, "unit_code,period\n",
			[]string{`f.csv:1: thiếu cột bắt buộc "kind" (các cột cần có: unit_code,period,kind,target)`,
				`f.csv:1: thiếu cột bắt buộc "target" (các cột cần có: unit_code,period,kind,target)`}},
		{"channel bad code and unknown type", importer.Channels, "code,name,type\nsite web,Trang,web\nok,Tên,site\n",
			[]string{`f.csv:2: code: mã không hợp lệ "site web" (chỉ gồm chữ cái không dấu, chữ số, '-' và '_'); type: loại kênh không có "web" (site, sector, radio_tv, press)`}},
		{"unit unknown kind, parent and successor", importer.Units,
			"code,name,kind,parent_code,successor_code\nX,Tên,huyen,NOPE,GONE\n",
			[]string{`f.csv:2: kind: loại đơn vị không có "huyen" (supreme, province, department, district, regional); ` +
				`parent_code: không có đơn vị cấp trên mã "NOPE" (trong cơ sở dữ liệu hay trong tệp); ` +
				`successor_code: không có đơn vị kế nhiệm mã "GONE" (trong cơ sở dữ liệu hay trong tệp)`}},
		{"unit valid_to before valid_from, and an unreal date", importer.Units,
			"code,name,kind,valid_from,valid_to\nX,Tên,district,01/07/2025,30/06/2025\nY,Tên,district,31/02/2024,\n",
			[]string{`f.csv:2: valid_to: ngày kết thúc 30/06/2025 trước ngày bắt đầu 01/07/2025`,
				`f.csv:3: valid_from: ngày không hợp lệ "31/02/2024" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`}},
		{"parent cycle through the file and the database", importer.Units,
			"code,name,kind,parent_code\nTB,Tỉnh,province,B\nB,Phòng,department,TB-HUNGHA\n",
			[]string{`f.csv:2: parent_code: vòng lặp đơn vị cấp trên TB → B → TB-HUNGHA → TB`,
				`f.csv:3: parent_code: vòng lặp đơn vị cấp trên B → TB-HUNGHA → TB → B`}},
		{"quota refusals", importer.Quotas,
			"unit_code,period,kind,target\nNOPE,2024-H3,tin,-1\nTB,2024,any,1.5\nTB,2024-Q4,news,15\n",
			[]string{`f.csv:2: unit_code: không có đơn vị mã "NOPE"; period: kỳ không hợp lệ "2024-H3" (dạng 2024, 2024-H1, 2024-H2, 2024-Q1 … 2024-Q4; năm từ 1900 đến 9999); ` +
				`kind: loại chỉ tiêu không có "tin" (any, news, article, research, reportage, photo, video); target: chỉ tiêu phải là số nguyên từ 0 trở lên, không phải "-1"`,
				`f.csv:3: target: chỉ tiêu phải là số nguyên từ 0 trở lên, không phải "1.5"`}},
		{"item refusals", importer.Items,
			"item_ref,title,kind,unit_code,channel,published_on\n,,bai,NOPE,tv,31/02/2024\nA,T,news,TB,site,\n",
			[]string{`f.csv:2: item_ref: thiếu mã tin bài; title: thiếu tiêu đề; kind: loại tin bài không có "bai" (news, article, research, reportage, photo, video); ` +
				`unit_code: không có đơn vị mã "NOPE"; channel: không có kênh mã "tv"; published_on: ngày không hợp lệ "31/02/2024" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`,
				`f.csv:3: published_on: thiếu ngày đăng`}},
		{"rows of one ref that disagree are each named", importer.Items,
			"item_ref,title,kind,unit_code,channel,published_on\nA,Hội nghị,news,TB,site,2024-06-20\n" +
				"A,Hội nghị sơ kết,news,TB,bvpl,2024-06-21\nA,Hội nghị,article,TB-HUNGHA,bvpl,2024-06-22\nA,Hội nghị,news,TB,bvpl,2024-06-23\n",
			[]string{`f.csv:3: title: "Hội nghị sơ kết" khác dòng 2 cùng item_ref "A" ("Hội nghị")`,
				`f.csv:4: kind: "article" khác dòng 2 cùng item_ref "A" ("news"); unit_code: "TB-HUNGHA" khác dòng 2 cùng item_ref "A" ("TB")`}},
		{"line of a record after a quoted field spanning lines", importer.Items,
			"item_ref,title,kind,unit_code,channel,published_on\nA,\"Tiêu đề\nhai dòng\",news,TB,site,2024-01-01\nB,T,news,TB,site,2024-13-01\n",
			[]string{`f.csv:4: published_on: ngày không hợp lệ "2024-13-01" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := readCSV(t, tt.file)
			var err error
			switch tt.kind {
			case importer.Channels:
				_, err = tb.ParseChannels()
			case importer.Units:
				_, err = tb.ParseUnits(known())
			case importer.Quotas:
				_, err = tb.ParseQuotas(known())
			case importer.Items:
				_, err = tb.ParseItems(known())
			}
			if got := problemLines(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	t.Parallel()
	t.Run("BOM, columns in any order, extra columns, spaces and blank rows", func(t *testing.T) {
		tb := readCSV(t, "\uFEFFghi chú, Published_On ,channel,unit_code,kind,title,item_ref,authors\n"+
			"x, 30/06/2024 ,site,TB,news,  Hội nghị  ,A1,Nguyễn Văn A; Trần Thị B ;\n,,,,,,,\n")
		got, err := tb.ParseItems(known())
		if err != nil {
			t.Fatal(err)
		}
		want := []store.ItemImport{{Line: 2, Ref: "A1", Title: "Hội nghị", Kind: loa.KindNews, UnitCode: "TB", ChannelCode: "site",
			PublishedOn: loa.NewDate(2024, 6, 30), Authors: []string{"Nguyễn Văn A", "Trần Thị B"}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("parents and successors defined further down", func(t *testing.T) {
		tb := readCSV(t, "code,name,kind,parent_code,successor_code,valid_to\nHY-KV1,KV1,regional,HY,,\nTB-X,X,district,TB,HY-KV1,2025-06-30\nHY,Hưng Yên,province,,,\n")
		got, err := tb.ParseUnits(known())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[1].SuccessorCode != "HY-KV1" || got[1].ValidTo.String() != "2025-06-30" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("a repeated key: the last row wins", func(t *testing.T) {
		tb := readCSV(t, "unit_code,period,kind,target\nTB,2024,any,10\nTB-HUNGHA,2024,any,3\nTB,2024,any,12\n")
		got, err := tb.ParseQuotas(known())
		if err != nil {
			t.Fatal(err)
		}
		want := []store.QuotaImport{{Line: 4, UnitCode: "TB", Period: "2024", Kind: "any", Target: 12}, {Line: 3, UnitCode: "TB-HUNGHA", Period: "2024", Kind: "any", Target: 3}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

func TestReadCSVSyntaxError(t *testing.T) {
	t.Parallel()
	_, err := importer.ReadCSV("f.csv", strings.NewReader("code,name,type\nsite,\"Trang,site\n"))
	got := problemLines(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0], "f.csv:2: lỗi cú pháp CSV") {
		t.Errorf("got %q, want one line at f.csv:2", got)
	}
}

// writeXLSX writes rows to the first sheet of a new workbook at path; a value may be
// a time.Time-like Excel date through SetCellValue.
func writeXLSX(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestReadXLSX(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "items.xlsx")
	writeXLSX(t, path, [][]any{
		{"item_ref", "title", "kind", "unit_code", "channel", "published_on"},
		{"A", "Tin một", "news", "TB", "site", "2024-06-30"},
		{},
		{"B", "Tin hai", "news", "TB", "site", 45473}, // a date cell: Excel's serial for 2024-06-30
		{"C", "Tin ba", "news", "TB", "site", "31/02/2024"},
	})
	tb, err := importer.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tb.ParseItems(known())
	want := []string{path + `:5: published_on: ngày không hợp lệ "31/02/2024" (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`}
	if got := problemLines(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	tb.Rows = tb.Rows[:2]
	items, err := tb.ParseItems(known())
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[1].PublishedOn.String() != "2024-06-30" {
		t.Errorf("got %+v, want B published on 2024-06-30", items)
	}
}

func TestReadRefusesOtherExtensions(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "units.txt")
	os.WriteFile(path, []byte("code,name,kind\n"), 0o644)
	_, err := importer.Read(path)
	if got := problemLines(t, err); len(got) != 1 || !strings.Contains(got[0], ".csv hoặc .xlsx") {
		t.Errorf("got %q", got)
	}
}

// TestImportIdempotentAndUpdating imports files into a real database: the same file
// twice stores the same data once, and a later file's values replace the stored ones.
func TestImportIdempotentAndUpdating(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		write := func(name, text string) string { return writeFile(t, dir, name, text) }
		imp := func(kind, path string) store.ImportSummary { return importOK(t, db, kind, path) }
		imp(importer.Channels, write("channels.csv", "code,name,type\nsite,Trang tin,site\nbvpl,Bảo vệ pháp luật,sector\n"))
		units := write("units.csv", "code,name,kind,parent_code\nTB-HUNGHA,Hưng Hà,district,TB\nTB,Thái Bình,province,\n")
		if s := imp(importer.Units, units); s.Created != 2 {
			t.Errorf("units first import: got %+v, want 2 created", s)
		}
		if s := imp(importer.Units, units); s.Created != 0 || s.Updated != 0 || s.Unchanged != 2 {
			t.Errorf("units second import: got %+v, want 2 unchanged", s)
		}
		items := write("items.csv", "item_ref,title,kind,unit_code,channel,published_on,authors,url\n"+
			"A,Hội nghị,news,TB-HUNGHA,site,2024-06-20,Nguyễn Văn A,\nA,Hội nghị,news,TB-HUNGHA,bvpl,21/06/2024,,http://bvpl/a\n"+
			"A,Hội nghị,news,TB-HUNGHA,bvpl,21/06/2024,,http://bvpl/a2\nB,Bài,article,TB,site,2024-07-01,,\n")
		s := imp(importer.Items, items)
		if want := (store.ImportSummary{Rows: 4, Created: 2, PublicationsCreated: 3}); s != want {
			t.Errorf("items first import: got %+v, want %+v", s, want)
		}
		s = imp(importer.Items, items)
		if want := (store.ImportSummary{Rows: 4, Unchanged: 2}); s != want {
			t.Errorf("items second import: got %+v, want %+v", s, want)
		}
		s = imp(importer.Items, write("items2.csv", "item_ref,title,kind,unit_code,channel,published_on\nA,Hội nghị sơ kết,article,TB,site,2024-06-19\n"))
		if want := (store.ImportSummary{Rows: 1, Updated: 1, PublicationsCreated: 1}); s != want {
			t.Errorf("items update: got %+v, want %+v", s, want)
		}
		r, err := db.Report(ctx, loa.ReportQuery{From: loa.NewDate(2024, 6, 1), To: loa.NewDate(2024, 11, 30)})
		if err != nil {
			t.Fatal(err)
		}
		if r.Items != 2 || r.Publications != 4 || r.ByKind["article"] != 2 || r.Units[0].Code != "TB" || r.Units[0].Items != 2 {
			t.Errorf("report after the imports: got %+v, want A moved to TB as an article, 2 items, 4 publications", r)
		}
		// A refused file stores nothing, even its good rows.
		_, err = importer.Import(ctx, db, importer.Items, write("bad.csv",
			"item_ref,title,kind,unit_code,channel,published_on\nC,Tin,news,TB,site,2024-07-02\nD,Tin,news,NOPE,site,2024-07-02\n"), store.ImportOptions{})
		if got := problemLines(t, err); len(got) != 1 {
			t.Errorf("bad file: got %q, want one line", got)
		}
		r2, err := db.Report(ctx, loa.ReportQuery{From: loa.NewDate(2024, 6, 1), To: loa.NewDate(2024, 11, 30)})
		if err != nil {
			t.Fatal(err)
		}
		if r2.Items != r.Items || r2.Publications != r.Publications {
			t.Errorf("a refused file changed the data: %d items, %d publications", r2.Items, r2.Publications)
		}
	})
}

// TestProblemsBounded: a file of many short bad lines keeps the first 10,000 problems
// and one last line counting the rest, not a list a hundred times the file's size.
func TestProblemsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name,type\n")
	const bad = 25000
	for range bad {
		b.WriteString("x y,a,b\n")
	}
	tab, err := importer.ReadCSV("f.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = tab.ParseChannels()
	var ps importer.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v, want problems", err)
	}
	if len(ps) != 10001 {
		t.Fatalf("%d problems, want 10,000 and a last line", len(ps))
	}
	last := ps[len(ps)-1]
	if last.Line != 10002 || !strings.Contains(last.Reason, "15000 dòng hỏng khác") {
		t.Fatalf("last line %v", last)
	}
}

// writeFile writes text to dir/name and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// importOK imports the file at path into db and fails t on a refusal.
func importOK(t *testing.T, db *store.DB, kind, path string) store.ImportSummary {
	t.Helper()
	s, err := importer.Import(context.Background(), db, kind, path, store.ImportOptions{})
	if err != nil {
		t.Fatalf("import %s: %v", kind, err)
	}
	return s
}

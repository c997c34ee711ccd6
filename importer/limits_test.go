package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"loa"
	"loa/importer"
	"loa/internal/dbtest"
	"loa/store"
)

// TestImportFormLimits: every imported text field has its web form's limit and rules
// (issue 13, finding 7), each refusal "FILE:LINE: reason", the value at fault named
// cut short; a value at the limit passes.
func TestImportFormLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ệ", n) } // one character, three bytes
	tests := []struct {
		name, kind, file string
		want             []string
	}{
		{"channel name and url", importer.Channels,
			"code,name,type,url\nsite," + long(301) + ",site,\nok," + long(300) + ",site,https://x/" + strings.Repeat("a", 2000) + "\n",
			[]string{`f.csv:2: name: Tên kênh quá dài (301 ký tự, tối đa 300).`,
				`f.csv:3: url: Địa chỉ trang quá dài (2010 ký tự, tối đa 2000).`}},
		{"unit name", importer.Units,
			"code,name,kind\nA," + long(301) + ",district\nB," + long(300) + ",district\n",
			[]string{`f.csv:2: name: Tên quá dài (301 ký tự, tối đa 300).`}},
		{"item title, topic, author, url and ref", importer.Items,
			"item_ref,title,kind,unit_code,channel,published_on,authors,topic,url\n" +
				"A," + long(501) + ",news,TB,site,2024-06-30,,,\n" +
				"B,T,news,TB,site,2024-06-30,Nguyễn A;" + long(201) + "," + long(301) + ",javascript:alert(1)\n" +
				strings.Repeat("R", 201) + ",T,news,TB,site,2024-06-30,,,\n" +
				"C," + long(500) + ",news,TB,site,2024-06-30," + long(200) + "," + long(300) + ",https://x/c\n",
			[]string{`f.csv:2: title: Tiêu đề quá dài (501 ký tự, tối đa 500).`,
				`f.csv:3: authors: Tên tác giả quá dài (201 ký tự, tối đa 200).; topic: Chủ đề quá dài (301 ký tự, tối đa 300).; url: Đường dẫn phải bắt đầu bằng http:// hoặc https://.`,
				`f.csv:4: item_ref: Mã tin bài quá dài (201 ký tự, tối đa 200).`}},
		{"NUL and invalid UTF-8", importer.Items,
			"item_ref,title,kind,unit_code,channel,published_on\nA,Tin\x00bài,news,TB,site,2024-06-30\nB,Tin \xff\xfe,news,TB,site,2024-06-30\nC\x00,T,news,TB,site,2024-06-30\n",
			[]string{`f.csv:2: title: Có ký tự NUL (mã 0), không được phép.`,
				`f.csv:3: title: Có byte không phải chữ UTF-8 hợp lệ.`,
				`f.csv:4: item_ref: Có ký tự NUL (mã 0), không được phép.`}},
		{"a huge bad value is named cut short", importer.Quotas,
			"unit_code,period,kind,target\nTB,2024," + strings.Repeat("k", 1<<20) + ",1\n",
			[]string{`f.csv:2: kind: loại chỉ tiêu không có "` + strings.Repeat("k", 60) + `"… (any, news, article, research, reportage, photo, video)`}},
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
				t.Errorf("got\n  %.400s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestImportRefusesBadTextOnBothDatabases: a NUL byte, invalid UTF-8 or a text over
// its limit is refused by the import with its line, on SQLite and on PostgreSQL
// (which answered a raw SQLSTATE 22021 without a line), and nothing is stored.
func TestImportRefusesBadTextOnBothDatabases(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		write := func(name, text string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
		refused := func(kind, path string, want ...string) {
			t.Helper()
			_, err := importer.Import(ctx, db, kind, path, store.ImportOptions{})
			if got := problemLines(t, err); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got\n  %.300s\nwant\n  %s", kind, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		}
		ch := write("channels.csv", "code,name,type\nsite,Trang\x00tin,site\nbvpl,Bảo vệ \xc3(,sector\n")
		refused(importer.Channels, ch, ch+`:2: name: Có ký tự NUL (mã 0), không được phép.`, ch+`:3: name: Có byte không phải chữ UTF-8 hợp lệ.`)
		un := write("units.csv", "code,name,kind\nTB,"+strings.Repeat("x", 301)+",province\n")
		refused(importer.Units, un, un+`:2: name: Tên quá dài (301 ký tự, tối đa 300).`)
		if _, err := importer.Import(ctx, db, importer.Channels, write("ok.csv", "code,name,type\nsite,Trang tin,site\n"), store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := importer.Import(ctx, db, importer.Units, write("ok-units.csv", "code,name,kind\nTB,Thái Bình,province\n"), store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		it := write("items.csv", "item_ref,title,kind,unit_code,channel,published_on,authors\nA,Tin,news,TB,site,2024-06-30,Nguyễn\x00A\nB,T\xffin,news,TB,site,2024-06-30,\n")
		refused(importer.Items, it, it+`:2: authors: Có ký tự NUL (mã 0), không được phép.`, it+`:3: title: Có byte không phải chữ UTF-8 hợp lệ.`)
		cs, err := db.Channels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		us, err := db.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := db.Report(ctx, loa.ReportQuery{From: loa.NewDate(2024, 1, 1), To: loa.NewDate(2024, 12, 31)})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 || cs[0].Name != "Trang tin" || len(us) != 1 || us[0].Name != "Thái Bình" || r.Items != 0 {
			t.Errorf("refused files stored something: channels %+v, units %+v, %d items", cs, us, r.Items)
		}
	})
}

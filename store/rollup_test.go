package store_test

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// provinceReport is a report as another loa's `loa report --period 2024-H1 --scope TB`
// writes it: two units whose lines add up to the totals.
const provinceReport = `{
  "from": "2023-12-01", "to": "2024-05-31", "period": "2024-H1", "scope": "TB",
  "items": 5, "publications": 7,
  "by_kind": {"news": 4, "article": 1},
  "by_channel": {"site": 5, "ptth": 2},
  "units": [
    {"code": "TB-VUTHU", "name": "VKSND huyện Vũ Thư", "items": 2, "publications": 3, "by_kind": {"news": 2},
     "quotas": [{"kind": "any", "target": 3, "done": 2, "met": false}], "met": false},
    {"code": "TB", "name": "VKSND tỉnh Thái Bình", "items": 3, "publications": 4, "by_kind": {"news": 2, "article": 1}, "quotas": [], "met": null}
  ],
  "below_quota": ["TB-VUTHU"]
}`

// edit returns provinceReport with fn applied to its decoded form.
func edit(t *testing.T, fn func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(provinceReport), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func unitLine(m map[string]any, i int) map[string]any { return m["units"].([]any)[i].(map[string]any) }

func TestParseRollup(t *testing.T) {
	t.Parallel()
	got, err := store.ParseRollup([]byte(provinceReport), loa.DefaultYearStart)
	if err != nil {
		t.Fatal(err)
	}
	if got.Scope != "TB" || got.Period != "2024-H1" || got.From.String() != "2023-12-01" || len(got.Units) != 2 ||
		got.Units[0].Code != "TB" || got.ByChannel["ptth"] != 2 || len(got.BelowQuota) != 1 {
		t.Errorf("got %+v", got)
	}
	for _, c := range []struct {
		name, text, want string
	}{
		{"invalid JSON", `{"from": `, "JSON không hợp lệ"},
		{"not an object", `[1, 2]`, "JSON không hợp lệ"},
		{"trailing data", provinceReport + "{}", "dữ liệu thừa"},
		{"missing from", edit(t, func(m map[string]any) { delete(m, "from") }), `"from"`},
		{"missing units", edit(t, func(m map[string]any) { delete(m, "units") }), `"units"`},
		{"missing by_channel", edit(t, func(m map[string]any) { delete(m, "by_channel") }), `"by_channel"`},
		{"null by_kind", edit(t, func(m map[string]any) { m["by_kind"] = nil }), `"by_kind"`},
		{"a unit without items", edit(t, func(m map[string]any) { delete(unitLine(m, 0), "items") }), "units[0]"},
		{"a unit without a code", edit(t, func(m map[string]any) { delete(unitLine(m, 1), "code") }), "units[1]"},
		{"from not a date", edit(t, func(m map[string]any) { m["from"] = "2023-02-30" }), "from: ngày không hợp lệ"},
		{"to not a date", edit(t, func(m map[string]any) { m["to"] = "soon" }), "to: ngày không hợp lệ"},
		{"to before from", edit(t, func(m map[string]any) { m["to"] = "2023-11-30" }), "trước from"},
		{"items do not add up", edit(t, func(m map[string]any) { m["items"] = 6; m["by_kind"] = map[string]int{"news": 5, "article": 1} }), "items 6 khác tổng các đơn vị 5"},
		{"publications do not add up", edit(t, func(m map[string]any) { unitLine(m, 0)["publications"] = 4 }), "publications 7 khác tổng các đơn vị 8"},
		{"by_kind does not add up to the units'", edit(t, func(m map[string]any) { m["by_kind"] = map[string]int{"news": 3, "article": 2} }), "by_kind khác tổng"},
		{"by_kind does not add up to items", edit(t, func(m map[string]any) { m["by_kind"] = map[string]int{"news": 4} }), "by_kind cộng lại 4"},
		{"by_channel does not add up to publications", edit(t, func(m map[string]any) { m["by_channel"] = map[string]int{"site": 5} }), "by_channel cộng lại 5"},
		{"a negative count", edit(t, func(m map[string]any) { unitLine(m, 0)["items"] = -1; unitLine(m, 1)["items"] = 6 }), "số đếm -1 ngoài khoảng 0 … 10000000"},
		// Issue 13, finding 8: counts of 9e18 were accepted, and lines whose sum overflows
		// "added up"; unknown kinds and channel codes and a label of another range too.
		{"an absurd count", edit(t, func(m map[string]any) {
			m["items"], m["by_kind"] = 9_000_000_000_000_000_000, map[string]int{"news": 9_000_000_000_000_000_000}
			unitLine(m, 0)["items"], unitLine(m, 0)["by_kind"] = 9_000_000_000_000_000_000, map[string]int{"news": 9_000_000_000_000_000_000}
		}), "số đếm 9000000000000000000 ngoài khoảng"},
		{"lines whose sum overflows", edit(t, func(m map[string]any) {
			// (2^63-1) + (2^63-1) + 7 wraps to 5 in int64: the old check saw 5 = 5.
			unitLine(m, 0)["items"] = math.MaxInt64
			unitLine(m, 1)["items"] = math.MaxInt64
			m["units"] = append(m["units"].([]any), map[string]any{"code": "TB-X", "items": 7, "publications": 0, "by_kind": map[string]int{}})
		}), "ngoài khoảng"},
		{"just past the bound", edit(t, func(m map[string]any) { m["publications"] = store.MaxRollupCount + 1 }), "10000001 ngoài khoảng"},
		{"an unknown kind", edit(t, func(m map[string]any) {
			m["by_kind"] = map[string]int{"blog": 4, "article": 1}
			unitLine(m, 0)["by_kind"] = map[string]int{"blog": 2}
		}), `by_kind: loại tin bài không có "blog"`},
		{"an unknown kind in a line", edit(t, func(m map[string]any) { unitLine(m, 0)["by_kind"] = map[string]int{"tin": 2} }), `units[0] ("TB-VUTHU").by_kind: loại tin bài không có "tin"`},
		{"an unknown quota kind", edit(t, func(m map[string]any) {
			unitLine(m, 0)["quotas"] = []map[string]any{{"kind": "all", "target": 3, "done": 2, "met": false}}
		}), `loại chỉ tiêu không có "all"`},
		{"a channel code that is no code", edit(t, func(m map[string]any) { m["by_channel"] = map[string]int{"site": 5, "../x": 2} }), `by_channel: mã kênh hợp lệ không có "../x"`},
		{"a unit code that is no code", edit(t, func(m map[string]any) { unitLine(m, 0)["code"] = "TB VUTHU" }), `mã đơn vị không hợp lệ "TB VUTHU"`},
		{"a NUL in a unit's name", edit(t, func(m map[string]any) { unitLine(m, 0)["name"] = "VKSND\u0000" }), "NUL"},
		{"a period label of another range", edit(t, func(m map[string]any) { m["period"] = "2024-H2" }), `period "2024-H2" không khớp khoảng từ 2023-12-01 đến 2024-05-31`},
		{"a period label that is no period", edit(t, func(m map[string]any) { m["period"] = "H1" }), `period "H1" không khớp`},
		{"a unit twice", edit(t, func(m map[string]any) { unitLine(m, 0)["code"] = "TB" }), "lặp lại"},
		{"a bad scope", edit(t, func(m map[string]any) { m["scope"] = "T B" }), "scope"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := store.ParseRollup([]byte(c.text), loa.DefaultYearStart)
			if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(loa.ErrorMessage(err), c.want) {
				t.Errorf("got %v, want EINVALID with %q", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("reason on more than one line: %q", err)
			}
		})
	}
}

// rollupWorld is a national database: the Supreme Procuracy's own unit, province TB
// (with a district below it) that sends its report up, and province HY that keeps
// its raw records here and has sent a report too.
func rollupWorld(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Cổng VKSNDTC", Type: loa.ChannelSector}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	units := []*loa.Unit{
		{Code: "SUP", Name: "VKSND tối cao", Kind: loa.UnitSupreme},
		{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince},
		{Code: "TB-HH", Name: "VKSND huyện Hưng Hà", Kind: loa.UnitDistrict, ParentCode: "TB"},
		{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince},
		{Code: "HY-KV1", Name: "VKSND khu vực 1", Kind: loa.UnitRegional, ParentCode: "HY"},
	}
	if _, err := db.ImportUnits(ctx, units, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	on := func(s string) loa.Date { return mustDate(t, s) }
	rows := []store.ItemImport{
		{Ref: "S1", Title: "Tin của VKSNDTC", Kind: loa.KindNews, UnitCode: "SUP", ChannelCode: "site", PublishedOn: on("2024-01-05")},
		{Ref: "H1", Title: "Tin của Hưng Yên", Kind: loa.KindArticle, UnitCode: "HY-KV1", ChannelCode: "site", PublishedOn: on("2024-02-05")},
	}
	if _, err := db.ImportItems(ctx, rows, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportQuotas(ctx, []store.QuotaImport{{UnitCode: "TB-HH", Period: "2024-H1", Kind: "any", Target: 5}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	tb, err := store.ParseRollup([]byte(provinceReport), loa.DefaultYearStart)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveRollup(ctx, "", tb); err != nil {
		t.Fatal(err)
	}
	hy, err := store.ParseRollup([]byte(edit(t, func(m map[string]any) {
		delete(m, "scope")
		// Hưng Yên's own lines: a line of TB, another province here, would be refused.
		unitLine(m, 0)["code"], unitLine(m, 1)["code"] = "HY-KV9", "HY"
	})), loa.DefaultYearStart)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveRollup(ctx, "HY", hy); err != nil {
		t.Fatal(err)
	}
}

// addsUp checks the contract's promise that the unit lines add up to the totals.
func addsUp(t *testing.T, r *loa.Report) {
	t.Helper()
	items, pubs, kinds := 0, 0, map[string]int{}
	for _, l := range r.Units {
		items += l.Items
		pubs += l.Publications
		for k, n := range l.ByKind {
			kinds[k] += n
		}
	}
	chans := 0
	for _, n := range r.ByChannel {
		chans += n
	}
	if items != r.Items || pubs != r.Publications || chans != r.Publications {
		t.Errorf("lines give %d items, %d publications, by_channel %d; totals %d, %d", items, pubs, chans, r.Items, r.Publications)
	}
	for k, n := range r.ByKind {
		if kinds[k] != n {
			t.Errorf("by_kind[%s] %d, lines %d", k, n, kinds[k])
		}
	}
}

func codes(r *loa.Report) string {
	var cs []string
	for _, l := range r.Units {
		cs = append(cs, l.Code)
	}
	return strings.Join(cs, ",")
}

func TestRollups(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rollupWorld(t, db)
		h1 := loa.ReportQuery{From: mustDate(t, "2023-12-01"), To: mustDate(t, "2024-05-31"), YearStart: loa.DefaultYearStart}

		t.Run("a province without raw records counts from its roll-up as one line", func(t *testing.T) {
			r, applied, err := db.RolledUpReportCodes(ctx, h1)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(applied, ","), "TB"; got != want {
				t.Errorf("applied %s, want %s (HY has raw records)", got, want)
			}
			if got, want := codes(r), "HY,HY-KV1,SUP,TB"; got != want {
				t.Errorf("units %s, want %s", got, want)
			}
			var tb *loa.ReportUnit
			for _, l := range r.Units {
				if l.Code == "TB" {
					tb = l
				}
			}
			if tb == nil || tb.Items != 5 || tb.Publications != 7 || tb.ByKind["news"] != 4 || tb.Met != nil || len(tb.Quotas) != 0 ||
				tb.Name != "Viện kiểm sát nhân dân tỉnh Thái Bình" {
				t.Errorf("TB line %+v", tb)
			}
			if r.Items != 7 || r.Publications != 9 || r.ByChannel["ptth"] != 2 || r.ByChannel["site"] != 7 || r.Period != "2024-H1" {
				t.Errorf("totals %d items, %d publications, %v", r.Items, r.Publications, r.ByChannel)
			}
			// TB-HH's quota went with its line: the province reports for it.
			if len(r.BelowQuota) != 0 {
				t.Errorf("below_quota %v", r.BelowQuota)
			}
			addsUp(t, r)
			b, _ := json.Marshal(r)
			if !strings.Contains(string(b), `{"code":"TB","name":"Viện kiểm sát nhân dân tỉnh Thái Bình","items":5,"publications":7,"by_kind":{"article":1,"news":4},"quotas":[],"met":null,"pending":0,"views":0}`) {
				t.Errorf("TB line in JSON: %s", b)
			}
		})
		t.Run("the plain report is untouched", func(t *testing.T) {
			r, err := db.Report(ctx, h1)
			if err != nil {
				t.Fatal(err)
			}
			if r.Items != 2 || codes(r) != "HY,HY-KV1,SUP,TB,TB-HH" || len(r.BelowQuota) != 1 {
				t.Errorf("got %d items, units %s, below %v", r.Items, codes(r), r.BelowQuota)
			}
		})
		for _, c := range []struct {
			name      string
			q         loa.ReportQuery
			wantUnits string
			wantItems int
		}{
			{"another range: no roll-up", loa.ReportQuery{From: mustDate(t, "2023-12-01"), To: mustDate(t, "2024-11-30")}, "HY,HY-KV1,SUP,TB,TB-HH", 2},
			{"a range inside: no roll-up", loa.ReportQuery{From: mustDate(t, "2023-12-01"), To: mustDate(t, "2024-05-30")}, "HY,HY-KV1,SUP,TB,TB-HH", 2},
			{"scope TB", loa.ReportQuery{From: h1.From, To: h1.To, Scope: "TB"}, "TB", 5},
			{"scope TB-HH, below the province: no roll-up", loa.ReportQuery{From: h1.From, To: h1.To, Scope: "TB-HH"}, "TB-HH", 0},
			{"scope HY: raw records win", loa.ReportQuery{From: h1.From, To: h1.To, Scope: "HY"}, "HY,HY-KV1", 1},
		} {
			t.Run(c.name, func(t *testing.T) {
				c.q.YearStart = loa.DefaultYearStart
				r, err := db.RolledUpReport(ctx, c.q)
				if err != nil {
					t.Fatal(err)
				}
				if codes(r) != c.wantUnits || r.Items != c.wantItems {
					t.Errorf("units %s, %d items; want %s, %d", codes(r), r.Items, c.wantUnits, c.wantItems)
				}
				addsUp(t, r)
			})
		}
		t.Run("re-importing replaces", func(t *testing.T) {
			next, err := store.ParseRollup([]byte(edit(t, func(m map[string]any) {
				m["items"], m["by_kind"] = 6, map[string]int{"news": 5, "article": 1}
				unitLine(m, 1)["items"], unitLine(m, 1)["by_kind"] = 4, map[string]int{"news": 3, "article": 1}
			})), loa.DefaultYearStart)
			if err != nil {
				t.Fatal(err)
			}
			ru, replaced, err := db.SaveRollup(ctx, "TB", next)
			if err != nil || !replaced || ru.Items != 6 {
				t.Fatalf("got %+v, replaced %v, %v", ru, replaced, err)
			}
			all, err := db.Rollups(ctx)
			if err != nil || len(all) != 2 {
				t.Fatalf("%d roll-ups, %v; want 2", len(all), err)
			}
			r, _ := db.RolledUpReport(ctx, h1)
			if r.Items != 8 {
				t.Errorf("items %d, want 8", r.Items)
			}
			log, _, _ := db.AuditLog(ctx, store.AuditFilter{Entity: "report_rollup"})
			if len(log) != 3 || log[0].Before == "" {
				t.Errorf("audit: %d entries, newest %+v", len(log), log[0])
			}
		})
		t.Run("once raw records arrive, they win", func(t *testing.T) {
			row := store.ItemImport{Ref: "T1", Title: "Tin Thái Bình", Kind: loa.KindNews, UnitCode: "TB-HH", ChannelCode: "site", PublishedOn: mustDate(t, "2024-03-01")}
			if _, err := db.ImportItems(ctx, []store.ItemImport{row}, store.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			r, applied, err := db.RolledUpReportCodes(ctx, h1)
			if err != nil || len(applied) != 0 || r.Items != 3 || codes(r) != "HY,HY-KV1,SUP,TB,TB-HH" {
				t.Errorf("applied %v, %d items, units %s, %v", applied, r.Items, codes(r), err)
			}
		})
		t.Run("refused: a line of a unit of another province", func(t *testing.T) {
			// Hưng Yên's report naming TB-HH, Thái Bình's district here; HY-X, a code
			// this database does not know, is Hưng Yên's own business.
			r, err := store.ParseRollup([]byte(edit(t, func(m map[string]any) {
				delete(m, "scope")
				unitLine(m, 0)["code"], unitLine(m, 1)["code"] = "HY-X", "TB-HH"
			})), loa.DefaultYearStart)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = db.SaveRollup(ctx, "HY", r)
			if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(loa.ErrorMessage(err), "không thuộc HY: TB-HH") {
				t.Errorf("got %v, want EINVALID naming TB-HH", err)
			}
		})
		for _, c := range []struct {
			name, unit, scope, want string
		}{
			{"no scope and no unit", "", "", "cần --unit"},
			{"an unknown unit", "NOPE", "", "không có đơn vị"},
			{"a unit that is no province", "TB-HH", "", "không phải VKSND cấp tỉnh"},
			{"scope and unit disagree", "HY", "TB", "không phải HY"},
		} {
			t.Run("refused: "+c.name, func(t *testing.T) {
				r, err := store.ParseRollup([]byte(edit(t, func(m map[string]any) {
					delete(m, "scope")
					if c.scope != "" {
						m["scope"] = c.scope
					}
					m["from"] = "2024-01-01"
					delete(m, "period") // no longer the range of 2024-H1
				})), loa.DefaultYearStart)
				if err != nil {
					t.Fatal(err)
				}
				_, _, err = db.SaveRollup(ctx, c.unit, r)
				if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(loa.ErrorMessage(err), c.want) {
					t.Errorf("got %v, want EINVALID with %q", err, c.want)
				}
				all, _ := db.Rollups(ctx)
				if len(all) != 2 {
					t.Errorf("%d roll-ups stored, want 2", len(all))
				}
			})
		}
	})
}

package main

import (
	"context"
	"fmt"
	"os"

	"loa"
	"loa/store"
)

// reportKind is `loa import report FILE.json`: a province's report, for the national
// roll-up. It is not one of importer.Kinds, whose files are CSV or XLSX tables.
const reportKind = "report"

// runImportReport is `loa import report FILE.json [--unit CODE]`: it stores the
// report JSON another loa produced (`loa report`) as the roll-up of a province unit,
// the file's "scope", else --unit. A re-import of the same province and range
// replaces the earlier one. A refused file (bad JSON, missing fields, totals that do
// not add up, bad dates, an unknown or non-province unit) exits 1 with the reason on
// one line and stores nothing.
func runImportReport(ctx context.Context, e *Env, pos []string, unit string) error {
	switch {
	case len(pos) == 0:
		return usagef("import report: thiếu tệp JSON")
	case len(pos) > 1:
		return usagef("import report: chỉ nhận một tệp, có %d", len(pos))
	case unit != "" && !loa.ValidCode(unit):
		return usagef("import report: --unit: mã đơn vị không hợp lệ %q", unit)
	}
	path := pos[0]
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r, err := store.ParseRollup(b, e.YearStart)
	if err != nil {
		return fmt.Errorf("%s: %s", path, loa.ErrorMessage(err))
	}
	if r.Scope == "" && unit == "" {
		return usagef("import report: %s không có \"scope\": cần --unit MÃ_TỈNH", path)
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	ru, replaced, err := db.SaveRollup(ctx, unit, r)
	if err != nil {
		return fmt.Errorf("%s: %s", path, loa.ErrorMessage(err))
	}
	what := "mới"
	if replaced {
		what = "thay bản trước"
	}
	period := ""
	if ru.Period != "" {
		period = " (" + ru.Period + ")"
	}
	fmt.Fprintf(e.Stdout, "%s: báo cáo của %s từ %s đến %s%s: %d tin bài, %d lượt đăng, %d đơn vị; %s\n",
		path, ru.UnitCode, ru.From, ru.To, period, ru.Items, ru.Publications, len(r.Units), what)
	return nil
}

package store_test

import (
	"context"
	"errors"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestItemThemes: codes are unique and checked; an item's theme is stored by the
// item's save, refused when unknown, counted by ThemeCounts and filtered by the list;
// a theme items carry cannot be deleted; an item linked to an assignment takes its
// theme.
func TestItemThemes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newPlanFixture(t, db)
		ys := loa.DefaultYearStart
		tbls := &loa.Theme{Code: "TBLS", Period: "2024", Title: "Ngày Thương binh liệt sĩ", Day: mustDate(t, "2024-07-26")}
		cds := &loa.Theme{Period: "2024", Title: "Chuyển đổi số"}
		for _, th := range []*loa.Theme{tbls, cds} {
			if err := db.SaveTheme(ctx, ys, th); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SaveTheme(ctx, ys, &loa.Theme{Code: "TBLS", Period: "2024", Title: "Trùng"}); loa.ErrorFields(err)["code"] == "" {
			t.Errorf("a second theme with code TBLS: got %v, want a field error on code", err)
		}
		if err := db.SaveTheme(ctx, ys, &loa.Theme{Code: "26/7", Period: "2024", Title: "Mã sai"}); loa.ErrorFields(err)["code"] == "" {
			t.Errorf("code 26/7: got %v, want a field error on code", err)
		}
		cds.Code = "CDS" // a code given later, in the back office
		if err := db.SaveTheme(ctx, ys, cds); err != nil {
			t.Fatal(err)
		}
		if got, err := db.ThemeByCode(ctx, "CDS"); err != nil || got.ID != cds.ID {
			t.Errorf("ThemeByCode(CDS) = %+v, %v", got, err)
		}

		it := &loa.Item{Kind: loa.KindNews, UnitID: f.hungha.ID, Title: "Tri ân", ThemeID: tbls.ID}
		if err := db.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		got, err := db.Item(ctx, it.ID)
		if err != nil || got.ThemeID != tbls.ID {
			t.Fatalf("stored theme %d (%v), want %d", got.ThemeID, err, tbls.ID)
		}
		it.ThemeID = 999999
		if err := db.UpdateItem(ctx, it); loa.ErrorFields(err)["theme_id"] == "" {
			t.Errorf("an unknown theme: got %v, want a field error on theme_id", err)
		}
		it.ThemeID = cds.ID
		if err := db.UpdateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Item(ctx, it.ID); got.ThemeID != cds.ID {
			t.Errorf("theme after the update %d, want %d", got.ThemeID, cds.ID)
		}
		published := f.item(t, f.vuthu, loa.KindNews, loa.StatusPublished, pub{ch: f.site, on: "2024-07-26"})
		rows, total, err := db.Items(ctx, store.ItemFilter{ThemeID: cds.ID})
		if err != nil || total != 1 || rows[0].ID != it.ID {
			t.Errorf("items on CDS: %d (%v), want only %d", total, err, it.ID)
		}

		// An assignment on TBLS: the item linked to it takes its theme.
		secretary := &loa.User{Email: "thuky@loa.test", Name: "Thư ký", Role: loa.RoleSecretary}
		if err := db.CreateUser(ctx, secretary, "mat-khau-dai-du"); err != nil {
			t.Fatal(err)
		}
		asSec := loa.WithUser(ctx, secretary)
		a := &loa.Assignment{ThemeID: tbls.ID, UnitID: f.vuthu.ID, Kind: loa.KindNews, Title: "Tin 26/7", Due: loa.Today().AddDays(10)}
		if err := db.CreateAssignment(asSec, a); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkAssignmentItem(asSec, a.ID, published); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Item(ctx, published); got.ThemeID != tbls.ID {
			t.Errorf("linked item's theme %d, want the assignment's %d", got.ThemeID, tbls.ID)
		}
		if _, n, err := db.AuditLog(ctx, store.AuditFilter{Entity: "item", EntityID: published}); err != nil || n != 1 {
			t.Errorf("audit entries of the linked item: %d, %v; want 1", n, err)
		}
		counts, err := db.ThemeCounts(ctx, tbls.ID)
		if err != nil || len(counts) != 1 || counts[0].UnitCode != "TB-VUTHU" || counts[0].Items != 1 || counts[0].Published != 1 {
			t.Errorf("ThemeCounts(TBLS) = %+v, %v", counts, err)
		}
		r, err := db.Report(ctx, loa.ReportQuery{From: mustDate(t, "2024-07-01"), To: mustDate(t, "2024-07-31"), YearStart: ys})
		if err != nil || r.ByTheme["TBLS"] != 1 || len(r.ByTheme) != 1 {
			t.Errorf("by_theme %v (%v), want TBLS: 1", r.ByTheme, err)
		}
		if err := db.DeleteTheme(ctx, cds.ID); loa.ErrorCode(err) != loa.ECONFLICT {
			t.Errorf("deleting a theme an item carries: got %v, want a conflict", err)
		}
	})
}

// TestThemeRenameClosedPeriod: a theme whose items count in a closed period keeps its
// code and title (the period's by_theme names it), in the back office and in a
// themes file (FILE:LINE); its description may change; reopened, it may be renamed.
func TestThemeRenameClosedPeriod(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newPlanFixture(t, db)
		ys := loa.DefaultYearStart
		tbls := &loa.Theme{Code: "TBLS", Period: "2024", Title: "Ngày Thương binh liệt sĩ"}
		idle := &loa.Theme{Code: "IDLE", Period: "2024", Title: "Chủ đề chưa có tin"}
		for _, th := range []*loa.Theme{tbls, idle} {
			if err := db.SaveTheme(ctx, ys, th); err != nil {
				t.Fatal(err)
			}
		}
		item := f.item(t, f.vuthu, loa.KindNews, loa.StatusPublished, pub{ch: f.site, on: "2024-07-26"})
		dbtest.Exec(t, db, "UPDATE items SET theme_id = ? WHERE id = ?", tbls.ID, item)
		h2, err := ys.ParsePeriod("2024-H2")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ClosePeriod(ctx, h2); err != nil {
			t.Fatal(err)
		}
		before := reportJSON(t, db, "2024-H2")
		reload := func() *loa.Theme {
			th, err := db.Theme(ctx, tbls.ID)
			if err != nil {
				t.Fatal(err)
			}
			return th
		}
		for name, change := range map[string]func(*loa.Theme){
			"code":  func(th *loa.Theme) { th.Code = "TBLS27" },
			"title": func(th *loa.Theme) { th.Title = "Tri ân" },
			"none":  func(th *loa.Theme) { th.Code = "" },
		} {
			th := reload()
			change(th)
			err := db.SaveTheme(ctx, ys, th)
			if loa.ErrorCode(err) != loa.ECONFLICT || loa.ErrorFields(err)["code"] == "" {
				t.Errorf("%s: got %v, want a conflict on code", name, err)
			}
		}
		_, err = db.ImportThemes(ctx, []*loa.Theme{{Code: "IDLE", Period: "2024", Title: "Đổi tên được", Line: 2},
			{Code: "TBLS", Period: "2024", Title: "Tri ân", Line: 3}}, store.ImportOptions{})
		var rows store.RowErrors
		if !errors.As(err, &rows) || len(rows) != 1 || rows[0].Line != 3 {
			t.Fatalf("import: got %v, want line 3 refused", err)
		}
		if got := reportJSON(t, db, "2024-H2"); got != before {
			t.Errorf("the closed period's report changed:\n%s\n%s", before, got)
		}
		th := reload()
		th.Description = "Mô tả thêm"
		if err := db.SaveTheme(ctx, ys, th); err != nil {
			t.Errorf("description: %v", err)
		}
		other := *idle
		other.Code = "IDLE2" // no item counts in the closed period
		if err := db.SaveTheme(ctx, ys, &other); err != nil {
			t.Errorf("a theme without counted items: %v", err)
		}
		if err := db.ReopenPeriod(ctx, "2024-H2", "Sửa mã chủ đề"); err != nil {
			t.Fatal(err)
		}
		th = reload()
		th.Code = "TBLS27"
		if err := db.SaveTheme(ctx, ys, th); err != nil {
			t.Errorf("after reopening: %v", err)
		}
	})
}

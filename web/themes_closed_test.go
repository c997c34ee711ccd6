package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"loa"
	"loa/internal/dbtest"
)

// TestThemeCodeClosedPeriod: the theme page refuses a new code for a theme whose items
// count in a closed period, in a Vietnamese sentence, the typed code kept.
func TestThemeCodeClosedPeriod(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		d := newBoardData(t, app)
		th := &loa.Theme{Code: "TBLS", Period: "2024", Title: "Ngày Thương binh liệt sĩ"}
		if err := app.DB.SaveTheme(ctx, loa.DefaultYearStart, th); err != nil {
			t.Fatal(err)
		}
		dbtest.Exec(t, app.DB, "UPDATE items SET theme_id = ? WHERE id = ?", th.ID, d.itemIn) // published 2024-06-10
		h2, err := loa.DefaultYearStart.ParsePeriod("2024-H2")
		if err != nil {
			t.Fatal(err)
		}
		if err := app.DB.ClosePeriod(ctx, h2); err != nil {
			t.Fatal(err)
		}
		res := app.as(loa.RoleSecretary).post(fmt.Sprintf("/app/themes/%d/code", th.ID), url.Values{"code": {"TBLS-MOI"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("got %d, want 400", res.StatusCode)
		}
		wantIn(t, res.Body, "Không đổi được mã, tên chủ đề: 1 tin bài theo chủ đề này được tính trong kỳ đã chốt.", `value="TBLS-MOI"`)
		if got, _ := app.DB.Theme(ctx, th.ID); got.Code != "TBLS" {
			t.Errorf("code stored: %q", got.Code)
		}
	})
}

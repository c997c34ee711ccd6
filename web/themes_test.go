package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestThemesPages: the theme's page answers "how many did we publish for 26/7?" by
// unit, one click from /app/themes; its code is set there and kept on a refusal; the
// item form offers the theme and stores it; the items list and the items API filter
// by it.
func TestThemesPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		sec := app.as(loa.RoleSecretary)
		day := loa.Today()
		period := loa.DefaultYearStart.HalfOf(day).Name
		res := sec.post("/app/themes", url.Values{"code": {"TBLS"}, "period": {period}, "title": {"Ngày Thương binh liệt sĩ"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("theme: status %d: %s", res.StatusCode, res.Body)
		}
		th, err := app.DB.ThemeByCode(ctx, "TBLS")
		if err != nil {
			t.Fatal(err)
		}
		page := "/app/themes/" + strconv.FormatInt(th.ID, 10)
		mustContain(t, sec.get("/app/themes?period="+period), `href="`+page+`"`, "TBLS")

		// A second theme with the same code is refused on the form, what was typed kept.
		res = sec.post("/app/themes", url.Values{"code": {"TBLS"}, "period": {period}, "title": {"Trùng mã"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("duplicate code: status %d", res.StatusCode)
		}
		mustContain(t, res, "Trùng mã", "Đã có chủ đề khác mang mã TBLS.")
		res = sec.post(page+"/code", url.Values{"code": {"26/7"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad code: status %d", res.StatusCode)
		}
		mustContain(t, res, `value="26/7"`, "Mã chủ đề chỉ gồm")

		// The contributor writes an item on the theme through the form.
		con := app.as(loa.RoleContributor)
		mustContain(t, con.get("/app/items/new"), `name="theme_id"`, "Ngày Thương binh liệt sĩ")
		res = con.post("/app/items", url.Values{"kind": {"news"}, "title": {"Tri ân"}, "theme_id": {strconv.FormatInt(th.ID, 10)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("item: status %d: %s", res.StatusCode, res.Body)
		}
		rows, total, err := app.DB.Items(ctx, store.ItemFilter{ThemeID: th.ID})
		if err != nil || total != 1 || rows[0].Title != "Tri ân" {
			t.Fatalf("items on the theme: %d, %v", total, err)
		}
		// A published item of the other unit on the theme.
		pubID := insertItem(t, app, "Tin 26/7 đã đăng", loa.KindNews, app.Other, loa.StatusPublished, time.Now().Add(-time.Hour), "")
		dbtest.Exec(t, app.DB, "UPDATE items SET theme_id = ? WHERE id = ?", th.ID, pubID)

		viewer := app.as(loa.RoleViewer)
		res = viewer.get(page)
		mustContain(t, res, "Ngày Thương binh liệt sĩ", `id="theme-units"`, app.Unit.Name, app.Other.Name)
		list := viewer.get("/app/items?theme=" + strconv.FormatInt(th.ID, 10))
		mustContain(t, list, "Tri ân", "Tin 26/7 đã đăng")
		if other := viewer.get("/app/items?theme=999999"); strings.Contains(other.Body, "Tri ân") {
			t.Errorf("the list filtered by another theme shows the item")
		}

		// The API: theme=CODE; an unknown code is a 400 naming it.
		var ans apiItemsAnswer
		res = app.anon().get("/api/v1/items?theme=TBLS")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("API theme=TBLS: status %d: %s", res.StatusCode, res.Body)
		}
		if err := json.Unmarshal([]byte(res.Body), &ans); err != nil || ans.Total != 1 || ans.titles() != "Tin 26/7 đã đăng" {
			t.Errorf("API theme=TBLS: %+v, %v", ans, err)
		}
		res = app.anon().get("/api/v1/items?theme=NOPE")
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, `NOPE`) {
			t.Errorf("API theme=NOPE: status %d: %s", res.StatusCode, res.Body)
		}
	})
}

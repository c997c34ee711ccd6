package web_test

import (
	"context"
	"net/http"
	"testing"

	"loa"
)

// TestSiteOrgFolded: /to-chuc lists the units to the second level; a unit there with
// units below it links to its own page, which lists its whole branch (issue 20: the
// national tree made a 335 KB page). Every unit stays one link away, the branch pages
// are in the sitemap; an unknown code is a 404.
func TestSiteOrgFolded(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		top := &loa.Unit{Code: "TW", Name: "Viện kiểm sát nhân dân tối cao", Kind: loa.UnitSupreme}
		if err := app.DB.SaveUnit(ctx, top); err != nil {
			t.Fatal(err)
		}
		prov := &loa.Unit{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince, ParentCode: top.Code}
		if err := app.DB.SaveUnit(ctx, prov); err != nil {
			t.Fatal(err)
		}
		region := &loa.Unit{Code: "HY-KV1", Name: "Viện kiểm sát nhân dân khu vực 1 Hưng Yên", Kind: loa.UnitDistrict, ParentCode: prov.Code,
			Address: "Số 3 đường Bãi Sậy"}
		if err := app.DB.SaveUnit(ctx, region); err != nil {
			t.Fatal(err)
		}
		anon := app.anon()
		res := anon.get("/to-chuc")
		wantStatus(t, res, http.StatusOK)
		wantIn(t, res.Body, top.Name, prov.Name, `href="/to-chuc/HY"`, "Các đơn vị trực thuộc (1)")
		wantNotIn(t, res.Body, region.Name)
		res = anon.get("/to-chuc/HY")
		wantStatus(t, res, http.StatusOK)
		wantIn(t, res.Body, `<h1 class="section-title">`+prov.Name, region.Name, "Số 3 đường Bãi Sậy", `href="/to-chuc"`)
		wantNotIn(t, res.Body, top.Name+"</a>")
		wantStatus(t, anon.get("/to-chuc/KHONG-CO"), http.StatusNotFound)
		wantIn(t, anon.get("/sitemap.xml").Body, "/to-chuc/HY</loc>")
	})
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"loa"
	"loa/store"
)

// TestSiteOrgInfo: the agency's information Decree 42/2022 asks for, entered in the
// back office, is on the public pages (and in English), with positions from the
// postings and the pages' last-updated dates; a bad entry stores nothing and its
// error is tied to its field.
func TestSiteOrgInfo(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		anon := app.anon()
		p := &loa.Person{Name: "Trần Văn Phát Ngôn", Phone: "0227 111 222", Email: "phatngon@vks.test"}
		if err := app.DB.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := app.DB.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: app.Unit.ID, Position: "Phó Viện trưởng", From: loa.NewDate(2020, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		if err := app.DB.SetContact(ctx, &loa.Contact{UnitID: app.Unit.ID, PersonID: p.ID, From: loa.NewDate(2024, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		admin := app.as(loa.RoleAdmin)
		form := url.Values{"title": {"Giới thiệu"}, "body": {"Đoạn giới thiệu."}, "functions": {"Thực hành quyền công tố.\n\nKiểm sát hoạt động tư pháp."},
			"functions_en": {"Exercises the power of prosecution."}, "about_en": {"The provincial procuracy."},
			"address": {"Số 1 Lý Bôn"}, "phone": {"0227 383 1000"}, "fax": {"0227 383 1001"}, "email": {"vks@vks.test"},
			"spokesperson": {strconv.FormatInt(p.ID, 10)}, "links": {"Cổng thông tin VKSND tối cao | https://vksndtc.gov.vn\nCổng thông tin tỉnh | https://thaibinh.gov.vn"}}

		t.Run("a bad link stores nothing and is tied to its field", func(t *testing.T) {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set("links", "VKSND tối cao javascript:alert(1)")
			res := admin.post("/app/site/about", bad)
			wantStatus(t, res, http.StatusBadRequest)
			wantIn(t, res.Body, `role="alert" id="form-errors"`, `href="#links"`, `id="err-links" data-field="links"`, `id="links"`)
			org, err := app.DB.OrgInfo(ctx)
			if err != nil || org.Fax != "" || org.Functions != "" {
				t.Errorf("stored after a refusal: %+v %v", org, err)
			}
		})
		t.Run("saved and shown", func(t *testing.T) {
			wantStatus(t, admin.post("/app/site/about", form), http.StatusSeeOther)
			today := loa.Today().Display()
			res := anon.get("/gioi-thieu")
			wantIn(t, res.Body, "Chức năng, nhiệm vụ, quyền hạn", "<p>Thực hành quyền công tố.</p>", "<p>Kiểm sát hoạt động tư pháp.</p>",
				"Cập nhật lần cuối: "+today, `href="https://vksndtc.gov.vn"`, "Cổng thông tin tỉnh", "Fax: 0227 383 1001", "Số 1 Lý Bôn")
			res = anon.get("/lien-he")
			wantIn(t, res.Body, `id="spokesperson"`, "Trần Văn Phát Ngôn</strong>, Phó Viện trưởng, "+app.Unit.Name, "0227 111 222",
				`<td data-label="Chức vụ">Phó Viện trưởng</td>`, "Fax: 0227 383 1001", "vks@vks.test", "Cập nhật lần cuối: "+today)
			res = anon.get("/to-chuc")
			wantIn(t, res.Body, "Phó Viện trưởng: <strong>Trần Văn Phát Ngôn</strong>", "Cập nhật lần cuối: "+today)
			audit, _, err := app.DB.AuditLog(ctx, store.AuditFilter{Entity: "org_info"})
			if err != nil || len(audit) != 1 {
				t.Errorf("org info audit: %d %v", len(audit), err)
			}
			form := admin.get("/app/site/about")
			wantIn(t, form.Body, "0227 383 1001", "Cổng thông tin tỉnh | https://thaibinh.gov.vn", `<option value="`+strconv.FormatInt(p.ID, 10)+`" selected>`)
		})
		t.Run("in English", func(t *testing.T) {
			en := app.anon()
			wantStatus(t, en.post("/lang", url.Values{"lang": {"en"}}), http.StatusSeeOther)
			res := en.get("/gioi-thieu")
			wantIn(t, res.Body, "The provincial procuracy.", "Functions, duties and powers", "Exercises the power of prosecution.", "Last updated")
			wantNotIn(t, res.Body, "Thực hành quyền công tố.")
		})
		t.Run("the print button of an article", func(t *testing.T) {
			f := newSiteFixture(t, app)
			res := anon.get("/tin/x-" + strconv.FormatInt(f.news, 10))
			if res.StatusCode == http.StatusMovedPermanently {
				res = anon.get(res.Header.Get("Location"))
			}
			wantIn(t, res.Body, `data-print id="item-print"`, `class="print-only" id="item-source"`)
		})
	})
}

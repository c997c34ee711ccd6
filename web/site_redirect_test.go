package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"loa"
	"loa/siteimport"
)

// After `loa import site`, the old site's addresses answer 301 to the new pages;
// unknown ones are 404 as before, and the home page with an unknown query is the home.
func TestSiteOldAddresses(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if err := app.DB.SaveChannel(ctx, &loa.Channel{Code: "site", Name: "Trang TTĐT", Type: loa.ChannelSite}); err != nil {
			t.Fatal(err)
		}
		if _, err := siteimport.ImportWordPress(ctx, app.DB, "wordpress.xml", "../siteimport/testdata/wordpress.xml", siteimport.Options{}); err != nil {
			t.Fatal(err)
		}
		anon := app.anon()
		res := anon.get("/?p=101")
		post := res.Header.Get("Location")
		if res.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(post, "/tin/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023-") {
			t.Fatalf("/?p=101: %d → %q", res.StatusCode, post)
		}
		wantStatus(t, anon.get(post), http.StatusOK)
		for old, want := range map[string]string{
			"/2023/12/20/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023/": post,
			"/?p=101&utm_source=zalo":                                   post,
			"/category/tin-tuc/hoat-dong-nganh/":                        "/chuyen-muc/hoat-dong-nganh",
			"/?page_id=3":                                               "/trang/lich-tiep-cong-dan",
			"/?page_id=2":                                               "/gioi-thieu",
			"/feed/":                                                    "/feed.xml",
			"/?feed=rss2":                                               "/feed.xml",
		} {
			res := anon.get(old)
			if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
				t.Errorf("%s: %d → %q, want 301 → %q", old, res.StatusCode, res.Header.Get("Location"), want)
			}
		}
		wantStatus(t, anon.get("/2023/12/20/khong-co-bai-nay/"), http.StatusNotFound)
		wantStatus(t, anon.get("/?p=99999"), http.StatusOK) // the home page, as before
		if res := anon.get("/app/x?p=101"); res.StatusCode == http.StatusMovedPermanently {
			t.Errorf("the back office answers an old address")
		}
		res = anon.get("/trang/lich-tiep-cong-dan")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Thứ Hai đến thứ Sáu hằng tuần.") {
			t.Errorf("imported page: %d", res.StatusCode)
		}
		wantStatus(t, anon.get("/trang/khong-co"), http.StatusNotFound)
	})
}

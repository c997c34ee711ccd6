package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"loa/store"
	"loa/web"
)

// TestChromeFragments: the public pages an anonymous reader gets, whose header, menu,
// footer and sidebar are fragments rendered once, are byte for byte the pages whose
// chrome is executed for each of them: in both languages, on a page the menu marks as
// current and on pages it does not, with the agency's address and links in the footer,
// and again after the menu changed.
func TestChromeFragments(t *testing.T) {
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		f := newSiteFixture(t, app)
		org, err := app.DB.OrgInfo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		org.Address, org.Phone, org.Email = "Số 1 <Lê Lợi>", "0227 3831 234", "vks@loa.test"
		org.Links = []store.OrgLink{{Label: "Viện kiểm sát nhân dân tối cao", URL: "https://vksndtc.gov.vn"}}
		if err := app.DB.SaveOrgInfo(ctx, org); err != nil {
			t.Fatal(err)
		}
		plain, err := web.New(app.DB, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://loa.test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(plain.Close)
		plain.SetPlainChrome(true)
		get := func(h http.Handler, path, lang string) (int, string) {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("Cookie", "lang="+lang)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w.Code, w.Body.String()
		}
		item := itemURL(t, app.anon().get("/").Body, f.news)
		compare := func(paths ...string) {
			t.Helper()
			for _, p := range paths {
				for _, lang := range []string{"vi", "en"} {
					code, got := get(app.Srv.Handler(), p, lang)
					wantCode, want := get(plain.Handler(), p, lang)
					if code != wantCode || got != want {
						t.Errorf("%s (%s): %d, %d bytes with the fragments; %d, %d bytes executed\n%s", p, lang, code, len(got), wantCode, len(want), firstDiff(got, want))
					}
					if code == http.StatusOK && !strings.Contains(got, "vks@loa.test") {
						t.Errorf("%s (%s): the footer lacks the agency's address", p, lang)
					}
				}
			}
		}
		pages := []string{"/", item, "/chuyen-muc/tin-hoat-dong", "/tin-moi", "/to-chuc", "/van-ban", "/lien-he", "/gioi-thieu",
			"/tim-kiem", "/tim-kiem?q=tuyen+truyen", "/khong-co"}
		compare(pages...)
		if err := app.DB.SaveMenuLink(ctx, &store.MenuLink{Label: "Tin mới", Href: "/tin-moi", Position: 1}); err != nil {
			t.Fatal(err)
		}
		compare(pages...)
		if _, body := get(app.Srv.Handler(), "/tin-moi", "vi"); !strings.Contains(body, `<a href="/tin-moi" aria-current="page">Tin mới</a>`) {
			t.Errorf("the new menu entry is not marked as the current page on /tin-moi")
		}
	})
}

// firstDiff shows where a and b part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "…" + a[from:min(len(a), i+80)] + "\n≠ …" + b[from:min(len(b), i+80)]
}

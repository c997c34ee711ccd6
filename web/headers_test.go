package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"loa"
	"loa/media"
)

// The policies, written out: a test that only looked for a part of them would pass
// with 'unsafe-inline' added to script-src.
const (
	pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	picturePolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
)

// TestExactSecurityHeaders: every kind of answer carries exactly one policy, the
// one written above, and the other security headers, to the letter.
func TestExactSecurityHeaders(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		it := &loa.Item{Kind: loa.KindNews, UnitID: app.Unit.ID, Title: "Tin có ảnh", Body: "<p>x</p>"}
		if err := app.DB.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		pic, err := media.Picture("anh.png", pngBytes(t, 40, 30))
		if err != nil {
			t.Fatal(err)
		}
		m, err := app.DB.AddMedia(ctx, it.ID, pic, "Ảnh", "")
		if err != nil {
			t.Fatal(err)
		}
		admin := app.as(loa.RoleAdmin)
		for _, tc := range []struct {
			name, path string
			c          *client
			status     int
			policy     string
		}{
			{"a page", "/login", app.anon(), http.StatusOK, pagePolicy},
			{"a back-office page", "/app", admin, http.StatusOK, pagePolicy},
			{"an error page", "/app/items/999999", admin, http.StatusNotFound, pagePolicy},
			{"the site's error page", "/khong-co-trang-nay", app.anon(), http.StatusNotFound, pagePolicy},
			{"a static file", "/static/app.css", app.anon(), http.StatusOK, pagePolicy},
			{"an API answer", "/api/v1/search?q=tin", app.anon(), http.StatusOK, pagePolicy},
			{"an API refusal", "/api/v1/report?period=2024", app.anon(), http.StatusUnauthorized, pagePolicy},
			{"a media file", fmt.Sprintf("/media/%d", m.ID), admin, http.StatusOK, picturePolicy},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := tc.c.get(tc.path)
				if res.StatusCode != tc.status {
					t.Fatalf("GET %s: got %d, want %d", tc.path, res.StatusCode, tc.status)
				}
				if got := res.Header.Values("Content-Security-Policy"); len(got) != 1 || got[0] != tc.policy {
					t.Errorf("Content-Security-Policy:\n got  %q\n want %q", got, tc.policy)
				}
				for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
					"Referrer-Policy": "strict-origin-when-cross-origin"} {
					if got := res.Header.Values(h); len(got) != 1 || got[0] != want {
						t.Errorf("%s: got %q, want %q", h, got, want)
					}
				}
			})
		}
	})
}

package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"regexp"
	"testing"

	"loa"
)

// TestStaticFilesGzipped: the text files (styles, scripts) go gzipped to a browser
// that accepts it, as the same bytes, with their own ETag; plain to one that does not.
// Each answer says it varies on Accept-Encoding.
func TestStaticFilesGzipped(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		anon := app.anon()
		home := anon.get("/").Body
		var files []string
		for _, m := range regexp.MustCompile(`/static/[^"]+\.(?:css|js)`).FindAllString(home, -1) {
			files = append(files, m)
		}
		files = append(files, "/static/vendor/chart.umd.min.js", "/static/app.css")
		if len(files) < 4 {
			t.Fatalf("the home page links %v", files)
		}
		for _, f := range files {
			plain := anon.getWith(f, map[string]string{"Accept-Encoding": "identity"})
			wantStatus(t, plain, 200)
			if plain.Header.Get("Content-Encoding") != "" || plain.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s plain: Content-Encoding %q, Vary %q", f, plain.Header.Get("Content-Encoding"), plain.Header.Get("Vary"))
			}
			res := anon.getWith(f, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
			wantStatus(t, res, 200)
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("%s: Content-Encoding %q", f, res.Header.Get("Content-Encoding"))
			}
			zr, err := gzip.NewReader(bytes.NewReader([]byte(res.Body)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(zr)
			if err != nil || string(b) != plain.Body {
				t.Fatalf("%s: the gzipped file does not read back as the file (%v)", f, err)
			}
			if len(res.Body) >= len(plain.Body)/2 {
				t.Errorf("%s: %d bytes gzipped of %d", f, len(res.Body), len(plain.Body))
			}
			etag := res.Header.Get("ETag")
			if etag == "" || etag == plain.Header.Get("ETag") {
				t.Errorf("%s: gzip ETag %q, plain %q", f, etag, plain.Header.Get("ETag"))
			}
			wantStatus(t, anon.getWith(f, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag}), 304)
		}
	})
}

// TestPagesGzipped: a page rendered for its reader (the back office, a signed-in
// user's public page) goes gzipped to a browser that accepts it, the same page as
// the plain one, and plain to one that does not.
func TestPagesGzipped(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		newSiteFixture(t, app)
		c := app.as(loa.RoleSecretary)
		for _, path := range []string{"/app", "/app/items", "/app/dashboard", "/", "/tin-moi"} {
			plain := c.getWith(path, map[string]string{"Accept-Encoding": "identity"})
			wantStatus(t, plain, 200)
			if plain.Header.Get("Content-Encoding") != "" {
				t.Errorf("%s plain: Content-Encoding %q", path, plain.Header.Get("Content-Encoding"))
			}
			res := c.getWith(path, map[string]string{"Accept-Encoding": "gzip"})
			wantStatus(t, res, 200)
			if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Vary") == "" {
				t.Fatalf("%s: Content-Encoding %q, Vary %q", path, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
			}
			zr, err := gzip.NewReader(bytes.NewReader([]byte(res.Body)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			// The pages carry a CSRF token of the session: the same on both.
			if string(b) != plain.Body {
				t.Errorf("%s: the gzipped page (%d bytes) differs from the plain one (%d)", path, len(b), len(plain.Body))
			}
		}
	})
}

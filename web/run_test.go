package web_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
)

// TestRunServesCachedPagesWhole: through Run's own listener, whose connections gather
// a cached page into one write (listen.go), every public page arrives whole, plain
// and gzipped, a miss and then hits on one kept-alive connection, the same bytes as
// the handler renders.
func TestRunServesCachedPagesWhole(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		newSiteFixture(t, app)
		// A page past net/http's 4 KB buffer by far, which leaves from the cache's copy.
		long := insertItem(t, app, "BÀI DÀI", loa.KindArticle, app.Unit, loa.StatusPublished, time.Now().Add(-time.Hour), "")
		dbtest.Exec(t, app.DB, "UPDATE items SET body = ? WHERE id = ?", strings.Repeat("<p>Viện kiểm sát nhân dân tuyên truyền pháp luật cho nhân dân.</p>\n", 600), long)
		dbtest.ItemChanged(t, app.DB, long)
		longPage := itemURL(t, app.anon().get("/tin-moi").Body, long)
		ctx, cancel := context.WithCancel(context.Background())
		addrc, done := make(chan string, 1), make(chan error, 1)
		go func() { done <- app.Srv.Run(ctx, "127.0.0.1:0", func(a string) { addrc <- a }) }()
		var addr string
		select {
		case addr = <-addrc:
		case err := <-done:
			t.Fatal(err)
		}
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		}()
		client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
		defer client.CloseIdleConnections()
		for _, path := range []string{"/", "/tin-moi", "/chuyen-muc/tin-hoat-dong", "/feed.xml", "/sitemap.xml", "/to-chuc", "/van-ban", "/gioi-thieu", longPage} {
			want := app.anon().get(path)
			if want.StatusCode != 200 {
				t.Fatalf("%s: status %d", path, want.StatusCode)
			}
			for _, gz := range []bool{false, true} {
				for i := range 3 {
					req, _ := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
					if gz {
						req.Header.Set("Accept-Encoding", "gzip")
					}
					res, err := client.Do(req)
					if err != nil {
						t.Fatalf("%s (gzip %v, %d): %v", path, gz, i, err)
					}
					var body io.Reader = res.Body
					if res.Header.Get("Content-Encoding") == "gzip" {
						zr, err := gzip.NewReader(res.Body)
						if err != nil {
							t.Fatalf("%s: %v", path, err)
						}
						body = zr
					}
					b, err := io.ReadAll(body)
					res.Body.Close()
					if err != nil {
						t.Fatalf("%s (gzip %v, %d): %v", path, gz, i, err)
					}
					if res.StatusCode != 200 || string(b) != want.Body {
						t.Fatalf("%s (gzip %v, %d): status %d, %d bytes, want the handler's %d", path, gz, i, res.StatusCode, len(b), len(want.Body))
					}
					if i > 0 && res.Header.Get("X-Cache") != "HIT" {
						t.Errorf("%s (gzip %v, %d): X-Cache %q", path, gz, i, res.Header.Get("X-Cache"))
					}
				}
			}
		}
	})
}

package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa/siteimport"
)

// TestOldAddressesInBrowser: after a WordPress site is imported, an old address typed
// into the browser — the post's ?p= link and its date permalink — lands on the new
// article, whose pictures, copied from the old uploads folder, load.
func TestOldAddressesInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	channels(t, db)
	uploads := t.TempDir()
	for rel, size := range map[string][2]int{"2023/12/hoi-nghi.jpg": {1600, 1066}, "2023/12/dai-dien.png": {300, 200}} {
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for x := range size[0] {
			img.Set(x, x%size[1], color.RGBA{200, 30, 30, 255})
		}
		var b bytes.Buffer
		if strings.HasSuffix(rel, ".png") {
			png.Encode(&b, img)
		} else {
			jpeg.Encode(&b, img, nil)
		}
		path := filepath.Join(uploads, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := siteimport.ImportWordPress(ctx, db, "wordpress.xml", "../siteimport/testdata/wordpress.xml",
		siteimport.Options{Uploads: uploads, UnitCode: s.Unit.Code}); err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{"/?p=101", "/2023/12/20/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023/"} {
		s.open(old, "#item-title")
		if loc := get(s, chromedp.Location()); !strings.Contains(loc, "/tin/hoi-nghi-tong-ket-cong-tac-kiem-sat-nam-2023-") {
			t.Errorf("%s landed on %s", old, loc)
		}
		if got := s.text("#item-title"); !strings.Contains(got, "Hội nghị tổng kết") {
			t.Errorf("%s: title %q", old, got)
		}
		// Every picture of the article is loaded from loa's media, none from the old site;
		// the one missing from the uploads folder keeps only its text (no address).
		pics := get(s, chromedp.Poll[[]string](`(() => {
			const imgs = [...document.querySelectorAll('main img[src]')];
			if (imgs.length === 0 || !imgs.every(i => i.complete)) return null;
			return imgs.map(i => i.naturalWidth > 0 ? new URL(i.src).pathname : 'broken ' + i.outerHTML);
		})()`, chromedp.WithPollingTimeout(10e9)))
		for _, p := range pics {
			if !strings.HasPrefix(p, "/media/") {
				t.Errorf("%s: picture %s", old, p)
			}
		}
	}
}

package media_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"runtime"
	"strings"
	"testing"

	"loa"
	"loa/internal/hostile"
	"loa/media"
)

// allocated is what f allocates, in bytes (the tests of this package do not run
// in parallel).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestPictureRefusesCostlyDecodeUndecoded: the picture, a 16-bit PNG of
// 7000×7000 in a few hundred KB, took the server from 105 MB to 716 MB. It is under
// the pixel bound of old, but decodes to 392 MB: refused from its header, with
// nothing decoded.
func TestPictureRefusesCostlyDecodeUndecoded(t *testing.T) {
	for _, side := range []int{7000} {
		p := hostile.PNG(side, side, true)
		if len(p) > media.MaxBytes {
			t.Fatalf("the test picture is %d bytes", len(p))
		}
		var err error
		n := allocated(func() { _, err = media.Picture("bom.png", p) })
		msg := loa.ErrorFields(err)["pictures"]
		if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(msg, "quá lớn để xử lý") || !strings.Contains(msg, "bom.png") {
			t.Errorf("%d×%d: got %v, want refused as too large to process", side, side, err)
		}
		if n > 4<<20 {
			t.Errorf("%d×%d: refusing it allocated %d MB, want it refused before decoding", side, side, n>>20)
		}
	}
}

// TestPictureSiteCopyMemory: making the site's copy of a 12-megapixel photo takes
// little beyond the decoded photo itself (a kernel scaler took 115 MB more), and
// the copy keeps the picture's colours.
func TestPictureSiteCopyMemory(t *testing.T) {
	src := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range src.Y {
		src.Y[i] = 150
	}
	for i := range src.Cb {
		src.Cb[i], src.Cr[i] = 90, 170
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	var f *media.File
	var err error
	n := allocated(func() { f, err = media.Picture("anh.jpg", data) })
	if err != nil {
		t.Fatal(err)
	}
	decoded := uint64(4000 * 3000 * 3 / 2)
	if n > decoded+12<<20 {
		t.Errorf("Picture allocated %d MB for a 4000×3000 JPEG, want at most %d MB", n>>20, (decoded+12<<20)>>20)
	}
	if f.SiteWidth != 1200 || f.SiteHeight != 900 {
		t.Fatalf("site copy %d×%d, want 1200×900", f.SiteWidth, f.SiteHeight)
	}
	site, err := jpeg.Decode(bytes.NewReader(f.Site))
	if err != nil {
		t.Fatal(err)
	}
	wr, wg, wb, _ := src.At(10, 10).RGBA()
	for _, pt := range []image.Point{{0, 0}, {600, 450}, {1199, 899}} {
		r, g, b, _ := site.At(pt.X, pt.Y).RGBA()
		if diff(r, wr) > 3<<8 || diff(g, wg) > 3<<8 || diff(b, wb) > 3<<8 {
			t.Errorf("site copy at %v: %d,%d,%d, want about %d,%d,%d", pt, r>>8, g>>8, b>>8, wr>>8, wg>>8, wb>>8)
		}
	}
}

func diff(a, b uint32) uint32 { return max(a, b) - min(a, b) }

// TestPictureTallSiteCopy: a tall picture's site copy fits SiteMaxHeight instead of
// being SiteWidth wide and taller (17 000 high for a 1300×19 000 picture). The picture
// is just over the rule (1200 wide it would be 4892 high), so as cheap as it can be.
func TestPictureTallSiteCopy(t *testing.T) {
	const w, h = 1300, 5300
	if h*media.SiteWidth/w <= media.SiteMaxHeight {
		t.Fatalf("a %d×%d picture is not too tall for the site", w, h)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	f, err := media.Picture("dai.jpg", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if f.SiteHeight != media.SiteMaxHeight || f.SiteWidth != w*media.SiteMaxHeight/h {
		t.Errorf("site copy %d×%d, want %d×%d", f.SiteWidth, f.SiteHeight, w*media.SiteMaxHeight/h, media.SiteMaxHeight)
	}
}

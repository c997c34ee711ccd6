package hostile

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/png"
	"io"
	"testing"
)

// TestZlibZeros: the hand-written stream inflates, checksum included, to exactly n
// zero bytes, across the edges of its 258-byte copies.
func TestZlibZeros(t *testing.T) {
	for _, n := range []int{1, 2, 3, 258, 259, 260, 261, 516, 517, 518, 65521, 65522, 1_000_003} {
		r, err := zlib.NewReader(bytes.NewReader(zlibZeros(n)))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		got, err := io.ReadAll(r) // reading to the end checks the Adler-32
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(got) != n || bytes.Count(got, []byte{0}) != n {
			t.Fatalf("n=%d: inflated %d bytes, %d of them zero", n, len(got), bytes.Count(got, []byte{0}))
		}
	}
}

// TestPNG: the picture decodes whole as the size and depth asked, every pixel zero,
// and the 7000×7000 at 16 bits stays a few hundred KB.
func TestPNG(t *testing.T) {
	for _, c := range []struct {
		w, h int
		deep bool
	}{{1, 1, false}, {300, 7, false}, {33, 129, true}} {
		img, err := png.Decode(bytes.NewReader(PNG(c.w, c.h, c.deep)))
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if img.Bounds() != image.Rect(0, 0, c.w, c.h) {
			t.Fatalf("%+v: bounds %v", c, img.Bounds())
		}
		if _, ok := img.(*image.NRGBA64); ok != c.deep {
			t.Fatalf("%+v: decoded as %T", c, img)
		}
		for y := range c.h {
			for x := range c.w {
				if r, g, b, a := img.At(x, y).RGBA(); r|g|b|a != 0 {
					t.Fatalf("%+v: pixel %d,%d is %d,%d,%d,%d", c, x, y, r, g, b, a)
				}
			}
		}
	}
	p := PNG(7000, 7000, true)
	cfg, err := png.DecodeConfig(bytes.NewReader(p))
	if err != nil || cfg.Width != 7000 || cfg.Height != 7000 {
		t.Fatalf("7000×7000: %+v %v", cfg, err)
	}
	if len(p) > 500<<10 {
		t.Fatalf("7000×7000 is %d KB", len(p)>>10)
	}
}

package media_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"loa"
	"loa/media"
)

func testPNG(t *testing.T, w, h int, alpha bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(255)
			if alpha && x < w/2 {
				a = 0
			}
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, a})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webp1x1 is a 1×1 lossless WebP.
const webp1x1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func TestPictureAccepts(t *testing.T) {
	t.Parallel()
	webp, _ := base64.StdEncoding.DecodeString(webp1x1)
	for _, tc := range []struct {
		name     string
		file     string
		data     []byte
		wantType string
		w, h     int
	}{
		{"small JPEG", "anh.jpg", testJPEG(t, 640, 480), "image/jpeg", 640, 480},
		{"PNG", "anh.png", testPNG(t, 300, 200, false), "image/png", 300, 200},
		{"WebP", "anh.webp", webp, "image/webp", 1, 1},
		{"a JPEG named .png is still a JPEG", "anh.png", testJPEG(t, 10, 10), "image/jpeg", 10, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Picture(tc.file, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if f.ContentType != tc.wantType || f.Width != tc.w || f.Height != tc.h || f.Kind != loa.MediaPicture {
				t.Fatalf("got %s %dx%d, want %s %dx%d", f.ContentType, f.Width, f.Height, tc.wantType, tc.w, tc.h)
			}
			if f.Site != nil {
				t.Fatal("a small picture needs no site copy")
			}
		})
	}
}

func TestPictureResizesForTheSite(t *testing.T) {
	t.Parallel()
	t.Run("opaque JPEG gives a JPEG copy", func(t *testing.T) {
		f, err := media.Picture("lon.jpg", testJPEG(t, 2400, 1600))
		if err != nil {
			t.Fatal(err)
		}
		if f.SiteWidth != 1200 || f.SiteHeight != 800 || f.SiteType != "image/jpeg" {
			t.Fatalf("site copy %s %dx%d, want image/jpeg 1200x800", f.SiteType, f.SiteWidth, f.SiteHeight)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(f.Site))
		if err != nil || format != "jpeg" || cfg.Width != 1200 || cfg.Height != 800 {
			t.Fatalf("site copy decodes as %s %dx%d (%v)", format, cfg.Width, cfg.Height, err)
		}
	})
	t.Run("transparent PNG keeps transparency", func(t *testing.T) {
		f, err := media.Picture("logo.png", testPNG(t, 1500, 300, true))
		if err != nil {
			t.Fatal(err)
		}
		if f.SiteType != "image/png" || f.SiteWidth != 1200 || f.SiteHeight != 240 {
			t.Fatalf("site copy %s %dx%d", f.SiteType, f.SiteWidth, f.SiteHeight)
		}
	})
}

func TestPictureRefuses(t *testing.T) {
	t.Parallel()
	var gifBuf bytes.Buffer
	gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 2, 2), []color.Color{color.Black, color.White}), nil)
	jpg := testJPEG(t, 20, 20)
	for _, tc := range []struct {
		name string
		file string
		data []byte
	}{
		{"empty", "a.jpg", nil},
		{"text named .jpg", "a.jpg", []byte("xin chào, đây không phải ảnh")},
		{"HTML named .png", "a.png", []byte("<html><script>alert(1)</script></html>")},
		{"SVG", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`)},
		{"GIF", "a.gif", gifBuf.Bytes()},
		{"PDF", "a.jpg", []byte("%PDF-1.4\n...")},
		{"truncated JPEG", "a.jpg", jpg[:len(jpg)/2]},
		{"JPEG header only", "a.jpg", jpg[:20]},
		{"too large", "a.jpg", append(testJPEG(t, 8, 8), make([]byte, media.MaxBytes)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := media.Picture(tc.file, tc.data)
			if loa.ErrorCode(err) != loa.EINVALID || loa.ErrorFields(err)["pictures"] == "" {
				t.Fatalf("got %v, want a refusal on the pictures field", err)
			}
		})
	}
	t.Run("decompression bomb", func(t *testing.T) {
		// A PNG header claiming 100000×100000 pixels.
		p := testPNG(t, 1, 1, false)
		p[16], p[17], p[18], p[19] = 0, 1, 0x86, 0xA0
		p[20], p[21], p[22], p[23] = 0, 1, 0x86, 0xA0
		if _, err := media.Picture("bom.png", p); loa.ErrorCode(err) != loa.EINVALID {
			t.Fatalf("got %v, want refused", err)
		}
	})
}

func TestAttachment(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, file, data, want string }{
		{"PDF", "bao-cao.pdf", "%PDF-1.4\n%âãÏÓ\n", "application/pdf"},
		{"HTML is never served as HTML", "x.pdf", "<html><script>alert(1)</script>", "application/octet-stream"},
		{"plain text", "ghi-chu.txt", "ghi chú", "application/octet-stream"},
		{"docx by its container", "bai.docx", "PK\x03\x04rest", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a zip named .html stays a zip", "x.html", "PK\x03\x04rest", "application/zip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Attachment(tc.file, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if f.ContentType != tc.want {
				t.Fatalf("got %q, want %q", f.ContentType, tc.want)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		if _, err := media.Attachment("x.pdf", make([]byte, media.MaxBytes+1)); loa.ErrorFields(err)["attachments"] == "" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("names are cleaned", func(t *testing.T) {
		f, _ := media.Attachment("C:\\Users\\x\\Báo cáo \"6 tháng\".pdf", []byte("%PDF-1.4"))
		if f.Filename != "Báo cáo 6 tháng.pdf" {
			t.Fatalf("got %q", f.Filename)
		}
		f, _ = media.Attachment(strings.Repeat("ả", 300)+".pdf", []byte("%PDF-1.4"))
		if len([]rune(f.Filename)) != 200 {
			t.Fatalf("got %d runes", len([]rune(f.Filename)))
		}
	})
}

package media

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"time"
)

// TestJPEGCost: a progressive JPEG keeps its coefficients, five times a baseline
// one's planes; a 6000×4000 one is refused, the baseline one is not.
func TestJPEGCost(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewYCbCr(image.Rect(0, 0, 16, 16), image.YCbCrSubsampleRatio420), nil); err != nil {
		t.Fatal(err)
	}
	cfg := image.Config{ColorModel: color.YCbCrModel, Width: 6000, Height: 4000}
	base := buf.Bytes()
	prog := bytes.Clone(base)
	i := bytes.Index(prog, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in Go's JPEG")
	}
	prog[i+1] = 0xC2
	if got, want := jpegCost(base, cfg), int64(6000*4000*3/2); got != want {
		t.Errorf("baseline 4:2:0: cost %d, want %d", got, want)
	}
	if got, want := jpegCost(prog, cfg), int64(6000*4000*3/2*5); got != want {
		t.Errorf("progressive 4:2:0: cost %d, want %d", got, want)
	}
	if jpegCost(base[:40], cfg) != 6000*4000*24 {
		t.Error("a JPEG without its frame header is not costed at the worst")
	}
}

// TestDecodeSlots: a third picture waits while two are being decoded.
func TestDecodeSlots(t *testing.T) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	decodeSlots <- struct{}{}
	decodeSlots <- struct{}{}
	done := make(chan error)
	go func() { _, err := Picture("a.jpg", buf.Bytes()); done <- err }()
	select {
	case <-done:
		t.Fatal("a picture was decoded while two others held the slots")
	case <-time.After(200 * time.Millisecond):
	}
	<-decodeSlots
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-decodeSlots
}

// TestShrink: each pixel of the copy is the average of the area it covers.
func TestShrink(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 3, 1))
	src.Set(0, 0, color.RGBA{255, 0, 0, 255})
	src.Set(1, 0, color.RGBA{0, 0, 255, 255})
	src.Set(2, 0, color.RGBA{0, 0, 255, 255})
	got := shrink(src, 2, 1)
	// The left pixel covers red and half of the first blue, the right one the rest.
	want := []uint8{170, 0, 85, 255, 0, 0, 255, 255}
	if !bytes.Equal(got.Pix, want) {
		t.Errorf("got %v, want %v", got.Pix, want)
	}
}

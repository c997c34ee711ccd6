// Package media checks and prepares the files people attach to items: pictures must
// really be JPEG, PNG or WebP (judged by their content, never by their name), not
// too large, and get a copy sized for the site; attachments are kept as they are,
// with a content type that is safe to send.
package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	_ "golang.org/x/image/webp" // registers WebP with image.Decode
	"golang.org/x/sync/semaphore"

	"loa"
)

// Limits. A picture is judged by its header before it is decoded: a small file can
// claim a huge picture (a 381 KB PNG decodes to 7000×7000 at 16 bits a channel,
// 392 MB), so the pixels, the longest side and the bytes its decoding will take are
// all bounded before a byte of it is decoded.
const (
	MaxBytes       = 10 << 20   // any one file
	MaxPixels      = 40_000_000 // a picture's width × height
	MaxSide        = 20_000     // a picture's width or height
	MaxDecodeBytes = 96 << 20   // the memory decoding one picture may take (decodeCost)
	MaxDecodeTotal = 128 << 20  // the memory all the pictures being decoded at once may take
	SiteWidth      = 1200       // the widest picture the site shows
	SiteMaxHeight  = 4 * SiteWidth
)

// decodeSlots lets at most two pictures be decoded at once in the process (the
// machine may have two cores), and decodeMemory at most MaxDecodeTotal of
// decoding cost at once: two 100 MB PNGs wait for each other, two 60 MB JPEGs do
// not. The server promises to stay under 300 MB while pictures arrive together.
// They are package-level on purpose: the bound is on the process's memory, which
// every caller of Picture shares (web uploads, the demo, tests), and a value per
// caller would let two callers decode four at once. Neither is ever replaced; only
// their slots are taken and given back.
var (
	decodeSlots  = make(chan struct{}, 2)
	decodeMemory = semaphore.NewWeighted(MaxDecodeTotal)
)

// File is an upload ready to store.
type File struct {
	Kind        loa.MediaKind
	Filename    string
	ContentType string
	Data        []byte
	Width       int
	Height      int
	// Site is the copy sized for the site, when the original is wider than
	// SiteWidth; nil otherwise.
	Site       []byte
	SiteType   string
	SiteWidth  int
	SiteHeight int
}

// pictureTypes are the picture formats loa accepts, as http.DetectContentType names them.
var pictureTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true}

// attachmentTypes are the types an attachment is served as; anything else is sent as
// application/octet-stream, always as a download.
var attachmentTypes = map[string]bool{
	"application/pdf": true, "application/zip": true, "image/jpeg": true, "image/png": true, "image/webp": true, "image/gif": true,
	"audio/mpeg": true, "video/mp4": true, "application/msword": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       true,
	"application/vnd.ms-excel": true,
}

// errInvalid is the refusal of an upload, named on the form's field.
func errInvalid(field, msg string) error {
	return &loa.Error{Code: loa.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// Picture checks data as a picture and prepares it: EINVALID (on field "pictures")
// when it is empty, too large, not JPEG/PNG/WebP by content, or cannot be decoded.
func Picture(filename string, data []byte) (*File, error) {
	filename = cleanName(filename)
	if len(data) == 0 {
		return nil, errInvalid("pictures", "Tệp ảnh “"+filename+"” rỗng.")
	}
	if len(data) > MaxBytes {
		return nil, errInvalid("pictures", "Ảnh “"+filename+"” quá lớn: tối đa 10 MB.")
	}
	ct := http.DetectContentType(data)
	if !pictureTypes[ct] {
		return nil, errInvalid("pictures", "Tệp “"+filename+"” không phải ảnh JPEG, PNG hoặc WebP.")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || "image/"+format != ct {
		return nil, errInvalid("pictures", "Tệp “"+filename+"” không phải ảnh JPEG, PNG hoặc WebP hợp lệ.")
	}
	cost := decodeCost(data, cfg, format)
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide ||
		cfg.Width*cfg.Height > MaxPixels || cost > MaxDecodeBytes {
		return nil, errInvalid("pictures", fmt.Sprintf("Ảnh “%s” quá lớn để xử lý (%d×%d điểm ảnh): "+
			"xin thu nhỏ ảnh (tối đa %d triệu điểm ảnh, mỗi cạnh tối đa %d điểm; ảnh PNG 16 bit hoặc "+
			"JPEG lũy tiến được ít hơn) rồi gửi lại.", filename, cfg.Width, cfg.Height, MaxPixels/1_000_000, MaxSide))
	}
	decodeMemory.Acquire(context.Background(), cost) // never fails: no deadline, cost ≤ MaxDecodeTotal
	defer decodeMemory.Release(cost)
	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	f := &File{Kind: loa.MediaPicture, Filename: filename, ContentType: ct, Data: data}
	if err := f.decode(); err != nil {
		return nil, err
	}
	// A decoded picture is one allocation of up to MaxDecodeBytes, garbage once
	// decode returns. The runtime reuses it only after a collection, and the next
	// decode would take as much again from the system beside it (RSS went from 140
	// to 240 MB with pictures decoded one after another): a large decode returns
	// its memory before it gives back its share of decodeMemory.
	if cost > 16<<20 {
		debug.FreeOSMemory()
	}
	return f, nil
}

// decode decodes f.Data, records its size and makes the site's copy when it is
// wider than SiteWidth. The decoded picture is garbage when it returns.
func (f *File) decode() error {
	img, _, err := image.Decode(bytes.NewReader(f.Data))
	if err != nil {
		return errInvalid("pictures", "Tệp “"+f.Filename+"” không đọc được như một ảnh.")
	}
	f.Width, f.Height = img.Bounds().Dx(), img.Bounds().Dy()
	if f.Width > SiteWidth {
		return f.resize(img)
	}
	return nil
}

// resize makes the site's copy, SiteWidth wide (narrower for a picture taller than
// SiteMaxHeight would allow): JPEG for opaque pictures (small), PNG for pictures
// with transparency (which JPEG would lose).
func (f *File) resize(img image.Image) error {
	w := SiteWidth
	h := max(1, f.Height*w/f.Width)
	if h > SiteMaxHeight {
		h, w = SiteMaxHeight, max(1, f.Width*SiteMaxHeight/f.Height)
	}
	dst := shrink(img, w, h)
	var buf bytes.Buffer
	if opaque(img) {
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85}); err != nil {
			return err
		}
		f.SiteType = "image/jpeg"
	} else {
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, dst); err != nil {
			return err
		}
		f.SiteType = "image/png"
	}
	f.Site, f.SiteWidth, f.SiteHeight = buf.Bytes(), w, h
	return nil
}

func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	switch img.ColorModel() {
	case color.YCbCrModel, color.GrayModel, color.Gray16Model, color.CMYKModel:
		return true
	}
	return false
}

// Attachment checks data as an attached file: EINVALID (on field "attachments")
// when it is empty or too large. Its type is detected from the content.
func Attachment(filename string, data []byte) (*File, error) {
	filename = cleanName(filename)
	if len(data) == 0 {
		return nil, errInvalid("attachments", "Tệp “"+filename+"” rỗng.")
	}
	if len(data) > MaxBytes {
		return nil, errInvalid("attachments", "Tệp “"+filename+"” quá lớn: tối đa 10 MB.")
	}
	return &File{Kind: loa.MediaAttachment, Filename: filename, ContentType: attachmentType(filename, data), Data: data}, nil
}

// attachmentType is the type an attachment is stored and sent as. Office files are
// ZIP (or OLE) containers to content sniffing; the name's extension refines that
// only within the container's family, so a name can never turn a file into HTML.
func attachmentType(filename string, data []byte) string {
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ext := strings.ToLower(path.Ext(filename))
	switch {
	case ct == "application/zip" && ext == ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ct == "application/zip" && ext == ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ct == "application/octet-stream" && bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")) && ext == ".doc":
		return "application/msword"
	case ct == "application/octet-stream" && bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")) && ext == ".xls":
		return "application/vnd.ms-excel"
	}
	if attachmentTypes[ct] {
		return ct
	}
	return "application/octet-stream"
}

// cleanName keeps the base name a browser sent, as valid UTF-8 without control
// characters, at most 200 characters: it is only ever shown.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.ToValidUTF8(name, ""))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == "/" {
		name = "tep"
	}
	for utf8.RuneCountInString(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

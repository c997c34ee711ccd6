package loa

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MediaKind says whether a file of an item is a picture shown with it or an
// attachment offered for download.
type MediaKind string

// The media kinds.
const (
	MediaPicture    MediaKind = "picture"
	MediaAttachment MediaKind = "attachment"
)

// Media is a picture or an attached file of an item. Its bytes live in the database
// (so a backup, or a second instance, needs nothing else); this is what lists show.
type Media struct {
	ID          int64
	ItemID      int64
	Kind        MediaKind
	Filename    string // as the uploader named it: shown, never trusted
	ContentType string // detected from the content
	Size        int64
	Width       int // pictures: the original's size in pixels
	Height      int
	SiteWidth   int // the resized copy for the site; 0 when the original is small enough
	SiteHeight  int
	Caption     string
	Credit      string
	Position    int
	CreatedAt   time.Time
}

// URL is where the original is served.
func (m *Media) URL() string { return "/media/" + strconv.FormatInt(m.ID, 10) }

// SiteURL is where the copy sized for the site is served (the original when it is
// small enough already).
func (m *Media) SiteURL() string {
	if m.SiteWidth == 0 {
		return m.URL()
	}
	return m.URL() + "/site"
}

// SizeText is the file's size as people read it: "850 KB", "2,4 MB".
func (m *Media) SizeText() string {
	switch {
	case m.Size >= 1<<20:
		mb := strconv.FormatFloat(float64(m.Size)/(1<<20), 'f', 1, 64)
		return strings.Replace(mb, ".", ",", 1) + " MB"
	case m.Size >= 1<<10:
		return strconv.FormatInt(m.Size>>10, 10) + " KB"
	}
	return strconv.FormatInt(m.Size, 10) + " B"
}

// IsPicture reports whether m is a picture.
func (m *Media) IsPicture() bool { return m.Kind == MediaPicture }

// Validate checks the fields people type: caption and credit.
func (m *Media) Validate() error {
	var v Validation
	m.Caption = strings.TrimSpace(m.Caption)
	m.Credit = strings.TrimSpace(m.Credit)
	v.Check(utf8.RuneCountInString(m.Caption) <= 1000, "caption", "Chú thích ảnh quá dài.")
	v.Check(utf8.RuneCountInString(m.Credit) <= 200, "credit", "Tên tác giả ảnh quá dài.")
	return v.Err()
}

package loa

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of the text fields of units and channels, in characters, checked by their
// Validate methods: the same in the web forms and in the import files (CONTRACTS.md
// "Import files": a file is no way around a limit). The limits of an item's fields
// are beside Item.Validate.
const (
	MaxUnitName    = 300
	MaxAddress     = 500
	MaxPhone       = 50
	MaxEmail       = 254
	MaxChannelName = 300
	MaxURL         = 2000
	// A theme's title and description, in the back office and in the themes file.
	MaxThemeTitle       = 500
	MaxThemeDescription = 5000
)

// TextProblem returns why s cannot be a text field of at most max characters (no limit
// when max is 0), or "" when it can. Invalid UTF-8 and the NUL character are refused
// whatever the limit: no person types them, PostgreSQL refuses to store them, and
// SQLite would store what PostgreSQL then could not restore. tooLong is the form's
// message for a value over the limit; the limit and the length are added to it.
func TextProblem(s string, max int, tooLong string) string {
	switch {
	case !utf8.ValidString(s):
		return "Có byte không phải chữ UTF-8 hợp lệ."
	case strings.IndexByte(s, 0) >= 0:
		return "Có ký tự NUL (mã 0), không được phép."
	}
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return fmt.Sprintf("%s (%d ký tự, tối đa %d).", strings.TrimSuffix(tooLong, "."), n, max)
	}
	return ""
}

// Text records for field why s is not a text field of at most max characters (see
// TextProblem), if it is not.
func (v *Validation) Text(field, s string, max int, tooLong string) {
	if msg := TextProblem(s, max, tooLong); msg != "" {
		v.Add(field, msg)
	}
}

// QuoteShort quotes a value a person or a file gave, for a message that names it, cut
// to its first 60 characters: the reason names the value at fault, but a 200 MB cell
// must not make a 200 MB message.
func QuoteShort(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	n := 0
	for i := range v {
		if n == 60 {
			return strconv.Quote(v[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(v)
}

package loa

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold turns text into its search form: Vietnamese diacritics removed, đ/Đ read as d,
// lower case, and every run of characters that are neither letters nor digits turned
// into one space, with none at either end. "Tuyên truyền", "TUYÊN TRUYỀN",
// "tuyen truyen" and the decomposed (NFD) form of "Tuyên truyền" all give
// "tuyen truyen", so people find items whether or not they typed the accents, and
// whatever keyboard or word processor produced the text.
//
// The rules, and why:
//   - Invalid UTF-8 bytes count as separators: imported files are not always clean,
//     and a search key must still be valid text for the database.
//   - Each character is fully decomposed (canonical decomposition, NFD, Hangul
//     included) and nonspacing marks (Unicode Mn) are dropped, so precomposed and
//     decomposed input fold alike.
//   - Invisible format characters (Unicode Cf: soft hyphen, zero-width joiners, BOM)
//     are dropped without splitting the word, because text pasted from word processors
//     hides them inside words.
//   - Letters and digits of other scripts are kept (lower-cased): they have no ASCII
//     form, and dropping them would make them unsearchable.
//
// Fold(Fold(s)) == Fold(s). Input that is already folded plain ASCII is returned
// without allocating, which is the common case for search queries typed without accents.
func Fold(s string) string {
	i := foldedPrefix(s)
	if i == len(s) {
		return s
	}
	var f folder
	f.b.Grow(len(s))
	if i > 0 {
		f.b.WriteString(s[:i])
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			f.ascii(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			f.sep()
		} else {
			f.rune(r)
		}
		i += size
	}
	return f.b.String()
}

// foldedPrefix returns the length of the longest prefix of s that Fold would copy
// unchanged: [a-z0-9] words separated by single spaces, not starting with a space and
// not ending with one (a trailing space is left to the slow path, which drops it).
func foldedPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ' && i > 0 && s[i-1] != ' ':
		default:
			if i > 0 && s[i-1] == ' ' {
				return i - 1
			}
			return i
		}
	}
	if len(s) > 0 && s[len(s)-1] == ' ' {
		return len(s) - 1
	}
	return len(s)
}

// folder accumulates Fold's output; space records a separator seen since the last
// letter, written only when another letter follows so that runs collapse and the ends
// stay clean.
type folder struct {
	b     strings.Builder
	space bool
}

func (f *folder) sep() { f.space = true }

func (f *folder) emitByte(c byte) {
	if f.space {
		if f.b.Len() > 0 {
			f.b.WriteByte(' ')
		}
		f.space = false
	}
	f.b.WriteByte(c)
}

func (f *folder) emitRune(r rune) {
	if f.space {
		if f.b.Len() > 0 {
			f.b.WriteByte(' ')
		}
		f.space = false
	}
	f.b.WriteRune(r)
}

func (f *folder) ascii(c byte) {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		f.emitByte(c)
	case 'A' <= c && c <= 'Z':
		f.emitByte(c + 'a' - 'A')
	default:
		f.sep()
	}
}

// Hangul syllables decompose algorithmically, not through norm's tables
// (Properties.Decomposition returns nil for them), so Fold does it itself to stay
// equal on precomposed and decomposed input.
const (
	hangulBase  = 0xAC00
	hangulCount = 11172
	hangulL     = 0x1100
	hangulV     = 0x1161
	hangulT     = 0x11A7
	hangulNV    = 21
	hangulNT    = 28
)

func (f *folder) rune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		f.ascii(byte(r))
		return
	case r == 'đ' || r == 'Đ':
		f.emitByte('d')
		return
	case hangulBase <= r && r < hangulBase+hangulCount:
		si := r - hangulBase
		f.emitRune(hangulL + si/(hangulNV*hangulNT))
		f.emitRune(hangulV + si%(hangulNV*hangulNT)/hangulNT)
		if t := si % hangulNT; t != 0 {
			f.emitRune(hangulT + t)
		}
		return
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); d != nil {
		for len(d) > 0 {
			dr, size := utf8.DecodeRune(d)
			f.rune(dr)
			d = d[size:]
		}
		return
	}
	// Decompose before lower-casing, and fold the lower-case form again, because a
	// lower-case letter may itself decompose; this keeps Fold idempotent.
	if l := unicode.ToLower(r); l != r {
		f.rune(l)
		return
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		f.emitRune(r)
	} else {
		f.sep()
	}
}

// FoldWords returns the words of Fold(s), for building search terms; text without
// letters or digits gives an empty slice.
func FoldWords(s string) []string {
	return strings.Fields(Fold(s))
}

// Slug returns s as a URL path segment: folded, only ASCII letters and digits, words
// joined by "-". Letters without an ASCII form (Chinese, Korean, Greek…) act as
// separators, so a title written only in them gives "" and the caller must fall back to
// something else (an id). When maxLen > 0 the slug is cut at a word boundary to at most
// maxLen bytes; a first word longer than maxLen is itself cut, so that a slug is never
// empty just because of one long word. maxLen <= 0 means no limit.
//
// Slug("Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình họp", 0) is
// "ban-tuyen-truyen-vien-kiem-sat-nhan-dan-tinh-thai-binh-hop".
func Slug(s string, maxLen int) string {
	folded := Fold(s)
	b := make([]byte, 0, len(folded))
	dash := false
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	if maxLen > 0 && len(b) > maxLen {
		switch {
		case b[maxLen] == '-':
			b = b[:maxLen]
		default:
			if j := strings.LastIndexByte(string(b[:maxLen]), '-'); j > 0 {
				b = b[:j]
			} else {
				b = b[:maxLen]
			}
		}
	}
	return string(b)
}

// CompareVietnamese orders strings the way Vietnamese readers expect names and titles
// in a list: it returns -1, 0 or +1 as a sorts before, with or after b.
//
// Approach: a small hand-written multi-level comparison rather than
// golang.org/x/text/collate. The CLDR Vietnamese collation that x/text implements
// orders tones as in the Vietnamese dictionary (none, huyền, hỏi, ngã, sắc, nặng),
// while loa uses the school order none, huyền, sắc, hỏi, ngã, nặng; the hand-written
// comparison also needs no lock (a collate.Collator is not safe for concurrent use)
// and no tables. The levels are:
//
//  1. Letters of the Vietnamese alphabet, a ă â b c d đ e ê g h i k l m n o ô ơ p q r
//     s t u ư v x y (with f j w z at their Latin places), ignoring tone and case.
//     Digits come before letters; a run of spaces or punctuation counts as one
//     separator, which comes before digits (so "An Bình" sorts before "Anh", syllable
//     by syllable), and separators at either end are ignored. Letters of other scripts
//     come after Latin ones, by code point; other diacritics (ü, ñ) are ignored here.
//  2. Tones, syllable by syllable from the left: none, huyền, sắc, hỏi, ngã, nặng.
//  3. Case: lower case first.
//  4. The bytes of the NFC forms, so that the order is total and a string compares
//     equal only to itself (precomposed or decomposed).
func CompareVietnamese(a, b string) int {
	var bufA, bufB [48]vnUnit
	ka := vnKey(bufA[:0], a)
	kb := vnKey(bufB[:0], b)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if c := cmp.Compare(ka[i].prim, kb[i].prim); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(ka), len(kb)); c != 0 {
		return c
	}
	for i := range ka {
		if c := cmp.Compare(ka[i].tone, kb[i].tone); c != 0 {
			return c
		}
	}
	for i := range ka {
		if ka[i].upper != kb[i].upper {
			if ka[i].upper {
				return 1
			}
			return -1
		}
	}
	return strings.Compare(norm.NFC.String(a), norm.NFC.String(b))
}

// vnUnit is one position of CompareVietnamese's key: a letter, digit, other character
// or separator run.
type vnUnit struct {
	prim  int32 // primary weight
	tone  uint8 // 0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng
	upper bool
}

// Primary weights: one for a separator run, then digits, then the Latin alphabet in
// Vietnamese order, then every other character by code point.
const (
	vnSep    = 1
	vnDigit0 = 2
	vnLatin  = 100
	vnOther  = 1000
)

// vnAlphabet is the Latin alphabet in Vietnamese order, with f, j, w and z (used in
// foreign names) at their Latin places.
const vnAlphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

var vnWeight = func() map[rune]int32 {
	m := make(map[rune]int32)
	var i int32
	for _, r := range vnAlphabet {
		m[r] = vnLatin + i
		i++
	}
	return m
}()

// vnASCII holds the weights of a-z for the common case, avoiding the map.
var vnASCII = func() (w [26]int32) {
	for c := 'a'; c <= 'z'; c++ {
		w[c-'a'] = vnWeight[c]
	}
	return w
}()

// Combining marks that make a new letter of the Vietnamese alphabet.
const (
	markBreve      = '\u0306'
	markCircumflex = '\u0302'
	markHorn       = '\u031B'
)

// vnTone gives the tone of a combining mark, 0 when it is not a tone mark.
func vnTone(r rune) uint8 {
	switch r {
	case '\u0300':
		return 1 // huyền
	case '\u0301':
		return 2 // sắc
	case '\u0309':
		return 3 // hỏi
	case '\u0303':
		return 4 // ngã
	case '\u0323':
		return 5 // nặng
	}
	return 0
}

// vnKeyer builds a key; sep records a separator run not yet written, so that runs
// collapse and trailing ones vanish.
type vnKeyer struct {
	key []vnUnit
	sep bool
	// letter reports whether the last unit is a Latin letter that combining marks
	// may still modify.
	letter bool
}

func vnKey(dst []vnUnit, s string) []vnUnit {
	k := vnKeyer{key: dst}
	for _, r := range s {
		k.rune(r)
	}
	return k.key
}

func (k *vnKeyer) add(u vnUnit, letter bool) {
	if k.sep && len(k.key) > 0 {
		k.key = append(k.key, vnUnit{prim: vnSep})
	}
	k.sep = false
	k.key = append(k.key, u)
	k.letter = letter
}

func (k *vnKeyer) rune(r rune) {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z':
			k.add(vnUnit{prim: vnASCII[r-'a']}, true)
		case 'A' <= r && r <= 'Z':
			k.add(vnUnit{prim: vnASCII[r-'A'], upper: true}, true)
		case '0' <= r && r <= '9':
			k.add(vnUnit{prim: vnDigit0 + r - '0'}, false)
		default:
			k.sep, k.letter = true, false
		}
		return
	}
	switch {
	case r == 'đ' || r == 'Đ':
		k.add(vnUnit{prim: vnWeight['đ'], upper: r == 'Đ'}, false)
		return
	case unicode.Is(unicode.Mn, r):
		k.mark(r)
		return
	case unicode.Is(unicode.Cf, r):
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); d != nil {
		for len(d) > 0 {
			dr, size := utf8.DecodeRune(d)
			k.rune(dr)
			d = d[size:]
		}
		return
	}
	l := unicode.ToLower(r)
	switch {
	case l != r && l < utf8.RuneSelf:
		k.rune(unicode.ToUpper(l)) // Kelvin sign and the like: a Latin capital
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		k.add(vnUnit{prim: vnOther + l, upper: l != r}, false)
	default:
		k.sep, k.letter = true, false
	}
}

// mark applies a combining mark to the letter before it: breve, circumflex and horn
// make the letters ă â ê ô ơ ư; tone marks set the tone; others are left to the last
// level.
func (k *vnKeyer) mark(r rune) {
	if !k.letter || k.sep || len(k.key) == 0 {
		return
	}
	u := &k.key[len(k.key)-1]
	if t := vnTone(r); t != 0 {
		if u.tone == 0 {
			u.tone = t
		}
		return
	}
	var base, v rune
	switch r {
	case markBreve:
		base, v = 'a', 'ă'
	case markCircumflex:
		switch u.prim {
		case vnASCII['e'-'a']:
			base, v = 'e', 'ê'
		case vnASCII['o'-'a']:
			base, v = 'o', 'ô'
		default:
			base, v = 'a', 'â'
		}
	case markHorn:
		if u.prim == vnASCII['u'-'a'] {
			base, v = 'u', 'ư'
		} else {
			base, v = 'o', 'ơ'
		}
	default:
		return
	}
	if u.prim == vnASCII[base-'a'] {
		u.prim = vnWeight[v]
	}
}

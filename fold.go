package loa

import (
	"bytes"
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
	hangulNL    = 19
	hangulNV    = 21
	hangulNT    = 28
)

func (f *folder) rune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		f.ascii(byte(r))
		return
	case r < foldCacheEnd:
		if f.cached(foldCache[r-utf8.RuneSelf]) {
			return
		}
	case uint32(r-foldExtBase) < foldExtLen:
		if f.cached(foldExt[r-foldExtBase]) {
			return
		}
	}
	switch {
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

// Fold's results for single code points of the Latin blocks, where every Vietnamese
// letter is: Latin-1 Supplement and Latin Extended-A and B (U+0080…U+024F), and Latin
// Extended Additional (U+1E00…U+1EFF). An entry is the ASCII letter the code point
// folds to, ' ' for a separator, or 0 when the general path must decide. They make
// folding Vietnamese text about three times faster, and are filled at start-up by that
// general path, so they cannot disagree with it.
const (
	foldCacheEnd = 0x250
	foldExtBase  = 0x1E00
	foldExtLen   = 0x100
)

var (
	foldCache [foldCacheEnd - utf8.RuneSelf]byte
	foldExt   [foldExtLen]byte
)

func init() {
	entry := func(r rune) byte {
		switch out := Fold(string(r)); {
		case len(out) == 1:
			return out[0]
		case out == "" && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Cf, r):
			return ' '
		}
		return 0
	}
	for i := range foldCache {
		foldCache[i] = entry(rune(i) + utf8.RuneSelf)
	}
	for i := range foldExt {
		foldExt[i] = entry(rune(i) + foldExtBase)
	}
}

// cached applies an entry of the tables above and reports whether there was one.
func (f *folder) cached(c byte) bool {
	switch c {
	case 0:
		return false
	case ' ':
		f.sep()
	default:
		f.emitByte(c)
	}
	return true
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
			if j := bytes.LastIndexByte(b[:maxLen], '-'); j > 0 {
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
// and allocates nothing. The levels are:
//
//  1. Letters of the Vietnamese alphabet, a ă â b c d đ e ê g h i k l m n o ô ơ p q r
//     s t u ư v x y (with f j w z at their Latin places), ignoring tone and case.
//     Digits come before letters; a run of spaces or punctuation counts as one
//     separator, which comes before digits (so "An Bình" sorts before "Anh", syllable
//     by syllable), and separators at either end are ignored. Other letters (ø, ß,
//     other scripts) come after a-z, by code point; diacritics that Vietnamese does
//     not use (ü, ñ) are ignored here.
//  2. Tones, syllable by syllable from the left: none, huyền, sắc, hỏi, ngã, nặng.
//  3. Case: lower case first.
//  4. The bytes of the NFC forms, so that the order is total and a string compares
//     equal only to itself (precomposed or decomposed).
func CompareVietnamese(a, b string) int {
	if a == b {
		return 0
	}
	for level := range 3 {
		ia, ib := vnIter{s: a}, vnIter{s: b}
		for {
			ua, okA := ia.next()
			ub, okB := ib.next()
			if !okA || !okB {
				if okA != okB {
					if okA {
						return 1
					}
					return -1
				}
				break
			}
			var c int
			switch level {
			case 0:
				c = cmp.Compare(ua.prim, ub.prim)
			case 1:
				c = cmp.Compare(ua.tone, ub.tone)
			case 2:
				c = cmp.Compare(vnBool(ua.upper), vnBool(ub.upper))
			}
			if c != 0 {
				return c
			}
		}
	}
	return strings.Compare(norm.NFC.String(a), norm.NFC.String(b))
}

func vnBool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// vnUnit is one position of CompareVietnamese's key: a letter with its marks, a digit,
// another character, or a run of separators.
type vnUnit struct {
	prim  int32 // primary weight
	tone  uint8 // 0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng
	upper bool
	base  byte  // the ASCII letter a combining mark may turn into ă, â, ê, ô, ơ or ư
	mods  uint8 // the letter-making marks seen, modBreve…
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

// vnASCII holds the primary weights of a-z; the other letters of vnAlphabet are
// reached by an offset from their base letter.
var vnASCII = func() (w [26]int32) {
	var i int32
	for _, r := range vnAlphabet {
		if 'a' <= r && r <= 'z' {
			w[r-'a'] = vnLatin + i
		}
		i++
	}
	return w
}()

// Combining marks that make a new letter of the Vietnamese alphabet.
const (
	markBreve      = '\u0306'
	markCircumflex = '\u0302'
	markHorn       = '\u031B'
)

// Bits of vnUnit.mods.
const (
	modBreve = 1 << iota
	modCircumflex
	modHorn
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

// vnIter walks a string unit by unit, without allocating, so that sorting a long list
// costs no garbage. Separator runs collapse into one unit and vanish at either end;
// combining marks (precomposed or following the letter) are folded into their letter.
type vnIter struct {
	s       string
	i       int    // next byte of s
	sep     bool   // separators were skipped since the last unit
	started bool   // a unit was returned
	held    vnUnit // the unit to return after a separator unit
	hasHeld bool
}

// Kinds of vnBase's result.
const (
	_      = iota // 0 marks an empty cache entry
	vnSkip        // ignorable: Cf, or a mark with no letter to modify
	vnSeparator
	vnUnitOther  // a unit marks cannot modify
	vnUnitLetter // an ASCII letter, which marks can modify
)

func (it *vnIter) next() (vnUnit, bool) {
	if it.hasHeld {
		it.hasHeld = false
		return it.held, true
	}
	for it.i < len(it.s) {
		r, size := utf8.DecodeRuneInString(it.s[it.i:])
		it.i += size
		if hangulL <= r && r < hangulV+hangulNV || hangulBase <= r && r < hangulBase+hangulCount {
			r = it.hangul(r)
		}
		var buf [utf8.UTFMax]byte
		u, kind := vnRune(r, &buf)
		switch kind {
		case vnSkip:
			continue
		case vnSeparator:
			it.sep = true
			continue
		case vnUnitLetter:
			// Marks written after the letter, as in decomposed text.
			for it.i < len(it.s) {
				m, size := utf8.DecodeRuneInString(it.s[it.i:])
				if m < utf8.RuneSelf || !unicode.Is(unicode.Mn, m) && !unicode.Is(unicode.Cf, m) &&
					norm.NFD.PropertiesString(it.s[it.i:]).CCC() == 0 {
					// Not a mark; a spacing mark that canonical reordering may move among
					// the letter's nonspacing ones (CCC > 0) still belongs to the letter.
					break
				}
				it.i += size
				vnMarks(&u, vnDecompose(m, &buf))
			}
		}
		if it.sep && it.started {
			it.sep = false
			it.held, it.hasHeld = u, true
			return vnUnit{prim: vnSep}, true
		}
		it.sep, it.started = false, true
		return u, true
	}
	return vnUnit{}, false
}

// hangul composes a leading consonant jamo with the vowel (and trailing consonant)
// jamo after it, and a syllable without trailing consonant with a trailing jamo after
// it, as NFC does, so that decomposed Korean compares equal to precomposed: syllables
// are in the order of their jamo.
func (it *vnIter) hangul(r rune) rune {
	next := func(lo, n rune) (rune, bool) {
		m, size := utf8.DecodeRuneInString(it.s[it.i:])
		if lo <= m && m < lo+n {
			it.i += size
			return m - lo, true
		}
		return 0, false
	}
	if r < hangulBase {
		if r >= hangulL+hangulNL {
			return r // a vowel jamo alone
		}
		v, ok := next(hangulV, hangulNV)
		if !ok {
			return r
		}
		r = hangulBase + ((r-hangulL)*hangulNV+v)*hangulNT
	}
	if (r-hangulBase)%hangulNT == 0 {
		if t, ok := next(hangulT+1, hangulNT-1); ok {
			r += t + 1
		}
	}
	return r
}

// vnRune returns the unit of r with the marks of its decomposition applied.
func vnRune(r rune, buf *[utf8.UTFMax]byte) (vnUnit, int) {
	switch {
	case r < utf8.RuneSelf:
		return vnBase(r)
	case r < foldCacheEnd:
		if c := vnCache[r-utf8.RuneSelf]; c.kind != 0 {
			return c.u, int(c.kind)
		}
	case uint32(r-foldExtBase) < foldExtLen:
		if c := vnExt[r-foldExtBase]; c.kind != 0 {
			return c.u, int(c.kind)
		}
	}
	return vnRuneSlow(r, buf)
}

func vnRuneSlow(r rune, buf *[utf8.UTFMax]byte) (vnUnit, int) {
	d := vnDecompose(r, buf)
	base, n := utf8.DecodeRune(d)
	u, kind := vnBase(base)
	if kind == vnUnitLetter {
		vnMarks(&u, d[n:])
	}
	return u, kind
}

// vnCached is an entry of vnCache and vnExt: kind 0 means not cached.
type vnCached struct {
	u    vnUnit
	kind uint8
}

// vnRune's results for the Latin blocks Fold caches too (Vietnamese letters are all
// there), because looking up a decomposition is most of the cost of a comparison.
var vnCache, vnExt = func() (c [foldCacheEnd - utf8.RuneSelf]vnCached, e [foldExtLen]vnCached) {
	var buf [utf8.UTFMax]byte
	for i := range c {
		u, kind := vnRuneSlow(rune(i)+utf8.RuneSelf, &buf)
		c[i] = vnCached{u, uint8(kind)}
	}
	for i := range e {
		u, kind := vnRuneSlow(rune(i)+foldExtBase, &buf)
		e[i] = vnCached{u, uint8(kind)}
	}
	return c, e
}()

// vnDecompose returns the canonical decomposition of r (already a full one), or r's
// own encoding when it has none, using buf for the latter.
func vnDecompose(r rune, buf *[utf8.UTFMax]byte) []byte {
	n := utf8.EncodeRune(buf[:], r)
	if r >= utf8.RuneSelf {
		if d := norm.NFD.Properties(buf[:n]).Decomposition(); d != nil {
			return d
		}
	}
	return buf[:n]
}

// vnBase classifies a rune that has no canonical decomposition.
func vnBase(r rune) (vnUnit, int) {
	switch {
	case 'a' <= r && r <= 'z':
		return vnUnit{prim: vnASCII[r-'a'], base: byte(r)}, vnUnitLetter
	case 'A' <= r && r <= 'Z':
		return vnUnit{prim: vnASCII[r-'A'], base: byte(r + 'a' - 'A'), upper: true}, vnUnitLetter
	case '0' <= r && r <= '9':
		return vnUnit{prim: vnDigit0 + r - '0'}, vnUnitOther
	case r < utf8.RuneSelf:
		return vnUnit{}, vnSeparator
	case r == 'đ' || r == 'Đ':
		return vnUnit{prim: vnASCII['d'-'a'] + 1, upper: r == 'Đ'}, vnUnitOther
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
		return vnUnit{}, vnSkip
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		l := unicode.ToLower(r)
		return vnUnit{prim: vnOther + l, upper: l != r}, vnUnitOther
	}
	return vnUnit{}, vnSeparator
}

// vnMarks applies the combining marks in d to the letter u: breve, circumflex and horn
// make the letters ă â ê ô ơ ư; tone marks set the tone; others (and Cf) are left to
// the last level. The result does not depend on the order of the marks, which
// canonical reordering may change (horn sorts before circumflex), so that precomposed
// and decomposed text compare alike.
func vnMarks(u *vnUnit, d []byte) {
	for len(d) > 0 {
		r, size := utf8.DecodeRune(d)
		d = d[size:]
		if t := vnTone(r); t != 0 {
			u.tone = max(u.tone, t)
			continue
		}
		switch r {
		case markBreve:
			u.mods |= modBreve
		case markCircumflex:
			u.mods |= modCircumflex
		case markHorn:
			u.mods |= modHorn
		default:
			continue
		}
		// Each of these letters follows its base in vnAlphabet: ă and â come right
		// after a, ê after e, ô and ơ after o, ư after u.
		var offset int32
		switch {
		case u.base == 'a' && u.mods&modCircumflex != 0:
			offset = 2 // â
		case u.base == 'a' && u.mods&modBreve != 0:
			offset = 1 // ă
		case u.base == 'e' && u.mods&modCircumflex != 0:
			offset = 1 // ê
		case u.base == 'o' && u.mods&modHorn != 0:
			offset = 2 // ơ
		case u.base == 'o' && u.mods&modCircumflex != 0:
			offset = 1 // ô
		case u.base == 'u' && u.mods&modHorn != 0:
			offset = 1 // ư
		}
		u.prim = vnASCII[u.base-'a'] + offset
	}
}

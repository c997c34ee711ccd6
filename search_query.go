package loa

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a search query. A query is typed by a person, so a dozen words is plenty;
// the caps keep a pasted page of text (or a hostile 10,000-character query) from
// becoming a huge full-text expression that the database must evaluate.
const (
	MaxQueryWords = 12
	MaxWordLen    = 64 // bytes of a folded word; no Vietnamese word comes close
)

// SearchTerm is one thing every result must contain: a word, or a phrase (several
// words next to each other, in order) when it has more than one.
type SearchTerm struct {
	Words []string // folded: [a-z0-9]+ only
}

// TextQuery is a parsed search query: every term must match. It is built only from
// folded ASCII words, so the database expressions made from it (FTS5 and tsquery)
// can hold no operator, quote or other syntax that came from the user.
type TextQuery struct {
	Terms []SearchTerm
	// Prefix marks the last word of the last term as a prefix: the person is still
	// typing it (results as you type), so "truy" should find "truyền".
	Prefix bool
	// Truncated reports that words were left out: past MaxQueryWords, longer than
	// MaxWordLen, or written only in letters that have no ASCII form.
	Truncated bool
}

// ParseQuery parses what a person typed into a search box. Words are folded like the
// indexed text (Fold), so accents, case and Unicode normalisation do not matter.
// Text between double quotes ("…", or the typographic “…”) is a phrase; an unclosed
// quote runs to the end. Everything else that is not a letter or digit (FTS
// operators such as * - : ^ NEAR( , SQL, punctuation) is a separator, and AND, OR,
// NOT and NEAR are plain words. When prefix is set and the text ends inside a word,
// that last word is a prefix; a one-letter prefix is dropped, because it would match
// half the index while telling nothing.
//
// Any input is accepted; a query with no usable word is Empty.
func ParseQuery(text string, prefix bool) TextQuery {
	var q TextQuery
	words := 0
	lastKept := false // the last word of the text made it into q
	add := func(seg string, phrase bool) {
		var kept []string
		fw := FoldWords(seg)
		for i, w := range fw {
			last := i == len(fw)-1
			if !asciiWord(w) || len(w) > MaxWordLen || words >= MaxQueryWords {
				q.Truncated = true
				lastKept = false
				continue
			}
			kept = append(kept, w)
			words++
			lastKept = last
		}
		if len(kept) == 0 {
			return
		}
		if phrase {
			q.Terms = append(q.Terms, SearchTerm{Words: kept})
			return
		}
		for _, w := range kept {
			q.Terms = append(q.Terms, SearchTerm{Words: []string{w}})
		}
	}
	inQuote := false
	start := 0
	for i, r := range text {
		if !isQuote(r) {
			continue
		}
		add(text[start:i], inQuote)
		inQuote = !inQuote
		start = i + utf8.RuneLen(r)
	}
	// Only the final segment's words can be the one being typed.
	lastKept = false
	add(text[start:], inQuote)
	if prefix && lastKept && endsInWord(text) {
		t := &q.Terms[len(q.Terms)-1]
		if w := t.Words[len(t.Words)-1]; len(w) >= 2 {
			q.Prefix = true
		} else {
			t.Words = t.Words[:len(t.Words)-1]
			if len(t.Words) == 0 {
				q.Terms = q.Terms[:len(q.Terms)-1]
			}
		}
	}
	return q
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

func asciiWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return w != ""
}

// endsInWord reports whether text ends with a letter, a digit or a combining mark
// (a tone typed after its vowel): the person has not finished the last word yet.
func endsInWord(text string) bool {
	r, size := utf8.DecodeLastRuneInString(text)
	if size == 0 || r == utf8.RuneError && size == 1 {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Empty reports whether q has no word to look for: such a query finds nothing.
func (q TextQuery) Empty() bool { return len(q.Terms) == 0 }

// Words returns every word of q, in order.
func (q TextQuery) Words() []string {
	var out []string
	for _, t := range q.Terms {
		out = append(out, t.Words...)
	}
	return out
}

// String is q written back as a person would type it, in folded form.
func (q TextQuery) String() string {
	parts := make([]string, 0, len(q.Terms))
	for _, t := range q.Terms {
		s := strings.Join(t.Words, " ")
		if len(t.Words) > 1 {
			s = `"` + s + `"`
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// FTS5 returns q as an SQLite FTS5 MATCH expression: each term a double-quoted
// string (so no word can act as an operator), a phrase when it has several words,
// "…"* for the prefix, terms side by side meaning AND. "" when q is Empty.
func (q TextQuery) FTS5() string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.Join(t.Words, " "))
		b.WriteByte('"')
		if q.Prefix && i == len(q.Terms)-1 {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// TSQuery returns q as the text of a PostgreSQL to_tsquery('simple', …): words
// joined by & , phrases by <->, the prefix as word:*. weight, when not "", restricts
// every word to that tsvector weight ("A": the title). "" when q is Empty.
func (q TextQuery) TSQuery(weight string) string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteString(" & ")
		}
		if len(t.Words) > 1 {
			b.WriteByte('(')
		}
		for j, w := range t.Words {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString(w)
			pre := q.Prefix && i == len(q.Terms)-1 && j == len(t.Words)-1
			if pre || weight != "" {
				b.WriteByte(':')
				if pre {
					b.WriteByte('*')
				}
				b.WriteString(weight)
			}
		}
		if len(t.Words) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}

// Matches reports whether the folded word w is one of q's words, or starts with q's
// prefix word: what Highlight marks. A word of a phrase is marked wherever it
// appears, which is close enough for a reader's eye.
func (q TextQuery) Matches(w string) bool {
	for i, t := range q.Terms {
		for j, x := range t.Words {
			if w == x || q.Prefix && i == len(q.Terms)-1 && j == len(t.Words)-1 && strings.HasPrefix(w, x) {
				return true
			}
		}
	}
	return false
}

// AllIn reports whether every term of q is in the folded text: each word, and each
// phrase as consecutive words; the last word may be a prefix when q.Prefix. It is
// how search tells a title match, computed in Go over the few candidates.
func (q TextQuery) AllIn(folded string) bool {
	words := strings.Fields(folded)
	for i, t := range q.Terms {
		prefix := q.Prefix && i == len(q.Terms)-1
		if !phraseIn(words, t.Words, prefix) {
			return false
		}
	}
	return len(q.Terms) > 0
}

func phraseIn(words, phrase []string, prefix bool) bool {
	for start := 0; start+len(phrase) <= len(words); start++ {
		ok := true
		for j, p := range phrase {
			w := words[start+j]
			if w != p && !(prefix && j == len(phrase)-1 && strings.HasPrefix(w, p)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// span is a word of an original text: text[start:end].
type span struct{ start, end int }

// textWords splits valid UTF-8 text into its words the way Fold does: runs of letters
// and digits, with the combining marks and invisible format characters inside them.
func textWords(text string) []span {
	var out []span
	in := false
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r)
		switch {
		case word && !in:
			out = append(out, span{start: i})
			in = true
		case !word && in:
			out[len(out)-1].end = i
			in = false
		}
	}
	if in {
		out[len(out)-1].end = len(text)
	}
	return out
}

// Highlight returns text as HTML with the words that q matches wrapped in <mark>,
// in the original spelling with its diacritics. Everything else is escaped, so the
// result is safe to insert into a page. Runs of white space become one space.
func Highlight(text string, q TextQuery) string {
	s, _ := Snippet(text, q, 0)
	return s
}

// Snippet returns about n words of text around the first word q matches (the whole
// text when n <= 0), as safe HTML like Highlight, with "…" where text was cut; and
// whether any word matched. Without a match it is the beginning of the text.
func Snippet(text string, q TextQuery, n int) (string, bool) {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	words := textWords(text)
	if len(words) == 0 {
		return "", false
	}
	// Only the first match and the words shown are folded: a snippet of a long body
	// showed 30 words and folded them all (a tenth of the search page, issue 20).
	matches := func(i int) bool { return q.Matches(Fold(text[words[i].start:words[i].end])) }
	first := -1
	for i := range words {
		if matches(i) {
			first = i
			break
		}
	}
	from, to := 0, len(words)
	if n > 0 && len(words) > n {
		if first > n/3 {
			from = first - n/3
		}
		to = min(from+n, len(words))
		from = max(0, to-n)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	} else {
		// Keep the punctuation before the first word ("(Tin) …", "“Trích dẫn”").
		b.WriteString(html.EscapeString(strings.TrimSpace(text[:words[0].start])))
	}
	for i := from; i < to; i++ {
		if i > from {
			b.WriteString(spaceRun(text[words[i-1].end:words[i].start]))
		}
		w := html.EscapeString(text[words[i].start:words[i].end])
		if i == first || first >= 0 && i > first && matches(i) {
			b.WriteString("<mark>" + w + "</mark>")
		} else {
			b.WriteString(w)
		}
	}
	if to < len(words) {
		b.WriteString(spaceRun(text[words[to-1].end:words[to].start]))
		b.WriteString("…")
	} else {
		b.WriteString(html.EscapeString(strings.TrimSpace(text[words[to-1].end:])))
	}
	return b.String(), first >= 0
}

// spaceRun escapes the separator between two words, white space collapsed to one
// space so that a body's line breaks and indentation do not show in a snippet.
func spaceRun(sep string) string {
	f := strings.Fields(sep)
	if len(f) == 0 {
		return " "
	}
	lead, tail := "", ""
	if r, _ := utf8.DecodeRuneInString(sep); unicode.IsSpace(r) {
		lead = " "
	}
	if r, _ := utf8.DecodeLastRuneInString(sep); unicode.IsSpace(r) {
		tail = " "
	}
	return lead + html.EscapeString(strings.Join(f, " ")) + tail
}

package loa

import (
	"html"
	"strings"
)

// PlainText is the text of a sanitized HTML body: tags dropped (each one a space, so
// words of two paragraphs do not run together), entities decoded, white space
// collapsed. Search indexes it, snippets and page descriptions show it.
func PlainText(body string) string {
	var b strings.Builder
	b.Grow(len(body))
	in := false
	for _, r := range body {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

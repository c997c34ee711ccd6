package web

import (
	"html"
	"strings"
)

// withAlt gives every <img> of a sanitized body that has no alt attribute the text
// alt (the item's title), and an empty alt that text too, so that the public page never shows a picture without a
// text alternative (WCAG 1.1.1). The body has been through the sanitizer, which
// writes tags in a normal form (lower-case names, quoted and escaped values), so a
// plain scan of its tags is enough.
func withAlt(body, alt string) string {
	if !strings.Contains(body, "<img") {
		return body
	}
	var b strings.Builder
	rest := body
	for {
		i := strings.Index(rest, "<img")
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		end := strings.IndexByte(rest[i:], '>')
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		tag := rest[i : i+end+1]
		b.WriteString(rest[:i])
		switch {
		case strings.Contains(tag, ` alt=""`): // an empty one is no text either
			b.WriteString(strings.Replace(tag, ` alt=""`, ` alt="`+html.EscapeString(alt)+`"`, 1))
		case strings.Contains(tag, " alt="):
			b.WriteString(tag)
		default:
			b.WriteString(`<img alt="` + html.EscapeString(alt) + `"` + tag[len("<img"):])
		}
		rest = rest[i+end+1:]
	}
}

// Package sanitize cleans the HTML of item bodies. Bodies come from the Trix editor,
// from text pasted out of Word and from imports; whatever arrives, only a small set of
// structural elements survives: no script, no event handler, no style, no URL that
// is not http(s) or mailto, no picture that is not one of loa's own (/media/…).
package sanitize

import (
	"html"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

var (
	policy = newPolicy()
	strict = func() *bluemonday.Policy {
		p := bluemonday.StrictPolicy()
		p.AddSpaceWhenStrippingTag(true)
		return p
	}()
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup",
		"ul", "ol", "li", "blockquote", "pre", "code", "hr",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
		"figure", "figcaption",
	)
	// Links: absolute http(s) and mailto only. Relative URLs are allowed by the
	// URL policy so that pictures may point at /media/…, and refused for links by
	// the pattern; new windows get rel="noopener".
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowAttrs("href").Matching(regexp.MustCompile(`(?i)^(https?://[^\s]+|mailto:[^\s]+)$`)).OnElements("a")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("a", "img")
	p.AddTargetBlankToFullyQualifiedLinks(true)
	// Pictures: loa's own media only, so a body can neither track readers nor carry
	// a data: URL.
	p.AllowAttrs("src").Matching(regexp.MustCompile(`^/media/[0-9]{1,18}(/site)?$`)).OnElements("img")
	p.AllowAttrs("alt").Matching(bluemonday.Paragraph).OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	// What is not allowed disappears with its content when the content is code or
	// markup rather than text: Word's <xml> islands, SVG, MathML, templates.
	p.SkipElementsContent("xml", "svg", "math", "template", "head", "object", "embed", "applet", "iframe", "frame", "frameset", "noscript", "style", "script", "title")
	p.AddSpaceWhenStrippingTag(false)
	return p
}

// Headings: h1 is the item's title on every page, so a body has two levels, h2 and
// h3 (the editor's two heading buttons), in order under the title. An h1 (pasted,
// imported) moves one level down, h4–h6 become h3. The sanitized output carries no
// attribute on headings, so the plain tags are all there is to replace.
var headings = strings.NewReplacer("<h1>", "<h2>", "</h1>", "</h2>",
	"<h4>", "<h3>", "</h4>", "</h3>", "<h5>", "<h3>", "</h5>", "</h3>", "<h6>", "<h3>", "</h6>", "</h3>")

// emptyPara matches the empty paragraphs Word pastes (<p><o:p>&nbsp;</o:p></p>).
var emptyPara = regexp.MustCompile(`<p>(?:\s|&nbsp;|&#160;|\x{00A0})*</p>`)

// imgTag matches a picture in sanitized output, where attribute values are quoted
// and escaped (no ">" inside them).
var imgTag = regexp.MustCompile(`<img[^>]*>`)

// dropEmptyPictures removes the pictures whose source the policy refused (an outside
// address, a file:/// path from Word): an <img> with only a size would show nothing.
func dropEmptyPictures(s string) string {
	if !strings.Contains(s, "<img") {
		return s
	}
	return imgTag.ReplaceAllStringFunc(s, func(tag string) string {
		if strings.Contains(tag, ` src="`) {
			return tag
		}
		return ""
	})
}

// HTML returns s with everything but the allowed markup removed. It is idempotent:
// cleaning clean HTML changes nothing.
func HTML(s string) string {
	if fromWord(s) {
		s = cleanWord(s)
	}
	out := policy.Sanitize(s)
	out = headings.Replace(out)
	out = dropEmptyPictures(out)
	out = emptyPara.ReplaceAllString(out, "")
	return strings.TrimSpace(out)
}

// Text returns the text of s without any markup, for summaries and search.
func Text(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(strict.Sanitize(s))), " ")
}

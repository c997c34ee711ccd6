package sanitize

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Word puts its lists on the clipboard as paragraphs styled "mso-list:l0 level1
// lfo1", each led by its bullet or number in a span styled "mso-list:Ignore"
// (inside <![if !supportLists]>); its quotes as paragraphs of class MsoQuote. The
// policy alone would keep the bullets as text and lose the structure, so a body
// that comes from Word is first rewritten into real lists and quotes, and its text's
// line wrapping joined; the policy then removes the rest (styles, spans, fonts,
// o:p, comments, the XML islands).

// fromWord reports whether s looks like HTML written by Word.
func fromWord(s string) bool {
	return strings.Contains(s, "mso-") || strings.Contains(s, "class=Mso") || strings.Contains(s, `class="Mso`) ||
		strings.Contains(s, "<o:p") || strings.Contains(s, "urn:schemas-microsoft-com:office")
}

var (
	msoLevel   = regexp.MustCompile(`mso-list:\s*l\d+\s+level(\d)`)
	ordinalRE  = regexp.MustCompile(`^\(?([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]$`)
	spaceRun   = regexp.MustCompile(`[ \t\r\n\f]+`)
	quoteClass = regexp.MustCompile(`(?i)^Mso(Intense)?Quote$`)
)

// cleanWord rewrites Word's lists and quotes; on a parse error s is returned as it
// is (the policy still cleans it).
func cleanWord(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	body := find(doc, atom.Body)
	if body == nil {
		return s
	}
	rewriteWord(body)
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return s
		}
	}
	return b.String()
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// rewriteWord walks n's children: list paragraphs become lists, quotes blockquotes,
// text loses Word's line wrapping (but not inside pre).
func rewriteWord(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.TextNode:
			c.Data = spaceRun.ReplaceAllString(c.Data, " ")
		case c.Type == html.ElementNode && c.DataAtom == atom.Pre:
			// kept as written
		case c.Type == html.ElementNode && listLevel(c) > 0:
			next = makeList(c)
		case c.Type == html.ElementNode:
			if c.DataAtom == atom.P && quoteClass.MatchString(attr(c, "class")) {
				c.Data, c.DataAtom = "blockquote", atom.Blockquote
			}
			rewriteWord(c)
		}
		c = next
	}
}

// listLevel is the list level of a Word list paragraph, 0 for any other node.
func listLevel(n *html.Node) int {
	if n.DataAtom != atom.P {
		return 0
	}
	m := msoLevel.FindStringSubmatch(attr(n, "style"))
	if m == nil {
		return 0
	}
	return int(m[1][0] - '0')
}

// makeList turns the run of list paragraphs that starts at first into one list
// (nested by level) in its place, and returns the node after the run.
func makeList(first *html.Node) *html.Node {
	parent := first.Parent
	var stack []*html.Node // stack[i] is the open list of level i+1
	var root *html.Node
	c := first
	for c != nil {
		// Whitespace between two list paragraphs belongs to the run.
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" && c.NextSibling != nil && c.NextSibling.Type == html.ElementNode && listLevel(c.NextSibling) > 0 {
			ws := c
			c = c.NextSibling
			parent.RemoveChild(ws)
			continue
		}
		if c.Type != html.ElementNode || listLevel(c) == 0 {
			break
		}
		level := listLevel(c)
		ordered := ordinalRE.MatchString(strings.TrimSpace(takeMarker(c)))
		for len(stack) > level {
			stack = stack[:len(stack)-1]
		}
		for len(stack) < level {
			l := &html.Node{Type: html.ElementNode, Data: "ul", DataAtom: atom.Ul}
			if ordered {
				l.Data, l.DataAtom = "ol", atom.Ol
			}
			if len(stack) == 0 {
				root = l
			} else { // a deeper level nests in the last item of the level above
				last := stack[len(stack)-1].LastChild
				if last == nil {
					last = &html.Node{Type: html.ElementNode, Data: "li", DataAtom: atom.Li}
					stack[len(stack)-1].AppendChild(last)
				}
				last.AppendChild(l)
			}
			stack = append(stack, l)
		}
		li := &html.Node{Type: html.ElementNode, Data: "li", DataAtom: atom.Li}
		for k := c.FirstChild; k != nil; {
			nk := k.NextSibling
			c.RemoveChild(k)
			li.AppendChild(k)
			k = nk
		}
		rewriteWord(li)
		stack[len(stack)-1].AppendChild(li)
		next := c.NextSibling
		parent.RemoveChild(c)
		c = next
	}
	parent.InsertBefore(root, c)
	return c
}

// takeMarker removes the bullet or number Word writes before a list paragraph's
// text (the span styled mso-list:Ignore) and returns its text.
func takeMarker(p *html.Node) string {
	var marker *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && marker == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && strings.Contains(strings.ReplaceAll(attr(c, "style"), " ", ""), "mso-list:Ignore") {
				marker = c
				return
			}
			walk(c)
		}
	}
	walk(p)
	if marker == nil {
		return ""
	}
	var text strings.Builder
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(marker)
	marker.Parent.RemoveChild(marker)
	// The marker's text ends with the spaces Word pads it with (NBSP included).
	if f := strings.Fields(strings.ReplaceAll(text.String(), "\u00a0", " ")); len(f) > 0 {
		return f[0]
	}
	return ""
}

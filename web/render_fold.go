package web

import (
	"bytes"
	"html/template"
	"io"
	"text/template/parse"
)

// Folding the translations of literal texts into the templates (issue 20). A page's
// most frequent action is {{ t "Trang chủ" }}: each costs two reflect calls (t, then
// html/template's escaper) at every render, about fifty of them on the item page. The
// text of such an action depends only on the language of the template set, so once the
// set is escaped it is replaced by its translation, escaped as the escaper would have.

// foldEscapers are html/template's escapers whose output is the same HTML escaping of
// a string: text, a quoted attribute's value, RCDATA (<title>, <textarea>). An action
// with any other (JavaScript, URL, CSS, an unquoted attribute) is left as it is.
var foldEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// escapeText is what those escapers make of s: the same escaping, run through
// html/template itself rather than copied.
var escapeText = template.Must(template.New("escape").Parse("{{.}}"))

// foldTranslations escapes t's set (html/template does it at the first execution; an
// execution on nil data does it and fails, as expected, on the first field) and
// replaces every {{ t "literal" }} with an HTML escaper by its text in lang.
func foldTranslations(t *template.Template, lang string) {
	t.Execute(io.Discard, nil) //nolint:errcheck // run for the escaping only
	for _, d := range t.Templates() {
		if d.Tree != nil && d.Tree.Root != nil {
			foldList(d.Tree.Root, lang)
		}
	}
}

func foldList(l *parse.ListNode, lang string) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := foldedText(n.Pipe, lang); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: text}
			}
		case *parse.IfNode:
			foldList(n.List, lang)
			foldList(n.ElseList, lang)
		case *parse.RangeNode:
			foldList(n.List, lang)
			foldList(n.ElseList, lang)
		case *parse.WithNode:
			foldList(n.List, lang)
			foldList(n.ElseList, lang)
		case *parse.ListNode:
			foldList(n, lang)
		}
	}
}

// foldedText is the output of pipe when it is exactly t "literal" | escaper.
func foldedText(pipe *parse.PipeNode, lang string) ([]byte, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 2 {
		return nil, false
	}
	call, esc := pipe.Cmds[0].Args, pipe.Cmds[1].Args
	if len(call) != 2 || len(esc) != 1 {
		return nil, false
	}
	fn, ok1 := call[0].(*parse.IdentifierNode)
	lit, ok2 := call[1].(*parse.StringNode)
	e, ok3 := esc[0].(*parse.IdentifierNode)
	if !ok1 || !ok2 || !ok3 || fn.Ident != "t" || !foldEscapers[e.Ident] {
		return nil, false
	}
	var b bytes.Buffer
	if err := escapeText.Execute(&b, T(lang, lit.Text)); err != nil {
		return nil, false
	}
	return b.Bytes(), true
}

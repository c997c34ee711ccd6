package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
)

// TestFoldTranslations: {{ t "literal" }} in HTML text, a quoted attribute or RCDATA
// becomes text when the set is parsed, and the page reads exactly as before; in
// JavaScript or a URL the call stays (its escaping is not HTML's).
func TestFoldTranslations(t *testing.T) {
	const src = `<title>{{ t "Trang chủ" }}</title><p title="{{ t "Trang chủ" }}">{{ t "Trang chủ" }} & {{ t "Tìm kiếm" }}</p>` +
		`<script>var x = {{ t "Trang chủ" }};</script><a href="/x?q={{ t "Trang chủ" }}">{{ .X }}</a>`
	funcs := template.FuncMap{"t": func(msg string) string { return T("en", msg) }}
	render := func(fold bool) (string, int) {
		tm := template.Must(template.New("p").Funcs(funcs).Parse(src))
		if fold {
			foldTranslations(tm, "en")
		}
		var b bytes.Buffer
		if err := tm.Execute(&b, map[string]string{"X": "<b>"}); err != nil {
			t.Fatal(err)
		}
		return b.String(), countTCalls(tm.Tree.Root)
	}
	plain, before := render(false)
	folded, after := render(true)
	if folded != plain {
		t.Errorf("folded page differs:\n%s\nwant\n%s", folded, plain)
	}
	if before != 6 || after != 2 {
		t.Errorf("t calls: %d before, %d after folding; want 6 and 2 (the script's and the URL's)", before, after)
	}
	if !strings.Contains(folded, ">Home<") {
		t.Errorf("not translated: %s", folded)
	}
}

// countTCalls counts the actions calling t in the tree.
func countTCalls(n parse.Node) int {
	c := 0
	switch n := n.(type) {
	case *parse.ListNode:
		for _, x := range n.Nodes {
			c += countTCalls(x)
		}
	case *parse.ActionNode:
		if id, ok := n.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
			c++
		}
	}
	return c
}

package loa

import "testing"

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"paragraphs do not run together", "<p>Tuyên</p><p>truyền</p>", "Tuyên truyền"},
		{"entities decoded, a no-break space is a space", "<p>Pháp&nbsp;luật &amp; đời sống &lt;3</p>", "Pháp luật & đời sống <3"},
		{"attributes gone", `<a href="https://x.vn/?a=1&amp;b=2" title="t">liên kết</a>`, "liên kết"},
		{"empty", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := PlainText(c.in); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

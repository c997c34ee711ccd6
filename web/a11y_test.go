package web

import "testing"

func TestWithAlt(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p>x</p>`, `<p>x</p>`},
		{`<p><img src="/media/1/site"></p>`, `<p><img alt="Tin &#34;A&#34; &amp; B" src="/media/1/site"></p>`},
		{`<img src="/a" alt="Ảnh có sẵn"/><img src="/b"/>`, `<img src="/a" alt="Ảnh có sẵn"/><img alt="Tin &#34;A&#34; &amp; B" src="/b"/>`},
		{`<img src="/a" alt="">`, `<img src="/a" alt="Tin &#34;A&#34; &amp; B">`},
	} {
		if got := withAlt(c.in, `Tin "A" & B`); got != c.want {
			t.Errorf("withAlt(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

package sanitize_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"loa/sanitize"
)

func TestHTMLRemovesWhatCouldRun(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		banned   []string // none of these may survive (case-insensitive)
		kept     []string // all of these must survive
	}{
		{"script element", `<p>Tin</p><script>alert(1)</script>`, []string{"<script", "alert"}, []string{"<p>Tin</p>"}},
		{"script in capitals", `<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>a</p>`, []string{"script", "evil"}, []string{"<p>a</p>"}},
		{"onerror on a picture", `<img src="/media/1" onerror="alert(1)">`, []string{"onerror", "alert"}, []string{`src="/media/1"`}},
		{"onclick and onmouseover", `<p onclick="x()" onmouseover='y()'>bấm</p>`, []string{"onclick", "onmouseover", "x()", "y()"}, []string{"<p>bấm</p>"}},
		{"javascript: link", `<a href="javascript:alert(1)">x</a>`, []string{"javascript", "href"}, []string{"x"}},
		{"javascript: with entities and spaces", `<a href="jav&#x09;ascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(2)">y</a>`, []string{"javascript", "alert", "href"}, nil},
		{"vbscript: link", `<a href="vbscript:msgbox(1)">x</a>`, []string{"vbscript"}, nil},
		{"data: link", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, []string{"data:", "href"}, nil},
		{"data: picture", `<img src="data:image/png;base64,iVBORw0KGgo=">`, []string{"data:", "<img"}, nil},
		{"outside picture", `<img src="https://tracker.example/p.gif">`, []string{"tracker", "<img"}, nil},
		{"relative link", `<a href="/app/users">x</a>`, []string{"href"}, []string{"x"}},
		{"style attribute", `<p style="background:url(javascript:alert(1))">a</p>`, []string{"style", "javascript"}, []string{"<p>a</p>"}},
		{"CSS expression", `<div style="width: expression(alert(1))">a</div>`, []string{"expression", "style"}, []string{"<div>a</div>"}},
		{"style element", `<style>body{background:url("javascript:alert(1)")}</style><p>a</p>`, []string{"<style", "javascript", "body{"}, []string{"<p>a</p>"}},
		{"iframe", `<iframe src="https://evil.example"></iframe><p>a</p>`, []string{"iframe", "evil"}, []string{"<p>a</p>"}},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">`, []string{"object", "embed", "swf"}, nil},
		{"SVG with script", `<svg><script>alert(1)</script><circle onload="alert(2)"/></svg><p>a</p>`, []string{"svg", "alert", "circle"}, []string{"<p>a</p>"}},
		{"SVG picture by URL", `<img src="/media/1.svg">`, []string{"<img", "svg"}, nil},
		{"form and input", `<form action="https://evil.example"><input name="p"></form>`, []string{"form", "input", "evil"}, nil},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example">`, []string{"meta", "evil"}, nil},
		{"base element", `<base href="https://evil.example/">`, []string{"base", "evil"}, nil},
		{"link stylesheet", `<link rel="stylesheet" href="https://evil.example/x.css">`, []string{"link", "evil"}, nil},
		{"class and id", `<p class="x" id="y">a</p>`, []string{"class", "id="}, []string{"<p>a</p>"}},
		{"unclosed tag trick", `<p>a<img src=x onerror=alert(1)//`, []string{"onerror", "alert"}, nil},
		{"comment", `<!-- <script>alert(1)</script> --><p>a</p>`, []string{"script", "<!--"}, []string{"<p>a</p>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sanitize.HTML(tc.in)
			low := strings.ToLower(got)
			for _, b := range tc.banned {
				if strings.Contains(low, strings.ToLower(b)) {
					t.Errorf("%q survived in %q", b, got)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(got, k) {
					t.Errorf("%q lost from %q", k, got)
				}
			}
		})
	}
}

func TestHTMLKeepsStructure(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraphs and emphasis", `<p>Ban <strong>tuyên truyền</strong> <em>họp</em> <u>sơ kết</u></p>`,
			`<p>Ban <strong>tuyên truyền</strong> <em>họp</em> <u>sơ kết</u></p>`},
		{"headings h2 and h3 kept", `<h2>A</h2><h3>B</h3>`, `<h2>A</h2><h3>B</h3>`},
		{"h4 to h6 become h3", `<h4>C</h4><h5 id="x">D</h5><h6>E</h6>`, `<h3>C</h3><h3>D</h3><h3>E</h3>`},
		{"numbered list", `<ol><li>một<ul><li>hai</li></ul></li></ol>`, `<ol><li>một<ul><li>hai</li></ul></li></ol>`},
		{"Trix's h1 moves down a level", `<h1>Kết luận</h1>`, `<h2>Kết luận</h2>`},
		{"Trix's div and br", `<div>dòng một<br>dòng hai</div>`, `<div>dòng một<br>dòng hai</div>`},
		{"lists", `<ul><li>một</li></ul><ol><li>hai</li></ol>`, `<ul><li>một</li></ul><ol><li>hai</li></ol>`},
		{"quote", `<blockquote>trích</blockquote>`, `<blockquote>trích</blockquote>`},
		{"https link opens apart", `<a href="https://kiemsat.vn/tin">tin</a>`,
			`<a href="https://kiemsat.vn/tin" target="_blank" rel="noopener">tin</a>`},
		{"mailto link", `<a href="mailto:bbt@vks.example">thư</a>`, `<a href="mailto:bbt@vks.example">thư</a>`},
		{"table", `<table><tr><td colspan="2" style="x">a</td></tr></table>`, `<table><tr><td colspan="2">a</td></tr></table>`},
		{"own picture in a figure", `<figure><img src="/media/12/site" alt="Hội nghị" onload="x()"><figcaption>Ảnh: Bùi Thảo</figcaption></figure>`,
			`<figure><img src="/media/12/site" alt="Hội nghị"><figcaption>Ảnh: Bùi Thảo</figcaption></figure>`},
		{"Trix's picture attachment", `<figure data-trix-attachment="{&quot;url&quot;:&quot;/media/7/site&quot;}" data-trix-attributes="{&quot;caption&quot;:&quot;Hội nghị&quot;}" class="attachment attachment--preview"><img src="/media/7/site" alt="Toàn cảnh hội nghị" width="800" height="600"><figcaption class="attachment__caption attachment__caption--edited">Hội nghị</figcaption></figure>`,
			`<figure><img src="/media/7/site" alt="Toàn cảnh hội nghị" width="800" height="600"><figcaption>Hội nghị</figcaption></figure>`},
		{"picture without an allowed source goes whole", `<p><img width="600" height="400" src="file:///C:/clip_image002.jpg">a</p>`, `<p>a</p>`},
		{"text is escaped, not dropped", `<p>5 < 6 & "ok"</p>`, `<p>5 &lt; 6 &amp; &#34;ok&#34;</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sanitize.HTML(tc.in); got != tc.want {
				t.Fatalf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// wordPaste is what Word puts on the clipboard (trimmed): conditional comments, an
// XML island, mso- styles, classes, o:p elements and spans.
const wordPaste = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:"Times New Roman"} --></style></head>
<body lang=VI style='tab-interval:36.0pt'>
<p class=MsoNormal style='text-align:justify;mso-line-height-alt:150%'><b><span style='font-size:14.0pt;mso-bidi-font-family:"Times New Roman"'>Ngày 04/6/2024</span></b><span style='mso-spacerun:yes'> </span>Ban tuyên truyền họp.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>-</span><![endif]>Kiện toàn Ban.<o:p></o:p></p>
</body></html>`

func TestHTMLWordPaste(t *testing.T) {
	got := sanitize.HTML(wordPaste)
	for _, b := range []string{"mso", "class", "style", "o:p", "<span", "WordDocument", "Normal", "font-family", "<![", "<html", "<body", "<meta"} {
		if strings.Contains(got, b) {
			t.Errorf("%q survived in %q", b, got)
		}
	}
	for _, k := range []string{"<b>Ngày 04/6/2024</b>", "Ban tuyên truyền họp.", "Kiện toàn Ban."} {
		if !strings.Contains(got, k) {
			t.Errorf("%q lost from %q", k, got)
		}
	}
	if strings.Contains(got, "<p></p>") || strings.Contains(got, "<p>&nbsp;</p>") {
		t.Errorf("empty Word paragraph kept: %q", got)
	}
}

// TestHTMLWordSample cleans a whole clipboard of Word 2016 (testdata/word.html:
// head with XML islands and styles, conditional comments, spans, fonts, o:p, a
// bulleted and a numbered list, a quote, a VML picture) and compares it with
// testdata/word.want.html: Word's lists become real lists without their typed
// bullets, its quote a blockquote, its h1 an h2 under the title, and nothing of
// Word's markup is left.
func TestHTMLWordSample(t *testing.T) {
	in, err := os.ReadFile("testdata/word.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/word.want.html")
	if err != nil {
		t.Fatal(err)
	}
	got := sanitize.HTML(string(in))
	if got != strings.TrimSpace(string(want)) {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	for _, b := range []string{"mso", "Mso", "o:p", "<span", "<font", "style", "class", "<!--", "<![", "·", "file:", "<img", "_Toc", "lang="} {
		if strings.Contains(got, b) {
			t.Errorf("%q survived", b)
		}
	}
	if twice := sanitize.HTML(got); twice != got {
		t.Errorf("not idempotent:\n once %q\ntwice %q", got, twice)
	}
}

// TestHTMLWordNestedList: a level-2 paragraph nests in the item before it; numbers
// ("1.", "a)") make an ordered list, bullets ("·", "o", "-") an unordered one.
func TestHTMLWordNestedList(t *testing.T) {
	p := func(level int, marker, text string) string {
		return fmt.Sprintf(`<p class=MsoListParagraph style='mso-list:l0 level%d lfo1'><![if !supportLists]><span style='mso-list:Ignore'>%s<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>%s<o:p></o:p></p>`, level, marker, text)
	}
	in := p(1, "1.", "Một") + "\n" + p(2, "o", "Một a") + "\n" + p(2, "o", "Một b") + "\n" + p(1, "2.", "Hai") + "<p class=MsoNormal>Sau</p>"
	want := `<ol><li>Một<ul><li>Một a</li><li>Một b</li></ul></li><li>Hai</li></ol><p>Sau</p>`
	if got := sanitize.HTML(in); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestHTMLIsIdempotent(t *testing.T) {
	for _, in := range []string{wordPaste, `<p>a<script>b</script></p><a href="https://x.example">y</a>`, `<h1>t</h1><img src="/media/3">`} {
		once := sanitize.HTML(in)
		if twice := sanitize.HTML(once); twice != once {
			t.Errorf("not idempotent:\n once %q\ntwice %q", once, twice)
		}
	}
}

func TestText(t *testing.T) {
	if got, want := sanitize.Text(`<p>Ban &amp; <b>Viện</b></p><p>họp</p><script>x</script>`), "Ban & Viện họp"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// tagRE finds the tags of sanitized output; text between them may say anything.
var tagRE = regexp.MustCompile(`<[^>]*>`)

var badInTag = regexp.MustCompile(`(?i)javascript:|vbscript:|data:|\son[a-z]+\s*=|\sstyle\s*=|^<\s*/?\s*(script|style|iframe|svg|object|embed|math|form|input|meta|link|base)\b`)

func FuzzHTML(f *testing.F) {
	f.Add(wordPaste)
	f.Add(`<img src=x onerror=alert(1)>`)
	f.Add(`<a href="javascript:alert(1)">x</a>`)
	f.Add(`<p style="x:expression(1)" onclick=y>z</p>`)
	f.Add(`<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.</span><![endif]>a<img src=x onerror=alert(1)></p><p class=MsoQuote>q</p>`)
	f.Fuzz(func(t *testing.T, in string) {
		out := sanitize.HTML(in)
		for _, tag := range tagRE.FindAllString(out, -1) {
			if badInTag.MatchString(tag) {
				t.Fatalf("tag %q in %q (from %q)", tag, out, in)
			}
		}
	})
}

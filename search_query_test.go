package loa_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"loa"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		prefix    bool
		want      string // TextQuery.String()
		wantFTS   string
		wantTS    string
		wantPre   bool
		truncated bool
	}{
		{name: "plain words", text: "tuyen truyen", want: "tuyen truyen", wantFTS: `"tuyen" "truyen"`, wantTS: "tuyen & truyen"},
		{name: "diacritics", text: "Tuyên truyền", want: "tuyen truyen", wantFTS: `"tuyen" "truyen"`, wantTS: "tuyen & truyen"},
		{name: "capitals", text: "TUYÊN TRUYỀN", want: "tuyen truyen", wantFTS: `"tuyen" "truyen"`, wantTS: "tuyen & truyen"},
		{name: "decomposed", text: norm.NFD.String("Tuyên truyền"), want: "tuyen truyen", wantFTS: `"tuyen" "truyen"`, wantTS: "tuyen & truyen"},
		{name: "d with stroke", text: "Đức", want: "duc", wantFTS: `"duc"`, wantTS: "duc"},
		{name: "phrase", text: `"công tác tuyên truyền" Thái Bình`, want: `"cong tac tuyen truyen" thai binh`,
			wantFTS: `"cong tac tuyen truyen" "thai" "binh"`, wantTS: "(cong <-> tac <-> tuyen <-> truyen) & thai & binh"},
		{name: "typographic quotes", text: "“kiểm sát” viên", want: `"kiem sat" vien`, wantFTS: `"kiem sat" "vien"`, wantTS: "(kiem <-> sat) & vien"},
		{name: "unbalanced quote runs to the end", text: `tin "kiểm sát`, want: `tin "kiem sat"`, wantFTS: `"tin" "kiem sat"`, wantTS: "tin & (kiem <-> sat)"},
		{name: "empty phrase", text: `"" tin`, want: "tin", wantFTS: `"tin"`, wantTS: "tin"},
		{name: "one-word phrase is a word", text: `"tin"`, want: "tin", wantFTS: `"tin"`, wantTS: "tin"},
		{name: "prefix while typing", text: "tuyên truy", prefix: true, want: "tuyen truy", wantFTS: `"tuyen" "truy"*`, wantTS: "tuyen & truy:*", wantPre: true},
		{name: "prefix with a tone typed last", text: norm.NFD.String("tuyên truyề"), prefix: true, want: "tuyen truye", wantFTS: `"tuyen" "truye"*`, wantTS: "tuyen & truye:*", wantPre: true},
		{name: "no prefix after a space", text: "tuyên truyền ", prefix: true, want: "tuyen truyen", wantFTS: `"tuyen" "truyen"`, wantTS: "tuyen & truyen"},
		{name: "no prefix after a closed phrase", text: `"kiểm sát"`, prefix: true, want: `"kiem sat"`, wantFTS: `"kiem sat"`, wantTS: "(kiem <-> sat)"},
		{name: "prefix inside an open phrase", text: `"kiểm sá`, prefix: true, want: `"kiem sa"`, wantFTS: `"kiem sa"*`, wantTS: "(kiem <-> sa:*)", wantPre: true},
		{name: "one-letter prefix dropped", text: "tuyên t", prefix: true, want: "tuyen", wantFTS: `"tuyen"`, wantTS: "tuyen"},
		{name: "one-letter prefix alone", text: "t", prefix: true, want: "", wantFTS: "", wantTS: ""},
		{name: "one letter without prefix", text: "t", want: "t", wantFTS: `"t"`, wantTS: "t"},
		{name: "only punctuation", text: `!@#$%^&*()_+-=[]{};':",./<>?\|~`, want: "", wantFTS: "", wantTS: ""},
		{name: "empty", text: "", want: ""},
		{name: "fts operators are words", text: `NEAR(a b) tin* -kiem ^sat col:x AND OR NOT`, want: "near a b tin kiem sat col x and or not",
			wantFTS: `"near" "a" "b" "tin" "kiem" "sat" "col" "x" "and" "or" "not"`,
			wantTS:  "near & a & b & tin & kiem & sat & col & x & and & or & not"},
		{name: "tsquery operators are separators", text: `tin & !kiem | sat <-> x:*A`, want: "tin kiem sat x a",
			wantFTS: `"tin" "kiem" "sat" "x" "a"`, wantTS: "tin & kiem & sat & x & a"},
		{name: "sql fragment", text: `'; DROP TABLE items; --`, want: "drop table items",
			wantFTS: `"drop" "table" "items"`, wantTS: "drop & table & items"},
		{name: "invalid utf-8", text: "tin\xff\xfebai", want: "tin bai", wantFTS: `"tin" "bai"`, wantTS: "tin & bai"},
		{name: "other scripts left out", text: "新聞 tin", want: "tin", wantFTS: `"tin"`, wantTS: "tin", truncated: true},
		{name: "word cap", text: strings.Repeat("tin ", 20), want: strings.TrimSpace(strings.Repeat("tin ", loa.MaxQueryWords)),
			truncated: true},
		{name: "long word left out", text: strings.Repeat("a", 10000) + " tin", want: "tin", wantFTS: `"tin"`, wantTS: "tin", truncated: true},
		{name: "prefix not given to a word past the cap", text: strings.Repeat("tin ", 12) + "kie", prefix: true,
			want: strings.TrimSpace(strings.Repeat("tin ", 12)), truncated: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := loa.ParseQuery(tt.text, tt.prefix)
			if got := q.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if tt.wantFTS != "" || tt.want == "" {
				if got := q.FTS5(); got != tt.wantFTS {
					t.Errorf("FTS5() = %q, want %q", got, tt.wantFTS)
				}
			}
			if tt.wantTS != "" || tt.want == "" {
				if got := q.TSQuery(""); got != tt.wantTS {
					t.Errorf("TSQuery() = %q, want %q", got, tt.wantTS)
				}
			}
			if q.Prefix != tt.wantPre {
				t.Errorf("Prefix = %v, want %v", q.Prefix, tt.wantPre)
			}
			if q.Truncated != tt.truncated {
				t.Errorf("Truncated = %v, want %v", q.Truncated, tt.truncated)
			}
			if got, want := q.Empty(), tt.want == ""; got != want {
				t.Errorf("Empty() = %v, want %v", got, want)
			}
		})
	}
}

func TestTSQueryWeight(t *testing.T) {
	q := loa.ParseQuery(`"kiểm sát" truy`, true)
	if got, want := q.TSQuery("A"), "(kiem:A <-> sat:A) & truy:*A"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("một hai ba bốn năm ", 20) + "Viện kiểm sát tỉnh Thái Bình " + strings.Repeat("sáu bảy tám chín mười ", 20)
	tests := []struct {
		name, text, query string
		prefix            bool
		n                 int
		want              string
		wantHit           bool
	}{
		{name: "marks the original spelling", text: "Ban Tuyên truyền họp", query: "tuyen truyen",
			want: "Ban <mark>Tuyên</mark> <mark>truyền</mark> họp", wantHit: true},
		{name: "d with stroke", text: "Đồng chí Nguyễn Văn Đức phát biểu", query: "duc",
			want: "Đồng chí Nguyễn Văn <mark>Đức</mark> phát biểu", wantHit: true},
		{name: "decomposed text", text: norm.NFD.String("Tuyên truyền"), query: "TUYÊN",
			want: "<mark>" + norm.NFD.String("Tuyên") + "</mark> " + norm.NFD.String("truyền"), wantHit: true},
		{name: "prefix", text: "công tác tuyên truyền", query: "truy", prefix: true,
			want: "công tác tuyên <mark>truyền</mark>", wantHit: true},
		{name: "escapes everything else", text: `<script>alert("tin")</script> & tin`, query: "tin",
			want: `&lt;script&gt;alert(&#34;<mark>tin</mark>&#34;)&lt;/script&gt; &amp; <mark>tin</mark>`, wantHit: true},
		{name: "no hit gives the beginning", text: "một hai ba bốn năm", query: "kiem", n: 3, want: "một hai ba …"},
		{name: "white space collapsed", text: "tin\n\n   bài\t(ảnh)", query: "bai", want: "tin <mark>bài</mark> (ảnh)", wantHit: true},
		{name: "window around the first hit", text: long, query: "thai binh", n: 9,
			want: "… kiểm sát tỉnh <mark>Thái</mark> <mark>Bình</mark> sáu bảy tám chín …", wantHit: true},
		{name: "invalid utf-8", text: "tin\xffbài", query: "bai", want: "tin\uFFFD<mark>bài</mark>", wantHit: true},
		{name: "empty text", text: "", query: "tin", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hit := loa.Snippet(tt.text, loa.ParseQuery(tt.query, tt.prefix), tt.n)
			if got != tt.want || hit != tt.wantHit {
				t.Errorf("got %q, %v\nwant %q, %v", got, hit, tt.want, tt.wantHit)
			}
		})
	}
}

// FuzzParseQuery checks that any input gives a query whose database expressions are
// made only of folded words and the operators loa itself writes.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"tuyen truyen", `"kiểm sát" viên`, `NEAR(a b) * - : ^`, `'; DROP TABLE items; --`, "\xff\xfe"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, prefix bool) {
		q := loa.ParseQuery(text, prefix)
		if n := len(q.Words()); n > loa.MaxQueryWords {
			t.Fatalf("%d words, more than the cap", n)
		}
		for _, w := range q.Words() {
			if w == "" || len(w) > loa.MaxWordLen || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Fatalf("word %q is not a folded ASCII word", w)
			}
		}
		if q.Prefix && (q.Empty() || !prefix) {
			t.Fatal("prefix without a word or without being asked for")
		}
		fts := q.FTS5()
		if strings.Trim(fts, `abcdefghijklmnopqrstuvwxyz0123456789 "*`) != "" {
			t.Fatalf("FTS5 %q holds other characters", fts)
		}
		if strings.Count(fts, `"`)%2 != 0 {
			t.Fatalf("FTS5 %q has unbalanced quotes", fts)
		}
		ts := q.TSQuery("A")
		if strings.Trim(ts, "abcdefghijklmnopqrstuvwxyz0123456789 &()<->:*A") != "" {
			t.Fatalf("tsquery %q holds other characters", ts)
		}
		if q.Empty() != (fts == "") {
			t.Fatalf("Empty() = %v but FTS5 = %q", q.Empty(), fts)
		}
		// The snippet of the text itself is valid UTF-8 with balanced marks.
		s, _ := loa.Snippet(text, q, 30)
		if !utf8.ValidString(s) || strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
			t.Fatalf("bad snippet %q", s)
		}
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(s, "<mark>", ""), "</mark>", ""), "<") {
			t.Fatalf("unescaped < in snippet %q", s)
		}
	})
}

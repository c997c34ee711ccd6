package loa

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// toneNames are the six Vietnamese tones, in the order of the columns of the vowel
// tables below and of CompareVietnamese's second level.
var toneNames = [6]string{"ngang", "huyen", "sac", "hoi", "nga", "nang"}

// toneMarks are the combining marks of the tones; the tables are checked against them
// with norm, independently of the code under test.
var toneMarks = [6]rune{0, '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'}

// vowelRow is one Vietnamese vowel written with each tone, precomposed, and the ASCII
// letter Fold must give.
type vowelRow struct {
	base  string
	forms [6]string
}

// Written out literally, not computed, so that a mistake in Fold cannot hide in the
// test's own construction.
var lowerVowels = []vowelRow{
	{"a", [6]string{"a", "à", "á", "ả", "ã", "ạ"}},
	{"a", [6]string{"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"}},
	{"a", [6]string{"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"}},
	{"e", [6]string{"e", "è", "é", "ẻ", "ẽ", "ẹ"}},
	{"e", [6]string{"ê", "ề", "ế", "ể", "ễ", "ệ"}},
	{"i", [6]string{"i", "ì", "í", "ỉ", "ĩ", "ị"}},
	{"o", [6]string{"o", "ò", "ó", "ỏ", "õ", "ọ"}},
	{"o", [6]string{"ô", "ồ", "ố", "ổ", "ỗ", "ộ"}},
	{"o", [6]string{"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"}},
	{"u", [6]string{"u", "ù", "ú", "ủ", "ũ", "ụ"}},
	{"u", [6]string{"ư", "ừ", "ứ", "ử", "ữ", "ự"}},
	{"y", [6]string{"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"}},
}

var upperVowels = []vowelRow{
	{"a", [6]string{"A", "À", "Á", "Ả", "Ã", "Ạ"}},
	{"a", [6]string{"Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"}},
	{"a", [6]string{"Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"}},
	{"e", [6]string{"E", "È", "É", "Ẻ", "Ẽ", "Ẹ"}},
	{"e", [6]string{"Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ"}},
	{"i", [6]string{"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị"}},
	{"o", [6]string{"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ"}},
	{"o", [6]string{"Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ"}},
	{"o", [6]string{"Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"}},
	{"u", [6]string{"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ"}},
	{"u", [6]string{"Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự"}},
	{"y", [6]string{"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"}},
}

// TestVowelTables guards the tables themselves: 12 distinct single precomposed
// characters per row, each carrying exactly its column's tone mark once decomposed.
func TestVowelTables(t *testing.T) {
	seen := map[string]bool{}
	for _, tab := range [][]vowelRow{lowerVowels, upperVowels} {
		if got, want := len(tab), 12; got != want {
			t.Fatalf("rows: got %d, want %d", got, want)
		}
		for _, row := range tab {
			for tone, c := range row.forms {
				if got := utf8.RuneCountInString(c); got != 1 || !norm.NFC.IsNormalString(c) {
					t.Errorf("%q: not one precomposed character", c)
				}
				if seen[c] {
					t.Errorf("%q appears twice", c)
				}
				seen[c] = true
				var gotTone rune
				for _, r := range norm.NFD.String(c) {
					for i, m := range toneMarks {
						if i > 0 && r == m {
							gotTone = m
						}
					}
				}
				if gotTone != toneMarks[tone] {
					t.Errorf("%q: tone mark %U, want %U (%s)", c, gotTone, toneMarks[tone], toneNames[tone])
				}
			}
		}
	}
	if got, want := len(seen), 144; got != want {
		t.Errorf("distinct characters: got %d, want %d", got, want)
	}
}

func TestFoldVowels(t *testing.T) {
	for _, tc := range []struct {
		name string
		tab  []vowelRow
	}{{"lower", lowerVowels}, {"upper", upperVowels}} {
		for _, row := range tc.tab {
			for tone, c := range row.forms {
				t.Run(fmt.Sprintf("%s/%s/%s", tc.name, toneNames[tone], c), func(t *testing.T) {
					checkFold(t, c, row.base)
				})
				t.Run(fmt.Sprintf("%s/%s/%s/nfd", tc.name, toneNames[tone], c), func(t *testing.T) {
					checkFold(t, norm.NFD.String(c), row.base)
				})
			}
		}
	}
}

func checkFold(t *testing.T, in, want string) {
	t.Helper()
	if got := Fold(in); got != want {
		t.Errorf("Fold(%q) = %q, want %q", in, got, want)
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"already folded", "tuyen truyen", "tuyen truyen"},
		{"precomposed", "Tuyên truyền", "tuyen truyen"},
		{"capitals", "TUYÊN TRUYỀN", "tuyen truyen"},
		{"decomposed", norm.NFD.String("Tuyên truyền"), "tuyen truyen"},
		{"d with stroke", "Đức đ Đ", "duc d d"},
		{"decomposed capital d", norm.NFD.String("ĐỒNG"), "dong"},
		{"full name", "Viện kiểm sát nhân dân tỉnh Thái Bình", "vien kiem sat nhan dan tinh thai binh"},
		{"every vowel with a hat", "Nguyễn Thị Hường, Phạm Ngọc Ước", "nguyen thi huong pham ngoc uoc"},
		{"punctuation splits", "tin/bài; phóng-sự.", "tin bai phong su"},
		{"runs collapse", "  a  --  b\t\n c  ", "a b c"},
		{"only punctuation", " ,.;!? ", ""},
		{"digits kept", "Quý 1/2024: 15 tin", "quy 1 2024 15 tin"},
		{"invalid bytes are spaces", "tin\xffbài\xc3", "tin bai"},
		{"invalid byte only", "\xff\xfe", ""},
		{"replacement character is a separator", "a\uFFFDb", "a b"},
		{"soft hyphen inside a word", "tuyên\u00ADtruyền", "tuyentruyen"},
		{"zero width joiner and BOM dropped", "\uFEFFbáo\u200Dchí", "baochi"},
		{"non-breaking space splits", "báo\u00A0chí", "bao chi"},
		{"mark after a separator", "a \u0301b", "a b"},
		{"other Latin diacritics", "Crème Brûlée Ñandú", "creme brulee nandu"},
		{"letter without ASCII form kept", "Øre Straße", "øre straße"},
		{"Chinese kept", "越南 Việt Nam", "越南 viet nam"},
		{"Greek lowered and stripped", "ΆΛΦΑ", "αλφα"},
		{"Kelvin sign", "\u212A", "k"},
		{"Hangul decomposed", "한", "\u1112\u1161\u11AB"},
		{"clean prefix then accents", "tin tức", "tin tuc"},
		{"clean prefix then trailing space", "tin ", "tin"},
		{"clean prefix then double space", "tin  tuc", "tin tuc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkFold(t, tc.in, tc.want)
		})
	}
}

func TestFoldDoesNotAllocateOnFoldedASCII(t *testing.T) {
	s := strings.Repeat("tuyen truyen ", 10) + "x"
	if got := testing.AllocsPerRun(100, func() { _ = Fold(s) }); got != 0 {
		t.Errorf("allocations: got %v, want 0", got)
	}
}

// TestFoldEveryRune checks Fold's output properties on each code point alone, which a
// fuzzer would take long to cover.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		got := Fold(s)
		if msg := foldProblem(s, got); msg != "" {
			t.Fatalf("Fold(%q) = %q: %s", s, got, msg)
		}
	}
}

func TestFoldWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string
	}{
		{"words", "Tuyên truyền, pháp luật", []string{"tuyen", "truyen", "phap", "luat"}},
		{"empty", "", []string{}},
		{"only punctuation", "--", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FoldWords(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("FoldWords(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	const title = "Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình họp"
	for _, tc := range []struct {
		name   string
		in     string
		maxLen int
		want   string
	}{
		{"title", title, 0, "ban-tuyen-truyen-vien-kiem-sat-nhan-dan-tinh-thai-binh-hop"},
		{"negative means no limit", title, -1, "ban-tuyen-truyen-vien-kiem-sat-nhan-dan-tinh-thai-binh-hop"},
		{"cut at a word boundary", title, 20, "ban-tuyen-truyen"},
		{"cut exactly at a word end", title, 16, "ban-tuyen-truyen"},
		{"cut just before a word end", title, 15, "ban-tuyen"},
		{"limit longer than slug", title, 1000, "ban-tuyen-truyen-vien-kiem-sat-nhan-dan-tinh-thai-binh-hop"},
		{"long first word is cut", "Chủnghĩaxãhội", 5, "chung"},
		{"empty", "", 0, ""},
		{"only punctuation", " -- !!! ", 0, ""},
		{"only punctuation with limit", "...", 3, ""},
		{"decomposed input", norm.NFD.String("Đông Hưng"), 0, "dong-hung"},
		{"non-ASCII letters separate", "Việt越Nam", 0, "viet-nam"},
		{"only non-ASCII letters", "越南", 0, ""},
		{"invalid UTF-8", "tin\xff\xfetức", 0, "tin-tuc"},
		{"hyphens collapse", "a---b", 0, "a-b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Slug(tc.in, tc.maxLen); got != tc.want {
				t.Errorf("Slug(%q, %d) = %q, want %q", tc.in, tc.maxLen, got, tc.want)
			}
		})
	}
}

func TestCompareVietnamese(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string // a sorts strictly before b
	}{
		{"Dương before Đông Hưng", "Dương", "Đông Hưng"},
		{"Đông Hưng before Giang", "Đông Hưng", "Giang"},
		{"An before Ăn", "An", "Ăn"},
		{"Ăn before Ân", "Ăn", "Ân"},
		{"An before Ân", "An", "Ân"},
		{"d before đ whatever the rest", "Dy", "Đa"},
		{"E before Ê", "Eo", "Êa"},
		{"O before Ô before Ơ", "Oz", "Ôa"},
		{"Ô before Ơ", "Ôz", "Ơa"},
		{"U before Ư", "Uz", "Ưa"},
		{"letters before tones", "mạ", "mb"},
		{"syllable by syllable", "An Bình", "Anh"},
		{"tone of the first syllable first", "ma mạ", "mà ma"},
		{"lower case before upper", "an", "An"},
		{"digits before letters", "9", "a"},
		{"shorter first", "Nguyễn", "Nguyễn Văn"},
		{"leading punctuation ignored", "\"Bình\"", "Cà Mau"},
		{"decomposed input", norm.NFD.String("Ân"), "Bắc"},
		{"Latin before other scripts", "Zurich", "Ω"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CompareVietnamese(tc.a, tc.b); got != -1 {
				t.Errorf("CompareVietnamese(%q, %q) = %d, want -1", tc.a, tc.b, got)
			}
			if got := CompareVietnamese(tc.b, tc.a); got != 1 {
				t.Errorf("CompareVietnamese(%q, %q) = %d, want 1", tc.b, tc.a, got)
			}
		})
	}

	t.Run("equal forms", func(t *testing.T) {
		for _, s := range []string{"", "Đông Hưng", "Nguyễn Thị Ánh", "Thuở", "롳 한국", "a\u0301\U0001D165b"} {
			if got := CompareVietnamese(s, norm.NFD.String(s)); got != 0 {
				t.Errorf("CompareVietnamese(%q, NFD) = %d, want 0", s, got)
			}
		}
	})

	t.Run("tones in order", func(t *testing.T) {
		for _, tab := range [][]vowelRow{lowerVowels, upperVowels} {
			for _, row := range tab {
				for i := 1; i < 6; i++ {
					a, b := "m"+row.forms[i-1], "m"+row.forms[i]
					if got := CompareVietnamese(a, b); got != -1 {
						t.Errorf("CompareVietnamese(%q, %q) = %d, want -1 (%s before %s)", a, b, got, toneNames[i-1], toneNames[i])
					}
				}
			}
		}
	})

	t.Run("vowels in alphabet order", func(t *testing.T) {
		for i := 1; i < len(lowerVowels); i++ {
			// The tone of the earlier vowel is the heaviest, so only the letter decides.
			a, b := lowerVowels[i-1].forms[5], lowerVowels[i].forms[0]
			if got := CompareVietnamese(a, b); got != -1 {
				t.Errorf("CompareVietnamese(%q, %q) = %d, want -1", a, b, got)
			}
		}
	})

	t.Run("sorting a list", func(t *testing.T) {
		want := []string{
			"an", "An", "An Bình", "Anh", "Ăn", "Ân", "Ấn", "Bắc Giang", "Bến Tre",
			"Cà Mau", "Dung", "Dũng", "Dương", "Đà Nẵng", "Đông Hưng", "Giang",
			"Hà Nam", "Hà Nội", "Hải Dương", "Hưng Hà", "ma", "mà", "má", "mả", "mã", "mạ",
			"Nguyễn Văn A", "Nguyễn Văn Ă", "Nguyễn Vân", "Ô Môn", "Ơn", "Quỳnh Phụ",
			"Thái Bình", "Thái Thụy", "Tiền Hải", "Uông Bí", "Ưng Hòa", "Vũ Thư", "Yên Bái",
		}
		got := slices.Clone(want)
		rand.New(rand.NewSource(1)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, CompareVietnamese)
		if !slices.Equal(got, want) {
			t.Errorf("sorted:\n got %q\nwant %q", got, want)
		}
	})
}

// foldProblem returns what is wrong with out as Fold's output for in, or "".
func foldProblem(in, out string) string {
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
		return "bad spacing"
	}
	for _, r := range out {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == ' ':
		case r < utf8.RuneSelf:
			return fmt.Sprintf("ASCII %q left", r)
		case r == 'đ':
			return "đ left"
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			return fmt.Sprintf("%U is not a letter or digit", r)
		case unicode.Is(unicode.Mn, r):
			return fmt.Sprintf("mark %U left", r)
		case unicode.ToLower(r) != r:
			return fmt.Sprintf("%U is not lower case", r)
		case !norm.NFD.IsNormalString(string(r)):
			return fmt.Sprintf("%U is not decomposed", r)
		}
	}
	if again := Fold(out); again != out {
		return fmt.Sprintf("not idempotent: Fold again gives %q", again)
	}
	return ""
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "tuyen truyen", "Tuyên truyền", "TUYÊN TRUYỀN", norm.NFD.String("Tuyên truyền"),
		"Đức", "Viện kiểm sát nhân dân tỉnh Thái Bình", "tin\xffbài\xc3", "  a--b  ",
		"越南 한국", "\u00AD\u200D\uFEFF", "İstanbul \u212A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if msg := foldProblem(s, got); msg != "" {
			t.Fatalf("Fold(%q) = %q: %s", s, got, msg)
		}
		if !utf8.ValidString(s) {
			return
		}
		for _, form := range []norm.Form{norm.NFC, norm.NFD, norm.NFKC} {
			n := form.String(s)
			if form == norm.NFKC {
				// Compatibility forms may differ (ﬁ, ²); only check they fold cleanly.
				if msg := foldProblem(n, Fold(n)); msg != "" {
					t.Fatalf("Fold(%q) = %q: %s", n, Fold(n), msg)
				}
				continue
			}
			if other := Fold(n); other != got {
				t.Fatalf("Fold(%q) = %q but Fold of its normal form %q = %q", s, got, n, other)
			}
		}
	})
}

func FuzzSlug(f *testing.F) {
	f.Add("Ban tuyên truyền Viện kiểm sát nhân dân tỉnh Thái Bình họp", 0)
	f.Add("Ban tuyên truyền Viện kiểm sát", 16)
	f.Add(norm.NFD.String("Đông Hưng"), 5)
	f.Add("Chủnghĩaxãhội", 3)
	f.Add("tin\xff\xfetức", 4)
	f.Add(" -- !!! ", 1)
	f.Add("越南 Việt Nam", -3)
	f.Fuzz(func(t *testing.T, s string, maxLen int) {
		got := Slug(s, maxLen)
		for i := 0; i < len(got); i++ {
			if c := got[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("Slug(%q, %d) = %q: byte %q", s, maxLen, got, c)
			}
		}
		if strings.Contains(got, "--") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Fatalf("Slug(%q, %d) = %q: bad hyphens", s, maxLen, got)
		}
		if maxLen > 0 && len(got) > maxLen {
			t.Fatalf("Slug(%q, %d) = %q: longer than %d", s, maxLen, got, maxLen)
		}
		if again := Slug(got, maxLen); again != got {
			t.Fatalf("Slug(%q, %d) = %q, but Slug of that = %q", s, maxLen, got, again)
		}
		if got == "" && maxLen > 0 && Slug(s, 0) != "" {
			t.Fatalf("Slug(%q, %d) is empty but Slug(%q, 0) = %q", s, maxLen, s, Slug(s, 0))
		}
		if full := Slug(s, 0); !strings.HasPrefix(full, got) {
			t.Fatalf("Slug(%q, %d) = %q is not a prefix of the unlimited %q", s, maxLen, got, full)
		}
	})
}

func FuzzCompareVietnamese(f *testing.F) {
	f.Add("Dương", "Đông Hưng")
	f.Add("An", "Ân")
	f.Add("mà", "ma")
	f.Add("a\xff", "a")
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := CompareVietnamese(a, b), CompareVietnamese(b, a)
		if ab != -ba || ab < -1 || ab > 1 {
			t.Fatalf("CompareVietnamese(%q, %q) = %d but reversed = %d", a, b, ab, ba)
		}
		if got := CompareVietnamese(a, a); got != 0 {
			t.Fatalf("CompareVietnamese(%q, itself) = %d", a, got)
		}
		if utf8.ValidString(a) {
			if got := CompareVietnamese(a, norm.NFD.String(a)); got != 0 {
				t.Fatalf("CompareVietnamese(%q, its NFD) = %d", a, got)
			}
		}
	})
}

func BenchmarkFold(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"folded", "vien kiem sat nhan dan tinh thai binh hop ban tuyen truyen"},
		{"vietnamese", "Viện kiểm sát nhân dân tỉnh Thái Bình họp Ban tuyên truyền"},
		{"decomposed", norm.NFD.String("Viện kiểm sát nhân dân tỉnh Thái Bình họp Ban tuyên truyền")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				_ = Fold(bc.in)
			}
		})
	}
}

func BenchmarkCompareVietnamese(b *testing.B) {
	for b.Loop() {
		_ = CompareVietnamese("Nguyễn Văn Ánh", "Nguyễn Văn Ảnh")
	}
}

package loa_test

import (
	"strings"
	"testing"

	"loa"
)

// rebuild joins the parts a side sees: equal and deleted for the old text, equal and
// inserted for the new one.
func rebuild(parts []loa.DiffPart, skip loa.DiffKind, sep string) string {
	var out []string
	for _, p := range parts {
		if p.Kind != skip {
			out = append(out, p.Text)
		}
	}
	return strings.Join(out, sep)
}

func render(parts []loa.DiffPart) string {
	var b strings.Builder
	for _, p := range parts {
		switch p.Kind {
		case loa.DiffEqual:
			b.WriteString(p.Text)
		case loa.DiffDelete:
			b.WriteString("[-" + p.Text + "-]")
		case loa.DiffInsert:
			b.WriteString("{+" + p.Text + "+}")
		}
	}
	return b.String()
}

func TestDiffWords(t *testing.T) {
	for _, tc := range []struct{ name, a, b, want string }{
		{"same", "Ban tuyên truyền họp", "Ban tuyên truyền họp", "Ban tuyên truyền họp"},
		{"one word changed", "có 306 tin bài", "có 307 tin bài", "có [-306-]{+307+} tin bài"},
		{"word added", "Ban họp", "Ban tuyên truyền họp", "Ban {+tuyên truyền +}họp"},
		{"word removed", "họp bàn nâng cao chất lượng", "họp nâng cao chất lượng", "họp [-bàn -]nâng cao chất lượng"},
		{"punctuation is its own token", "tin bài.", "tin, bài.", "tin{+,+} bài."},
		{"from empty", "", "mới", "{+mới+}"},
		{"to empty", "cũ", "", "[-cũ-]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := loa.DiffWords(tc.a, tc.b)
			if got := render(parts); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if got := rebuild(parts, loa.DiffInsert, ""); got != tc.a {
				t.Fatalf("old side %q, want %q", got, tc.a)
			}
			if got := rebuild(parts, loa.DiffDelete, ""); got != tc.b {
				t.Fatalf("new side %q, want %q", got, tc.b)
			}
		})
	}
}

func TestDiffLines(t *testing.T) {
	a := "một\nhai\nba\nbốn"
	b := "một\nba\nbốn\nnăm"
	parts := loa.DiffLines(a, b)
	var kinds []loa.DiffKind
	for _, p := range parts {
		kinds = append(kinds, p.Kind)
	}
	want := []loa.DiffKind{loa.DiffEqual, loa.DiffDelete, loa.DiffEqual, loa.DiffEqual, loa.DiffInsert}
	if len(kinds) != len(want) {
		t.Fatalf("got %v, want %v", parts, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("got %v, want %v", parts, want)
		}
	}
	if rebuild(parts, loa.DiffInsert, "\n") != a || rebuild(parts, loa.DiffDelete, "\n") != b {
		t.Fatal("the two sides do not rebuild the texts")
	}
}

func TestDiffIsMinimal(t *testing.T) {
	// The LCS of these is "BCBA" (length 4): exactly 3 deletions and 2 insertions.
	a := strings.Split("ABCBDAB", "")
	b := strings.Split("BDCABA", "")
	var del, ins, eq int
	for _, p := range loa.Diff(a, b) {
		switch p.Kind {
		case loa.DiffDelete:
			del++
		case loa.DiffInsert:
			ins++
		default:
			eq++
		}
	}
	if eq != 4 || del != 3 || ins != 2 {
		t.Fatalf("equal %d, deleted %d, inserted %d; want 4, 3, 2", eq, del, ins)
	}
}

func TestDiffLargeFallsBack(t *testing.T) {
	a := make([]string, 3000)
	b := make([]string, 3000)
	for i := range a {
		a[i] = "a" + strings.Repeat("x", i%7)
		b[i] = "b" + strings.Repeat("y", i%5)
	}
	parts := loa.Diff(a, b)
	if len(parts) != 6000 {
		t.Fatalf("got %d parts, want every token deleted and inserted", len(parts))
	}
}

func FuzzDiffWords(f *testing.F) {
	f.Add("Ban tuyên truyền họp ngày 04/6/2024", "Ban tuyên truyền đã họp ngày 4/6/2024.")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 2000 || len(b) > 2000 {
			return
		}
		parts := loa.DiffWords(a, b)
		if rebuild(parts, loa.DiffInsert, "") != a || rebuild(parts, loa.DiffDelete, "") != b {
			t.Fatalf("sides do not rebuild %q / %q", a, b)
		}
	})
}

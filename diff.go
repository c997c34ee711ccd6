package loa

import (
	"strings"
	"unicode"
)

// DiffKind says whether a piece of a diff is in both texts, only the old one or only
// the new one.
type DiffKind int

// The kinds of diff pieces.
const (
	DiffEqual DiffKind = iota
	DiffDelete
	DiffInsert
)

// DiffPart is a run of tokens of one kind.
type DiffPart struct {
	Kind DiffKind
	Text string
}

// maxDiffCells bounds the LCS table (rows × columns of the part that differs); past
// it the differing middle is shown as deleted then inserted, which is still correct,
// only coarser. Revisions of a news item stay far below it.
const maxDiffCells = 4_000_000

// Diff compares two token sequences by longest common subsequence and returns, in
// order, one part per token: equal, deleted (only in a) or inserted (only in b).
// Where a deletion and an insertion meet, the deletion comes first.
func Diff(a, b []string) []DiffPart {
	// Common prefix and suffix cost nothing and shrink the table.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	out := make([]DiffPart, 0, len(a)+len(b))
	for _, t := range a[:pre] {
		out = append(out, DiffPart{DiffEqual, t})
	}
	out = append(out, lcsDiff(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, t := range a[len(a)-suf:] {
		out = append(out, DiffPart{DiffEqual, t})
	}
	return out
}

func lcsDiff(a, b []string) []DiffPart {
	n, m := len(a), len(b)
	var out []DiffPart
	if n == 0 || m == 0 || n*m > maxDiffCells {
		for _, t := range a {
			out = append(out, DiffPart{DiffDelete, t})
		}
		for _, t := range b {
			out = append(out, DiffPart{DiffInsert, t})
		}
		return out
	}
	// l[i][j] is the LCS length of a[i:] and b[j:], in one flat table.
	w := m + 1
	l := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			} else {
				l[i*w+j] = max(l[(i+1)*w+j], l[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffPart{DiffEqual, a[i]})
			i++
			j++
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			out = append(out, DiffPart{DiffDelete, a[i]})
			i++
		default:
			out = append(out, DiffPart{DiffInsert, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffPart{DiffDelete, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffPart{DiffInsert, b[j]})
	}
	return out
}

// DiffLines compares two texts line by line: one part per line, without its newline.
func DiffLines(a, b string) []DiffPart {
	return Diff(splitLines(a), splitLines(b))
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n"), "\n")
}

// DiffWords compares two texts word by word. Spaces are tokens too, so joining the
// equal and deleted parts gives a back, and the equal and inserted parts give b.
// Consecutive parts of one kind are merged.
func DiffWords(a, b string) []DiffPart {
	parts := Diff(splitWords(a), splitWords(b))
	var out []DiffPart
	for _, p := range parts {
		if n := len(out); n > 0 && out[n-1].Kind == p.Kind {
			out[n-1].Text += p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// splitWords cuts s into runs of spaces, runs of letters and digits, and single
// other characters (punctuation), so "tin, bài" is "tin" "," " " "bài".
func splitWords(s string) []string {
	var out []string
	start := -1
	class := 0
	classOf := func(r rune) int {
		switch {
		case unicode.IsSpace(r):
			return 1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			return 2
		}
		return 3
	}
	for i, r := range s {
		c := classOf(r)
		if start >= 0 && (c != class || c == 3) {
			out = append(out, s[start:i])
			start = -1
		}
		if start < 0 {
			start, class = i, c
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

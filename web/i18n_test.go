package web

import (
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var (
	tmplMsg = regexp.MustCompile(`\{\{-? *t "((?:[^"\\]|\\.)*)"`)
	goMsg   = regexp.MustCompile(`T\((?:s\.lang\(r\)|lang|p\.Lang), "((?:[^"\\]|\\.)*)"\)|Label: "([^"]*)"|menu(?:For)?\(\d+, "([^"]*)"`)
)

// TestEnglishCatalog: every message a page shows through t or T has an English
// translation, so switching to English never leaves half a page in Vietnamese.
func TestEnglishCatalog(t *testing.T) {
	t.Parallel()
	var missing []string
	seen := map[string]bool{}
	check := func(msg, where string) {
		if msg == "" || seen[msg] {
			return
		}
		seen[msg] = true
		if _, ok := catalogs["en"][msg]; !ok {
			missing = append(missing, where+": "+msg)
		}
	}
	fs.WalkDir(os.DirFS("templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile("templates/" + p)
		for _, m := range tmplMsg.FindAllStringSubmatch(string(b), -1) {
			check(m[1], p)
		}
		return nil
	})
	goFiles, _ := fs.Glob(os.DirFS("."), "*.go")
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range goMsg.FindAllStringSubmatch(string(b), -1) {
			check(m[1]+m[2]+m[3], f)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no English for %s", m)
	}
}

// TestEnglishQuotaWords: the report marks a unit's quota met or not in words that say
// so ("Đạt" was translated "Share", the word of "Tỷ lệ").
func TestEnglishQuotaWords(t *testing.T) {
	for vi, want := range map[string]string{"Đạt": "Met", "Chưa đạt": "Below quota", "Tỷ lệ": "Share"} {
		if got := T("en", vi); got != want {
			t.Errorf("T(en, %q) = %q, want %q", vi, got, want)
		}
	}
}

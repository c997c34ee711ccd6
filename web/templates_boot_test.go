package web_test

import (
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/dbtest"
	"loa/web"
)

// TestTemplateCallingAnotherPagesTemplateFailsAtBoot: a page that calls a template
// defined in another page's file (the plan page once did, and answered 500 to
// everyone) stops the server at start, naming it.
func TestTemplateCallingAnotherPagesTemplateFailsAtBoot(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, dbtest.SQLitePath(t))
	boot := func(dir string) error {
		srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TemplatesDir: dir})
		if err == nil {
			srv.Close()
		}
		return err
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("templates")); err != nil {
		t.Fatal(err)
	}
	if err := boot(dir); err != nil {
		t.Fatalf("the real templates are refused: %v", err)
	}
	page := filepath.Join(dir, "app", "zz_broken.html")
	if err := os.WriteFile(page, []byte(`{{ define "content" }}{{ template "planform_elsewhere" . }}{{ end }}`), fs.FileMode(0o644)); err != nil {
		t.Fatal(err)
	}
	if err := boot(dir); err == nil || !strings.Contains(err.Error(), "planform_elsewhere") || !strings.Contains(err.Error(), "zz_broken") {
		t.Fatalf("got %v, want a boot error naming the page and the template", err)
	}
}

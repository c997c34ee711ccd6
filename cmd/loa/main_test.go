package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"loa/internal/dbtest"
	"loa/store"
)

func init() { store.BcryptCost = bcrypt.MinCost }

// loa runs the command in-process and returns its exit status and output.
func runLoa(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLitePath(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"--db", db, "frobnicate"}},
		{"unknown flag", []string{"--db", db, "serve", "--nope"}},
		{"user without add", []string{"--db", db, "user"}},
		{"user add without email", []string{"--db", db, "user", "add", "--name", "A", "--role", "admin"}},
		{"user add with a bad role", []string{"--db", db, "user", "add", "--email", "a@x.vn", "--name", "A", "--role", "king"}},
		{"backup without file", []string{"--db", db, "backup"}},
		{"demo with a bad scale", []string{"--db", db, "demo", "--scale", "huge"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runLoa(t, c.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); stderr == "" || lines != 0 {
				t.Fatalf("stderr %q, want the reason on one line", stderr)
			}
		})
	}
}

// TestServeRefusesBadSettings: a malformed setting stops serve at once with one line
// that names it, before the database is opened or a port is bound.
func TestServeRefusesBadSettings(t *testing.T) {
	for _, c := range []struct{ env, value string }{
		{"LOA_SMTP_PORT", "abc"},
		{"LOA_REMINDER_DAYS", "-1"},
		{"LOA_YEAR_START", "13-45"},
	} {
		t.Run(c.env, func(t *testing.T) {
			t.Setenv(c.env, c.value)
			db := dbtest.SQLitePath(t)
			code, _, stderr := runLoa(t, "--db", db, "serve", "--addr", "127.0.0.1:0")
			if code != 1 || !strings.Contains(stderr, c.env) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Fatalf("exit %d, stderr %q: want 1 and one line naming %s", code, stderr, c.env)
			}
			if _, err := os.Stat(db); err == nil {
				t.Fatal("the database was created before the settings were checked")
			}
		})
	}
}

func TestUserAddBackupRestore(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			src, dst := e.DSN(t), e.DSN(t)
			if code, out, errs := runLoa(t, "migrate", "--db", src); code != 0 {
				t.Fatalf("migrate: %d %s %s", code, out, errs)
			}
			t.Setenv("LOA_PASSWORD", "mat-khau-dai-du")
			if code, _, errs := runLoa(t, "--db", src, "user", "add", "--email", "thuky@x.vn", "--name", "Bùi Thảo", "--role", "secretary"); code != 0 {
				t.Fatalf("user add: %d %s", code, errs)
			}
			if code, _, errs := runLoa(t, "--db", src, "user", "add", "--email", "thuky@x.vn", "--name", "Lại", "--role", "secretary"); code != 1 || !strings.Contains(errs, "đã có tài khoản") {
				t.Fatalf("duplicate user: %d %q, want exit 1 with the reason", code, errs)
			}
			if code, _, errs := runLoa(t, "--db", src, "user", "add", "--email", "c@x.vn", "--name", "C", "--role", "contributor", "--unit", "NOPE"); code != 1 || !strings.Contains(errs, "NOPE") {
				t.Fatalf("unknown unit: %d %q", code, errs)
			}
			file := filepath.Join(t.TempDir(), "loa.backup")
			if code, _, errs := runLoa(t, "--db", src, "backup", file); code != 0 {
				t.Fatalf("backup: %d %s", code, errs)
			}
			if code, _, errs := runLoa(t, "--db", dst, "restore", file); code != 0 {
				t.Fatalf("restore: %d %s", code, errs)
			}
			if code, _, errs := runLoa(t, "--db", dst, "restore", file); code != 1 || !strings.Contains(errs, "--force") {
				t.Fatalf("second restore: %d %q, want refused naming --force", code, errs)
			}
			db := dbtest.Open(t, dst)
			if _, err := db.Authenticate(context.Background(), "thuky@x.vn", "mat-khau-dai-du"); err != nil {
				t.Fatalf("restored user: %v", err)
			}
		})
	}
}

func TestDemoSmall(t *testing.T) {
	t.Parallel()
	dsn := dbtest.SQLitePath(t)
	code, out, errs := runLoa(t, "--db", dsn, "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	for _, want := range []string{"admin@loa.example", "khuvuc6@loa.example", "loa-demo-2024"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if code, _, _ := runLoa(t, "--db", dsn, "demo"); code != 1 {
		t.Fatalf("demo into a database with data: exit %d, want 1", code)
	}
}

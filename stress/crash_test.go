// Package stress holds the tests that run loa as a real process and treat it
// roughly: killed mid-write, loaded by many clients. The short forms run in CI.
package stress

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"loa/internal/dbtest"
	"loa/store"
)

// buildLoa builds the loa binary once per test binary.
var buildLoa = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "loa-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "loa")
	out, err := exec.Command("go", "build", "-o", bin, "loa/cmd/loa").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// server is a loa serve child process.
type server struct {
	cmd  *exec.Cmd
	addr string
}

func startServer(t *testing.T, bin, dsn, addr string) *server {
	t.Helper()
	cmd := exec.Command(bin, "--db", dsn, "serve", "--addr", addr)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return &server{cmd: cmd, addr: addr}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("loa serve did not become healthy")
	return nil
}

func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

func login(t *testing.T, addr string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := postForm(c, addr, "/login", url.Values{"email": {"admin@crash.test"}, "password": {"mat-khau-dai-du"}})
	if err != nil || res != http.StatusSeeOther {
		t.Fatalf("login: %v %d", err, res)
	}
	return c
}

func postForm(c *http.Client, addr, path string, v url.Values) (int, error) {
	req, _ := http.NewRequest("POST", "http://"+addr+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://"+addr)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

// TestCrashSafety kills loa with SIGKILL while clients write, restarts it, and checks
// that every write that got a success answer is there, and that the database is whole.
func TestCrashSafety(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin, err := buildLoa()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			dsn := e.DSN(t)
			setup := exec.Command(bin, "--db", dsn, "user", "add", "--email", "admin@crash.test", "--name", "Quản trị", "--role", "admin")
			setup.Env = append(os.Environ(), "LOA_PASSWORD=mat-khau-dai-du")
			if out, err := setup.CombinedOutput(); err != nil {
				t.Fatalf("user add: %v %s", err, out)
			}
			var mu sync.Mutex
			acked := map[string]bool{}
			rng := rand.New(rand.NewPCG(1, 2))
			const cycles = 10
			for cycle := 0; cycle < cycles; cycle++ {
				srv := startServer(t, bin, dsn, freeAddr(t))
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				c := login(t, srv.addr) // bcrypt is slow on purpose: one login, four writers
				for w := 0; w < 4; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for n := 0; ctx.Err() == nil; n++ {
							name := fmt.Sprintf("Người ghi %d-%d-%d", cycle, w, n)
							code, err := postForm(c, srv.addr, "/app/people", url.Values{"name": {name}, "title": {"Kiểm sát viên"}})
							if err == nil && code == http.StatusSeeOther {
								mu.Lock()
								acked[name] = true
								mu.Unlock()
							}
						}
					}()
				}
				time.Sleep(time.Duration(100+rng.IntN(300)) * time.Millisecond)
				srv.kill() // mid-write, no warning
				cancel()
				wg.Wait()
			}
			if len(acked) == 0 {
				t.Fatal("no write was acknowledged: the test tested nothing")
			}
			// Restart once more: the database opens, migrates and answers.
			srv := startServer(t, bin, dsn, freeAddr(t))
			srv.kill()
			driver := "sqlite"
			if store.IsPostgres(dsn) {
				driver = "pgx"
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			rows, err := raw.Query("SELECT name FROM people")
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]bool{}
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					t.Fatal(err)
				}
				names[n] = true
			}
			rows.Close()
			lost := 0
			for n := range acked {
				if !names[n] {
					lost++
				}
			}
			if lost > 0 {
				t.Fatalf("%d of %d acknowledged writes lost", lost, len(acked))
			}
			if e.Name == "sqlite" {
				var res string
				if err := raw.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
					t.Fatalf("integrity_check: %q %v", res, err)
				}
			}
			t.Logf("%d acknowledged writes over %d kills, none lost", len(acked), cycles)
		})
	}
}

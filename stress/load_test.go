package stress

import (
	"context"
	"fmt"
	"io"
	"loa/internal/dbtest"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad runs writers and readers against one loa on SQLite and checks that no
// request fails with a 5xx and that "database is locked" never reaches a user.
// In CI it runs briefly; the long run of issue 9 (50 writers, 200 readers, 60 s) is
//
//	LOA_LOAD_SECONDS=60 LOA_LOAD_WRITERS=50 LOA_LOAD_READERS=200 go test -run TestLoad -v ./stress
//
// and its figures go into BENCHMARKS.md.
func TestLoad(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a real server under load")
	}
	seconds, writers, readers := envInt("LOA_LOAD_SECONDS", 5), envInt("LOA_LOAD_WRITERS", 10), envInt("LOA_LOAD_READERS", 20)
	bin, err := buildLoa()
	if err != nil {
		t.Fatal(err)
	}
	dsn := dbtest.SQLitePath(t)
	setup := exec.Command(bin, "--db", dsn, "user", "add", "--email", "admin@crash.test", "--name", "Quản trị", "--role", "admin")
	setup.Env = append(os.Environ(), "LOA_PASSWORD=mat-khau-dai-du")
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	srv := startServer(t, bin, dsn, freeAddr(t))
	defer srv.kill()
	c := login(t, srv.addr)
	c.Transport = &http.Transport{MaxIdleConnsPerHost: writers + readers}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second)
	defer cancel()

	var mu sync.Mutex
	var writes, reads []time.Duration
	var failures []string
	fail := func(s string) {
		mu.Lock()
		if len(failures) < 20 {
			failures = append(failures, s)
		}
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				start := time.Now()
				code, err := postForm(c, srv.addr, "/app/people", url.Values{"name": {fmt.Sprintf("Tải %d-%d", w, n)}})
				d := time.Since(start)
				if ctx.Err() != nil {
					return
				}
				if err != nil || code != http.StatusSeeOther {
					fail(fmt.Sprintf("write: %d %v", code, err))
					continue
				}
				mu.Lock()
				writes = append(writes, d)
				mu.Unlock()
			}
		}()
	}
	paths := []string{"/", "/app/units", "/app/people", "/healthz"}
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil; n++ {
				start := time.Now()
				res, err := c.Get("http://" + srv.addr + paths[(r+n)%len(paths)])
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					fail("read: " + err.Error())
					continue
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode >= 500 || strings.Contains(string(body), "locked") {
					fail(fmt.Sprintf("read %d: %.80s", res.StatusCode, body))
					continue
				}
				mu.Lock()
				reads = append(reads, time.Since(start))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d failures, first: %v", len(failures), failures)
	}
	if len(writes) == 0 || len(reads) == 0 {
		t.Fatal("nothing was measured")
	}
	t.Logf("%d s, %d writers, %d readers: %d writes (%.0f/s, p50 %v, p99 %v), %d reads (%.0f/s, p50 %v, p99 %v)",
		seconds, writers, readers, len(writes), float64(len(writes))/float64(seconds), pct(writes, 50), pct(writes, 99),
		len(reads), float64(len(reads))/float64(seconds), pct(reads, 50), pct(reads, 99))
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(100 * time.Microsecond)
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

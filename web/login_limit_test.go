package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// proxiedLogin returns a login function on a server that trusts X-Forwarded-For,
// over app's database, so that a test chooses the address each attempt comes from;
// *retryAfter is set to the last answer's Retry-After.
func proxiedLogin(t *testing.T, app *testApp, retryAfter *string) func(email, password, addr string) int {
	srv, err := web.New(app.DB, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustProxy: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return func(email, password, addr string) int {
		req, _ := http.NewRequest("POST", hs.URL+"/login", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", hs.URL)
		req.Header.Set("X-Forwarded-For", addr)
		res, err := noFollow.Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if retryAfter != nil {
			*retryAfter = res.Header.Get("Retry-After")
		}
		return res.StatusCode
	}
}

// TestLockoutIsNoWeapon: a stranger's wrong passwords from one address lock that
// address out of the account, not the owner who signs in from another; guesses
// spread over many addresses still meet a ceiling per account.
func TestLockoutIsNoWeapon(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		var retry string
		login := proxiedLogin(t, app, &retry)
		admin := app.Users[loa.RoleAdmin].Email
		for i := range 5 {
			if got := login(admin, "sai-mat-khau-1", "203.0.113.66"); got != http.StatusUnauthorized {
				t.Fatalf("failure %d: got %d", i+1, got)
			}
		}
		if got := login(admin, testPassword, "203.0.113.66"); got != http.StatusTooManyRequests {
			t.Fatalf("the stranger's address, right password: got %d, want 429", got)
		}
		if retry != "900" {
			t.Errorf("Retry-After of the address's limit: %q, want 900 (its 15 minutes)", retry)
		}
		if got := login(admin, testPassword, "198.51.100.10"); got != http.StatusSeeOther {
			t.Fatalf("the owner from another address: got %d, want 303 (signed in)", got)
		}
		// The owner's good login forgets no failure of the stranger's.
		if got := login(admin, "sai-mat-khau-1", "203.0.113.66"); got != http.StatusTooManyRequests {
			t.Fatalf("the stranger after the owner's login: got %d, want 429", got)
		}

		// 50 failures an hour from anywhere (here 5 from each of 10 addresses, each
		// within its own limits) lock the account for everyone.
		viewer := app.Users[loa.RoleViewer].Email
		for a := range 10 {
			for i := range 5 {
				if got := login(viewer, "sai-mat-khau-1", fmt.Sprintf("192.0.2.%d", a)); got != http.StatusUnauthorized {
					t.Fatalf("address %d failure %d: got %d", a, i+1, got)
				}
			}
		}
		if got := login(viewer, testPassword, "198.51.100.11"); got != http.StatusTooManyRequests {
			t.Fatalf("after 50 failures from 10 addresses: got %d, want 429", got)
		}
		if retry != "3600" {
			t.Errorf("Retry-After of the account's hourly ceiling: %q, want 3600", retry)
		}
	})
}

// TestParallelGuessesMeetTheLimit: guesses sent all at once each count before any
// password is checked, so no more than the limit of them get a check (401); the
// rest are refused unchecked (429). The hash cost is raised so the checks overlap.
func TestParallelGuessesMeetTheLimit(t *testing.T) {
	old := store.BcryptCost
	store.BcryptCost = 8
	t.Cleanup(func() { store.BcryptCost = old })
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		app := newTestApp(t, db)
		login := proxiedLogin(t, app, nil)
		const n = 20
		var wg sync.WaitGroup
		codes := make(chan int, n)
		start := make(chan struct{})
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes <- login(app.Users[loa.RoleEditor].Email, "sai-mat-khau-1", "203.0.113.9")
			}()
		}
		close(start)
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		if count[http.StatusUnauthorized] > 5 || count[http.StatusUnauthorized]+count[http.StatusTooManyRequests] != n {
			t.Errorf("of %d parallel guesses: %v; want at most 5 checked (401), the rest 429", n, count)
		}
	})
}

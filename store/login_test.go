package store_test

import (
	"context"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestLoginTimeGivesNoHint: an unknown e-mail costs the same bcrypt work as a known
// one with a wrong password, so the time of a login does not tell whether an
// account exists. The cost is raised here to make the difference measurable.
func TestLoginTimeGivesNoHint(t *testing.T) {
	old := store.BcryptCost
	store.BcryptCost = 10
	t.Cleanup(func() { store.BcryptCost = old })
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &loa.User{Email: "co-that@loa.test", Name: "Có thật", Role: loa.RoleViewer}
		if err := db.CreateUser(ctx, u, "mat-khau-that-dai"); err != nil {
			t.Fatal(err)
		}
		fastest := func(email string) time.Duration {
			best := time.Hour
			for range 3 {
				start := time.Now()
				if _, err := db.Authenticate(ctx, email, "sai-mat-khau-1"); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
					t.Fatalf("%s: %v, want EUNAUTHORIZED", email, err)
				}
				best = min(best, time.Since(start))
			}
			return best
		}
		known, unknown := fastest(u.Email), fastest("khong-co@loa.test")
		// bcrypt's cost doubles the work at each step: a dummy of a lower cost is at
		// least twice as fast, the same cost is about as fast.
		if unknown < known*2/3 {
			t.Errorf("an unknown e-mail takes %v, a known one %v: the time tells them apart", unknown, known)
		}
	})
}

// TestLoginFailuresKeyed: failures are counted per e-mail and address, per address,
// and per e-mail from anywhere; a good login clears only its own address's.
func TestLoginFailuresKeyed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, a := range [][2]string{{"a@loa.test", "10.0.0.1"}, {"A@loa.test", "10.0.0.1"}, {"a@loa.test", "10.0.0.2"}, {"b@loa.test", "10.0.0.1"}} {
			if _, err := db.RecordLoginFailure(ctx, a[0], a[1]); err != nil {
				t.Fatal(err)
			}
		}
		since := time.Now().Add(-time.Minute)
		c, err := db.LoginFailures(ctx, "a@loa.test", "10.0.0.1", since, since)
		if err != nil || c != (store.LoginCounts{AccountAddr: 2, Addr: 3, Account: 3}) {
			t.Fatalf("got %+v, %v", c, err)
		}
		if err := db.ClearLoginFailures(ctx, "a@loa.test", "10.0.0.2", time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.LoginFailures(ctx, "a@loa.test", "10.0.0.1", since, since); c != (store.LoginCounts{AccountAddr: 2, Addr: 3, Account: 2}) {
			t.Fatalf("after a good login from elsewhere: got %+v", c)
		}
	})
}

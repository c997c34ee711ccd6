package store_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestLoginTimeGivesNoHint: an unknown e-mail's password is compared against a dummy
// hash of the same bcrypt cost as a real account's, so the time of a login does not
// tell whether an account exists. The costs are compared, not the times: a timing
// assertion would fail on a busy machine, and the cost is what sets the time. The
// test's cost is one above the other tests' (bcrypt.MinCost): any cost but theirs
// and the product's shows that the dummy follows the accounts' cost, and each step
// of cost doubles bcrypt's work (cost 10 took 10 s of CPU under -race).
func TestLoginTimeGivesNoHint(t *testing.T) {
	const cost = bcrypt.MinCost + 1
	old := store.BcryptCost
	store.BcryptCost = cost
	t.Cleanup(func() { store.BcryptCost = old })
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &loa.User{Email: "co-that@loa.test", Name: "Có thật", Role: loa.RoleViewer}
		if err := db.CreateUser(ctx, u, "mat-khau-that-dai"); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{u.Email, "khong-co@loa.test"} {
			if _, err := db.Authenticate(ctx, email, "sai-mat-khau-1"); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
				t.Fatalf("%s: %v, want EUNAUTHORIZED", email, err)
			}
		}
		real, err := bcrypt.Cost([]byte(db.PasswordHash(ctx, t, u.Email)))
		if err != nil {
			t.Fatal(err)
		}
		dummy, err := bcrypt.Cost(store.DummyHash())
		if err != nil || dummy != real || real != cost {
			t.Errorf("an unknown e-mail is checked at cost %d (%v), a real account at %d", dummy, err, real)
		}
	})
}

// TestLoginFailuresKeyed: failures are counted per e-mail and address, per address,
// and per e-mail from anywhere; a good login clears only its own address's.
func TestLoginFailuresKeyed(t *testing.T) {
	t.Parallel()
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

package store_test

import (
	"context"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		mk := func(email string) *loa.User {
			u := &loa.User{Email: email, Name: "Người dùng", Role: loa.RoleViewer}
			if err := db.CreateUser(ctx, u, "mat-khau-thu-nghiem"); err != nil {
				t.Fatal(err)
			}
			return u
		}
		alice, bob := mk("alice@loa.test"), mk("bob@loa.test")
		token, tok, err := db.CreateToken(ctx, alice.ID, "  báo cáo hằng tháng ")
		if err != nil {
			t.Fatal(err)
		}
		if !store.WellFormedToken(token) || !strings.HasPrefix(token, "loa_") || tok.Name != "báo cáo hằng tháng" {
			t.Fatalf("token %q, record %+v", token, tok)
		}
		bobToken, _, err := db.CreateToken(ctx, bob.ID, "")
		if err != nil {
			t.Fatal(err)
		}

		t.Run("a valid token opens its user and marks its use", func(t *testing.T) {
			got, err := db.UserByToken(ctx, token)
			if err != nil || got.ID != alice.ID || got.Email != alice.Email {
				t.Fatalf("got %+v, %v", got, err)
			}
			ts, err := db.Tokens(ctx, alice.ID)
			if err != nil || len(ts) != 1 || ts[0].LastUsedAt == nil || !ts[0].Active() {
				t.Fatalf("tokens %+v, %v", ts, err)
			}
			first := *ts[0].LastUsedAt
			if _, err := db.UserByToken(ctx, token); err != nil {
				t.Fatal(err)
			}
			ts, _ = db.Tokens(ctx, alice.ID)
			if !ts[0].LastUsedAt.Equal(first) {
				t.Errorf("last_used_at moved within a minute: %v, then %v", first, ts[0].LastUsedAt)
			}
		})
		t.Run("list: one user's or everyone's", func(t *testing.T) {
			for _, c := range []struct {
				name   string
				userID int64
				want   int
			}{{"alice", alice.ID, 1}, {"bob", bob.ID, 1}, {"all", 0, 2}} {
				ts, err := db.Tokens(ctx, c.userID)
				if err != nil || len(ts) != c.want {
					t.Errorf("%s: got %d tokens, %v; want %d", c.name, len(ts), err, c.want)
				}
			}
		})
		for _, c := range []struct{ name, token string }{
			{"empty", ""},
			{"malformed", "not-a-token"},
			{"right prefix, wrong length", "loa_abc"},
			{"unknown", "loa_" + strings.Repeat("A", 43)},
			{"a valid token with one character changed", token[:len(token)-1] + map[bool]string{true: "B", false: "A"}[strings.HasSuffix(token, "A")]},
		} {
			t.Run("refused: "+c.name, func(t *testing.T) {
				if u, err := db.UserByToken(ctx, c.token); loa.ErrorCode(err) != loa.EUNAUTHORIZED || u != nil {
					t.Errorf("got %v, %v; want EUNAUTHORIZED", u, err)
				}
			})
		}
		t.Run("a deactivated user's token opens nothing", func(t *testing.T) {
			bob.Active = false
			if err := db.UpdateUser(ctx, bob, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := db.UserByToken(ctx, bobToken); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
				t.Errorf("got %v, want EUNAUTHORIZED", err)
			}
			if _, _, err := db.CreateToken(ctx, bob.ID, ""); loa.ErrorCode(err) != loa.EINVALID {
				t.Errorf("token for an inactive user: %v, want EINVALID", err)
			}
			// Deactivation revokes the tokens: reactivating bob brings none back.
			bob.Active = true
			if err := db.UpdateUser(ctx, bob, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := db.UserByToken(ctx, bobToken); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
				t.Errorf("after reactivation: got %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("revoke", func(t *testing.T) {
			got, err := db.RevokeToken(ctx, tok.ID)
			if err != nil || got.RevokedAt == nil {
				t.Fatalf("got %+v, %v", got, err)
			}
			if _, err := db.UserByToken(ctx, token); loa.ErrorCode(err) != loa.EUNAUTHORIZED {
				t.Errorf("revoked token: %v, want EUNAUTHORIZED", err)
			}
			if _, err := db.RevokeToken(ctx, tok.ID); loa.ErrorCode(err) != loa.ECONFLICT {
				t.Errorf("revoked twice: %v, want ECONFLICT", err)
			}
			if _, err := db.RevokeToken(ctx, 999999); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Errorf("unknown id: %v, want ENOTFOUND", err)
			}
		})
		t.Run("create and revoke are audited, without the token", func(t *testing.T) {
			log, _, err := db.AuditLog(ctx, store.AuditFilter{Entity: "api_token"})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range log {
				actions = append(actions, e.Action)
				if strings.Contains(e.After+e.Before, token[4:]) || strings.Contains(e.After+e.Before, bobToken[4:]) {
					t.Errorf("audit entry %d holds the token", e.ID)
				}
			}
			// Newest first: tok revoked, bob's revoked by deactivation, both created.
			if got, want := strings.Join(actions, ","), "revoke,revoke,create,create"; got != want {
				t.Errorf("actions %s, want %s", got, want)
			}
		})
	})
}

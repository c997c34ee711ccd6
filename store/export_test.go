package store

import (
	"context"
	"testing"
)

// DummyHash is the hash an unknown e-mail's password is compared against.
func DummyHash() []byte { return dummyHash() }

// PasswordHash reads the stored hash of a user's password.
func (db *DB) PasswordHash(ctx context.Context, t *testing.T, email string) string {
	t.Helper()
	var hash string
	if err := db.row(ctx, "tài khoản", "SELECT password_hash FROM users WHERE email = ?", []any{NormalizeEmail(email)}, &hash); err != nil {
		t.Fatal(err)
	}
	return hash
}

package store

import (
	"context"
	"strings"
	"testing"
	"time"
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

// FirstPubPlan is SQLite's query plan of the statement that recomputes first_pub
// (setFirstPub), one line per step.
func (db *DB) FirstPubPlan(ctx context.Context) (string, error) {
	rows, err := db.w.QueryContext(ctx, "EXPLAIN QUERY PLAN "+firstPubSQL(1), 1)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n"), rows.Err()
}

// SessionExpiry reads the stored expiry of a session.
func (db *DB) SessionExpiry(ctx context.Context, token string) (time.Time, error) {
	var exp time.Time
	err := db.row(ctx, "phiên", "SELECT expiry FROM sessions WHERE token = ?", []any{token}, &exp)
	return exp, err
}

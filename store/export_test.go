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
	return db.plan(ctx, firstPubSQL(1), 1)
}

// SitePlans are SQLite's query plans of what SiteItems runs for f: its count, its
// page.
func (db *DB) SitePlans(ctx context.Context, f SiteFilter) (count, page string, err error) {
	where, args := f.where()
	if count, err = db.plan(ctx, countSQL(where), args...); err != nil {
		return "", "", err
	}
	page, err = db.plan(ctx, pageSQL(where, f.Page), args...)
	return count, page, err
}

// SitemapPlan is SQLite's query plan of a file of the sitemap's items (SiteItemRefs).
func (db *DB) SitemapPlan(ctx context.Context, offset int) (string, error) {
	return db.plan(ctx, siteItemRefsSQL(offset, 50000), now())
}

// MostReadPlan is SQLite's query plan of MostRead.
func (db *DB) MostReadPlan(ctx context.Context) (string, error) {
	return db.plan(ctx, mostReadSQL, "2024-06-01", "2024-06-30", now(), 5)
}

// plan is SQLite's query plan of query, one line per step.
func (db *DB) plan(ctx context.Context, query string, args ...any) (string, error) {
	rows, err := db.w.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
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

// LeadersPlan is SQLite's query plan of UnitLeaders's postings of two positions.
func (db *DB) LeadersPlan(ctx context.Context) (string, error) {
	return db.plan(ctx, leadersSQL(2), "Viện trưởng", "Trưởng phòng", "2024-06-01", "2024-06-01")
}

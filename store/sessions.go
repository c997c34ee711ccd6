package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SessionStore keeps scs sessions in the database, so they survive restarts and are
// shared by every instance. It is a few lines of ours instead of one scs store
// module per engine.
type SessionStore struct{ db *DB }

// Sessions returns the session store of db.
func (db *DB) Sessions() *SessionStore { return &SessionStore{db} }

// FindCtx returns the session data for token, if it exists and has not expired.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.r.QueryRowContext(ctx, s.db.dialect.rebind("SELECT data FROM sessions WHERE token = ? AND expiry > ?"), token, now()).Scan(&b)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return b, true, nil
}

// sessionSlack is how far a session's stored expiry may lag the one scs asks for
// when nothing else in it changed (CommitCtx).
const sessionSlack = time.Minute

// CommitCtx stores the session data until expiry. scs commits a signed-in session at
// every request, only to move its idle deadline (IdleTimeout) a few seconds on; the
// row is rewritten only when its data changed or its stored expiry is more than
// sessionSlack behind, so that a reader's every page no longer costs a write and its
// fsync (2–6 ms each on SQLite, issue 20). A session may thus end up to a minute
// before its idle deadline.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.w.ExecContext(ctx, s.db.dialect.rebind(`INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry
		WHERE sessions.data <> excluded.data OR sessions.expiry < ?`), token, b, expiry.UTC(), expiry.Add(-sessionSlack).UTC())
	return err
}

// DeleteCtx ends a session on the server (logout).
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.w.ExecContext(ctx, s.db.dialect.rebind("DELETE FROM sessions WHERE token = ?"), token)
	return err
}

// Find, Commit and Delete satisfy scs.Store; scs calls the Ctx forms when present.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit stores the session data until expiry.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete ends a session.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// PruneSessions deletes expired sessions.
func (db *DB) PruneSessions(ctx context.Context) (err error) {
	defer wrapErr(&err, "prune sessions")
	_, err = db.w.ExecContext(ctx, db.dialect.rebind("DELETE FROM sessions WHERE expiry < ?"), now())
	return err
}

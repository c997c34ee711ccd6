package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"loa"
)

// TokenPrefix starts every API token, so that a token pasted in the wrong place (a
// log, a chat) is easy to recognise and to search for.
const TokenPrefix = "loa_"

// tokenBytes is the randomness of a token: 32 bytes, 43 characters of base64url.
const tokenBytes = 32

// tokenLen is the length of a well-formed token.
var tokenLen = len(TokenPrefix) + base64.RawURLEncoding.EncodedLen(tokenBytes)

// TokenUseInterval is how stale last_used_at may get: a token used many times a
// minute writes it at most once a minute.
const TokenUseInterval = time.Minute

// APIToken is a token as loa keeps it: never the token itself, which is shown once
// when it is made, only its SHA-256.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	UserEmail  string     `json:"user_email"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// Active reports whether the token has not been revoked.
func (t *APIToken) Active() bool { return t.RevokedAt == nil }

// tokenHash is the stored form of a token: the hex SHA-256 of the whole string.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// WellFormedToken reports whether s has the shape of a token loa makes: the prefix
// and 43 characters of base64url. Anything else is refused before the database is
// asked.
func WellFormedToken(s string) bool {
	if len(s) != tokenLen || !strings.HasPrefix(s, TokenPrefix) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(s[len(TokenPrefix):])
	return err == nil && len(b) == tokenBytes
}

// CreateToken makes a new token for the user with userID, labelled name, and returns
// it with its record: the token is shown to the caller once and never again, since
// only its hash is stored. Audited. ENOTFOUND for an unknown user, EINVALID for an
// inactive one or a name longer than 200 characters.
func (db *DB) CreateToken(ctx context.Context, userID int64, name string) (string, *APIToken, error) {
	name = strings.TrimSpace(name)
	if len([]rune(name)) > 200 {
		return "", nil, loa.FieldError("name", "Tên mã truy cập dài quá 200 ký tự.")
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	token := TokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	var t *APIToken
	err := db.inTx(ctx, fmt.Sprintf("create token for user %d", userID), func(ctx context.Context) error {
		u, err := db.User(ctx, userID)
		if err != nil {
			return err
		}
		if !u.Active {
			return loa.Errorf(loa.EINVALID, "Tài khoản %s đã bị khoá: không cấp mã truy cập.", u.Email)
		}
		t = &APIToken{UserID: u.ID, UserEmail: u.Email, Name: name, CreatedAt: now()}
		t.ID, err = db.insert(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
			t.UserID, t.Name, tokenHash(token), t.CreatedAt)
		if err != nil {
			return err
		}
		return db.audit(ctx, "create", "api_token", t.ID, nil, t)
	})
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

const tokenSelect = `SELECT t.id, t.user_id, us.email, t.name, t.created_at, t.last_used_at, t.revoked_at
	FROM api_tokens t JOIN users us ON us.id = t.user_id`

func scanToken(sc interface{ Scan(...any) error }) (*APIToken, error) {
	var t APIToken
	var used, revoked sql.NullTime
	if err := sc.Scan(&t.ID, &t.UserID, &t.UserEmail, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedAt = t.CreatedAt.UTC()
	if used.Valid {
		u := used.Time.UTC()
		t.LastUsedAt = &u
	}
	if revoked.Valid {
		r := revoked.Time.UTC()
		t.RevokedAt = &r
	}
	return &t, nil
}

// Tokens lists the tokens of the user with userID (0: of every user), newest first,
// revoked ones included.
func (db *DB) Tokens(ctx context.Context, userID int64) (_ []*APIToken, err error) {
	defer wrapErr(&err, "list tokens of user %d", userID)
	q, args := tokenSelect, []any{}
	if userID != 0 {
		q += " WHERE t.user_id = ?"
		args = append(args, userID)
	}
	rows, err := db.query(ctx, q+" ORDER BY t.id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*APIToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Token returns the token record with id. ENOTFOUND when there is none.
func (db *DB) Token(ctx context.Context, id int64) (_ *APIToken, err error) {
	defer wrapErr(&err, "read token %d", id)
	t, err := scanToken(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(tokenSelect+" WHERE t.id = ?"), id))
	return t, notFound(err, "mã truy cập")
}

// RevokeToken revokes the token with id for good; audited. ENOTFOUND for an unknown
// id, ECONFLICT for a token already revoked.
func (db *DB) RevokeToken(ctx context.Context, id int64) (*APIToken, error) {
	var t *APIToken
	err := db.inTx(ctx, fmt.Sprintf("revoke token %d", id), func(ctx context.Context) error {
		before, err := db.Token(ctx, id)
		if err != nil {
			return err
		}
		if !before.Active() {
			return loa.Errorf(loa.ECONFLICT, "Mã truy cập số %d đã bị thu hồi từ trước.", id)
		}
		at := now()
		if _, err := db.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", at, id); err != nil {
			return err
		}
		after := *before
		after.RevokedAt = &at
		t = &after
		return db.audit(ctx, "revoke", "api_token", id, before, t)
	})
	return t, err
}

// revokeUserTokens revokes every active token of the user with userID, each audited,
// in the caller's transaction.
func (db *DB) revokeUserTokens(ctx context.Context, userID int64) error {
	tokens, err := db.Tokens(ctx, userID)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if t.Active() {
			if _, err := db.RevokeToken(ctx, t.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// UserByToken returns the user a token authenticates: the token must be well formed,
// known, not revoked, and its user active. The token's last_used_at is brought up to
// date when it is older than TokenUseInterval, so a busy script does not write at
// every call. EUNAUTHORIZED (with no detail: the caller learns nothing about which
// check failed) when the token opens nothing.
func (db *DB) UserByToken(ctx context.Context, token string) (_ *loa.User, err error) {
	defer wrapErr(&err, "find user by token")
	refused := loa.Errorf(loa.EUNAUTHORIZED, "Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
	if !WellFormedToken(token) {
		return nil, refused
	}
	var tokenID int64
	var used sql.NullTime
	row := db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(`SELECT t.id, t.last_used_at, `+userCols+`
		FROM api_tokens t JOIN users us ON us.id = t.user_id LEFT JOIN units u ON u.id = us.unit_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL`), tokenHash(token))
	var u loa.User
	err = row.Scan(&tokenID, &used, &u.ID, &u.Email, &u.Name, &u.Role, &u.UnitID, &u.UnitCode, &u.UnitName, &u.Active, &u.Lang)
	if err == sql.ErrNoRows {
		return nil, refused
	}
	if err != nil {
		return nil, db.dialect.convert(err)
	}
	if !u.Active {
		return nil, refused
	}
	if t := now(); !used.Valid || t.Sub(used.Time) >= TokenUseInterval {
		if err := db.WithTx(ctx, func(ctx context.Context) error {
			_, err := db.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", t, tokenID)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return &u, nil
}

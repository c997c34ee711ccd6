package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"

	"loa"
)

// PasswordResetTTL is how long a link to set a new password works.
const PasswordResetTTL = time.Hour

// CreatePasswordReset makes a one-time token to set a new password for the active
// account of email, and returns it with the account: the token goes into the link
// that is mailed, only its hash is stored. Audited. ENOTFOUND when no active account
// has that address (the page says the same either way, so nobody learns which
// addresses have an account).
func (db *DB) CreatePasswordReset(ctx context.Context, email string) (string, *loa.User, error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	var u *loa.User
	err := db.inTx(ctx, "create password reset", func(ctx context.Context) error {
		var err error
		if u, err = db.UserByEmail(ctx, email); err != nil {
			return err
		}
		if !u.Active {
			return loa.Errorf(loa.ENOTFOUND, "Không tìm thấy tài khoản.")
		}
		at := now()
		id, err := db.insert(ctx, `INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			u.ID, tokenHash(token), at, at.Add(PasswordResetTTL))
		if err != nil {
			return err
		}
		return db.audit(ctx, "create", "password_reset", id, nil, map[string]any{"UserID": u.ID, "Email": u.Email})
	})
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// badResetLink is the one answer for a link that is unknown, used or expired.
var badResetLink = loa.Errorf(loa.EINVALID, "Đường dẫn đặt lại mật khẩu không đúng, đã dùng hoặc đã quá một giờ; xin yêu cầu đường dẫn mới.")

// PasswordResetUser is the account a reset token still works for; EINVALID when the
// token is unknown, used or expired.
func (db *DB) PasswordResetUser(ctx context.Context, token string) (_ *loa.User, err error) {
	defer wrapErr(&err, "read password reset")
	var id int64
	err = db.row(ctx, "đường dẫn", `SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
		[]any{tokenHash(token), now()}, &id)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return nil, badResetLink
	}
	if err != nil {
		return nil, err
	}
	return db.User(ctx, id)
}

// ResetPassword sets the password of the account of a reset token, once: the token
// and every other unused one of the account stop working. Like a password change, it
// ends the account's other sessions (their stamp is the old password's). Audited as
// the account's own act. EINVALID for a bad password or a token that is unknown,
// used or expired.
func (db *DB) ResetPassword(ctx context.Context, token, password string) (*loa.User, error) {
	var v loa.Validation
	v.Check(len([]rune(password)) >= MinPasswordLength, "new", "Mật khẩu cần ít nhất 10 ký tự.")
	v.Check(len(password) <= 72, "new", "Mật khẩu dài quá 72 byte.")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var u *loa.User
	err := db.inTx(ctx, "reset password", func(ctx context.Context) error {
		var err error
		if u, err = db.PasswordResetUser(ctx, token); err != nil {
			return err
		}
		if !u.Active {
			return badResetLink
		}
		// Claimed first: of two requests racing with one token, one alone updates it.
		n, err := db.exec(ctx, "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now(), tokenHash(token))
		if err != nil {
			return err
		}
		if rows, _ := n.RowsAffected(); rows != 1 {
			return badResetLink
		}
		if _, err := db.exec(ctx, "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", now(), u.ID); err != nil {
			return err
		}
		if err := db.setPassword(ctx, u.ID, password); err != nil {
			return err
		}
		return db.audit(loa.WithUser(ctx, u), "password", "user", u.ID, nil, map[string]any{"PasswordReset": true})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"loa"
)

// BcryptCost is the cost of password hashes; tests lower it to stay quick.
var BcryptCost = 12

// MinPasswordLength is the shortest password loa accepts.
const MinPasswordLength = 10

const userCols = `us.id, us.email, us.name, us.role, COALESCE(us.unit_id, 0), COALESCE(u.code, ''), COALESCE(u.name, ''), us.active, us.lang`

func scanUser(sc interface{ Scan(...any) error }) (*loa.User, error) {
	var u loa.User
	err := sc.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.UnitID, &u.UnitCode, &u.UnitName, &u.Active, &u.Lang)
	return &u, err
}

// NormalizeEmail is the form e-mails are stored and looked up in.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validateUser(u *loa.User, password string, isNew bool) error {
	var v loa.Validation
	u.Email = NormalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	v.Check(strings.Count(u.Email, "@") == 1 && len(u.Email) <= 254 && !strings.ContainsAny(u.Email, " <>\""), "email", "Địa chỉ thư không hợp lệ.")
	v.Check(u.Name != "", "name", "Xin nhập họ tên.")
	v.Check(u.Role.Valid(), "role", "Vai trò không hợp lệ.")
	v.Check(u.Role != loa.RoleContributor || u.UnitID != 0, "unit_id", "Cộng tác viên phải thuộc một đơn vị.")
	if isNew || password != "" {
		v.Check(len([]rune(password)) >= MinPasswordLength, "password", "Mật khẩu cần ít nhất 10 ký tự.")
		v.Check(len(password) <= 72, "password", "Mật khẩu dài quá 72 byte.")
	}
	if u.Lang != "en" {
		u.Lang = "vi"
	}
	return v.Err()
}

// CreateUser adds a user with a password (hashed with bcrypt).
func (db *DB) CreateUser(ctx context.Context, u *loa.User, password string) error {
	if err := validateUser(u, password, true); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
	if err != nil {
		return err
	}
	return db.inTx(ctx, "create user", func(ctx context.Context) error {
		t := now()
		id, err := db.insert(ctx, `INSERT INTO users (email, name, role, unit_id, password_hash, active, lang, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.Email, u.Name, u.Role, nullID(u.UnitID), string(hash), true, u.Lang, t, t)
		if err != nil {
			return conflictField(err, "email", "Địa chỉ thư này đã có tài khoản.")
		}
		u.ID, u.Active = id, true
		return db.audit(ctx, "create", "user", id, nil, u)
	})
}

// UpdateUser changes a user's name, role, unit, language and whether it is active;
// a non-empty password replaces the old one, which ends every session of the user
// (UserSession's stamp changes). Deactivating ends the user's sessions at their next
// request (the web refuses inactive users) and revokes its API tokens for good, so
// that reactivating it brings none of them back.
func (db *DB) UpdateUser(ctx context.Context, u *loa.User, password string) error {
	if err := validateUser(u, password, false); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("update user %d", u.ID), func(ctx context.Context) error {
		before, err := db.User(ctx, u.ID)
		if err != nil {
			return err
		}
		if _, err := db.exec(ctx, `UPDATE users SET email = ?, name = ?, role = ?, unit_id = ?, active = ?, lang = ?, updated_at = ? WHERE id = ?`,
			u.Email, u.Name, u.Role, nullID(u.UnitID), u.Active, u.Lang, now(), u.ID); err != nil {
			return conflictField(err, "email", "Địa chỉ thư này đã có tài khoản.")
		}
		if before.Active && !u.Active {
			if err := db.revokeUserTokens(ctx, u.ID); err != nil {
				return err
			}
			if _, err := db.exec(ctx, "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?", u.ID); err != nil {
				return err
			}
		}
		var after any = u
		if password != "" {
			if err := db.setPassword(ctx, u.ID, password); err != nil {
				return err
			}
			// The log says that the password was replaced, never what it is.
			after = struct {
				*loa.User
				PasswordChanged bool
			}{u, true}
		}
		return db.audit(ctx, "update", "user", u.ID, before, after)
	})
}

func (db *DB) setPassword(ctx context.Context, id int64, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
	if err != nil {
		return err
	}
	_, err = db.exec(ctx, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", string(hash), now(), id)
	return err
}

// ChangePassword replaces the user's password after checking the current one.
func (db *DB) ChangePassword(ctx context.Context, id int64, current, next string) error {
	var v loa.Validation
	v.Check(len([]rune(next)) >= MinPasswordLength, "new", "Mật khẩu cần ít nhất 10 ký tự.")
	v.Check(len(next) <= 72, "new", "Mật khẩu dài quá 72 byte.")
	if err := v.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("change password of user %d", id), func(ctx context.Context) error {
		var hash string
		if err := db.row(ctx, "tài khoản", "SELECT password_hash FROM users WHERE id = ?", []any{id}, &hash); err != nil {
			return err
		}
		if bcrypt.CompareHashAndPassword([]byte(hash), []byte(current)) != nil {
			return loa.FieldError("current", "Mật khẩu hiện tại không đúng.")
		}
		if err := db.setPassword(ctx, id, next); err != nil {
			return err
		}
		return db.audit(ctx, "password", "user", id, nil, map[string]any{"PasswordChanged": true})
	})
}

// UserSession returns the user with id, active or not, with the stamp a session of
// it must carry: a digest of its password hash, which changes with every new
// password (bcrypt salts each hash), and of its session epoch, which every
// deactivation raises: a new password or a deactivation ends every session signed in
// before, on every instance, even one left unused until the user is reactivated.
func (db *DB) UserSession(ctx context.Context, id int64) (_ *loa.User, _ string, err error) {
	defer wrapErr(&err, "read session user %d", id)
	var u loa.User
	var hash string
	var epoch int64
	err = db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+userCols+", us.password_hash, us.session_epoch"+
		" FROM users us LEFT JOIN units u ON u.id = us.unit_id WHERE us.id = ?"), id).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.UnitID, &u.UnitCode, &u.UnitName, &u.Active, &u.Lang, &hash, &epoch)
	if err != nil {
		return nil, "", notFound(err, "tài khoản")
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", hash, epoch)))
	return &u, hex.EncodeToString(sum[:16]), nil
}

// User returns the user with id, active or not.
func (db *DB) User(ctx context.Context, id int64) (_ *loa.User, err error) {
	defer wrapErr(&err, "read user %d", id)
	u, err := scanUser(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+userCols+
		" FROM users us LEFT JOIN units u ON u.id = us.unit_id WHERE us.id = ?"), id))
	return u, notFound(err, "tài khoản")
}

// UserByEmail returns the user with that e-mail, active or not.
func (db *DB) UserByEmail(ctx context.Context, email string) (_ *loa.User, err error) {
	defer wrapErr(&err, "find user by e-mail")
	u, err := scanUser(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+userCols+
		" FROM users us LEFT JOIN units u ON u.id = us.unit_id WHERE us.email = ?"), NormalizeEmail(email)))
	return u, notFound(err, "tài khoản")
}

// Users returns every user, sorted by e-mail.
func (db *DB) Users(ctx context.Context) (_ []*loa.User, err error) {
	defer wrapErr(&err, "list users")
	rows, err := db.query(ctx, "SELECT "+userCols+" FROM users us LEFT JOIN units u ON u.id = us.unit_id ORDER BY us.email")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// dummy is the hash an unknown e-mail's password is compared against, so that a
// login takes as long whether or not the account exists. It has the cost of real
// hashes (BcryptCost, which tests lower), made at the first need for each cost.
var dummy struct {
	sync.Mutex
	cost int
	hash []byte
}

func dummyHash() []byte {
	dummy.Lock()
	defer dummy.Unlock()
	if dummy.hash == nil || dummy.cost != BcryptCost {
		dummy.hash, _ = bcrypt.GenerateFromPassword([]byte("loa-no-such-user"), BcryptCost)
		dummy.cost = BcryptCost
	}
	return dummy.hash
}

// Authenticate returns the active user with that e-mail and password. Any mismatch,
// unknown e-mail and inactive account included, is the same EUNAUTHORIZED, after the
// same bcrypt work.
func (db *DB) Authenticate(ctx context.Context, email, password string) (_ *loa.User, err error) {
	defer wrapErr(&err, "authenticate")
	bad := loa.Errorf(loa.EUNAUTHORIZED, "Sai địa chỉ thư hoặc mật khẩu.")
	var hash string
	var id int64
	err = db.row(ctx, "tài khoản", "SELECT id, password_hash FROM users WHERE email = ? AND active = ?", []any{NormalizeEmail(email), true}, &id, &hash)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return nil, bad
	}
	return db.User(ctx, id)
}

// RecordLoginFailure notes a login attempt as failed before its password is checked,
// so that parallel guesses each see the others (a login that succeeds clears it), and
// returns its id. The table is shared by every instance, so the limit holds behind a
// load balancer.
func (db *DB) RecordLoginFailure(ctx context.Context, email, addr string) (int64, error) {
	var id int64
	err := db.inTx(ctx, "record login failure", func(ctx context.Context) error {
		var err error
		id, err = db.insert(ctx, "INSERT INTO login_failures (email, addr, at) VALUES (?, ?, ?)", NormalizeEmail(email), addr, now())
		return err
	})
	return id, err
}

// ForgetLoginFailure deletes the attempt with id: one refused by the limit before
// any password was checked is no guess, and must not lengthen anyone's lockout.
func (db *DB) ForgetLoginFailure(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("forget login failure %d", id), func(ctx context.Context) error {
		_, err := db.exec(ctx, "DELETE FROM login_failures WHERE id = ?", id)
		return err
	})
}

// LoginCounts are the failed logins a login is limited by.
type LoginCounts struct {
	AccountAddr int // for this e-mail from this address, since the short window
	Addr        int // from this address, any e-mail, since the short window
	Account     int // for this e-mail from anywhere, since the long window
}

// LoginFailures counts the failures for an e-mail and an address: since since for
// the e-mail from the address and for the address, since accountSince for the e-mail.
func (db *DB) LoginFailures(ctx context.Context, email, addr string, since, accountSince time.Time) (c LoginCounts, err error) {
	defer wrapErr(&err, "count login failures")
	email = NormalizeEmail(email)
	if c.AccountAddr, err = db.count(ctx, "SELECT COUNT(*) FROM login_failures WHERE email = ? AND addr = ? AND at > ?", email, addr, since.UTC()); err != nil {
		return
	}
	if c.Addr, err = db.count(ctx, "SELECT COUNT(*) FROM login_failures WHERE addr = ? AND at > ?", addr, since.UTC()); err != nil {
		return
	}
	c.Account, err = db.count(ctx, "SELECT COUNT(*) FROM login_failures WHERE email = ? AND at > ?", email, accountSince.UTC())
	return
}

// ClearLoginFailures forgets an e-mail's failures from addr after a good login from
// there (the failures from elsewhere stay counted), and prunes rows older than before.
func (db *DB) ClearLoginFailures(ctx context.Context, email, addr string, before time.Time) error {
	return db.inTx(ctx, "clear login failures", func(ctx context.Context) error {
		_, err := db.exec(ctx, "DELETE FROM login_failures WHERE (email = ? AND addr = ?) OR at < ?", NormalizeEmail(email), addr, before.UTC())
		return err
	})
}

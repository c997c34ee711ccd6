package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"loa"
)

const unitCols = `u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0), COALESCE(p.code, ''), u.valid_from, u.valid_to,
	COALESCE(u.successor_id, 0), COALESCE(s.code, ''), u.address, u.phone, u.email, u.version, u.updated_at`

const unitFrom = ` FROM units u LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units s ON s.id = u.successor_id`

func scanUnit(sc interface{ Scan(...any) error }) (*loa.Unit, error) {
	var u loa.Unit
	err := sc.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.ParentCode, &u.ValidFrom, &u.ValidTo,
		&u.SuccessorID, &u.SuccessorCode, &u.Address, &u.Phone, &u.Email, &u.Version, &u.UpdatedAt)
	return &u, err
}

// Units returns every unit, sorted by code. Units are few (2,000 nationally), so callers
// build trees and pick-lists from the whole list. Inside a report's snapshot
// (reportSnapshot) the list is read once and shared by the snapshot's callers, which
// would read the same rows again: the dashboard and the report each need it, and one
// reading is 10–14 ms of CPU on the national set (issue 20). Callers do not modify it.
func (db *DB) Units(ctx context.Context) (_ []*loa.Unit, err error) {
	defer wrapErr(&err, "list units")
	memo, _ := ctx.Value(unitsMemoKey{}).(*[]*loa.Unit)
	if memo != nil && *memo != nil {
		return *memo, nil
	}
	out, err := db.unitsWhere(ctx, "")
	if err == nil && memo != nil {
		*memo = out
	}
	return out, err
}

// unitsMemoKey holds, in a snapshot's context, the units read in it (Units).
type unitsMemoKey struct{}

// ScopeUnits returns the units a report or dashboard may be scoped to, sorted by
// code: the provinces and the Supreme Procuracy (64 rows nationally, not the 1,972 of
// Units, for the pages' scope pick-list).
func (db *DB) ScopeUnits(ctx context.Context) (_ []*loa.Unit, err error) {
	defer wrapErr(&err, "list scope units")
	return db.unitsWhere(ctx, " WHERE u.kind IN ('"+string(loa.UnitProvince)+"', '"+string(loa.UnitSupreme)+"')")
}

// unitsWhere reads the units matching where (empty: all), sorted by code.
func (db *DB) unitsWhere(ctx context.Context, where string) ([]*loa.Unit, error) {
	rows, err := db.query(ctx, "SELECT "+unitCols+unitFrom+where+" ORDER BY u.code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// TopUnits returns the units without a parent, sorted by code: the agency itself,
// read on every public page (its address is in the footer), so not the whole tree.
func (db *DB) TopUnits(ctx context.Context) (_ []*loa.Unit, err error) {
	defer wrapErr(&err, "list top units")
	return db.unitsWhere(ctx, " WHERE u.parent_id IS NULL")
}

// Unit returns the unit with id. ENOTFOUND when there is none.
func (db *DB) Unit(ctx context.Context, id int64) (_ *loa.Unit, err error) {
	defer wrapErr(&err, "read unit %d", id)
	u, err := scanUnit(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+unitCols+unitFrom+" WHERE u.id = ?"), id))
	return u, notFound(err, "đơn vị")
}

// UnitByCode returns the unit with code. ENOTFOUND when there is none.
func (db *DB) UnitByCode(ctx context.Context, code string) (_ *loa.Unit, err error) {
	defer wrapErr(&err, "read unit %q", code)
	u, err := scanUnit(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+unitCols+unitFrom+" WHERE u.code = ?"), code))
	return u, notFound(err, "đơn vị "+code)
}

// SaveUnit creates the unit (ID 0) or updates it. An update must carry the version it
// was read at; a newer stored version gives ECONFLICT, so two editors lose nothing.
// Parent and successor are given by code; they must exist and the parent chain may
// not loop. EINVALID with fields on bad values.
func (db *DB) SaveUnit(ctx context.Context, u *loa.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save unit %q", u.Code), func(ctx context.Context) error {
		var v loa.Validation
		var parentID, successorID int64
		if u.ParentCode != "" {
			p, err := db.UnitByCode(ctx, u.ParentCode)
			if err != nil {
				v.Add("parent_code", "Không có đơn vị cấp trên mã "+u.ParentCode+".")
			} else {
				parentID = p.ID
			}
		}
		if u.SuccessorCode != "" {
			s, err := db.UnitByCode(ctx, u.SuccessorCode)
			if err != nil {
				v.Add("successor_code", "Không có đơn vị kế nhiệm mã "+u.SuccessorCode+".")
			} else {
				successorID = s.ID
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if parentID != 0 || successorID != 0 {
			if err := db.unitLinksLoop(ctx, u, parentID, successorID); err != nil {
				return err
			}
		}
		u.ParentID, u.SuccessorID = parentID, successorID
		if u.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO units (code, name, kind, parent_id, valid_from, valid_to, successor_id, address, phone, email, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.Code, u.Name, u.Kind, nullID(parentID), u.ValidFrom, u.ValidTo,
				nullID(successorID), u.Address, u.Phone, u.Email, now())
			if err != nil {
				return conflictField(err, "code", "Mã đơn vị đã có.")
			}
			u.ID, u.Version = id, 1
			return db.audit(ctx, "create", "unit", id, nil, u)
		}
		before, err := db.Unit(ctx, u.ID)
		if err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE units SET code = ?, name = ?, kind = ?, parent_id = ?, valid_from = ?, valid_to = ?, successor_id = ?,
			address = ?, phone = ?, email = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			u.Code, u.Name, u.Kind, nullID(parentID), u.ValidFrom, u.ValidTo, nullID(successorID), u.Address, u.Phone, u.Email, now(), u.ID, u.Version)
		if err != nil {
			return conflictField(err, "code", "Mã đơn vị đã có.")
		}
		if err := changed(res); err != nil {
			return err
		}
		u.Version++
		return db.audit(ctx, "update", "unit", u.ID, before, u)
	})
}

// unitLinksLoop refuses, as a field error, a parent or successor of u that would make
// a loop once u is saved with them: the stored links with u's replaced, checked by
// loa.UnitCycle as the imports are. Units are few, so all are read.
func (db *DB) unitLinksLoop(ctx context.Context, u *loa.Unit, parentID, successorID int64) error {
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	codeOf := map[int64]string{}
	for _, s := range units {
		codeOf[s.ID] = s.Code
	}
	if u.ID != 0 {
		codeOf[u.ID] = u.Code // a new code for u, by the links to it
	}
	parent, successor := map[string]string{}, map[string]string{}
	for _, s := range units {
		parent[codeOf[s.ID]], successor[codeOf[s.ID]] = codeOf[s.ParentID], codeOf[s.SuccessorID]
	}
	parent[u.Code], successor[u.Code] = codeOf[parentID], codeOf[successorID]
	var v loa.Validation
	if c := loa.UnitCycle(parent, u.Code); c != "" {
		v.Add("parent_code", "Đơn vị cấp trên đang là đơn vị cấp dưới của đơn vị này ("+c+").")
	}
	if c := loa.UnitCycle(successor, u.Code); c != "" {
		v.Add("successor_code", "Đơn vị kế nhiệm dẫn vòng trở lại đơn vị này ("+c+").")
	}
	return v.Err()
}

// DeleteUnit deletes a unit that nothing refers to. A unit with people, items,
// sub-units or users is refused with ECONFLICT: end it (valid_to) instead, so history
// and old reports keep it.
func (db *DB) DeleteUnit(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete unit %d", id), func(ctx context.Context) error {
		u, err := db.Unit(ctx, id)
		if err != nil {
			return err
		}
		for _, ref := range []struct{ table, col, what string }{
			{"units", "parent_id", "đơn vị cấp dưới"},
			{"units", "successor_id", "đơn vị nhận kế nhiệm"},
			{"postings", "unit_id", "cán bộ (quá trình công tác)"},
			{"contacts", "unit_id", "đầu mối"},
			{"users", "unit_id", "tài khoản"},
			{"items", "unit_id", "tin bài"},
			{"quotas", "unit_id", "chỉ tiêu"},
		} {
			n, err := db.count(ctx, "SELECT COUNT(*) FROM "+ref.table+" WHERE "+ref.col+" = ?", id)
			if err != nil {
				return err
			}
			if n > 0 {
				return loa.Errorf(loa.ECONFLICT, "Không thể xoá đơn vị %s vì còn %d %s; hãy cho đơn vị kết thúc hoạt động (ngày kết thúc) thay vì xoá.", u.Code, n, ref.what)
			}
		}
		if _, err := db.exec(ctx, "DELETE FROM units WHERE id = ?", id); err != nil {
			return err
		}
		return db.audit(ctx, "delete", "unit", id, u, nil)
	})
}

// notFound turns sql.ErrNoRows into ENOTFOUND naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return loa.Errorf(loa.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return err
}

// conflictField names the field at fault when err is a uniqueness conflict.
func conflictField(err error, field, msg string) error {
	if loa.ErrorCode(err) == loa.ECONFLICT {
		return loa.FieldError(field, msg)
	}
	return err
}

// changed turns an UPDATE that touched no row into ECONFLICT: someone saved first.
func changed(res interface{ RowsAffected() (int64, error) }) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return loa.Errorf(loa.ECONFLICT, "Bản ghi vừa được người khác sửa; xin tải lại trang để xem bản mới rồi sửa tiếp.")
	}
	return nil
}

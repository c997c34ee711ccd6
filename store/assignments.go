package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"loa"
)

const assignmentCols = `a.id, COALESCE(a.theme_id, 0), COALESCE(t.title, ''), a.unit_id, u.code, u.name, COALESCE(a.person_id, 0),
	COALESCE(pe.name, ''), a.kind, a.title, a.note, a.due_on, a.state, COALESCE(a.item_id, 0), COALESCE(i.title, ''),
	a.created_on, COALESCE(a.created_by, 0), a.version, a.created_at, a.updated_at`

const assignmentFrom = ` FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN themes t ON t.id = a.theme_id
	LEFT JOIN people pe ON pe.id = a.person_id LEFT JOIN items i ON i.id = a.item_id`

func scanAssignment(sc interface{ Scan(...any) error }) (*loa.Assignment, error) {
	var a loa.Assignment
	err := sc.Scan(&a.ID, &a.ThemeID, &a.ThemeTitle, &a.UnitID, &a.UnitCode, &a.UnitName, &a.PersonID, &a.PersonName,
		&a.Kind, &a.Title, &a.Note, &a.Due, &a.State, &a.ItemID, &a.ItemTitle, &a.CreatedOn, &a.CreatedBy, &a.Version,
		&a.CreatedAt, &a.UpdatedAt)
	return &a, err
}

// AssignmentFilter narrows the assignments listed. A contributor in the context sees
// only its unit's, whatever the filter says.
type AssignmentFilter struct {
	UnitID  int64
	ThemeID int64
	State   loa.AssignmentState
	// Open keeps those neither done nor cancelled; Overdue those open and due before
	// Today (which must then be set).
	Open    bool
	Overdue bool
	Today   loa.Date
	// DueFrom and DueTo bound the due date (the calendar's month).
	DueFrom, DueTo loa.Date
	Page           Page
}

// scopeUnit returns the unit a contributor in ctx is limited to, 0 for anyone else.
func scopeUnit(ctx context.Context) int64 {
	if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		if u.UnitID == 0 {
			return -1 // a contributor without a unit sees nothing
		}
		return u.UnitID
	}
	return 0
}

func (f AssignmentFilter) where(ctx context.Context) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) { conds = append(conds, cond); args = append(args, a...) }
	if unit := scopeUnit(ctx); unit != 0 {
		add("a.unit_id = ?", unit)
	}
	if f.UnitID != 0 {
		add("a.unit_id = ?", f.UnitID)
	}
	if f.ThemeID != 0 {
		add("a.theme_id = ?", f.ThemeID)
	}
	if f.State != "" {
		add("a.state = ?", f.State)
	}
	if f.Open || f.Overdue {
		add("a.state NOT IN (?, ?)", loa.AssignmentDone, loa.AssignmentCancelled)
	}
	if f.Overdue {
		add("a.due_on < ?", f.Today)
	}
	if !f.DueFrom.IsZero() {
		add("a.due_on >= ?", f.DueFrom)
	}
	if !f.DueTo.IsZero() {
		add("a.due_on <= ?", f.DueTo)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Assignments returns one page of assignments, the soonest due first, and the total.
func (db *DB) Assignments(ctx context.Context, f AssignmentFilter) (_ []*loa.Assignment, _ int, err error) {
	defer wrapErr(&err, "list assignments")
	where, args := f.where(ctx)
	total, err := db.count(ctx, "SELECT COUNT(*) FROM assignments a"+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, "SELECT "+assignmentCols+assignmentFrom+where+" ORDER BY a.due_on, a.id"+f.Page.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*loa.Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// Assignment returns the assignment with id. ENOTFOUND when there is none, or when a
// contributor in ctx asks for another unit's.
func (db *DB) Assignment(ctx context.Context, id int64) (_ *loa.Assignment, err error) {
	defer wrapErr(&err, "read assignment %d", id)
	q, args := "SELECT "+assignmentCols+assignmentFrom+" WHERE a.id = ?", []any{id}
	if unit := scopeUnit(ctx); unit != 0 {
		q += " AND a.unit_id = ?"
		args = append(args, unit)
	}
	a, err := scanAssignment(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(q), args...))
	return a, notFound(err, "nhiệm vụ")
}

// CreateAssignment gives an assignment: state assigned, created today (in Vietnam)
// unless CreatedOn is set (the demo and imports of old plans). Only the Board's
// secretary and admins give assignments. The theme, unit and person must exist.
// EINVALID with fields (a due date before the creation among them), EFORBIDDEN.
func (db *DB) CreateAssignment(ctx context.Context, a *loa.Assignment) error {
	if u := loa.UserFrom(ctx); u != nil && !u.Is(loa.RoleAdmin, loa.RoleSecretary) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Thư ký Ban và quản trị giao nhiệm vụ.")
	}
	if a.CreatedOn.IsZero() {
		a.CreatedOn = loa.Today()
	}
	a.State = loa.AssignmentAssigned
	if err := a.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("create assignment in unit %d", a.UnitID), func(ctx context.Context) error {
		var v loa.Validation
		for _, ref := range []struct {
			table, field string
			id           int64
			msg          string
		}{
			{"units", "unit_id", a.UnitID, "Không có đơn vị này."},
			{"themes", "theme_id", a.ThemeID, "Không có chủ đề này."},
			{"people", "person_id", a.PersonID, "Không có cán bộ này."},
		} {
			if ref.id == 0 {
				continue
			}
			n, err := db.count(ctx, "SELECT COUNT(*) FROM "+ref.table+" WHERE id = ?", ref.id)
			if err != nil {
				return err
			}
			v.Check(n > 0, ref.field, ref.msg)
		}
		if err := v.Err(); err != nil {
			return err
		}
		var by int64
		if u := loa.UserFrom(ctx); u != nil {
			by = u.ID
		}
		t := now()
		id, err := db.insert(ctx, `INSERT INTO assignments (theme_id, unit_id, person_id, kind, title, note, due_on, state, created_on,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(a.ThemeID), a.UnitID, nullID(a.PersonID), a.Kind, a.Title, a.Note, a.Due, a.State, a.CreatedOn, nullID(by), t, t)
		if err != nil {
			return err
		}
		a.ID, a.Version, a.CreatedBy, a.CreatedAt, a.UpdatedAt = id, 1, by, t, t
		if err := db.assignmentEvent(ctx, id, "", a.State, ""); err != nil {
			return err
		}
		return db.audit(ctx, "create", "assignment", id, nil, a)
	})
}

// MoveAssignment moves an assignment to state to, with a note for its history. The
// move must be allowed (loa.AssignmentState.CanMove); only the secretary and admins
// cancel; a contributor moves only its unit's. version, when not 0, must be the one
// read (ECONFLICT otherwise). EINVALID for a move not allowed, EFORBIDDEN, ENOTFOUND.
func (db *DB) MoveAssignment(ctx context.Context, id int64, to loa.AssignmentState, note string, version int) error {
	u := loa.UserFrom(ctx)
	if to == loa.AssignmentCancelled && u != nil && !u.Is(loa.RoleAdmin, loa.RoleSecretary) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Thư ký Ban và quản trị huỷ nhiệm vụ.")
	}
	return db.inTx(ctx, fmt.Sprintf("move assignment %d to %s", id, to), func(ctx context.Context) error {
		a, err := db.Assignment(ctx, id)
		if err != nil {
			return err
		}
		if version != 0 && version != a.Version {
			return loa.Errorf(loa.ECONFLICT, "Nhiệm vụ vừa được người khác cập nhật; xin tải lại trang.")
		}
		if !a.State.CanMove(to) {
			return &loa.Error{Code: loa.EINVALID, Message: "Không thể chuyển nhiệm vụ sang trạng thái này.",
				Fields: map[string]string{"state": "Không thể chuyển nhiệm vụ sang trạng thái này."}}
		}
		return db.setAssignmentState(ctx, a, to, strings.TrimSpace(note))
	})
}

// setAssignmentState writes the move of a, its history event and its audit entry.
func (db *DB) setAssignmentState(ctx context.Context, a *loa.Assignment, to loa.AssignmentState, note string) error {
	res, err := db.exec(ctx, "UPDATE assignments SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
		to, now(), a.ID, a.Version)
	if err != nil {
		return err
	}
	if err := changed(res); err != nil {
		return err
	}
	before := *a
	a.State, a.Version = to, a.Version+1
	if err := db.assignmentEvent(ctx, a.ID, before.State, to, note); err != nil {
		return err
	}
	return db.audit(ctx, "update", "assignment", a.ID, before, a)
}

func (db *DB) assignmentEvent(ctx context.Context, id int64, from, to loa.AssignmentState, note string) error {
	actorID, actor := int64(0), "system"
	if u := loa.UserFrom(ctx); u != nil {
		actorID, actor = u.ID, u.Email
	}
	_, err := db.exec(ctx, `INSERT INTO assignment_events (assignment_id, at, actor_id, actor, from_state, to_state, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, now(), nullID(actorID), actor, from, to, note)
	return err
}

// AssignmentEvents returns an assignment's history, oldest first (scoped like Assignment).
func (db *DB) AssignmentEvents(ctx context.Context, id int64) (_ []*loa.AssignmentEvent, err error) {
	defer wrapErr(&err, "list events of assignment %d", id)
	if _, err := db.Assignment(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT id, assignment_id, at, COALESCE(actor_id, 0), actor, from_state, to_state, note
		FROM assignment_events WHERE assignment_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.AssignmentEvent
	for rows.Next() {
		var e loa.AssignmentEvent
		if err := rows.Scan(&e.ID, &e.AssignmentID, &e.At, &e.ActorID, &e.Actor, &e.From, &e.To, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}

// LinkAssignmentItem links an item of the assignment's unit to an open assignment, and
// moves the assignment forward at once to where the item already is: submitted when
// it waits for approval, done when it has been published. A contributor links only
// its unit's. EINVALID when the item is another unit's or the assignment is closed.
func (db *DB) LinkAssignmentItem(ctx context.Context, id, itemID int64) error {
	return db.inTx(ctx, fmt.Sprintf("link item %d to assignment %d", itemID, id), func(ctx context.Context) error {
		a, err := db.Assignment(ctx, id)
		if err != nil {
			return err
		}
		if a.State.Closed() {
			return loa.Errorf(loa.EINVALID, "Nhiệm vụ đã kết thúc, không gắn thêm tin bài.")
		}
		// Read through Item, which keeps a contributor to its own unit: another
		// unit's item is not found, rather than refused, so that its id says nothing.
		it, err := db.Item(ctx, itemID)
		if err != nil {
			return err
		}
		unitID, status, firstPub := it.UnitID, string(it.Status), it.FirstPub
		if unitID != a.UnitID {
			msg := "Tin bài không thuộc đơn vị được giao nhiệm vụ."
			return loa.FieldError("item_id", msg)
		}
		before := *a
		res, err := db.exec(ctx, "UPDATE assignments SET item_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
			itemID, now(), a.ID, a.Version)
		if err != nil {
			return err
		}
		if err := changed(res); err != nil {
			return err
		}
		a.ItemID, a.Version = itemID, a.Version+1
		if err := db.audit(ctx, "update", "assignment", a.ID, before, a); err != nil {
			return err
		}
		if err := db.inheritTheme(ctx, &it.Item, a.ThemeID); err != nil {
			return err
		}
		event := ""
		switch {
		case !firstPub.IsZero() || status == string(loa.StatusPublished):
			event = "published"
		case status == string(loa.StatusSubmitted) || status == string(loa.StatusApproved):
			event = "submitted"
		}
		if to, ok := a.State.AfterItemEvent(event); ok {
			return db.setAssignmentState(ctx, a, to, "Gắn tin bài số "+strconv.FormatInt(itemID, 10))
		}
		return nil
	})
}

// AssignmentItemEvent moves forward every open assignment linked to item itemID when
// the item is submitted (event "submitted": the assignment becomes submitted) or first
// published ("published": done). The items code calls it in the transaction that
// changes the item; other events are ignored. It is not limited to the unit of a
// contributor in ctx: the item's own unit decides which assignments it fulfils, and
// the history names whoever made the item move.
func (db *DB) AssignmentItemEvent(ctx context.Context, itemID int64, event string) error {
	return db.inTx(ctx, fmt.Sprintf("record %s of item %d on its assignment", event, itemID), func(ctx context.Context) error {
		rows, err := db.query(ctx, "SELECT "+assignmentCols+assignmentFrom+" WHERE a.item_id = ? AND a.state NOT IN (?, ?)",
			itemID, loa.AssignmentDone, loa.AssignmentCancelled)
		if err != nil {
			return err
		}
		var linked []*loa.Assignment
		for rows.Next() {
			a, err := scanAssignment(rows)
			if err != nil {
				rows.Close()
				return err
			}
			linked = append(linked, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, a := range linked {
			if to, ok := a.State.AfterItemEvent(event); ok {
				note := "Tin bài đã gửi duyệt"
				if event == "published" {
					note = "Tin bài đã được đăng"
				}
				if err := db.setAssignmentState(ctx, a, to, note); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ItemChoice is an item offered when linking an assignment.
type ItemChoice struct {
	ID     int64
	Title  string
	Status loa.Status
}

// AssignmentItemChoices lists the recent items of the assignment's unit that may be
// linked to it (not withdrawn), newest first; scoped like Assignment.
func (db *DB) AssignmentItemChoices(ctx context.Context, id int64) (_ []ItemChoice, err error) {
	defer wrapErr(&err, "list item choices of assignment %d", id)
	a, err := db.Assignment(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, "SELECT id, title, status FROM items WHERE unit_id = ? AND status <> ? ORDER BY id DESC LIMIT 200",
		a.UnitID, loa.StatusWithdrawn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ItemChoice
	for rows.Next() {
		var c ItemChoice
		if err := rows.Scan(&c.ID, &c.Title, &c.Status); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// inheritTheme puts the item an assignment's answer on the assignment's theme (issue
// 14: "an assignment's item inherits the assignment's theme"), through the closed
// periods' guard and with its audit entry. Nothing when the assignment has no theme or
// the item is on it already.
func (db *DB) inheritTheme(ctx context.Context, it *loa.Item, themeID int64) error {
	if themeID == 0 || it.ThemeID == themeID {
		return nil
	}
	return db.guardItem(ctx, it.ID, func(ctx context.Context) error {
		if _, err := db.exec(ctx, "UPDATE items SET theme_id = ?, version = version + 1, updated_at = ? WHERE id = ?", themeID, now(), it.ID); err != nil {
			return err
		}
		before := auditOf(it)
		it.ThemeID, it.Version = themeID, it.Version+1
		return db.audit(ctx, "update", "item", it.ID, before, auditOf(it))
	})
}

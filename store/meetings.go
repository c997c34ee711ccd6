package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"loa"
)

// Meeting is a meeting of the Propaganda Board: who chaired and attended, the minutes,
// the conclusions, and the action items that follow them to the end.
type Meeting struct {
	ID          int64
	HeldOn      loa.Date
	Title       string
	ChairID     int64
	ChairName   string
	Place       string
	Minutes     string
	Conclusions string
	Attendees   []Attendee
	Actions     []*ActionItem
	OpenActions int // filled by Meetings
	Version     int
	UpdatedAt   time.Time
}

// Attendee is a Board member at a meeting.
type Attendee struct {
	PersonID int64
	Name     string
}

// Attends reports whether the person attended (for the form's checkboxes).
func (m *Meeting) Attends(personID int64) bool {
	return slices.ContainsFunc(m.Attendees, func(a Attendee) bool { return a.PersonID == personID })
}

// Validate checks a meeting's own fields; the store checks that the chair and the
// attendees sat on the Board on the day.
func (m *Meeting) Validate() error {
	var v loa.Validation
	m.Title = strings.TrimSpace(m.Title)
	v.Check(!m.HeldOn.IsZero(), "held_on", "Xin nhập ngày họp.")
	v.Check(m.Title != "", "title", "Xin nhập nội dung cuộc họp.")
	v.Check(len(m.Title) <= 300, "title", "Nội dung quá dài.")
	v.Check(m.ChairID > 0, "chair_id", "Xin chọn người chủ trì.")
	return v.Err()
}

// ActionStatus is where an action item stands.
type ActionStatus string

// The action item statuses: open until done or cancelled.
const (
	ActionOpen      ActionStatus = "open"
	ActionDone      ActionStatus = "done"
	ActionCancelled ActionStatus = "cancelled"
)

// ActionStatuses lists the statuses.
var ActionStatuses = []ActionStatus{ActionOpen, ActionDone, ActionCancelled}

// Valid reports whether s is a known status.
func (s ActionStatus) Valid() bool { return slices.Contains(ActionStatuses, s) }

// Label is the status as people read it (Vietnamese; the web layer translates).
func (s ActionStatus) Label() string {
	return map[ActionStatus]string{ActionOpen: "Đang thực hiện", ActionDone: "Đã xong", ActionCancelled: "Huỷ bỏ"}[s]
}

// ActionItem is a task a meeting concluded on: owned by a unit or a person (or a person
// of a unit), due by a date, followed until done or cancelled.
type ActionItem struct {
	ID           int64
	MeetingID    int64
	MeetingDate  loa.Date
	MeetingTitle string
	Title        string
	UnitID       int64
	UnitName     string
	PersonID     int64
	PersonName   string
	Due          loa.Date
	Status       ActionStatus
	DoneOn       loa.Date
	Note         string
	Version      int
	UpdatedAt    time.Time
}

// Overdue reports whether the item is still open after its due date.
func (a *ActionItem) Overdue(today loa.Date) bool {
	return a.Status == ActionOpen && !a.Due.IsZero() && a.Due.Before(today)
}

// Owner is the unit and/or person the item is given to, as shown.
func (a *ActionItem) Owner() string {
	switch {
	case a.UnitName != "" && a.PersonName != "":
		return a.PersonName + " (" + a.UnitName + ")"
	case a.UnitName != "":
		return a.UnitName
	}
	return a.PersonName
}

// Validate checks an action item's own fields; the store checks the due date against
// the meeting's.
func (a *ActionItem) Validate() error {
	var v loa.Validation
	a.Title = strings.TrimSpace(a.Title)
	v.Check(a.MeetingID > 0, "meeting_id", "Thiếu cuộc họp.")
	v.Check(a.Title != "", "title", "Xin nhập việc cần làm.")
	v.Check(a.UnitID != 0 || a.PersonID != 0, "unit_id", "Xin chọn đơn vị hoặc người thực hiện.")
	if a.Status == "" {
		a.Status = ActionOpen
	}
	v.Check(a.Status.Valid(), "status", "Trạng thái không hợp lệ.")
	return v.Err()
}

// BoardMembersOn returns the Board's members on day d, by rank then name: who may
// chair or attend a meeting held that day.
func (db *DB) BoardMembersOn(ctx context.Context, d loa.Date) (_ []*loa.Membership, err error) {
	defer wrapErr(&err, "list board members on %s", d)
	rows, err := db.query(ctx, `SELECT m.id, m.person_id, pe.name, m.role, m.duties, m.date_from, m.date_to
		FROM board_memberships m JOIN people pe ON pe.id = m.person_id
		WHERE `+validOn("m")+`
		ORDER BY CASE m.role WHEN 'head' THEN 1 WHEN 'deputy' THEN 2 WHEN 'secretary' THEN 3 ELSE 4 END, pe.name, m.id`, d, d)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Membership
	seen := map[int64]bool{}
	for rows.Next() {
		var m loa.Membership
		if err := rows.Scan(&m.ID, &m.PersonID, &m.PersonName, &m.Role, &m.Duties, &m.From, &m.To); err != nil {
			return nil, err
		}
		if !seen[m.PersonID] { // a person with two seats that day is listed once
			seen[m.PersonID] = true
			out = append(out, &m)
		}
	}
	return out, rows.Err()
}

// Meetings returns one page of meetings, the latest first, with the number of open
// action items of each, and the total.
func (db *DB) Meetings(ctx context.Context, page Page) (_ []*Meeting, _ int, err error) {
	defer wrapErr(&err, "list meetings")
	total, err := db.count(ctx, "SELECT COUNT(*) FROM meetings")
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT m.id, m.held_on, m.title, m.chair_id, pe.name, m.place, m.version, m.updated_at,
		(SELECT COUNT(*) FROM action_items a WHERE a.meeting_id = m.id AND a.status = 'open')
		FROM meetings m JOIN people pe ON pe.id = m.chair_id ORDER BY m.held_on DESC, m.id DESC`+page.sql())
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Meeting
	for rows.Next() {
		var m Meeting
		if err := rows.Scan(&m.ID, &m.HeldOn, &m.Title, &m.ChairID, &m.ChairName, &m.Place, &m.Version, &m.UpdatedAt, &m.OpenActions); err != nil {
			return nil, 0, err
		}
		out = append(out, &m)
	}
	return out, total, rows.Err()
}

// Meeting returns the meeting with id, its attendees and its action items. ENOTFOUND
// when none.
func (db *DB) Meeting(ctx context.Context, id int64) (_ *Meeting, err error) {
	defer wrapErr(&err, "read meeting %d", id)
	var m Meeting
	if err := db.row(ctx, "cuộc họp", `SELECT m.id, m.held_on, m.title, m.chair_id, pe.name, m.place, m.minutes, m.conclusions, m.version, m.updated_at
		FROM meetings m JOIN people pe ON pe.id = m.chair_id WHERE m.id = ?`, []any{id},
		&m.ID, &m.HeldOn, &m.Title, &m.ChairID, &m.ChairName, &m.Place, &m.Minutes, &m.Conclusions, &m.Version, &m.UpdatedAt); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT a.person_id, pe.name FROM meeting_attendees a JOIN people pe ON pe.id = a.person_id
		WHERE a.meeting_id = ? ORDER BY a.id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a Attendee
		if err := rows.Scan(&a.PersonID, &a.Name); err != nil {
			rows.Close()
			return nil, err
		}
		m.Attendees = append(m.Attendees, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	m.Actions, err = db.ActionItems(ctx, ActionFilter{MeetingID: id, AnyStatus: true})
	return &m, err
}

// SaveMeeting creates (ID 0) or updates a meeting with its attendees, with optimistic
// locking on Version. The chair and every attendee must sit on the Board on the day
// of the meeting (EINVALID otherwise); ECONFLICT for a stale version.
func (db *DB) SaveMeeting(ctx context.Context, m *Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save meeting %d", m.ID), func(ctx context.Context) error {
		members, err := db.BoardMembersOn(ctx, m.HeldOn)
		if err != nil {
			return err
		}
		onBoard := map[int64]string{}
		for _, b := range members {
			onBoard[b.PersonID] = b.PersonName
		}
		if _, ok := onBoard[m.ChairID]; !ok {
			return loa.FieldError("chair_id", "Người chủ trì phải là thành viên Ban vào ngày họp.")
		}
		seen := map[int64]bool{}
		var attendees []Attendee
		for _, a := range m.Attendees {
			name, ok := onBoard[a.PersonID]
			if !ok {
				return loa.FieldError("attendees", "Người dự họp phải là thành viên Ban vào ngày họp.")
			}
			if !seen[a.PersonID] {
				seen[a.PersonID] = true
				attendees = append(attendees, Attendee{PersonID: a.PersonID, Name: name})
			}
		}
		m.Attendees = attendees
		m.ChairName = onBoard[m.ChairID]
		var before *Meeting
		if m.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO meetings (held_on, title, chair_id, place, minutes, conclusions, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, m.HeldOn, m.Title, m.ChairID, m.Place, m.Minutes, m.Conclusions, now())
			if err != nil {
				return err
			}
			m.ID, m.Version = id, 1
		} else {
			if before, err = db.Meeting(ctx, m.ID); err != nil {
				return err
			}
			// An action item due before the meeting's new date would contradict the rule
			// that work is given at a meeting and due after it.
			for _, a := range before.Actions {
				if !a.Due.IsZero() && a.Due.Before(m.HeldOn) {
					return loa.FieldError("held_on", "Có việc được giao hạn "+a.Due.Display()+", trước ngày họp mới.")
				}
			}
			res, err := db.exec(ctx, `UPDATE meetings SET held_on = ?, title = ?, chair_id = ?, place = ?, minutes = ?, conclusions = ?,
				version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
				m.HeldOn, m.Title, m.ChairID, m.Place, m.Minutes, m.Conclusions, now(), m.ID, m.Version)
			if err != nil {
				return err
			}
			if err := changed(res); err != nil {
				return err
			}
			m.Version++
			if _, err := db.exec(ctx, "DELETE FROM meeting_attendees WHERE meeting_id = ?", m.ID); err != nil {
				return err
			}
			before.Actions = nil // audited on their own
		}
		for _, a := range m.Attendees {
			if _, err := db.exec(ctx, "INSERT INTO meeting_attendees (meeting_id, person_id) VALUES (?, ?)", m.ID, a.PersonID); err != nil {
				return err
			}
		}
		after := *m
		after.Actions = nil
		if before == nil {
			return db.audit(ctx, "create", "meeting", m.ID, nil, after)
		}
		return db.audit(ctx, "update", "meeting", m.ID, before, after)
	})
}

// ActionFilter narrows the list of action items.
type ActionFilter struct {
	MeetingID int64
	UnitID    int64
	// Status is the one status to list; empty lists open items, unless AnyStatus.
	Status    ActionStatus
	AnyStatus bool
}

// ActionItems returns action items, by unit then due date. A contributor (a user scoped
// to a unit, in ctx) sees only its own unit's open items, whatever the filter asks:
// the condition is in the SQL, so an id typed into a URL finds nothing else.
func (db *DB) ActionItems(ctx context.Context, f ActionFilter) (_ []*ActionItem, err error) {
	defer wrapErr(&err, "list action items")
	where, args := " WHERE 1=1", []any{}
	if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		f.UnitID, f.Status, f.AnyStatus = u.UnitID, ActionOpen, false
		if u.UnitID == 0 {
			return nil, nil
		}
	}
	if f.MeetingID != 0 {
		where += " AND a.meeting_id = ?"
		args = append(args, f.MeetingID)
	}
	if f.UnitID != 0 {
		where += " AND a.unit_id = ?"
		args = append(args, f.UnitID)
	}
	if !f.AnyStatus {
		if f.Status == "" {
			f.Status = ActionOpen
		}
		where += " AND a.status = ?"
		args = append(args, f.Status)
	}
	order := " ORDER BY COALESCE(u.name, ''), CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.id"
	if f.MeetingID != 0 {
		order = " ORDER BY a.id"
	}
	rows, err := db.query(ctx, actionSelect+where+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ActionItem
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

const actionSelect = `SELECT a.id, a.meeting_id, m.held_on, m.title, a.title, COALESCE(a.unit_id, 0), COALESCE(u.name, ''),
	COALESCE(a.person_id, 0), COALESCE(pe.name, ''), a.due_on, a.status, a.done_on, a.note, a.version, a.updated_at
	FROM action_items a JOIN meetings m ON m.id = a.meeting_id
	LEFT JOIN units u ON u.id = a.unit_id LEFT JOIN people pe ON pe.id = a.person_id`

func scanAction(sc interface{ Scan(...any) error }) (*ActionItem, error) {
	var a ActionItem
	err := sc.Scan(&a.ID, &a.MeetingID, &a.MeetingDate, &a.MeetingTitle, &a.Title, &a.UnitID, &a.UnitName, &a.PersonID, &a.PersonName,
		&a.Due, &a.Status, &a.DoneOn, &a.Note, &a.Version, &a.UpdatedAt)
	return &a, err
}

// ActionItem returns the action item with id. ENOTFOUND when none.
func (db *DB) ActionItem(ctx context.Context, id int64) (_ *ActionItem, err error) {
	defer wrapErr(&err, "read action item %d", id)
	rows, err := db.query(ctx, actionSelect+" WHERE a.id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy việc được giao.")
	}
	return scanAction(rows)
}

// AddActionItem gives a meeting's conclusion to a unit or a person. EINVALID for a due
// date before the meeting, or an unknown unit or person.
func (db *DB) AddActionItem(ctx context.Context, a *ActionItem) error {
	a.Status = ActionOpen
	if err := a.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add action item to meeting %d", a.MeetingID), func(ctx context.Context) error {
		var held loa.Date
		if err := db.row(ctx, "cuộc họp", "SELECT held_on FROM meetings WHERE id = ?", []any{a.MeetingID}, &held); err != nil {
			return err
		}
		if !a.Due.IsZero() && a.Due.Before(held) {
			return loa.FieldError("due", "Hạn hoàn thành không thể trước ngày họp ("+held.Display()+").")
		}
		if a.UnitID != 0 {
			if _, err := db.Unit(ctx, a.UnitID); err != nil {
				return loa.FieldError("unit_id", "Không có đơn vị này.")
			}
		}
		if a.PersonID != 0 {
			if _, err := db.Person(ctx, a.PersonID); err != nil {
				return loa.FieldError("person_id", "Không có người này.")
			}
		}
		id, err := db.insert(ctx, `INSERT INTO action_items (meeting_id, title, unit_id, person_id, due_on, status, note, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.MeetingID, a.Title, nullID(a.UnitID), nullID(a.PersonID), a.Due, a.Status, a.Note, now())
		if err != nil {
			return err
		}
		a.ID, a.Version, a.MeetingDate = id, 1, held
		return db.audit(ctx, "create", "action_item", id, nil, a)
	})
}

// SetActionStatus marks an action item done (on day on; today when zero), cancelled,
// or open again, with a note. EINVALID for an unknown status.
func (db *DB) SetActionStatus(ctx context.Context, id int64, to ActionStatus, on loa.Date, note string) error {
	if !to.Valid() {
		return loa.FieldError("status", "Trạng thái không hợp lệ.")
	}
	return db.inTx(ctx, fmt.Sprintf("set action item %d to %s", id, to), func(ctx context.Context) error {
		before, err := db.ActionItem(ctx, id)
		if err != nil {
			return err
		}
		var done loa.Date
		if to == ActionDone {
			done = on
			if done.IsZero() {
				done = loa.Today()
			}
			if done.Before(before.MeetingDate) {
				return loa.FieldError("done_on", "Ngày hoàn thành không thể trước ngày họp.")
			}
		}
		if _, err := db.exec(ctx, "UPDATE action_items SET status = ?, done_on = ?, note = ?, version = version + 1, updated_at = ? WHERE id = ?",
			to, done, note, now(), id); err != nil {
			return err
		}
		return db.audit(ctx, "status", "action_item", id, map[string]any{"status": before.Status, "done_on": before.DoneOn, "note": before.Note},
			map[string]any{"status": to, "done_on": done, "note": note})
	})
}

// MinutesParagraphs splits the minutes into paragraphs at blank lines and line
// breaks, for pages that show plain text without trusting it as HTML.
func (m *Meeting) MinutesParagraphs() []string { return paragraphs(m.Minutes) }

// ConclusionParagraphs splits the conclusions like MinutesParagraphs.
func (m *Meeting) ConclusionParagraphs() []string { return paragraphs(m.Conclusions) }

func paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loa"
)

// The kinds of reminder.
const (
	ReminderDueSoon = "due_soon" // N days before an assignment is due
	ReminderOverdue = "overdue"  // once an assignment is past due
	ReminderPace    = "pace"     // the monthly note to a unit below its pace
)

// The statuses of a reminder. A failed one is tried again at NextTry until
// MaxReminderAttempts have failed; it is never dropped, so an SMTP outage only delays.
const (
	ReminderPending = "pending"
	ReminderSending = "sending" // claimed by an instance; the claim lapses at NextTry
	ReminderSent    = "sent"
	ReminderFailed  = "failed"
)

// MaxReminderAttempts is how many sends are tried before a reminder stays failed.
const MaxReminderAttempts = 8

// Reminder is one e-mail to a unit's contact person, sent once.
type Reminder struct {
	ID int64
	// Key makes the reminder unique: "assignment:ID:KIND" or "pace:UNIT:YYYY-MM".
	Key          string
	Kind         string
	AssignmentID int64
	UnitID       int64
	Recipient    string
	Subject      string
	Body         string
	Status       string
	Attempts     int
	NextTry      time.Time
	LastError    string
	CreatedAt    time.Time
	SentAt       time.Time
}

// QueueReminder stores r as pending unless a reminder with its key exists already,
// and reports whether it was stored: calling it again for the same key, from any
// instance, does nothing, which is what makes each reminder go out once.
func (db *DB) QueueReminder(ctx context.Context, r *Reminder, at time.Time) (bool, error) {
	var added bool
	err := db.inTx(ctx, "queue reminder", func(ctx context.Context) error {
		res, err := db.exec(ctx, `INSERT INTO reminders (key, kind, assignment_id, unit_id, recipient, subject, body, status, attempts,
			next_try, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (key) DO NOTHING`,
			r.Key, r.Kind, nullID(r.AssignmentID), r.UnitID, r.Recipient, r.Subject, r.Body, ReminderPending, at.UTC(), now())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		added = true
		r.Status = ReminderPending
		return db.audit(ctx, "create", "reminder", 0, nil, map[string]any{"key": r.Key, "recipient": r.Recipient})
	})
	return added, err
}

// ClaimReminders claims up to limit reminders that are due at now (pending, failed
// and due for another try, or claimed by an instance whose claim lapsed) and returns
// them. Each is claimed by an UPDATE that only one instance can win, so with several
// instances on one database each reminder is sent by one. The claim lasts lease.
func (db *DB) ClaimReminders(ctx context.Context, now time.Time, lease time.Duration, limit int) (_ []*Reminder, err error) {
	defer wrapErr(&err, "claim reminders")
	now = now.UTC()
	ids, err := db.queryIDs(ctx, `SELECT id FROM reminders WHERE status IN (?, ?, ?) AND next_try <= ? AND attempts < ?
		ORDER BY next_try, id LIMIT ?`, ReminderPending, ReminderFailed, ReminderSending, now, MaxReminderAttempts, limit)
	if err != nil {
		return nil, err
	}
	var out []*Reminder
	for _, id := range ids {
		var r *Reminder
		err := db.WithTx(ctx, func(ctx context.Context) error {
			res, err := db.exec(ctx, `UPDATE reminders SET status = ?, next_try = ?, attempts = attempts + 1
				WHERE id = ? AND status IN (?, ?, ?) AND next_try <= ? AND attempts < ?`,
				ReminderSending, now.Add(lease), id, ReminderPending, ReminderFailed, ReminderSending, now, MaxReminderAttempts)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return err // another instance won it
			}
			r, err = db.Reminder(ctx, id)
			return err
		})
		if err != nil {
			return out, err
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// ReminderDone records the outcome of a claimed reminder's send: sent, or failed
// with the error and the time of the next try.
func (db *DB) ReminderDone(ctx context.Context, id int64, sendErr error, nextTry time.Time) error {
	return db.inTx(ctx, fmt.Sprintf("finish reminder %d", id), func(ctx context.Context) error {
		if sendErr == nil {
			_, err := db.exec(ctx, "UPDATE reminders SET status = ?, sent_at = ?, last_error = '' WHERE id = ?", ReminderSent, now(), id)
			return err
		}
		msg := sendErr.Error()
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
		_, err := db.exec(ctx, "UPDATE reminders SET status = ?, last_error = ?, next_try = ? WHERE id = ?",
			ReminderFailed, msg, nextTry.UTC(), id)
		return err
	})
}

const reminderCols = `id, key, kind, COALESCE(assignment_id, 0), unit_id, recipient, subject, body, status, attempts, next_try,
	last_error, created_at, sent_at`

func scanReminder(sc interface{ Scan(...any) error }) (*Reminder, error) {
	var r Reminder
	var sent sql.NullTime
	err := sc.Scan(&r.ID, &r.Key, &r.Kind, &r.AssignmentID, &r.UnitID, &r.Recipient, &r.Subject, &r.Body, &r.Status, &r.Attempts,
		&r.NextTry, &r.LastError, &r.CreatedAt, &sent)
	r.SentAt = sent.Time
	return &r, err
}

// Reminder returns the reminder with id. ENOTFOUND when there is none.
func (db *DB) Reminder(ctx context.Context, id int64) (_ *Reminder, err error) {
	defer wrapErr(&err, "read reminder %d", id)
	r, err := scanReminder(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+reminderCols+" FROM reminders WHERE id = ?"), id))
	return r, notFound(err, "lời nhắc")
}

// Reminders returns reminders, the newest first: all, or those of one status.
func (db *DB) Reminders(ctx context.Context, status string, page Page) (_ []*Reminder, err error) {
	defer wrapErr(&err, "list reminders")
	where, args := "", []any{}
	if status != "" {
		where, args = " WHERE status = ?", append(args, status)
	}
	rows, err := db.query(ctx, "SELECT "+reminderCols+" FROM reminders"+where+" ORDER BY id DESC"+page.sql(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Reminder
	for rows.Next() {
		r, err := scanReminder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UnitContactEmails returns, by unit id, the address reminders go to on day: the
// current contact person's (the contact's own address, else the person's), else the
// unit's own. Units with none are left out.
func (db *DB) UnitContactEmails(ctx context.Context, day loa.Date) (_ map[int64]string, err error) {
	defer wrapErr(&err, "list unit contact e-mails on %s", day)
	rows, err := db.query(ctx, `SELECT u.id, COALESCE((SELECT COALESCE(NULLIF(c.email, ''), NULLIF(pe.email, ''))
			FROM contacts c JOIN people pe ON pe.id = c.person_id
			WHERE c.unit_id = u.id AND `+validOn("c")+`
			ORDER BY c.date_from DESC, c.id DESC LIMIT 1), NULLIF(u.email, ''), '') FROM units u`, day, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return nil, err
		}
		if email != "" {
			out[id] = email
		}
	}
	return out, rows.Err()
}

// AssignmentsToRemind returns the open assignments due on or before until (today +
// the days of notice), overdue ones included, for every unit.
func (db *DB) AssignmentsToRemind(ctx context.Context, until loa.Date) (_ []*loa.Assignment, err error) {
	defer wrapErr(&err, "list assignments to remind until %s", until)
	rows, err := db.query(ctx, "SELECT "+assignmentCols+assignmentFrom+" WHERE a.state NOT IN (?, ?) AND a.due_on <= ? ORDER BY a.id",
		loa.AssignmentDone, loa.AssignmentCancelled, until)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

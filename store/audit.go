package store

import (
	"context"
	"encoding/json"
	"time"

	"loa"
)

// AuditEntry is one change: who, when, what, and the record before and after as JSON.
type AuditEntry struct {
	ID       int64
	At       time.Time
	ActorID  int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
}

// audit records a change in ctx's transaction, so the change and its record commit
// together. The actor is the user in ctx, or "system" for the command line.
func (db *DB) audit(ctx context.Context, action, entity string, id int64, before, after any) error {
	actorID, actor := int64(0), "system"
	if u := loa.UserFrom(ctx); u != nil {
		actorID, actor = u.ID, u.Email
	}
	_, err := db.exec(ctx, `INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, before_json, after_json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, now(), nullID(actorID), actor, action, entity, nullID(id), jsonOrNil(before), jsonOrNil(after))
	return err
}

func jsonOrNil(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return string(b)
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	Page     Page
}

// AuditLog returns one page of the audit log, newest first, and the total count.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) (_ []AuditEntry, _ int, err error) {
	defer wrapErr(&err, "read audit log")
	where, args := "WHERE 1=1", []any{}
	if f.Entity != "" {
		where += " AND entity = ?"
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		where += " AND entity_id = ?"
		args = append(args, f.EntityID)
	}
	if f.ActorID != 0 {
		where += " AND actor_id = ?"
		args = append(args, f.ActorID)
	}
	total, err := db.count(ctx, "SELECT COUNT(*) FROM audit_log "+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, COALESCE(entity_id, 0),
		COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log `+where+" ORDER BY id DESC"+f.Page.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

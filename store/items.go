package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loa"
	"loa/sanitize"
)

// Items are written by the units, edited and published through the site workflow
// (loa.Workflow). Every store method here checks the rules against the user in the
// context (loa.UserFrom): a contributor reaches only its own unit's items, in SQL,
// so a changed id in a URL finds nothing. A context without a user is the system
// (the command line, the demo, the scheduler), which the rules do not restrict.

// ItemRow is an item as the back office lists and shows it: the domain item and
// where it stands in the workflow.
type ItemRow struct {
	loa.Item
	StatusAt  time.Time // when it entered its current status: the queue's waiting time
	SignedOff bool      // the leader's second approval is given
	Channels  []string  // codes of the channels it appeared on (lists only)
	// Returned is why a returned item was sent back (nil for other statuses).
	Returned *ReturnNote
}

// State is what the workflow rules read of the item.
func (r *ItemRow) State() loa.ItemState {
	return loa.ItemState{UnitID: r.UnitID, Status: r.Status, SignedOff: r.SignedOff}
}

type clockKey struct{}

// AtTime returns ctx in which the item methods record t as the present instant:
// the demo writes its items as they happened over the past year. Code serving
// people never sets it.
func AtTime(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, clockKey{}, t.UTC().Truncate(time.Microsecond))
}

// clock is "now" for the item methods: the instant AtTime set, else the present.
func clock(ctx context.Context) time.Time {
	if t, ok := ctx.Value(clockKey{}).(time.Time); ok {
		return t
	}
	return now()
}

// actor names who acts, for item history: the signed-in user, else the system.
func actor(ctx context.Context) (int64, string) {
	if u := loa.UserFrom(ctx); u != nil {
		return u.ID, u.Name
	}
	return 0, "Hệ thống"
}

// systemUser stands for a context without a user when the workflow's status rules are
// checked: the system may take every step whose status allows it.
var systemUser = &loa.User{Name: "Hệ thống", Role: loa.RoleAdmin}

func userOrSystem(ctx context.Context) *loa.User {
	if u := loa.UserFrom(ctx); u != nil {
		return u
	}
	return systemUser
}

// itemUnitScope is the SQL condition that keeps a contributor to its own unit.
func itemUnitScope(ctx context.Context) (string, []any) {
	u := loa.UserFrom(ctx)
	if !u.ScopedToUnit() {
		return "", nil
	}
	return " AND i.unit_id = ?", []any{u.UnitID}
}

const itemRowCols = `i.id, COALESCE(i.ref, ''), i.kind, i.unit_id, u.code, u.name, i.title, i.summary, i.topic, i.status, i.slug,
	i.published_at, i.scheduled_at, i.first_pub, i.version, COALESCE(i.created_by, 0), i.created_at, i.updated_at,
	i.status_at, i.signed_off_at, COALESCE(i.theme_id, 0), COALESCE(i.section_id, 0)`

// scanItemRow reads itemRowCols, then the body when withBody (itemRowCols + ", i.body").
func scanItemRow(sc interface{ Scan(...any) error }, withBody bool) (*ItemRow, error) {
	var r ItemRow
	var pub, sched, statusAt, signed sql.NullTime
	dest := []any{&r.ID, &r.Ref, &r.Kind, &r.UnitID, &r.UnitCode, &r.UnitName, &r.Title, &r.Summary, &r.Topic, &r.Status, &r.Slug,
		&pub, &sched, &r.FirstPub, &r.Version, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &statusAt, &signed, &r.ThemeID, &r.SectionID}
	if withBody {
		dest = append(dest, &r.Body)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	if pub.Valid {
		r.PublishedAt = pub.Time.UTC()
	}
	if sched.Valid {
		r.ScheduledAt = sched.Time.UTC()
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	r.StatusAt = r.UpdatedAt
	if statusAt.Valid {
		r.StatusAt = statusAt.Time.UTC()
	}
	r.SignedOff = signed.Valid
	return &r, nil
}

// Item returns the item with id, its body and authors. ENOTFOUND when there is none,
// or when it belongs to another unit than a contributor's.
func (db *DB) Item(ctx context.Context, id int64) (_ *ItemRow, err error) {
	defer wrapErr(&err, "read item %d", id)
	scope, args := itemUnitScope(ctx)
	r, err := scanItemRow(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+itemRowCols+
		", i.body FROM items i JOIN units u ON u.id = i.unit_id WHERE i.id = ?"+scope), append([]any{id}, args...)...), true)
	if err != nil {
		return nil, notFound(err, "tin bài")
	}
	authors, err := db.itemAuthors(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	r.Authors = authors[id]
	if err := db.fillReturnNotes(ctx, []*ItemRow{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// itemAuthors returns the authors of the items, in order, by item id.
func (db *DB) itemAuthors(ctx context.Context, ids []int64) (map[int64][]loa.Author, error) {
	out := map[int64][]loa.Author{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.query(ctx, "SELECT item_id, COALESCE(person_id, 0), name FROM item_authors WHERE item_id IN ("+
		marks(len(ids))+") ORDER BY item_id, position", anyArgs(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a loa.Author
		if err := rows.Scan(&id, &a.PersonID, &a.Name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}

// itemAudit is what the audit log keeps of an item: its fields without the body,
// which the revisions keep.
type itemAudit struct {
	ID      int64
	Kind    loa.ItemKind
	UnitID  int64
	Title   string
	Summary string
	Topic   string
	ThemeID int64 `json:",omitempty"`
	// SectionID is the site's section the item is placed in, if any.
	SectionID int64 `json:",omitempty"`
	Status    loa.Status
	Version   int
	Authors   []string
}

func auditOf(it *loa.Item) *itemAudit {
	a := &itemAudit{ID: it.ID, Kind: it.Kind, UnitID: it.UnitID, Title: it.Title, Summary: it.Summary, Topic: it.Topic,
		ThemeID: it.ThemeID, SectionID: it.SectionID, Status: it.Status, Version: it.Version}
	for _, au := range it.Authors {
		a.Authors = append(a.Authors, au.Name)
	}
	return a
}

// prepareItem validates the item, cleans its body and checks its unit and authors.
func (db *DB) prepareItem(ctx context.Context, it *loa.Item) error {
	it.Body = sanitize.HTML(it.Body)
	if err := it.Validate(); err != nil {
		return err
	}
	var unitName string
	if err := db.row(ctx, "đơn vị", "SELECT name FROM units WHERE id = ?", []any{it.UnitID}, &unitName); err != nil {
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			return loa.FieldError("unit_id", "Không có đơn vị này.")
		}
		return err
	}
	it.UnitName = unitName
	if it.ThemeID != 0 {
		n, err := db.count(ctx, "SELECT COUNT(*) FROM themes WHERE id = ?", it.ThemeID)
		if err != nil {
			return err
		}
		if n == 0 {
			return loa.FieldError("theme_id", "Không có chủ đề này.")
		}
	}
	if it.SectionID != 0 {
		n, err := db.count(ctx, "SELECT COUNT(*) FROM sections WHERE id = ?", it.SectionID)
		if err != nil {
			return err
		}
		if n == 0 {
			return loa.FieldError("section_id", "Không có chuyên mục này.")
		}
	}
	for i := range it.Authors {
		a := &it.Authors[i]
		if a.PersonID != 0 {
			if err := db.row(ctx, "người", "SELECT name FROM people WHERE id = ?", []any{a.PersonID}, &a.Name); err != nil {
				if loa.ErrorCode(err) == loa.ENOTFOUND {
					return loa.FieldError("authors", "Không có cán bộ này trong danh sách.")
				}
				return err
			}
			continue
		}
		id, err := db.personNamed(ctx, a.Name, it.UnitID)
		if err != nil {
			return err
		}
		a.PersonID = id
	}
	return nil
}

// personNamed links a typed author name to a person: the only person of that exact
// name, or among several the one posted in the item's unit now; else none (0),
// and the author stays a free name.
func (db *DB) personNamed(ctx context.Context, name string, unitID int64) (int64, error) {
	rows, err := db.query(ctx, `SELECT pe.id, EXISTS (SELECT 1 FROM postings po WHERE po.person_id = pe.id AND po.unit_id = ?
		AND `+notEnded("po")+`) FROM people pe WHERE pe.name = ? ORDER BY pe.id LIMIT 20`, unitID, loa.Today(), name)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids, inUnit []int64
	for rows.Next() {
		var id int64
		var here bool
		if err := rows.Scan(&id, &here); err != nil {
			return 0, err
		}
		ids = append(ids, id)
		if here {
			inUnit = append(inUnit, id)
		}
	}
	switch {
	case len(ids) == 1:
		return ids[0], rows.Err()
	case len(inUnit) == 1:
		return inUnit[0], rows.Err()
	}
	return 0, rows.Err()
}

func (db *DB) writeAuthors(ctx context.Context, it *loa.Item) error {
	if _, err := db.exec(ctx, "DELETE FROM item_authors WHERE item_id = ?", it.ID); err != nil {
		return err
	}
	for i, a := range it.Authors {
		if _, err := db.exec(ctx, "INSERT INTO item_authors (item_id, position, person_id, name) VALUES (?, ?, ?, ?)",
			it.ID, i+1, nullID(a.PersonID), a.Name); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) addRevision(ctx context.Context, it *loa.Item, at time.Time) error {
	id, name := actor(ctx)
	_, err := db.exec(ctx, `INSERT INTO item_revisions (item_id, version, title, summary, body, actor_id, actor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, it.ID, it.Version, it.Title, it.Summary, it.Body, nullID(id), name, at)
	return err
}

func (db *DB) addEvent(ctx context.Context, itemID int64, action string, from, to loa.Status, reason string, at time.Time) error {
	id, name := actor(ctx)
	_, err := db.exec(ctx, `INSERT INTO item_events (item_id, action, from_status, to_status, reason, actor_id, actor, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, itemID, action, string(from), string(to), reason, nullID(id), name, at)
	return err
}

// CreateItem stores a new item as a draft, with its authors, its first revision and
// its history's first line. The body is sanitized first. EINVALID with fields on bad
// values; EFORBIDDEN when the user may not write for the unit.
func (db *DB) CreateItem(ctx context.Context, it *loa.Item) error {
	if u := loa.UserFrom(ctx); u != nil {
		if err := loa.CanCreate(u, it.UnitID); err != nil {
			return err
		}
	}
	return db.inTx(ctx, fmt.Sprintf("create item in unit %d", it.UnitID), func(ctx context.Context) error {
		if err := db.prepareItem(ctx, it); err != nil {
			return err
		}
		at := clock(ctx)
		uid, _ := actor(ctx)
		it.Status, it.Version, it.Slug = loa.StatusDraft, 1, loa.Slug(it.Title, 80)
		it.CreatedBy, it.CreatedAt, it.UpdatedAt = uid, at, at
		var ref any
		if it.Ref != "" {
			ref = it.Ref
		}
		id, err := db.insert(ctx, `INSERT INTO items (ref, kind, unit_id, title, summary, body, topic, status, slug, version,
			created_by, created_at, updated_at, status_at, theme_id, section_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
			ref, it.Kind, it.UnitID, it.Title, it.Summary, it.Body, it.Topic, it.Status, it.Slug, nullID(uid), at, at, at, nullID(it.ThemeID), nullID(it.SectionID))
		if err != nil {
			return conflictField(err, "ref", "Mã tin bài đã có.")
		}
		it.ID = id
		if err := db.writeAuthors(ctx, it); err != nil {
			return err
		}
		if err := db.addRevision(ctx, it, at); err != nil {
			return err
		}
		if err := db.addEvent(ctx, id, "create", "", loa.StatusDraft, "", at); err != nil {
			return err
		}
		if err := db.audit(ctx, "create", "item", id, nil, auditOf(it)); err != nil {
			return err
		}
		return db.ItemChanged(ctx, id)
	})
}

// UpdateItem saves a changed item: kind, unit, title, summary, body, topic, theme,
// section, authors.
// It must carry the Version it was read at; when someone saved in between, the save
// is refused with ECONFLICT naming who saved and when, and nothing is lost: the
// caller still holds what was typed. Every save keeps a revision. EFORBIDDEN or
// ECONFLICT when the user may not edit the item in its status (loa.CanEdit).
func (db *DB) UpdateItem(ctx context.Context, it *loa.Item) error {
	return db.inTx(ctx, fmt.Sprintf("update item %d", it.ID), func(ctx context.Context) error {
		return db.guardItem(ctx, it.ID, func(ctx context.Context) error { return db.updateItem(ctx, it) })
	})
}

// updateItem is UpdateItem inside its transaction and guard.
func (db *DB) updateItem(ctx context.Context, it *loa.Item) error {
	cur, err := db.Item(ctx, it.ID)
	if err != nil {
		return err
	}
	if u := loa.UserFrom(ctx); u != nil {
		if err := loa.CanEdit(u, cur.UnitID, cur.Status); err != nil {
			return err
		}
		if it.UnitID != cur.UnitID {
			if err := loa.CanCreate(u, it.UnitID); err != nil {
				return err
			}
		}
	}
	if cur.Version != it.Version {
		return db.staleItem(ctx, it.ID, it.Version)
	}
	if err := db.prepareItem(ctx, it); err != nil {
		return err
	}
	at := clock(ctx)
	it.Slug = loa.Slug(it.Title, 80)
	res, err := db.exec(ctx, `UPDATE items SET kind = ?, unit_id = ?, title = ?, summary = ?, body = ?, topic = ?, slug = ?,
		theme_id = ?, section_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		it.Kind, it.UnitID, it.Title, it.Summary, it.Body, it.Topic, it.Slug, nullID(it.ThemeID), nullID(it.SectionID), at, it.ID, it.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return db.staleItem(ctx, it.ID, it.Version)
	}
	it.Version++
	it.Status, it.UpdatedAt = cur.Status, at
	if err := db.writeAuthors(ctx, it); err != nil {
		return err
	}
	if err := db.addRevision(ctx, it, at); err != nil {
		return err
	}
	if err := db.audit(ctx, "update", "item", it.ID, auditOf(&cur.Item), auditOf(it)); err != nil {
		return err
	}
	return db.ItemChanged(ctx, it.ID)
}

// staleItem is the ECONFLICT of a save made on an outdated version: it says who saved
// the newer one, and when.
func (db *DB) staleItem(ctx context.Context, id int64, version int) error {
	var who string
	var at time.Time
	var v int
	err := db.row(ctx, "phiên bản", `SELECT actor, at, version FROM item_revisions WHERE item_id = ? ORDER BY version DESC LIMIT 1`,
		[]any{id}, &who, &at, &v)
	msg := "Tin bài vừa được người khác sửa sau khi bạn mở trang."
	if err == nil && v > version {
		msg = fmt.Sprintf("Tin bài vừa được %s lưu lúc %s (bản số %d) sau khi bạn mở trang.", who, loa.FormatTime(at), v)
	}
	return &loa.Error{Code: loa.ECONFLICT, Message: msg + " Những gì bạn nhập vẫn còn trên trang: xem bản mới, rồi lưu lại nếu vẫn muốn thay."}
}

// DeleteItem deletes a draft that was never submitted, with everything attached to
// it. Who may edit the draft may delete it; anything further along is kept.
func (db *DB) DeleteItem(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete item %d", id), func(ctx context.Context) error {
		return db.guardItem(ctx, id, func(ctx context.Context) error { return db.deleteItem(ctx, id) })
	})
}

// deleteItem is DeleteItem inside its transaction and guard.
func (db *DB) deleteItem(ctx context.Context, id int64) error {
	cur, err := db.Item(ctx, id)
	if err != nil {
		return err
	}
	if cur.Status != loa.StatusDraft {
		return loa.Errorf(loa.ECONFLICT, "Chỉ xoá được tin bài còn là nháp.")
	}
	if u := loa.UserFrom(ctx); u != nil {
		if err := loa.CanEdit(u, cur.UnitID, cur.Status); err != nil {
			return err
		}
	}
	n, err := db.count(ctx, "SELECT COUNT(*) FROM publications WHERE item_id = ?", id)
	if err != nil {
		return err
	}
	if n > 0 {
		return loa.Errorf(loa.ECONFLICT, "Tin bài đã có kết quả đăng: không xoá được.")
	}
	for _, t := range []string{"item_authors", "media", "item_revisions", "item_comments", "item_events"} {
		if _, err := db.exec(ctx, "DELETE FROM "+t+" WHERE item_id = ?", id); err != nil {
			return err
		}
	}
	if _, err := db.exec(ctx, "DELETE FROM items WHERE id = ?", id); err != nil {
		return conflictField(err, "id", "Tin bài đang được dùng ở nơi khác (giao bài, giải báo chí): không xoá được.")
	}
	return db.audit(ctx, "delete", "item", id, auditOf(&cur.Item), nil)
}

// The setting that asks for the leader's second approval before publishing.
const settingLeaderApproval = "leader_approval"

// LeaderApproval reports whether items need the leader's sign-off before publishing.
func (db *DB) LeaderApproval(ctx context.Context) (_ bool, err error) {
	defer wrapErr(&err, "read leader approval")
	return db.flag(ctx, settingLeaderApproval)
}

// SetLeaderApproval turns the leader's second approval on or off (admin only).
func (db *DB) SetLeaderApproval(ctx context.Context, on bool) error {
	return db.setFlag(ctx, settingLeaderApproval, on)
}

// flag reads a setting that is on or off (off while never set).
func (db *DB) flag(ctx context.Context, key string) (bool, error) {
	var v string
	err := db.row(ctx, "cài đặt", "SELECT value FROM settings WHERE key = ?", []any{key}, &v)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return false, nil
	}
	return v == "1", err
}

// setFlag turns a setting on or off: an admin's act, audited.
func (db *DB) setFlag(ctx context.Context, key string, on bool) error {
	if u := loa.UserFrom(ctx); u != nil && !u.Is(loa.RoleAdmin) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ quản trị hệ thống đổi được cài đặt này.")
	}
	v := "0"
	if on {
		v = "1"
	}
	return db.inTx(ctx, "set "+key, func(ctx context.Context) error {
		before, err := db.flag(ctx, key)
		if err != nil {
			return err
		}
		if err := db.putSetting(ctx, key, v); err != nil {
			return err
		}
		return db.audit(ctx, "update", "setting", 0, map[string]any{key: before}, map[string]any{key: on})
	})
}

// Transition takes a step of the workflow on item id (loa.Workflow): submit, return
// (reason required), approve, sign off, publish, withdraw (reason required).
// Publishing creates the item's publication on the site's channel (the channel of
// type site), dated in Vietnam; withdrawing marks it withdrawn and keeps it.
// EFORBIDDEN when the user may not take the step; ECONFLICT when the item's status
// does not allow it (someone acted first); EINVALID for a missing reason.
func (db *DB) Transition(ctx context.Context, id int64, a loa.Action, reason string) error {
	reason = strings.TrimSpace(reason)
	return db.inTx(ctx, fmt.Sprintf("%s item %d", a, id), func(ctx context.Context) error {
		cur, err := db.Item(ctx, id)
		if err != nil {
			return err
		}
		leader, err := db.LeaderApproval(ctx)
		if err != nil {
			return err
		}
		u := userOrSystem(ctx)
		if err := loa.CanTransition(u, cur.State(), a, leader); err != nil {
			return err
		}
		if loa.NeedsReason(a) && reason == "" {
			return loa.FieldError("reason", "Xin ghi lý do.")
		}
		if len([]rune(reason)) > 2000 {
			return loa.FieldError("reason", "Lý do quá dài.")
		}
		return db.guardItem(ctx, id, func(ctx context.Context) error { return db.transition(ctx, cur, a, reason, clock(ctx)) })
	})
}

// errRaced is ECONFLICT for a step whose item changed status between its check and
// its UPDATE: someone else acted first.
var errRaced = loa.Errorf(loa.ECONFLICT, "Tin bài vừa được người khác xử lý; xin tải lại trang.")

// transition applies a step already allowed, inside ctx's transaction.
func (db *DB) transition(ctx context.Context, cur *ItemRow, a loa.Action, reason string, at time.Time) error {
	to := loa.TransitionOf(a).To
	uid, _ := actor(ctx)
	set := "status = ?, status_at = ?"
	args := []any{to, at}
	switch a {
	case loa.ActionSubmit, loa.ActionReturn:
		set += ", signed_off_by = NULL, signed_off_at = NULL, scheduled_at = NULL"
	case loa.ActionApprove:
		if loa.UserFrom(ctx).Is(loa.RoleLeader) {
			// The leader's own approval is the second approval too.
			set += ", signed_off_by = ?, signed_off_at = ?"
			args = append(args, nullID(uid), at)
		}
	case loa.ActionSignOff:
		set = "signed_off_by = ?, signed_off_at = ?"
		args = []any{nullID(uid), at}
	case loa.ActionPublish:
		set += ", published_at = ?, scheduled_at = NULL"
		args = append(args, at)
	}
	res, err := db.exec(ctx, "UPDATE items SET "+set+" WHERE id = ? AND status = ?", append(args, cur.ID, cur.Status)...)
	if err != nil {
		return err
	}
	if err := changed(res); err != nil {
		return errRaced
	}
	switch a {
	case loa.ActionPublish:
		if err := db.publishOnSite(ctx, &cur.Item, at); err != nil {
			return err
		}
	case loa.ActionWithdraw:
		if _, err := db.exec(ctx, `UPDATE publications SET withdrawn = ? WHERE item_id = ?
			AND channel_id IN (SELECT id FROM channels WHERE type = ?)`, true, cur.ID, loa.ChannelSite); err != nil {
			return err
		}
	}
	if err := db.addEvent(ctx, cur.ID, string(a), cur.Status, to, reason, at); err != nil {
		return err
	}
	switch a {
	case loa.ActionSubmit:
		if err := db.AssignmentItemEvent(ctx, cur.ID, "submitted"); err != nil {
			return err
		}
	case loa.ActionPublish:
		if err := db.AssignmentItemEvent(ctx, cur.ID, "published"); err != nil {
			return err
		}
	}
	after := map[string]any{"status": to}
	if reason != "" {
		after["reason"] = reason
	}
	if err := db.audit(ctx, string(a), "item", cur.ID, map[string]any{"status": cur.Status}, after); err != nil {
		return err
	}
	return db.ItemChanged(ctx, cur.ID)
}

// siteChannelOf returns the channel of type site (the first, if several).
func (db *DB) siteChannelOf(ctx context.Context) (*loa.Channel, error) {
	var c loa.Channel
	err := db.row(ctx, "kênh", "SELECT id, code, name, type, url FROM channels WHERE type = ? ORDER BY id LIMIT 1",
		[]any{loa.ChannelSite}, &c.ID, &c.Code, &c.Name, &c.Type, &c.URL)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return nil, loa.Errorf(loa.ECONFLICT, "Chưa có kênh loại “Trang thông tin điện tử” (site): Thư ký Ban cần tạo kênh này trước khi đăng.")
	}
	return &c, err
}

// publishOnSite records the item's publication on the site, dated at's day in
// Vietnam. Its URL is the item's page when the channel names the site's address.
func (db *DB) publishOnSite(ctx context.Context, it *loa.Item, at time.Time) error {
	ch, err := db.siteChannelOf(ctx)
	if err != nil {
		return err
	}
	url := ""
	if ch.URL != "" {
		slug := it.Slug
		if slug == "" {
			slug = "tin"
		}
		url = strings.TrimRight(ch.URL, "/") + "/tin/" + slug + "-" + strconv.FormatInt(it.ID, 10)
	}
	on := loa.DateOf(at)
	_, err = db.exec(ctx, `INSERT INTO publications (item_id, channel_id, published_on, url, withdrawn) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (item_id, channel_id, published_on) DO UPDATE SET withdrawn = excluded.withdrawn`, it.ID, ch.ID, on, url, false)
	if err != nil {
		return err
	}
	return db.audit(ctx, "create", "publication", 0, nil, map[string]any{"ItemID": it.ID, "ChannelCode": ch.Code, "PublishedOn": on.String()})
}

// ScheduleItem sets when an approved item goes on the site by itself (the zero time
// clears it). Editors and the admin only; ECONFLICT when the item is not approved,
// EINVALID for a time in the past.
func (db *DB) ScheduleItem(ctx context.Context, id int64, at time.Time) error {
	if u := loa.UserFrom(ctx); u != nil && !loa.CanSchedule(u) {
		return loa.Errorf(loa.EFORBIDDEN, "Tài khoản của bạn không được hẹn giờ đăng.")
	}
	return db.inTx(ctx, fmt.Sprintf("schedule item %d", id), func(ctx context.Context) error {
		cur, err := db.Item(ctx, id)
		if err != nil {
			return err
		}
		if cur.Status != loa.StatusApproved {
			return loa.Errorf(loa.ECONFLICT, "Chỉ hẹn giờ đăng được tin bài đã duyệt.")
		}
		var v any
		if !at.IsZero() {
			if !at.After(clock(ctx)) {
				return loa.FieldError("scheduled_at", "Thời điểm đăng phải ở tương lai.")
			}
			v = at.UTC().Truncate(time.Microsecond)
		}
		if _, err := db.exec(ctx, "UPDATE items SET scheduled_at = ? WHERE id = ?", v, id); err != nil {
			return err
		}
		reason := "Bỏ hẹn giờ"
		if v != nil {
			reason = "Hẹn đăng lúc " + loa.FormatTime(at)
		}
		if err := db.addEvent(ctx, id, "schedule", cur.Status, cur.Status, reason, clock(ctx)); err != nil {
			return err
		}
		return db.audit(ctx, "schedule", "item", id, map[string]any{"ScheduledAt": cur.ScheduledAt}, map[string]any{"ScheduledAt": v})
	})
}

// PublishDue publishes the approved items whose scheduled time has come, and returns
// how many. It is the system's publish: the same workflow check (loa.CanTransition,
// so the leader's sign-off when the setting asks for it) and the same transition as a
// person's, with the system as the actor of the history and the audit, whatever user
// ctx carries. It is safe with several instances on one database: the transition's
// UPDATE … WHERE status = 'approved' claims each item, so an instance that comes
// second finds it published and passes over it (PostgreSQL re-checks the condition
// after the first commits; SQLite has one writer). Claims and publications commit
// together.
func (db *DB) PublishDue(ctx context.Context, at time.Time) (int, error) {
	at = at.UTC().Truncate(time.Microsecond)
	ctx = loa.WithUser(ctx, nil)
	var n int
	err := db.WithTx(ctx, func(ctx context.Context) error {
		leader, err := db.LeaderApproval(ctx)
		if err != nil {
			return err
		}
		ids, err := db.queryIDs(ctx, `SELECT id FROM items WHERE status = ? AND scheduled_at IS NOT NULL AND scheduled_at <= ?
			ORDER BY id`, loa.StatusApproved, at)
		if err != nil {
			return err
		}
		for _, id := range ids {
			cur, err := db.Item(ctx, id)
			if err != nil {
				return err
			}
			if loa.CanTransition(systemUser, cur.State(), loa.ActionPublish, leader) != nil {
				continue // not signed off yet, or published by another instance
			}
			err = db.guardItem(ctx, id, func(ctx context.Context) error {
				return db.transition(ctx, cur, loa.ActionPublish, "Đăng theo giờ đã hẹn", at)
			})
			if errors.Is(err, errRaced) {
				continue // another instance claimed it first
			}
			if err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, wrapOp(err, "publish due items at %s", at.Format(time.RFC3339))
}

// Comment is an editorial comment on an item: internal, plain text.
type Comment struct {
	ID       int64
	ItemID   int64
	AuthorID int64
	Author   string
	Body     string
	At       time.Time
}

// AddComment adds an editorial comment. EFORBIDDEN for viewers, ENOTFOUND for a
// contributor on another unit's item, EINVALID for an empty or long text.
func (db *DB) AddComment(ctx context.Context, itemID int64, body string) (*Comment, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, loa.FieldError("comment", "Xin nhập nội dung ý kiến.")
	}
	if len([]rune(body)) > 5000 {
		return nil, loa.FieldError("comment", "Ý kiến quá dài.")
	}
	var c *Comment
	err := db.inTx(ctx, fmt.Sprintf("comment on item %d", itemID), func(ctx context.Context) error {
		cur, err := db.Item(ctx, itemID)
		if err != nil {
			return err
		}
		if u := loa.UserFrom(ctx); u != nil && !loa.CanComment(u, cur.UnitID) {
			return loa.Errorf(loa.EFORBIDDEN, "Tài khoản của bạn không được ghi ý kiến biên tập.")
		}
		uid, name := actor(ctx)
		c = &Comment{ItemID: itemID, AuthorID: uid, Author: name, Body: body, At: clock(ctx)}
		c.ID, err = db.insert(ctx, "INSERT INTO item_comments (item_id, author_id, author, body, at) VALUES (?, ?, ?, ?, ?)",
			itemID, nullID(uid), name, body, c.At)
		if err != nil {
			return err
		}
		return db.audit(ctx, "create", "comment", c.ID, nil, c)
	})
	return c, err
}

// Comments returns an item's comments, oldest first.
func (db *DB) Comments(ctx context.Context, itemID int64) (_ []*Comment, err error) {
	defer wrapErr(&err, "list comments of item %d", itemID)
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, "SELECT id, item_id, COALESCE(author_id, 0), author, body, at FROM item_comments WHERE item_id = ? ORDER BY at, id", itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.ID, &c.ItemID, &c.AuthorID, &c.Author, &c.Body, &c.At); err != nil {
			return nil, err
		}
		c.At = c.At.UTC()
		out = append(out, &c)
	}
	return out, rows.Err()
}

// ItemEvent is one line of an item's status history.
type ItemEvent struct {
	ID      int64
	Action  string // an loa.Action, or create / schedule
	From    loa.Status
	To      loa.Status
	Reason  string
	ActorID int64
	Actor   string
	At      time.Time
}

// ItemEvents returns an item's status history, oldest first.
func (db *DB) ItemEvents(ctx context.Context, itemID int64) (_ []*ItemEvent, err error) {
	defer wrapErr(&err, "list events of item %d", itemID)
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT id, action, from_status, to_status, reason, COALESCE(actor_id, 0), actor, at FROM item_events
		WHERE item_id = ? ORDER BY at, id`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ItemEvent
	for rows.Next() {
		var e ItemEvent
		if err := rows.Scan(&e.ID, &e.Action, &e.From, &e.To, &e.Reason, &e.ActorID, &e.Actor, &e.At); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, &e)
	}
	return out, rows.Err()
}

// Revision is one saved state of an item's text.
type Revision struct {
	Version int
	Title   string
	Summary string
	Body    string
	ActorID int64
	Actor   string
	At      time.Time
}

// Revisions returns an item's revisions, newest first, without their bodies.
func (db *DB) Revisions(ctx context.Context, itemID int64) (_ []*Revision, err error) {
	defer wrapErr(&err, "list revisions of item %d", itemID)
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT version, title, COALESCE(actor_id, 0), actor, at FROM item_revisions
		WHERE item_id = ? ORDER BY version DESC`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Revision
	for rows.Next() {
		var r Revision
		if err := rows.Scan(&r.Version, &r.Title, &r.ActorID, &r.Actor, &r.At); err != nil {
			return nil, err
		}
		r.At = r.At.UTC()
		out = append(out, &r)
	}
	return out, rows.Err()
}

// Revision returns one revision of an item, with its body. ENOTFOUND when there is none.
func (db *DB) Revision(ctx context.Context, itemID int64, version int) (_ *Revision, err error) {
	defer wrapErr(&err, "read revision %d of item %d", version, itemID)
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, err
	}
	var r Revision
	err = db.row(ctx, "phiên bản", `SELECT version, title, summary, body, COALESCE(actor_id, 0), actor, at FROM item_revisions
		WHERE item_id = ? AND version = ?`, []any{itemID, version}, &r.Version, &r.Title, &r.Summary, &r.Body, &r.ActorID, &r.Actor, &r.At)
	r.At = r.At.UTC()
	return &r, err
}

package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loa"
)

// Closed periods (CONTRACTS.md "Closed periods"). Once the Board has sent a period's
// report upward it closes the period; from then on every change that would alter a
// count of a day in the period's range is refused, for everyone, inside the
// transaction of the change. The guard is refuseClosed, reached through guardItem by
// every change of an item or its publications, and through refuseClosedQuota by
// every change of a quota; imports call refuseClosed per row to name the line.

// ClosedPeriod is a period whose figures were closed, and maybe reopened since.
type ClosedPeriod struct {
	Period       string
	From, To     loa.Date // the days the period named when it was closed
	ClosedAt     time.Time
	ClosedBy     string
	ReopenedAt   time.Time // zero while the period is closed
	ReopenedBy   string
	ReopenReason string
}

// Closed reports whether the period is closed now.
func (c *ClosedPeriod) Closed() bool { return c.ReopenedAt.IsZero() }

// actorName names who acts in the closed periods' table: the user's e-mail, as the
// audit log does, or "system" for the command line's operator.
func actorName(ctx context.Context) string {
	if u := loa.UserFrom(ctx); u != nil {
		return u.Email
	}
	return "system"
}

// CanClosePeriod reports whether u may close a period: the leader, the secretary and
// the admin (and the operator at the command line, who has no user).
func CanClosePeriod(u *loa.User) bool {
	return u == nil || u.Is(loa.RoleLeader, loa.RoleSecretary, loa.RoleAdmin)
}

// CanReopenPeriod reports whether u may reopen a period: only the admin (and the
// operator at the command line).
func CanReopenPeriod(u *loa.User) bool { return u == nil || u.Is(loa.RoleAdmin) }

// ClosePeriod closes p's figures. ECONFLICT when it is closed already.
func (db *DB) ClosePeriod(ctx context.Context, p loa.Period) error {
	if !CanClosePeriod(loa.UserFrom(ctx)) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Trưởng ban, Thư ký Ban và quản trị hệ thống chốt được số liệu.")
	}
	return db.inTx(ctx, fmt.Sprintf("close period %s", p), func(ctx context.Context) error {
		before, err := db.closedPeriod(ctx, p.Name)
		if err != nil {
			return err
		}
		if before != nil && before.Closed() {
			return loa.Errorf(loa.ECONFLICT, "Số liệu %s đã chốt lúc %s.", loa.PeriodWords(p.Name, p.From, p.To), loa.FormatTime(before.ClosedAt))
		}
		c := &ClosedPeriod{Period: p.Name, From: p.From, To: p.To, ClosedAt: clock(ctx).UTC().Truncate(time.Microsecond), ClosedBy: actorName(ctx)}
		if _, err := db.exec(ctx, `INSERT INTO closed_periods (period, from_on, to_on, closed_at, closed_by, reopened_at, reopened_by, reopen_reason)
			VALUES (?, ?, ?, ?, ?, NULL, '', '')
			ON CONFLICT (period) DO UPDATE SET from_on = excluded.from_on, to_on = excluded.to_on, closed_at = excluded.closed_at,
				closed_by = excluded.closed_by, reopened_at = NULL, reopened_by = '', reopen_reason = ''`,
			c.Period, c.From, c.To, c.ClosedAt, c.ClosedBy); err != nil {
			return err
		}
		return db.audit(ctx, "close", "period", 0, before, c)
	})
}

// ReopenPeriod reopens a closed period, with the reason on record. EINVALID without a
// reason, ECONFLICT when the period is not closed.
func (db *DB) ReopenPeriod(ctx context.Context, period, reason string) error {
	if !CanReopenPeriod(loa.UserFrom(ctx)) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ quản trị hệ thống mở lại được kỳ đã chốt số liệu.")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return loa.FieldError("reason", "Xin ghi lý do mở lại kỳ đã chốt.")
	}
	if len([]rune(reason)) > 2000 {
		return loa.FieldError("reason", "Lý do quá dài.")
	}
	return db.inTx(ctx, fmt.Sprintf("reopen period %s", period), func(ctx context.Context) error {
		before, err := db.closedPeriod(ctx, period)
		if err != nil {
			return err
		}
		if before == nil || !before.Closed() {
			return loa.Errorf(loa.ECONFLICT, "Kỳ %s chưa chốt số liệu.", period)
		}
		after := *before
		after.ReopenedAt, after.ReopenedBy, after.ReopenReason = clock(ctx).UTC().Truncate(time.Microsecond), actorName(ctx), reason
		if _, err := db.exec(ctx, "UPDATE closed_periods SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE period = ?",
			after.ReopenedAt, after.ReopenedBy, after.ReopenReason, period); err != nil {
			return err
		}
		return db.audit(ctx, "reopen", "period", 0, before, &after)
	})
}

const closedPeriodCols = "period, from_on, to_on, closed_at, closed_by, reopened_at, reopened_by, reopen_reason"

func scanClosedPeriod(sc interface{ Scan(...any) error }) (*ClosedPeriod, error) {
	var c ClosedPeriod
	var reopened *time.Time
	if err := sc.Scan(&c.Period, &c.From, &c.To, &c.ClosedAt, &c.ClosedBy, &reopened, &c.ReopenedBy, &c.ReopenReason); err != nil {
		return nil, err
	}
	if reopened != nil {
		c.ReopenedAt = *reopened
	}
	return &c, nil
}

// closedPeriod returns the row of period, nil when it was never closed.
func (db *DB) closedPeriod(ctx context.Context, period string) (*ClosedPeriod, error) {
	ps, err := db.closedPeriods(ctx, "WHERE period = ?", period)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	return ps[0], nil
}

// ClosedPeriods lists every period ever closed, by its first day: those closed now
// and those reopened (with who reopened them and why).
func (db *DB) ClosedPeriods(ctx context.Context) (_ []*ClosedPeriod, err error) {
	defer wrapErr(&err, "list closed periods")
	return db.closedPeriods(ctx, "")
}

func (db *DB) closedPeriods(ctx context.Context, where string, args ...any) ([]*ClosedPeriod, error) {
	rows, err := db.query(ctx, "SELECT "+closedPeriodCols+" FROM closed_periods "+where+" ORDER BY from_on, to_on DESC, period", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ClosedPeriod
	for rows.Next() {
		c, err := scanClosedPeriod(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PeriodClosedAt returns when period was closed, the zero time when it is not closed.
func (db *DB) PeriodClosedAt(ctx context.Context, period string) (_ time.Time, err error) {
	defer wrapErr(&err, "read closing of period %s", period)
	c, err := db.closedPeriod(ctx, period)
	if err != nil || c == nil || !c.Closed() {
		return time.Time{}, err
	}
	return c.ClosedAt, nil
}

// closedError is the refusal naming the closed period.
func closedError(c *ClosedPeriod) error {
	return loa.Errorf(loa.ECONFLICT, "Số liệu %s đã chốt lúc %s: không được thay đổi điều gì làm đổi số liệu của kỳ này (chỉ quản trị hệ thống mở lại được kỳ, có ghi lý do).",
		loa.PeriodWords(c.Period, c.From, c.To), loa.FormatTime(c.ClosedAt))
}

// refuseClosed is the guard: ECONFLICT naming the period when one of days (zero days
// are ignored) falls in a period closed now. It reads inside ctx's transaction, so a
// change and the closing of its period cannot pass each other.
func (db *DB) refuseClosed(ctx context.Context, days ...loa.Date) error {
	closed, err := db.closedNow(ctx)
	if err != nil || len(closed) == 0 {
		return err
	}
	return refuseClosedIn(closed, days...)
}

// closedNow returns the periods closed now.
func (db *DB) closedNow(ctx context.Context) ([]*ClosedPeriod, error) {
	return db.closedPeriods(ctx, "WHERE reopened_at IS NULL")
}

// refuseClosedIn is refuseClosed over periods already read (imports check many rows).
func refuseClosedIn(closed []*ClosedPeriod, days ...loa.Date) error {
	for _, d := range days {
		if d.IsZero() {
			continue
		}
		for _, c := range closed {
			if !d.Before(c.From) && !d.After(c.To) {
				return closedError(c)
			}
		}
	}
	return nil
}

// refuseClosedQuota refuses a change of a quota of a period closed now.
func (db *DB) refuseClosedQuota(ctx context.Context, period string) error {
	c, err := db.closedPeriod(ctx, period)
	if err != nil || c == nil || !c.Closed() {
		return err
	}
	return closedError(c)
}

// itemCounts is what an item gives the counting rules: its unit, kind and theme on the
// day of its first publication, and each of its publications that counts (confirmed)
// or is awaiting confirmation (declared: the report's pending), withdrawn ones left out.
type itemCounts struct {
	exists      bool
	unit, theme int64
	kind        string
	first       loa.Date // earliest confirmed, not withdrawn publication
	pubs        map[pubCount]int
}

type pubCount struct {
	on      string
	channel int64
	status  string
}

func (db *DB) itemCounts(ctx context.Context, itemID int64) (*itemCounts, error) {
	c := &itemCounts{pubs: map[pubCount]int{}}
	var theme *int64
	err := db.row(ctx, "tin bài", "SELECT unit_id, kind, theme_id FROM items WHERE id = ?", []any{itemID}, &c.unit, &c.kind, &theme)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	c.exists = true
	if theme != nil {
		c.theme = *theme
	}
	rows, err := db.query(ctx, "SELECT published_on, channel_id, status FROM publications WHERE item_id = ? AND withdrawn = ? AND status <> ?",
		itemID, false, loa.PublicationRefused)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var on loa.Date
		var k pubCount
		if err := rows.Scan(&on, &k.channel, &k.status); err != nil {
			return nil, err
		}
		k.on = on.String()
		c.pubs[k]++
		if k.status == string(loa.PublicationConfirmed) && (c.first.IsZero() || on.Before(c.first)) {
			c.first = on
		}
	}
	return c, rows.Err()
}

// changedDays returns the days whose counts differ between a and b, the same item
// before and after a change.
func (a *itemCounts) changedDays(b *itemCounts) []loa.Date {
	var days []loa.Date
	moved := a.exists != b.exists || a.unit != b.unit
	if moved || a.kind != b.kind || a.theme != b.theme || !a.first.Equal(b.first) {
		days = append(days, a.first, b.first)
	}
	diff := map[pubCount]int{}
	for k, n := range a.pubs {
		diff[k] += n
	}
	for k, n := range b.pubs {
		diff[k] -= n
	}
	for k, n := range diff {
		if n != 0 || moved { // a unit's change moves every publication's count
			d, err := loa.ParseDate(k.on)
			if err == nil {
				days = append(days, d)
			}
		}
	}
	if moved {
		for k := range b.pubs {
			if d, err := loa.ParseDate(k.on); err == nil {
				days = append(days, d)
			}
		}
	}
	return days
}

// guardItem runs change, a change of item id or its publications inside ctx's
// transaction, and refuses it (the caller's transaction then rolls back) when it
// altered a count of a day in a closed period. Every store method that changes an
// item's unit, kind, theme or publications goes through it.
func (db *DB) guardItem(ctx context.Context, id int64, change func(ctx context.Context) error) error {
	if ctx.Value(txKey{}) == nil {
		return fmt.Errorf("guardItem outside a transaction")
	}
	before, err := db.itemCounts(ctx, id)
	if err != nil {
		return err
	}
	if err := change(ctx); err != nil {
		return err
	}
	after, err := db.itemCounts(ctx, id)
	if err != nil {
		return err
	}
	return db.refuseClosed(ctx, before.changedDays(after)...)
}

package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"loa"
)

// Report computes the report of CONTRACTS.md for q from the records as they are now:
// a publication recorded late changes the report of its period. It gives the same
// result as loa.Count over the same records (the tests hold it to that), but counts
// with a few GROUP BY queries on the indexed items.first_pub and
// publications.published_on, so that a year of the national data set takes a
// fraction of a second. The queries read one snapshot, so the unit lines always add
// up to the totals even while imports run. EINVALID for a bad query or an unknown
// scope. A contributor's report is its own unit's whatever scope it asked for
// (CONTRACTS.md), so no page, API call or token of its reads another unit's figures.
func (db *DB) Report(ctx context.Context, q loa.ReportQuery) (*loa.Report, error) {
	if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		q.Scope = u.UnitCode
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var r *loa.Report
	err := db.reportSnapshot(ctx, func(ctx context.Context) error {
		var err error
		r, err = db.report(ctx, q)
		return err
	})
	return r, err
}

// reportSnapshot runs fn in a read-only transaction that sees one snapshot: on
// PostgreSQL REPEATABLE READ (READ COMMITTED would give each query its own), on
// SQLite any transaction on a WAL database. Inside a caller's transaction it joins it.
func (db *DB) reportSnapshot(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Postgres() {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(context.WithValue(ctx, txKey{}, tx))
}

func (db *DB) report(ctx context.Context, q loa.ReportQuery) (*loa.Report, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	inScope, err := reportScope(units, q.Scope)
	if err != nil {
		return nil, err
	}
	channels, err := db.Channels(ctx)
	if err != nil {
		return nil, err
	}
	channelCode := make(map[int64]string, len(channels))
	for _, c := range channels {
		channelCode[c.ID] = c.Code
	}

	r := &loa.Report{From: q.From, To: q.To, Scope: q.Scope, ByKind: map[string]int{}, ByChannel: map[string]int{},
		Units: []*loa.ReportUnit{}, BelowQuota: []string{}}
	period, named := q.YearStart.NamedPeriod(q.From, q.To)
	if named {
		r.Period = period.Name
	}
	lines := make(map[int64]*loa.ReportUnit, len(units))
	for _, u := range units {
		lines[u.ID] = &loa.ReportUnit{Code: u.Code, Name: u.Name, Kind: u.Kind, ByKind: map[string]int{}, Quotas: []loa.QuotaResult{}}
	}

	// Items by the date of their first publication; first_pub is kept by the store
	// over the publications that were not withdrawn (ItemChanged, the imports).
	rows, err := db.query(ctx, `SELECT unit_id, kind, COUNT(*) FROM items
		WHERE first_pub >= ? AND first_pub <= ? GROUP BY unit_id, kind`, q.From, q.To)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var unitID int64
		var kind string
		var n int
		if err := rows.Scan(&unitID, &kind, &n); err != nil {
			rows.Close()
			return nil, err
		}
		l := lines[unitID]
		if l == nil || !inScope[unitID] {
			continue
		}
		r.Items += n
		r.ByKind[kind] += n
		l.Items += n
		l.ByKind[kind] += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Publications by their own date, whatever their item's first publication. They
	// are grouped by item first, so that their items are then read in id order rather
	// than in date order: on SQLite that reads the items table's pages in sequence.
	rows, err = db.query(ctx, `SELECT i.unit_id, x.channel_id, CAST(SUM(x.n) AS BIGINT) FROM
		(SELECT p.item_id, p.channel_id, COUNT(*) AS n FROM publications p
			WHERE p.published_on >= ? AND p.published_on <= ? AND `+countedPub+` GROUP BY p.item_id, p.channel_id) x
		JOIN items i ON i.id = x.item_id GROUP BY i.unit_id, x.channel_id`, q.From, q.To)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var unitID, channelID int64
		var n int
		if err := rows.Scan(&unitID, &channelID, &n); err != nil {
			rows.Close()
			return nil, err
		}
		l := lines[unitID]
		if l == nil || !inScope[unitID] {
			continue
		}
		r.Publications += n
		r.ByChannel[channelCode[channelID]] += n
		l.Publications += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	listed := map[int64]bool{}
	for _, u := range units { // sorted by code already
		l := lines[u.ID]
		if inScope[u.ID] && (u.ActiveDuring(q.From, q.To) || l.Items > 0 || l.Publications > 0) {
			listed[u.ID] = true
			r.Units = append(r.Units, l)
		}
	}
	if named {
		rows, err := db.query(ctx, "SELECT unit_id, kind, target FROM quotas WHERE period = ?", period.Name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var unitID int64
			var kind string
			var target int
			if err := rows.Scan(&unitID, &kind, &target); err != nil {
				rows.Close()
				return nil, err
			}
			if !listed[unitID] {
				continue
			}
			l := lines[unitID]
			done := l.Items
			if kind != loa.QuotaKindAny {
				done = l.ByKind[kind]
			}
			l.Quotas = append(l.Quotas, loa.QuotaResult{Kind: kind, Target: target, Done: done, Met: done >= target})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, l := range r.Units {
		l.Finish()
		if l.Met != nil && !*l.Met {
			r.BelowQuota = append(r.BelowQuota, l.Code)
		}
	}
	// Units come sorted by code from the database, but collations differ between the
	// engines; the contract's order is by code, byte-wise.
	slices.SortFunc(r.Units, func(a, b *loa.ReportUnit) int { return strings.Compare(a.Code, b.Code) })
	slices.Sort(r.BelowQuota)
	return r, nil
}

// reportScope returns the ids of the units a report counts: all, or the unit with
// code scope and every unit below it. EINVALID for an unknown code.
func reportScope(units []*loa.Unit, scope string) (map[int64]bool, error) {
	in := make(map[int64]bool, len(units))
	if scope == "" {
		for _, u := range units {
			in[u.ID] = true
		}
		return in, nil
	}
	children := map[int64][]int64{}
	var root int64
	for _, u := range units {
		if u.Code == scope {
			root = u.ID
		}
		if u.ParentID != 0 {
			children[u.ParentID] = append(children[u.ParentID], u.ID)
		}
	}
	if root == 0 {
		return nil, loa.Errorf(loa.EINVALID, "không có đơn vị mã %q", scope)
	}
	stack := []int64{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if in[id] {
			continue // a cycle the store should never hold must not hang a report
		}
		in[id] = true
		stack = append(stack, children[id]...)
	}
	return in, nil
}

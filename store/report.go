package store

import (
	"context"
	"database/sql"

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
	return db.reportOf(ctx, q, false)
}

// reportOf is Report; itemsOnly leaves out the publications, the pending
// declarations, the views and the quotas, and counts only the items: what the
// dashboard's pace reads from its second report (items up to today), which then
// costs one query instead of five (issue 20).
func (db *DB) reportOf(ctx context.Context, q loa.ReportQuery, itemsOnly bool) (*loa.Report, error) {
	if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		q.Scope = u.UnitCode
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var r *loa.Report
	err := db.reportSnapshot(ctx, func(ctx context.Context) error {
		var err error
		r, err = db.report(ctx, q, itemsOnly)
		return err
	})
	return r, wrapOp(err, "report %s–%s", q.From, q.To)
}

// reportSnapshot runs fn in a read-only transaction that sees one snapshot: on
// PostgreSQL REPEATABLE READ (READ COMMITTED would give each query its own), on
// SQLite any transaction on a WAL database. Inside a caller's transaction it joins it.
// The snapshot's units are read once (Units).
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
	ctx = context.WithValue(ctx, unitsMemoKey{}, new([]*loa.Unit))
	return fn(context.WithValue(ctx, txKey{}, tx))
}

// report reads the counts of q's range and builds the report from them
// (loa.BuildReport, which loa.Count's oracle shares); itemsOnly: see reportOf.
func (db *DB) report(ctx context.Context, q loa.ReportQuery, itemsOnly bool) (*loa.Report, error) {
	var c loa.ReportCounts
	var err error
	if c.Units, err = db.Units(ctx); err != nil {
		return nil, err
	}
	if c.Channels, err = db.Channels(ctx); err != nil {
		return nil, err
	}
	if c.Themes, err = db.Themes(ctx); err != nil {
		return nil, err
	}
	// Items by the date of their first publication; first_pub is kept by the store
	// over the publications that count (ItemChanged, the imports). By theme too, for
	// by_theme.
	rows, err := db.query(ctx, `SELECT unit_id, kind, COALESCE(theme_id, 0), COUNT(*) FROM items
		WHERE first_pub >= ? AND first_pub <= ? GROUP BY unit_id, kind, COALESCE(theme_id, 0)`, q.From, q.To)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k loa.KindCount
		if err := rows.Scan(&k.UnitID, &k.Kind, &k.ThemeID, &k.N); err != nil {
			rows.Close()
			return nil, err
		}
		c.Items = append(c.Items, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if itemsOnly {
		return loa.BuildReport(c, q)
	}

	// Publications by their own date, whatever their item's first publication, by
	// their item's unit: publications_count holds all they read, and items_unit_of
	// gives each one's unit without reading the item's row (issue 20: the join
	// through the rows, bodies and all, was this query's cost).
	rows, err = db.query(ctx, `SELECT i.unit_id, p.channel_id, COUNT(*) FROM publications p
		JOIN items i`+db.dialect.indexedBy("items_unit_of")+` ON i.id = p.item_id
		WHERE p.published_on >= ? AND p.published_on <= ? AND `+countedPub+` GROUP BY i.unit_id, p.channel_id`, q.From, q.To)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p loa.ChannelCount
		if err := rows.Scan(&p.UnitID, &p.ChannelID, &p.N); err != nil {
			rows.Close()
			return nil, err
		}
		c.Publications = append(c.Publications, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Declarations awaiting confirmation, and views of the units' items, in the range.
	if c.Pending, err = db.unitCounts(ctx, `SELECT i.unit_id, COUNT(*) FROM publications p
		JOIN items i`+db.dialect.indexedBy("items_unit_of")+` ON i.id = p.item_id
		WHERE p.published_on >= ? AND p.published_on <= ? AND `+pendingPub+` GROUP BY i.unit_id`, q.From, q.To); err != nil {
		return nil, err
	}
	if c.Views, err = db.unitCounts(ctx, `SELECT i.unit_id, CAST(SUM(v.views) AS BIGINT) FROM item_views v
		JOIN items i`+db.dialect.indexedBy("items_unit_of")+` ON i.id = v.item_id
		WHERE v.day >= ? AND v.day <= ? GROUP BY i.unit_id`, q.From.String(), q.To.String()); err != nil {
		return nil, err
	}

	if period, named := q.YearStart.NamedPeriod(q.From, q.To); named {
		closed, err := db.closedPeriod(ctx, period.Name)
		if err != nil {
			return nil, err
		}
		if closed != nil && closed.Closed() {
			c.ClosedAt = closed.ClosedAt
		}
		rows, err := db.query(ctx, "SELECT unit_id, kind, target FROM quotas WHERE period = ?", period.Name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			qt := loa.UnitQuota{Period: period.Name}
			if err := rows.Scan(&qt.UnitID, &qt.Kind, &qt.Target); err != nil {
				rows.Close()
				return nil, err
			}
			c.Quotas = append(c.Quotas, qt)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return loa.BuildReport(c, q)
}

// unitCounts reads rows of (unit id, count).
func (db *DB) unitCounts(ctx context.Context, query string, args ...any) ([]loa.UnitCount, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []loa.UnitCount
	for rows.Next() {
		var c loa.UnitCount
		if err := rows.Scan(&c.UnitID, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// reportScope is loa.UnitsInScope, under the name rollup.go calls it by.
var reportScope = loa.UnitsInScope

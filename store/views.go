package store

import (
	"cmp"
	"context"
	"slices"

	"loa"
)

// ViewCount is a number of views of one item on one day, as an instance counted them.
type ViewCount struct {
	ItemID int64
	Day    loa.Date
	Views  int64
}

// AddViews adds counted views to the stored ones in one transaction: each row is an
// upsert that adds, so instances writing at once never lose each other's counts. An
// item deleted meanwhile is skipped. Views are not audited: they are not a change
// anyone made, and nothing about the visitor is recorded.
func (db *DB) AddViews(ctx context.Context, counts []ViewCount) error {
	if len(counts) == 0 {
		return nil
	}
	// The same order on every instance: two batches never wait on each other's rows
	// in opposite orders.
	slices.SortFunc(counts, func(a, b ViewCount) int {
		if c := cmp.Compare(a.ItemID, b.ItemID); c != 0 {
			return c
		}
		return a.Day.Time().Compare(b.Day.Time())
	})
	return db.inTx(ctx, "add views", func(ctx context.Context) error {
		for _, c := range counts {
			if _, err := db.exec(ctx, `INSERT INTO item_views (item_id, day, views)
				SELECT id, ?, ? FROM items WHERE id = ?
				ON CONFLICT (item_id, day) DO UPDATE SET views = item_views.views + excluded.views`,
				c.Day.String(), c.Views, c.ItemID); err != nil {
				return err
			}
		}
		return nil
	})
}

// ItemViews is what is known of an item's readers.
type ItemViews struct {
	Days    []ViewCount // views counted by loa, by day, oldest first
	Counted int64       // their sum
	Earlier int64       // the views its earlier site had counted (loa import site), never in a period's figures
}

// Total is every view the item is known to have had.
func (v ItemViews) Total() int64 { return v.Counted + v.Earlier }

// ItemViews returns an item's views.
func (db *DB) ItemViews(ctx context.Context, itemID int64) (_ ItemViews, err error) {
	defer wrapErr(&err, "read views of item %d", itemID)
	v := ItemViews{}
	if err := db.row(ctx, "tin bài", "SELECT imported_views FROM items WHERE id = ?", []any{itemID}, &v.Earlier); err != nil {
		return v, err
	}
	rows, err := db.query(ctx, "SELECT day, views FROM item_views WHERE item_id = ? ORDER BY day", itemID)
	if err != nil {
		return v, err
	}
	defer rows.Close()
	for rows.Next() {
		c := ViewCount{ItemID: itemID}
		var day string
		if err := rows.Scan(&day, &c.Views); err != nil {
			return v, err
		}
		if c.Day, err = loa.ParseDate(day); err != nil {
			return v, err
		}
		v.Counted += c.Views
		v.Days = append(v.Days, c)
	}
	return v, rows.Err()
}

// mostReadSQL lists the public items most viewed from a day to a day: the viewed
// items first, then their rows, an order SQLite's CROSS JOIN keeps (PostgreSQL plans
// it as any join). Left to itself, SQLite walked every public item through its index
// and looked each one up in the views: 0.33 s a list on the national set, two lists
// on the home page (issue 20).
const mostReadSQL = `SELECT ` + siteItemCols + ` FROM
	(SELECT item_id, SUM(views) AS n FROM item_views WHERE day >= ? AND day <= ? GROUP BY item_id) v
	CROSS JOIN items i JOIN units u ON u.id = i.unit_id
	WHERE i.id = v.item_id AND` + publicWhere + ` ORDER BY v.n DESC, i.id DESC LIMIT ?`

// MostRead returns the public items most viewed on the days from from to to, most
// viewed first, at most limit.
func (db *DB) MostRead(ctx context.Context, from, to loa.Date, limit int) (_ []*loa.Item, err error) {
	defer wrapErr(&err, "list most read items")
	rows, err := db.query(ctx, mostReadSQL, from.String(), to.String(), now(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Item
	for rows.Next() {
		it, err := scanSiteItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

const settingShowViews = "show_views"

// ShowViews reports whether the public item pages show their views ("Lượt xem").
func (db *DB) ShowViews(ctx context.Context) (_ bool, err error) {
	defer wrapErr(&err, "read show views")
	return db.flag(ctx, settingShowViews)
}

// SetShowViews shows or hides the views on the public item pages (admin only).
func (db *DB) SetShowViews(ctx context.Context, on bool) error {
	return db.inTx(ctx, "set show views", func(ctx context.Context) error {
		if err := db.setFlag(ctx, settingShowViews, on); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

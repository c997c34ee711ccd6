package store

import (
	"cmp"
	"context"
	"fmt"
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
	return db.WithTx(ctx, func(ctx context.Context) error {
		for _, c := range counts {
			if _, err := db.exec(ctx, `INSERT INTO item_views (item_id, day, views)
				SELECT id, ?, ? FROM items WHERE id = ?
				ON CONFLICT (item_id, day) DO UPDATE SET views = item_views.views + excluded.views`,
				c.Day.String(), c.Views, c.ItemID); err != nil {
				return fmt.Errorf("store: add views of item %d: %w", c.ItemID, err)
			}
		}
		return nil
	})
}

// ItemViews returns an item's views by day, oldest first, and their total, which
// includes the views counted by the site it was imported from.
func (db *DB) ItemViews(ctx context.Context, itemID int64) ([]ViewCount, int64, error) {
	rows, err := db.query(ctx, "SELECT day, views FROM item_views WHERE item_id = ? ORDER BY day", itemID)
	if err != nil {
		return nil, 0, fmt.Errorf("store: views of item %d: %w", itemID, err)
	}
	defer rows.Close()
	var out []ViewCount
	var total int64
	for rows.Next() {
		c := ViewCount{ItemID: itemID}
		var day string
		if err := rows.Scan(&day, &c.Views); err != nil {
			return nil, 0, err
		}
		if c.Day, err = loa.ParseDate(day); err != nil {
			return nil, 0, err
		}
		total += c.Views
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	// The views an imported site had counted before (loa import site) are part of the total.
	var earlier int64
	if err := db.row(ctx, "tin bài", "SELECT imported_views FROM items WHERE id = ?", []any{itemID}, &earlier); err != nil && loa.ErrorCode(err) != loa.ENOTFOUND {
		return nil, 0, err
	}
	return out, total + earlier, nil
}

// MostRead returns the ids of the published items most viewed on the days from
// from to to, most viewed first, at most limit.
func (db *DB) MostRead(ctx context.Context, from, to loa.Date, limit int) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT v.item_id FROM item_views v JOIN items i ON i.id = v.item_id
		WHERE v.day >= ? AND v.day <= ? AND i.status = 'published'
		GROUP BY v.item_id ORDER BY SUM(v.views) DESC, v.item_id DESC LIMIT ?`, from.String(), to.String(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: most read: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

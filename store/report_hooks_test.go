package store

import (
	"context"

	"loa"
)

// WithdrawPublicationForTest marks the publication of the item ref on channel on day
// withdrawn, as an editor does in the web application, and recomputes the item's
// derived columns. The report tests need withdrawn publications before the items
// feature that withdraws them exists.
func (db *DB) WithdrawPublicationForTest(ctx context.Context, ref, channel string, on loa.Date) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		var itemID int64
		if err := db.row(ctx, "tin bài", "SELECT id FROM items WHERE ref = ?", []any{ref}, &itemID); err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE publications SET withdrawn = ? WHERE item_id = ? AND published_on = ?
			AND channel_id = (SELECT id FROM channels WHERE code = ?)`, true, itemID, on, channel)
		if err != nil {
			return err
		}
		if err := changed(res); err != nil {
			return err
		}
		return db.ItemChanged(ctx, itemID)
	})
}

// ItemIDsForTest returns the ids of the imported items by ref.
func (db *DB) ItemIDsForTest(ctx context.Context) (map[string]int64, error) {
	rows, err := db.query(ctx, "SELECT ref, id FROM items WHERE ref IS NOT NULL")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var ref string
		var id int64
		if err := rows.Scan(&ref, &id); err != nil {
			return nil, err
		}
		out[ref] = id
	}
	return out, rows.Err()
}

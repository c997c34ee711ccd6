package store

import (
	"context"
	"time"

	"loa"
)

// ReturnNote is why an item was last returned to its unit: the reason the reviewer
// wrote, who returned it and when. Contributors read it at the top of the item and in
// their lists of items to fix.
type ReturnNote struct {
	Reason string
	Actor  string
	At     time.Time
}

// fillReturnNotes sets Returned on each returned item of rows from its latest
// "return" event, in one query.
func (db *DB) fillReturnNotes(ctx context.Context, rows []*ItemRow) error {
	byID := map[int64]*ItemRow{}
	var ids []int64
	for _, r := range rows {
		if r.Status == loa.StatusReturned {
			byID[r.ID] = r
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	q, err := db.query(ctx, `SELECT item_id, reason, actor, at FROM item_events WHERE action = ? AND item_id IN (`+
		marks(len(ids))+`) ORDER BY item_id, at DESC, id DESC`, append([]any{string(loa.ActionReturn)}, anyArgs(ids)...)...)
	if err != nil {
		return err
	}
	defer q.Close()
	for q.Next() {
		var id int64
		var n ReturnNote
		if err := q.Scan(&id, &n.Reason, &n.Actor, &n.At); err != nil {
			return err
		}
		if r := byID[id]; r.Returned == nil { // the first row of an item is its latest
			n.At = n.At.UTC()
			r.Returned = &n
		}
	}
	return q.Err()
}

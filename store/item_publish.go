package store

import (
	"context"
	"fmt"
	"time"

	"loa"
)

// ApproveAndPublish approves a submitted item and publishes it in one act, as an
// editor does when the item needs no other reading: now when at is zero, else at
// that time (the scheduled publishing job puts it on the site). Both steps go through
// Transition, each checked by loa.CanTransition, in one transaction: when the second
// is refused (the leader's second approval is asked for, the user may not publish)
// the approval is undone too, and the error says why.
func (db *DB) ApproveAndPublish(ctx context.Context, id int64, at time.Time) error {
	return db.inTx(ctx, fmt.Sprintf("approve and publish item %d", id), func(ctx context.Context) error {
		if err := db.Transition(ctx, id, loa.ActionApprove, ""); err != nil {
			return err
		}
		if at.IsZero() {
			return db.Transition(ctx, id, loa.ActionPublish, "")
		}
		cur, err := db.Item(ctx, id)
		if err != nil {
			return err
		}
		leader, err := db.LeaderApproval(ctx)
		if err != nil {
			return err
		}
		// Scheduling is publishing later: the same rule decides whether it may be.
		if err := loa.CanTransition(userOrSystem(ctx), cur.State(), loa.ActionPublish, leader); err != nil {
			return err
		}
		return db.ScheduleItem(ctx, id, at)
	})
}

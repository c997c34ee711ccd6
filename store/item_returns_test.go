package store_test

import (
	"context"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestReturnNotes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ed, ctb := as(f.Users[loa.RoleEditor]), as(f.Users[loa.RoleContributor])
		it := f.newItem(t, f.Unit, "Tin trả lại hai lần")
		f.walk(t, it.ID, loa.StatusSubmitted)
		if err := db.Transition(ed, it.ID, loa.ActionReturn, "Thiếu ảnh"); err != nil {
			t.Fatal(err)
		}
		if err := db.Transition(ctb, it.ID, loa.ActionSubmit, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.Transition(ed, it.ID, loa.ActionReturn, "Sai tên đơn vị ở đoạn hai"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Item(ctb, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Returned == nil || got.Returned.Reason != "Sai tên đơn vị ở đoạn hai" || got.Returned.Actor != f.Users[loa.RoleEditor].Name {
			t.Fatalf("item page: got %+v, want the latest reason", got.Returned)
		}
		rows, _, err := db.ItemsWaitingFor(ctb, store.Page{Number: 1, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			if r.ID == it.ID {
				found = true
				if r.Returned == nil || r.Returned.Reason != "Sai tên đơn vị ở đoạn hai" {
					t.Fatalf("list: got %+v", r.Returned)
				}
			} else if r.Status != loa.StatusReturned && r.Returned != nil {
				t.Fatalf("item %d (%s) has a return note", r.ID, r.Status)
			}
		}
		if !found {
			t.Fatal("the returned item is not in the contributor's queue")
		}
		if err := db.Transition(ctb, it.ID, loa.ActionSubmit, ""); err != nil {
			t.Fatal(err)
		}
		if got, _ = db.Item(context.Background(), it.ID); got.Returned != nil {
			t.Fatalf("a resubmitted item still shows %+v", got.Returned)
		}
	})
}

func TestApproveAndPublish(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ed := as(f.Users[loa.RoleEditor])
		t.Run("now: approved and published, two steps in the history", func(t *testing.T) {
			it := f.newItem(t, f.Unit, "Tin duyệt và đăng ngay")
			f.walk(t, it.ID, loa.StatusSubmitted)
			if err := db.ApproveAndPublish(ed, it.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			got, _ := db.Item(ed, it.ID)
			if got.Status != loa.StatusPublished {
				t.Fatalf("status %s, want published", got.Status)
			}
			events, _ := db.ItemEvents(ed, it.ID)
			n := len(events)
			if n < 2 || events[n-2].Action != "approve" || events[n-1].Action != "publish" {
				t.Fatalf("history %+v", events)
			}
		})
		t.Run("scheduled: approved, to be published at the time", func(t *testing.T) {
			it := f.newItem(t, f.Unit, "Tin duyệt và hẹn giờ")
			f.walk(t, it.ID, loa.StatusSubmitted)
			at := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
			if err := db.ApproveAndPublish(ed, it.ID, at); err != nil {
				t.Fatal(err)
			}
			got, _ := db.Item(ed, it.ID)
			if got.Status != loa.StatusApproved || !got.ScheduledAt.Equal(at.UTC()) {
				t.Fatalf("status %s at %v, want approved at %v", got.Status, got.ScheduledAt, at)
			}
		})
		t.Run("the leader's second approval asked for: nothing changes", func(t *testing.T) {
			if err := db.SetLeaderApproval(context.Background(), true); err != nil {
				t.Fatal(err)
			}
			defer db.SetLeaderApproval(context.Background(), false)
			it := f.newItem(t, f.Unit, "Tin cần lãnh đạo duyệt")
			f.walk(t, it.ID, loa.StatusSubmitted)
			for _, at := range []time.Time{{}, time.Now().Add(time.Hour)} {
				if err := db.ApproveAndPublish(ed, it.ID, at); loa.ErrorCode(err) != loa.ECONFLICT {
					t.Fatalf("got %v, want conflict", err)
				}
				if got, _ := db.Item(ed, it.ID); got.Status != loa.StatusSubmitted {
					t.Fatalf("status %s, want still submitted (one transaction)", got.Status)
				}
			}
		})
		t.Run("a contributor may not", func(t *testing.T) {
			it := f.newItem(t, f.Unit, "Tin của đơn vị")
			f.walk(t, it.ID, loa.StatusSubmitted)
			if err := db.ApproveAndPublish(as(f.Users[loa.RoleContributor]), it.ID, time.Time{}); loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("got %v, want forbidden", err)
			}
		})
	})
}

package store_test

import (
	"context"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func TestReturnNotes(t *testing.T) {
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

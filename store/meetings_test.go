package store_test

import (
	"context"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// boardOf seats the fixture's people on the Board from 2023: a head, a deputy and two
// members. It returns their memberships in that order.
func boardOf(t *testing.T, db *store.DB, f *boardFixture) {
	t.Helper()
	roles := []loa.BoardRole{loa.BoardHead, loa.BoardDeputy, loa.BoardSecretary, loa.BoardMember}
	for i, p := range f.people {
		if err := db.AddMembership(context.Background(), &loa.Membership{PersonID: p.ID, Role: roles[i], From: mustDate(t, "2023-03-01")}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMeetingsWithActionItems(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		boardOf(t, db, f)
		outsider := &loa.Person{Name: "Người ngoài Ban"}
		if err := db.SavePerson(ctx, outsider); err != nil {
			t.Fatal(err)
		}
		m := &store.Meeting{HeldOn: mustDate(t, "2024-06-04"), Title: "Sơ kết 6 tháng", ChairID: f.people[0].ID,
			Attendees: []store.Attendee{{PersonID: f.people[1].ID}, {PersonID: f.people[2].ID}, {PersonID: f.people[2].ID}},
			Minutes:   "Biên bản.", Conclusions: "Kết luận."}
		t.Run("chair not on the Board refused", func(t *testing.T) {
			bad := *m
			bad.ChairID = outsider.ID
			if err := db.SaveMeeting(ctx, &bad); loa.ErrorFields(err)["chair_id"] == "" {
				t.Fatalf("got %v, want an error on chair_id", err)
			}
		})
		t.Run("attendee not on the Board refused", func(t *testing.T) {
			bad := *m
			bad.Attendees = []store.Attendee{{PersonID: outsider.ID}}
			if err := db.SaveMeeting(ctx, &bad); loa.ErrorFields(err)["attendees"] == "" {
				t.Fatalf("got %v, want an error on attendees", err)
			}
		})
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		actions := []*store.ActionItem{
			{MeetingID: m.ID, Title: "Cử đầu mối tuyên truyền", UnitID: f.units[0].ID, Due: mustDate(t, "2024-06-30")},
			{MeetingID: m.ID, Title: "Bài về chuyển đổi số", UnitID: f.units[0].ID, PersonID: f.people[3].ID, Due: mustDate(t, "2024-09-30")},
			{MeetingID: m.ID, Title: "Đề xuất kiện toàn Ban", PersonID: f.people[2].ID, Due: mustDate(t, "2024-07-15")},
			{MeetingID: m.ID, Title: "Phóng sự với Đài truyền hình", UnitID: f.units[1].ID},
		}
		for _, a := range actions {
			if err := db.AddActionItem(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			name  string
			a     store.ActionItem
			field string
		}{
			{"due before the meeting", store.ActionItem{MeetingID: m.ID, Title: "x", UnitID: f.units[0].ID, Due: mustDate(t, "2024-06-03")}, "due"},
			{"no owner", store.ActionItem{MeetingID: m.ID, Title: "x"}, "unit_id"},
			{"no title", store.ActionItem{MeetingID: m.ID, UnitID: f.units[0].ID}, "title"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if err := db.AddActionItem(ctx, &tc.a); loa.ErrorFields(err)[tc.field] == "" {
					t.Fatalf("got %v, want an error on %s", err, tc.field)
				}
			})
		}
		got, err := db.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Attendees) != 2 || got.ChairName != "Phạm Viết Vượng" || len(got.Actions) != 4 {
			t.Fatalf("meeting: got %+v", got)
		}
		t.Run("action followed to the end", func(t *testing.T) {
			if err := db.SetActionStatus(ctx, actions[0].ID, store.ActionDone, mustDate(t, "2024-06-20"), "Đã cử"); err != nil {
				t.Fatal(err)
			}
			if err := db.SetActionStatus(ctx, actions[3].ID, store.ActionCancelled, loa.Date{}, ""); err != nil {
				t.Fatal(err)
			}
			a, err := db.ActionItem(ctx, actions[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if a.Status != store.ActionDone || a.DoneOn.String() != "2024-06-20" {
				t.Errorf("got %+v", a)
			}
		})
		t.Run("open items of a unit", func(t *testing.T) {
			open, err := db.ActionItems(ctx, store.ActionFilter{UnitID: f.units[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(open) != 1 || open[0].Title != "Bài về chuyển đổi số" {
				t.Errorf("got %+v", open)
			}
			if !open[0].Overdue(mustDate(t, "2024-10-01")) || open[0].Overdue(mustDate(t, "2024-09-30")) {
				t.Error("overdue: an open item is overdue the day after its due date")
			}
		})
		t.Run("a contributor sees its own unit's open items only", func(t *testing.T) {
			cctx := loa.WithUser(ctx, &loa.User{ID: 99, Role: loa.RoleContributor, UnitID: f.units[1].ID})
			got, err := db.ActionItems(cctx, store.ActionFilter{UnitID: f.units[0].ID, AnyStatus: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 { // unit 2's only item was cancelled; unit 1's are not its own
				t.Errorf("got %+v, want none", got)
			}
		})
		t.Run("meeting moved after an item's due date refused", func(t *testing.T) {
			got.HeldOn = mustDate(t, "2024-07-01")
			if err := db.SaveMeeting(ctx, got); loa.ErrorFields(err)["held_on"] == "" {
				t.Fatalf("got %v, want an error on held_on", err)
			}
		})
		list, total, err := db.Meetings(ctx, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || list[0].OpenActions != 2 {
			t.Errorf("meetings: got %d, open %d; want 1, 2", total, list[0].OpenActions)
		}
	})
}

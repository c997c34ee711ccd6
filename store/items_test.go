package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// itemsFixture is a small organisation: two units, one user per role (the
// contributor in Unit), a second contributor in Other, the site and two outside
// channels.
type itemsFixture struct {
	db       *store.DB
	Unit     *loa.Unit
	Other    *loa.Unit
	Users    map[loa.Role]*loa.User
	OtherCtb *loa.User
	Site     *loa.Channel
	PTTH     *loa.Channel
	BVPL     *loa.Channel
	Person   *loa.Person
}

func newItemsFixture(t *testing.T, db *store.DB) *itemsFixture {
	t.Helper()
	ctx := context.Background()
	f := &itemsFixture{db: db, Users: map[loa.Role]*loa.User{}}
	f.Unit = &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict}
	f.Other = &loa.Unit{Code: "TB-VUTHU", Name: "Viện kiểm sát nhân dân huyện Vũ Thư", Kind: loa.UnitDistrict}
	saveUnits(t, db, f.Unit, f.Other)
	for _, r := range loa.Roles {
		u := &loa.User{Email: string(r) + "@loa.test", Name: "Người " + string(r), Role: r}
		if r == loa.RoleContributor {
			u.UnitID = f.Unit.ID
		}
		if err := db.CreateUser(ctx, u, "mat-khau-thu-nghiem"); err != nil {
			t.Fatal(err)
		}
		f.Users[r] = u
	}
	f.OtherCtb = &loa.User{Email: "vuthu@loa.test", Name: "Cộng tác viên Vũ Thư", Role: loa.RoleContributor, UnitID: f.Other.ID}
	if err := db.CreateUser(ctx, f.OtherCtb, "mat-khau-thu-nghiem"); err != nil {
		t.Fatal(err)
	}
	f.Site = &loa.Channel{Code: "site", Name: "Trang thông tin điện tử", Type: loa.ChannelSite, URL: "https://vks.example/"}
	f.PTTH = &loa.Channel{Code: "ptth", Name: "Đài PT-TH Thái Bình", Type: loa.ChannelRadioTV}
	f.BVPL = &loa.Channel{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector}
	for _, c := range []*loa.Channel{f.Site, f.PTTH, f.BVPL} {
		if err := db.SaveChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	f.Person = &loa.Person{Name: "Bùi Thảo"}
	if err := db.SavePerson(ctx, f.Person); err != nil {
		t.Fatal(err)
	}
	return f
}

// as returns a context signed in as u.
func as(u *loa.User) context.Context { return loa.WithUser(context.Background(), u) }

// newItem creates a draft of unit as the system, written on 1 January 2024 so that
// the tests may record its publications of that year (none may predate the item).
func (f *itemsFixture) newItem(t *testing.T, unit *loa.Unit, title string) *loa.Item {
	t.Helper()
	it := &loa.Item{Kind: loa.KindNews, UnitID: unit.ID, Title: title, Body: "<p>Nội dung</p>"}
	if err := f.db.CreateItem(store.AtTime(context.Background(), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), it); err != nil {
		t.Fatal(err)
	}
	return it
}

// walk moves an item (as the system) to status st along the workflow.
func (f *itemsFixture) walk(t *testing.T, id int64, st loa.Status) {
	t.Helper()
	ctx := context.Background()
	steps := map[loa.Status][]loa.Action{
		loa.StatusDraft:     nil,
		loa.StatusSubmitted: {loa.ActionSubmit},
		loa.StatusReturned:  {loa.ActionSubmit, loa.ActionReturn},
		loa.StatusApproved:  {loa.ActionSubmit, loa.ActionApprove},
		loa.StatusPublished: {loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish},
		loa.StatusWithdrawn: {loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish, loa.ActionWithdraw},
	}
	leader, err := f.db.LeaderApproval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range steps[st] {
		if a == loa.ActionPublish && leader {
			f.signOff(t, id)
		}
		if err := f.db.Transition(ctx, id, a, "lý do"); err != nil {
			t.Fatalf("walk to %s, %s: %v", st, a, err)
		}
	}
}

// signOff gives the leader's second approval to an approved item.
func (f *itemsFixture) signOff(t *testing.T, id int64) {
	t.Helper()
	if err := f.db.Transition(as(f.Users[loa.RoleLeader]), id, loa.ActionSignOff, ""); err != nil {
		t.Fatal(err)
	}
}

func (f *itemsFixture) status(t *testing.T, id int64) *store.ItemRow {
	t.Helper()
	r, err := f.db.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTransitionEveryRole takes every action from every status as every role, with
// the leader's second approval off and on, and checks that the store does exactly
// what loa.CanTransition allows: the status moves to the table's target, or the
// step is refused with the rule's code and nothing changes.
//
// Most steps are refused, and a refused step leaves its item as it was (checked):
// the next case from the same status takes that item again instead of making and
// walking a new one, which was most of the test's work.
func TestTransitionEveryRole(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		for _, leader := range []bool{false, true} {
			if err := db.SetLeaderApproval(context.Background(), leader); err != nil {
				t.Fatal(err)
			}
			for _, from := range append(slices.Clone(loa.Statuses), "approved+signed") {
				var unchanged int64 // an item in status from that a refused step left as it was
				for _, role := range loa.Roles {
					for _, a := range loa.Actions {
						name := fmt.Sprintf("leader=%v/%s/%s/%s", leader, role, from, a)
						t.Run(name, func(t *testing.T) {
							if from == "approved+signed" && !leader {
								t.Skip("no sign-off without the setting")
							}
							id := unchanged
							if id == 0 {
								id = f.newItem(t, f.Unit, name).ID
								if from == "approved+signed" {
									f.walk(t, id, loa.StatusApproved)
									f.signOff(t, id)
								} else {
									f.walk(t, id, from)
								}
							}
							unchanged = 0
							before := f.status(t, id)
							if signed := from == "approved+signed"; before.Status != from && !(signed && before.Status == loa.StatusApproved && before.SignedOff) ||
								from == loa.StatusApproved && before.SignedOff {
								t.Fatalf("the item is %s (signed off: %v) before the step, want %s", before.Status, before.SignedOff, from)
							}
							u := f.Users[role]
							err := db.Transition(as(u), id, a, "Cần bổ sung ảnh")
							want := loa.ErrorCode(loa.CanTransition(u, before.State(), a, leader))
							if got := loa.ErrorCode(err); got != want {
								t.Fatalf("got %q (%v), want %q", got, err, want)
							}
							after := f.status(t, id)
							if want != "" {
								if after.Status != before.Status || after.SignedOff != before.SignedOff {
									t.Fatalf("refused step changed the item: %s → %s", before.Status, after.Status)
								}
								unchanged = id
								return
							}
							if to := loa.TransitionOf(a).To; after.Status != to {
								t.Fatalf("status %s, want %s", after.Status, to)
							}
							if a == loa.ActionSignOff && !after.SignedOff {
								t.Fatal("sign-off not recorded")
							}
						})
					}
				}
			}
		}
	})
}

func TestTransitionScopeAndReasons(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctx := context.Background()
		t.Run("a contributor cannot reach another unit's item", func(t *testing.T) {
			it := f.newItem(t, f.Other, "Tin Vũ Thư")
			err := db.Transition(as(f.Users[loa.RoleContributor]), it.ID, loa.ActionSubmit, "")
			if loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("got %v, want not found", err)
			}
			if err := db.Transition(as(f.OtherCtb), it.ID, loa.ActionSubmit, ""); err != nil {
				t.Fatalf("its own contributor: %v", err)
			}
		})
		t.Run("returning needs a reason, kept in the history", func(t *testing.T) {
			it := f.newItem(t, f.Unit, "Tin cần sửa")
			f.walk(t, it.ID, loa.StatusSubmitted)
			ed := as(f.Users[loa.RoleEditor])
			if err := db.Transition(ed, it.ID, loa.ActionReturn, "   "); loa.ErrorFields(err)["reason"] == "" {
				t.Fatalf("got %v, want a reason required", err)
			}
			if err := db.Transition(ed, it.ID, loa.ActionReturn, "Thiếu tên tác giả ảnh"); err != nil {
				t.Fatal(err)
			}
			events, err := db.ItemEvents(ed, it.ID)
			if err != nil {
				t.Fatal(err)
			}
			last := events[len(events)-1]
			if last.Action != "return" || last.Reason != "Thiếu tên tác giả ảnh" || last.Actor != f.Users[loa.RoleEditor].Name ||
				last.From != loa.StatusSubmitted || last.To != loa.StatusReturned {
				t.Fatalf("last event %+v", last)
			}
			// returned ↔ submitted
			if err := db.Transition(as(f.Users[loa.RoleContributor]), it.ID, loa.ActionSubmit, ""); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("two editors approving at once: the second is told", func(t *testing.T) {
			it := f.newItem(t, f.Unit, "Tin duyệt hai lần")
			f.walk(t, it.ID, loa.StatusSubmitted)
			if err := db.Transition(as(f.Users[loa.RoleEditor]), it.ID, loa.ActionApprove, ""); err != nil {
				t.Fatal(err)
			}
			err := db.Transition(as(f.Users[loa.RoleAdmin]), it.ID, loa.ActionApprove, "")
			if loa.ErrorCode(err) != loa.ECONFLICT {
				t.Fatalf("got %v, want conflict", err)
			}
		})
		t.Run("leader's approval counts as the sign-off", func(t *testing.T) {
			if err := db.SetLeaderApproval(ctx, true); err != nil {
				t.Fatal(err)
			}
			defer db.SetLeaderApproval(ctx, false)
			it := f.newItem(t, f.Unit, "Tin lãnh đạo duyệt")
			f.walk(t, it.ID, loa.StatusSubmitted)
			if err := db.Transition(as(f.Users[loa.RoleLeader]), it.ID, loa.ActionApprove, ""); err != nil {
				t.Fatal(err)
			}
			if err := db.Transition(as(f.Users[loa.RoleEditor]), it.ID, loa.ActionPublish, ""); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("returning clears the sign-off", func(t *testing.T) {
			if err := db.SetLeaderApproval(ctx, true); err != nil {
				t.Fatal(err)
			}
			defer db.SetLeaderApproval(ctx, false)
			it := f.newItem(t, f.Unit, "Tin ký rồi trả")
			f.walk(t, it.ID, loa.StatusApproved)
			if err := db.Transition(as(f.Users[loa.RoleLeader]), it.ID, loa.ActionSignOff, ""); err != nil {
				t.Fatal(err)
			}
			if err := db.Transition(as(f.Users[loa.RoleEditor]), it.ID, loa.ActionReturn, "Sửa số liệu"); err != nil {
				t.Fatal(err)
			}
			if f.status(t, it.ID).SignedOff {
				t.Fatal("the sign-off survived a return")
			}
		})
		t.Run("only the admin changes the setting", func(t *testing.T) {
			if loa.ErrorCode(db.SetLeaderApproval(as(f.Users[loa.RoleEditor]), true)) != loa.EFORBIDDEN {
				t.Fatal("an editor changed the setting")
			}
		})
	})
}

func TestPublishAndWithdraw(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		it := f.newItem(t, f.Unit, "Hội nghị sơ kết 6 tháng")
		f.walk(t, it.ID, loa.StatusApproved)
		// 23:30 UTC on 30 June is 1 July in Vietnam (CONTRACTS.md).
		at := time.Date(2024, 6, 30, 23, 30, 0, 0, time.UTC)
		ed := store.AtTime(as(f.Users[loa.RoleEditor]), at)
		if err := db.Transition(ed, it.ID, loa.ActionPublish, ""); err != nil {
			t.Fatal(err)
		}
		pubs, err := db.Publications(ed, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(pubs) != 1 || pubs[0].ChannelCode != "site" || pubs[0].PublishedOn.String() != "2024-07-01" || pubs[0].Withdrawn {
			t.Fatalf("publications %+v, want one on site dated 2024-07-01", pubs)
		}
		want := fmt.Sprintf("https://vks.example/tin/hoi-nghi-so-ket-6-thang-%d", it.ID)
		if pubs[0].URL != want {
			t.Fatalf("url %q, want %q", pubs[0].URL, want)
		}
		r := f.status(t, it.ID)
		if !r.PublishedAt.Equal(at) || r.FirstPub.String() != "2024-07-01" {
			t.Fatalf("published_at %v, first_pub %v", r.PublishedAt, r.FirstPub)
		}
		got, err := db.SiteItem(context.Background(), it.ID)
		if err != nil || got.Title != it.Title || got.Body != "<p>Nội dung</p>" {
			t.Fatalf("SiteItem: %+v, %v", got, err)
		}
		list, total, err := db.SiteItems(context.Background(), store.SiteFilter{})
		if err != nil || total != 1 || list[0].ID != it.ID {
			t.Fatalf("SiteItems: %d %v", total, err)
		}

		if err := db.Transition(as(f.Users[loa.RoleLeader]), it.ID, loa.ActionWithdraw, "Sai số liệu"); err != nil {
			t.Fatal(err)
		}
		pubs, _ = db.Publications(ed, it.ID)
		if len(pubs) != 1 || !pubs[0].Withdrawn {
			t.Fatalf("after withdrawal %+v, want the site publication kept and marked", pubs)
		}
		if r := f.status(t, it.ID); !r.FirstPub.IsZero() {
			t.Fatalf("a withdrawn publication still counts: first_pub %v", r.FirstPub)
		}
		if _, err := db.SiteItem(context.Background(), it.ID); loa.ErrorCode(err) != loa.EGONE {
			t.Fatalf("withdrawn item: got %v, want gone", err)
		}
		draft := f.newItem(t, f.Unit, "Bản nháp")
		if _, err := db.SiteItem(context.Background(), draft.ID); loa.ErrorCode(err) != loa.ENOTFOUND {
			t.Fatalf("draft: got %v, want not found", err)
		}
		if _, total, _ := db.SiteItems(context.Background(), store.SiteFilter{}); total != 0 {
			t.Fatalf("%d public items after withdrawal", total)
		}
	})
}

func TestPublishNeedsASiteChannel(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &loa.Unit{Code: "TB", Name: "VKSND tỉnh", Kind: loa.UnitProvince}
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		it := &loa.Item{Kind: loa.KindNews, UnitID: u.ID, Title: "Tin"}
		if err := db.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove} {
			if err := db.Transition(ctx, it.ID, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		err := db.Transition(ctx, it.ID, loa.ActionPublish, "")
		if loa.ErrorCode(err) != loa.ECONFLICT || !strings.Contains(loa.ErrorMessage(err), "site") {
			t.Fatalf("got %v, want a conflict naming the site channel", err)
		}
		if r, _ := db.Item(ctx, it.ID); r.Status != loa.StatusApproved {
			t.Fatalf("status %s after a refused publish", r.Status)
		}
	})
}

func TestItemSaveAndConflict(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctb := as(f.Users[loa.RoleContributor])
		it := &loa.Item{Kind: loa.KindArticle, UnitID: f.Unit.ID, Title: "Ban tuyên truyền họp", Topic: "Chuyển đổi số",
			Body:    `<p onclick="x()">Nội dung <script>alert(1)</script><a href="javascript:alert(2)">liên kết</a></p><img src=x onerror=alert(3)>`,
			Authors: []loa.Author{{Name: "Bùi Thảo"}, {Name: "Cộng tác viên ngoài ngành"}}}
		if err := db.CreateItem(ctb, it); err != nil {
			t.Fatal(err)
		}
		t.Run("stored clean", func(t *testing.T) {
			r := f.status(t, it.ID)
			for _, bad := range []string{"script", "onclick", "javascript", "onerror", "alert"} {
				if strings.Contains(r.Body, bad) {
					t.Fatalf("%q stored in %q", bad, r.Body)
				}
			}
			if r.Slug != "ban-tuyen-truyen-hop" || r.Status != loa.StatusDraft || r.Version != 1 || r.CreatedBy != f.Users[loa.RoleContributor].ID {
				t.Fatalf("got %+v", r.Item)
			}
		})
		t.Run("authors in order, a known name linked to its person", func(t *testing.T) {
			r := f.status(t, it.ID)
			if len(r.Authors) != 2 || r.Authors[0].PersonID != f.Person.ID || r.Authors[1].PersonID != 0 ||
				r.Authors[1].Name != "Cộng tác viên ngoài ngành" {
				t.Fatalf("authors %+v", r.Authors)
			}
		})
		t.Run("a contributor cannot write for another unit", func(t *testing.T) {
			err := db.CreateItem(ctb, &loa.Item{Kind: loa.KindNews, UnitID: f.Other.ID, Title: "x"})
			if loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("got %v", err)
			}
			a, _ := db.Item(ctb, it.ID)
			a.UnitID = f.Other.ID
			if err := db.UpdateItem(ctb, &a.Item); loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("moving to another unit: got %v", err)
			}
		})
		t.Run("two editors saving at once: the second is told and loses nothing", func(t *testing.T) {
			a, _ := db.Item(ctb, it.ID)
			b, _ := db.Item(ctb, it.ID)
			a.Title = "Bản của A"
			if err := db.UpdateItem(as(f.Users[loa.RoleEditor]), &a.Item); err != nil {
				t.Fatal(err)
			}
			b.Title = "Bản của B"
			err := db.UpdateItem(as(f.Users[loa.RoleAdmin]), &b.Item)
			if loa.ErrorCode(err) != loa.ECONFLICT || !strings.Contains(loa.ErrorMessage(err), f.Users[loa.RoleEditor].Name) {
				t.Fatalf("got %v, want a conflict naming who saved", err)
			}
			if b.Title != "Bản của B" {
				t.Fatal("the second editor's text was lost")
			}
			if got := f.status(t, it.ID); got.Title != "Bản của A" || got.Version != 2 {
				t.Fatalf("stored %q v%d", got.Title, got.Version)
			}
		})
		t.Run("a contributor edits only while draft or returned", func(t *testing.T) {
			f.walk(t, it.ID, loa.StatusSubmitted)
			cur, _ := db.Item(ctb, it.ID)
			cur.Title = "Sửa khi đã gửi"
			if err := db.UpdateItem(ctb, &cur.Item); loa.ErrorCode(err) != loa.ECONFLICT {
				t.Fatalf("got %v, want refused", err)
			}
			if err := db.UpdateItem(as(f.Users[loa.RoleLeader]), &cur.Item); loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("leader: got %v, want forbidden", err)
			}
		})
		t.Run("every save keeps a revision; two revisions compare", func(t *testing.T) {
			revs, err := db.Revisions(ctb, it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(revs) != 2 || revs[0].Version != 2 || revs[0].Title != "Bản của A" || revs[1].Title != "Ban tuyên truyền họp" {
				t.Fatalf("revisions %+v", revs)
			}
			r1, err := db.Revision(ctb, it.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			r2, _ := db.Revision(ctb, it.ID, 2)
			d := loa.DiffWords(r1.Title, r2.Title)
			if len(d) < 2 {
				t.Fatalf("diff %+v", d)
			}
			if _, err := db.Revision(ctb, it.ID, 9); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("comments", func(t *testing.T) {
			if _, err := db.AddComment(as(f.Users[loa.RoleEditor]), it.ID, "Xin bổ sung ảnh hội nghị."); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddComment(ctb, it.ID, "Đã bổ sung."); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddComment(as(f.Users[loa.RoleViewer]), it.ID, "x"); loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("viewer: %v", err)
			}
			if _, err := db.AddComment(as(f.OtherCtb), it.ID, "x"); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("other unit: %v", err)
			}
			cs, err := db.Comments(ctb, it.ID)
			if err != nil || len(cs) != 2 || cs[0].Author != f.Users[loa.RoleEditor].Name || cs[1].Body != "Đã bổ sung." {
				t.Fatalf("comments %+v %v", cs, err)
			}
		})
		t.Run("audited", func(t *testing.T) {
			_, total, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: "item", EntityID: it.ID})
			if err != nil || total < 3 {
				t.Fatalf("%d audit entries (%v)", total, err)
			}
		})
	})
}

func TestDeleteDraft(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctb := as(f.Users[loa.RoleContributor])
		it := f.newItem(t, f.Unit, "Nháp bỏ")
		if err := db.DeleteItem(as(f.OtherCtb), it.ID); loa.ErrorCode(err) != loa.ENOTFOUND {
			t.Fatalf("other unit: %v", err)
		}
		if err := db.DeleteItem(ctb, it.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Item(ctb, it.ID); loa.ErrorCode(err) != loa.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
		sub := f.newItem(t, f.Unit, "Đã gửi")
		f.walk(t, sub.ID, loa.StatusSubmitted)
		if err := db.DeleteItem(as(f.Users[loa.RoleAdmin]), sub.ID); loa.ErrorCode(err) != loa.ECONFLICT {
			t.Fatalf("submitted: %v", err)
		}
	})
}

func TestPublishDue(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ed := as(f.Users[loa.RoleEditor])
		base := time.Now().UTC().Truncate(time.Second)
		due := f.newItem(t, f.Unit, "Đến giờ đăng")
		later := f.newItem(t, f.Unit, "Chưa đến giờ")
		unsched := f.newItem(t, f.Unit, "Không hẹn giờ")
		for _, it := range []*loa.Item{due, later, unsched} {
			f.walk(t, it.ID, loa.StatusApproved)
		}
		if err := db.ScheduleItem(ed, due.ID, base.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.ScheduleItem(ed, later.ID, base.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.ScheduleItem(ed, unsched.ID, base.Add(-time.Hour)); loa.ErrorFields(err)["scheduled_at"] == "" {
			t.Fatalf("a past time: %v", err)
		}
		if err := db.ScheduleItem(as(f.Users[loa.RoleContributor]), due.ID, base.Add(time.Hour)); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("a contributor scheduled: %v", err)
		}
		// Several instances run the job at the same moment: each item is published once.
		at := base.Add(2 * time.Minute)
		var wg sync.WaitGroup
		counts := make([]int, 4)
		errs := make([]error, 4)
		for i := range counts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				counts[i], errs[i] = db.PublishDue(ed, at)
			}()
		}
		wg.Wait()
		sum := 0
		for i := range counts {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			sum += counts[i]
		}
		if sum != 1 {
			t.Fatalf("published %d times, want once", sum)
		}
		if r := f.status(t, due.ID); r.Status != loa.StatusPublished || !r.PublishedAt.Equal(at) || !r.ScheduledAt.IsZero() {
			t.Fatalf("due item %s at %v", r.Status, r.PublishedAt)
		}
		pubs, _ := db.Publications(ed, due.ID)
		if len(pubs) != 1 || !pubs[0].PublishedOn.Equal(loa.DateOf(at)) {
			t.Fatalf("publications %+v", pubs)
		}
		for _, id := range []int64{later.ID, unsched.ID} {
			if r := f.status(t, id); r.Status != loa.StatusApproved {
				t.Fatalf("item %d is %s", id, r.Status)
			}
		}
		t.Run("the system publishes, through the workflow's transition", func(t *testing.T) {
			// A user in the context (a request that triggered the job) is not the actor.
			entries, _, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: "item", EntityID: due.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) == 0 || entries[0].Action != string(loa.ActionPublish) || entries[0].Actor != "system" ||
				!strings.Contains(entries[0].After, `"status":"published"`) {
				t.Fatalf("last audit entry %+v", entries)
			}
			events, err := db.ItemEvents(ed, due.ID)
			if err != nil {
				t.Fatal(err)
			}
			last := events[len(events)-1]
			if last.Action != string(loa.ActionPublish) || last.Actor != "Hệ thống" || last.Reason != "Đăng theo giờ đã hẹn" {
				t.Fatalf("last event %+v", last)
			}
		})
		t.Run("waits for the leader's sign-off when the setting is on", func(t *testing.T) {
			if err := db.SetLeaderApproval(context.Background(), true); err != nil {
				t.Fatal(err)
			}
			n, err := db.PublishDue(context.Background(), base.Add(2*time.Hour))
			if err != nil || n != 0 {
				t.Fatalf("published %d (%v) without the sign-off", n, err)
			}
			if err := db.Transition(as(f.Users[loa.RoleLeader]), later.ID, loa.ActionSignOff, ""); err != nil {
				t.Fatal(err)
			}
			if n, err := db.PublishDue(context.Background(), base.Add(2*time.Hour)); err != nil || n != 1 {
				t.Fatalf("published %d (%v) after the sign-off", n, err)
			}
		})
	})
}

func TestItemLists(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctx := context.Background()
		// Written in early 2024, one minute apart, so that a publication of March 2024
		// may be recorded (none may predate its item).
		written := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		mk := func(unit *loa.Unit, kind loa.ItemKind, title string, st loa.Status) *loa.Item {
			it := &loa.Item{Kind: kind, UnitID: unit.ID, Title: title}
			written = written.Add(time.Minute)
			if err := db.CreateItem(store.AtTime(ctx, written), it); err != nil {
				t.Fatal(err)
			}
			f.walk(t, it.ID, st)
			return it
		}
		mk(f.Unit, loa.KindNews, "A tin Hưng Hà nháp", loa.StatusDraft)
		mk(f.Unit, loa.KindArticle, "B bài Hưng Hà trả lại", loa.StatusReturned)
		c := mk(f.Unit, loa.KindNews, "C tin Hưng Hà đã đăng", loa.StatusPublished)
		d := mk(f.Other, loa.KindNews, "D tin Vũ Thư chờ duyệt", loa.StatusSubmitted)
		e := mk(f.Other, loa.KindResearch, "E bài Vũ Thư đã duyệt", loa.StatusApproved)
		if err := db.AddPublication(ctx, &loa.Publication{ItemID: e.ID, ChannelCode: "ptth", PublishedOn: mustDate(t, "2024-03-10")}); err != nil {
			t.Fatal(err)
		}
		ids := func(rows []*store.ItemRow) string {
			var s []string
			for _, r := range rows {
				s = append(s, r.Title[:1])
			}
			return strings.Join(s, "")
		}
		for _, tc := range []struct {
			name string
			ctx  context.Context
			f    store.ItemFilter
			want string
		}{
			{"all, by title", ctx, store.ItemFilter{Sort: "title"}, "ABCDE"},
			{"a contributor sees its unit only", as(f.Users[loa.RoleContributor]), store.ItemFilter{Sort: "title"}, "ABC"},
			{"even when asking for another unit", as(f.Users[loa.RoleContributor]), store.ItemFilter{UnitID: f.Other.ID}, ""},
			{"by unit", ctx, store.ItemFilter{UnitID: f.Other.ID, Sort: "title"}, "DE"},
			{"by kind", ctx, store.ItemFilter{Kind: loa.KindNews, Sort: "title"}, "ACD"},
			{"by status", ctx, store.ItemFilter{Statuses: []loa.Status{loa.StatusDraft, loa.StatusReturned}, Sort: "title"}, "AB"},
			{"by channel", ctx, store.ItemFilter{ChannelID: f.PTTH.ID}, "E"},
			{"by channel and dates", ctx, store.ItemFilter{ChannelID: f.PTTH.ID, From: mustDate(t, "2024-04-01")}, ""},
			{"by first publication", ctx, store.ItemFilter{From: mustDate(t, "2024-03-01"), To: mustDate(t, "2024-03-31")}, "E"},
			{"title descending pages", ctx, store.ItemFilter{Sort: "title", Page: store.Page{Number: 2, Size: 2}}, "CD"},
			{"waiting for the contributor", as(f.Users[loa.RoleContributor]), store.ItemFilter{WaitingFor: loa.RoleContributor, Sort: "title"}, "AB"},
			{"waiting for the editor", ctx, store.ItemFilter{WaitingFor: loa.RoleEditor, Sort: "title"}, "DE"},
			{"waiting for the leader", ctx, store.ItemFilter{WaitingFor: loa.RoleLeader, Sort: "title"}, "D"},
			{"waiting for a viewer", ctx, store.ItemFilter{WaitingFor: loa.RoleViewer}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rows, total, err := db.Items(tc.ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if got := ids(rows); got != tc.want {
					t.Fatalf("got %q, want %q", got, tc.want)
				}
				if tc.f.Page.Number == 0 && total != len(tc.want) {
					t.Fatalf("total %d, want %d", total, len(tc.want))
				}
			})
		}
		t.Run("every sort runs", func(t *testing.T) {
			for name := range store.ItemSorts {
				if _, total, err := db.Items(ctx, store.ItemFilter{Sort: name}); err != nil || total != 5 {
					t.Errorf("sort %s: %d items, %v", name, total, err)
				}
			}
			rows, _, _ := db.Items(ctx, store.ItemFilter{Sort: "published"})
			if rows[0].ID != e.ID && rows[0].ID != c.ID {
				t.Errorf("published first: %q", rows[0].Title)
			}
		})
		t.Run("channels and authors on rows", func(t *testing.T) {
			rows, _, _ := db.Items(ctx, store.ItemFilter{Sort: "title"})
			if got := strings.Join(rows[2].Channels, ","); got != "site" {
				t.Fatalf("C's channels %q", got)
			}
			if got := strings.Join(rows[4].Channels, ","); got != "ptth" {
				t.Fatalf("E's channels %q", got)
			}
		})
		t.Run("counts by status and kind", func(t *testing.T) {
			c, err := db.CountItems(ctx, store.ItemFilter{Statuses: []loa.Status{loa.StatusDraft}, Kind: loa.KindNews})
			if err != nil {
				t.Fatal(err)
			}
			// By status: every status, news only (A, C, D). By kind: drafts only (A).
			if c.Total != 3 || c.ByStatus[loa.StatusDraft] != 1 || c.ByStatus[loa.StatusPublished] != 1 || c.ByStatus[loa.StatusSubmitted] != 1 {
				t.Fatalf("by status %+v", c)
			}
			if c.ByKind[loa.KindNews] != 1 || c.ByKind[loa.KindArticle] != 0 {
				t.Fatalf("by kind %+v", c.ByKind)
			}
			cc, _ := db.CountItems(as(f.Users[loa.RoleContributor]), store.ItemFilter{})
			if cc.Total != 3 {
				t.Fatalf("a contributor counts %d, want its unit's 3", cc.Total)
			}
		})
		t.Run("waiting list for the signed-in role, longest first", func(t *testing.T) {
			rows, total, err := db.ItemsWaitingFor(as(f.Users[loa.RoleEditor]), store.Page{})
			if err != nil || total != 2 || rows[0].ID != d.ID {
				t.Fatalf("got %d %v (%v)", total, ids(rows), err)
			}
		})
	})
}

func TestPublications(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctb := as(f.Users[loa.RoleContributor])
		it := f.newItem(t, f.Unit, "Phóng sự về ngành")
		other := f.newItem(t, f.Other, "Tin Vũ Thư")
		p := &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-07-26"), URL: "https://ptth.example/ps-1", Note: "Bản tin 19h"}
		sec := as(f.Users[loa.RoleSecretary])
		t.Run("a contributor declares its unit's broadcast, the secretary confirms it", func(t *testing.T) {
			if err := db.AddPublication(ctb, p); err != nil {
				t.Fatal(err)
			}
			if r := f.status(t, it.ID); p.Status != loa.PublicationDeclared || !r.FirstPub.IsZero() {
				t.Fatalf("declared %s, first_pub %v", p.Status, r.FirstPub)
			}
			if err := db.ConfirmPublications(sec, []int64{p.ID}); err != nil {
				t.Fatal(err)
			}
			if r := f.status(t, it.ID); r.FirstPub.String() != "2024-07-26" {
				t.Fatalf("first_pub %v", r.FirstPub)
			}
		})
		t.Run("the same channel and day twice is refused", func(t *testing.T) {
			dup := *p
			dup.ID = 0
			if err := db.AddPublication(ctb, &dup); loa.ErrorFields(err)["published_on"] == "" {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("not on the site, not for another unit", func(t *testing.T) {
			err := db.AddPublication(ctb, &loa.Publication{ItemID: it.ID, ChannelID: f.Site.ID, PublishedOn: mustDate(t, "2024-07-26")})
			if loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("site: %v", err)
			}
			err = db.AddPublication(ctb, &loa.Publication{ItemID: other.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-07-26")})
			if loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("other unit: %v", err)
			}
			err = db.AddPublication(as(f.Users[loa.RoleViewer]), &loa.Publication{ItemID: other.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-07-26")})
			if loa.ErrorCode(err) != loa.EFORBIDDEN {
				t.Fatalf("viewer: %v", err)
			}
		})
		t.Run("the secretary records any unit's", func(t *testing.T) {
			if err := db.AddPublication(as(f.Users[loa.RoleSecretary]), &loa.Publication{ItemID: other.ID, ChannelCode: "bvpl",
				PublishedOn: mustDate(t, "2024-08-01")}); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("correct a wrong date, then delete, all audited", func(t *testing.T) {
			p.PublishedOn = mustDate(t, "2024-07-25")
			if err := db.UpdatePublication(ctb, p); err != nil {
				t.Fatal(err)
			}
			// The contributor's correction is declared again, to be confirmed again.
			if r := f.status(t, it.ID); p.Status != loa.PublicationDeclared || !r.FirstPub.IsZero() {
				t.Fatalf("corrected: %s, first_pub %v", p.Status, r.FirstPub)
			}
			if err := db.ConfirmPublications(sec, []int64{p.ID}); err != nil {
				t.Fatal(err)
			}
			if r := f.status(t, it.ID); r.FirstPub.String() != "2024-07-25" {
				t.Fatalf("first_pub %v after the correction", r.FirstPub)
			}
			if err := db.DeletePublication(as(f.OtherCtb), p.ID); loa.ErrorCode(err) != loa.ENOTFOUND {
				t.Fatalf("other unit deleting: %v", err)
			}
			if err := db.DeletePublication(ctb, p.ID); err != nil {
				t.Fatal(err)
			}
			if r := f.status(t, it.ID); !r.FirstPub.IsZero() {
				t.Fatalf("first_pub %v after delete", r.FirstPub)
			}
			entries, total, _ := db.AuditLog(context.Background(), store.AuditFilter{Entity: "publication", EntityID: p.ID})
			if total != 5 || entries[0].Action != "delete" || entries[0].Actor != f.Users[loa.RoleContributor].Email {
				t.Fatalf("audit %d %+v", total, entries)
			}
		})
		t.Run("the site's publication of a live item is withdrawn, not deleted", func(t *testing.T) {
			f.walk(t, it.ID, loa.StatusPublished)
			pubs, _ := db.Publications(ctb, it.ID)
			if err := db.DeletePublication(as(f.Users[loa.RoleEditor]), pubs[0].ID); loa.ErrorCode(err) != loa.ECONFLICT {
				t.Fatalf("got %v", err)
			}
		})
	})
}

func TestChannelsAdmin(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		sec := as(f.Users[loa.RoleSecretary])
		c := &loa.Channel{Code: "baothaibinh", Name: "Báo Thái Bình", Type: loa.ChannelPress}
		if err := db.CreateChannel(sec, c); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateChannel(sec, &loa.Channel{Code: "baothaibinh", Name: "x", Type: loa.ChannelPress}); loa.ErrorFields(err)["code"] == "" {
			t.Fatalf("duplicate code: %v", err)
		}
		if err := db.CreateChannel(as(f.Users[loa.RoleEditor]), &loa.Channel{Code: "x", Name: "x", Type: loa.ChannelPress}); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("editor: %v", err)
		}
		c.Name, c.Code = "Báo Thái Bình điện tử", "tbo"
		if err := db.UpdateChannel(sec, c); err != nil {
			t.Fatal(err)
		}
		got, err := db.Channel(sec, c.ID)
		if err != nil || got.Code != "tbo" || got.Name != "Báo Thái Bình điện tử" {
			t.Fatalf("got %+v %v", got, err)
		}
		c.Code = "site"
		if err := db.UpdateChannel(sec, c); loa.ErrorFields(err)["code"] == "" {
			t.Fatalf("taking another's code: %v", err)
		}
	})
}

// TestAssignmentsFollowTheItem: an assignment linked to an item becomes submitted
// when the item is submitted and done when it is first published.
func TestAssignmentsFollowTheItem(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		ctx := context.Background()
		it := f.newItem(t, f.Unit, "Tin tri ân anh hùng liệt sĩ")
		a := &loa.Assignment{UnitID: f.Unit.ID, Kind: loa.KindNews, Title: "Tin tri ân 27/7", Due: loa.Today().AddDays(30)}
		if err := db.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkAssignmentItem(ctx, a.ID, it.ID); err != nil {
			t.Fatal(err)
		}
		state := func() loa.AssignmentState {
			got, err := db.Assignment(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.State
		}
		if err := db.Transition(as(f.Users[loa.RoleContributor]), it.ID, loa.ActionSubmit, ""); err != nil {
			t.Fatal(err)
		}
		if got := state(); got != loa.AssignmentSubmitted {
			t.Fatalf("after submit: %s", got)
		}
		if err := db.Transition(as(f.Users[loa.RoleEditor]), it.ID, loa.ActionApprove, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.Transition(as(f.Users[loa.RoleEditor]), it.ID, loa.ActionPublish, ""); err != nil {
			t.Fatal(err)
		}
		if got := state(); got != loa.AssignmentDone {
			t.Fatalf("after publish: %s", got)
		}
	})
}

// An internal error says which operation it interrupted, once; an error for the
// user keeps its code and its message as they are.
func TestErrorsCarryTheirOperation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		it := f.newItem(t, f.Unit, "Tin thử")
		f.walk(t, it.ID, loa.StatusApproved)
		err := db.Transition(as(f.Users[loa.RoleContributor]), it.ID, loa.ActionPublish, "")
		if loa.ErrorCode(err) != loa.EFORBIDDEN || strings.HasPrefix(err.Error(), "store:") {
			t.Fatalf("a refusal: %v", err)
		}
		db.Close()
		err = db.Transition(context.Background(), it.ID, loa.ActionPublish, "")
		want := fmt.Sprintf("store: publish item %d: ", it.ID)
		if loa.ErrorCode(err) != loa.EINTERNAL || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "store:") != 1 {
			t.Fatalf("got %v, want an internal error starting %q", err, want)
		}
	})
}

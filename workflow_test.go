package loa_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"loa"
)

// expected is the workflow written out a second time, by role, as DESIGN.md reads:
// the statuses from which each role may take each action. The test compares
// CanTransition with it for every role, status, action and sign-off state.
var expected = map[loa.Role]map[loa.Action][]loa.Status{
	loa.RoleAdmin: {
		loa.ActionSubmit:   {loa.StatusDraft, loa.StatusReturned},
		loa.ActionReturn:   {loa.StatusSubmitted, loa.StatusApproved},
		loa.ActionApprove:  {loa.StatusSubmitted},
		loa.ActionSignOff:  {loa.StatusApproved},
		loa.ActionPublish:  {loa.StatusApproved},
		loa.ActionWithdraw: {loa.StatusPublished},
	},
	loa.RoleLeader: {
		loa.ActionReturn:   {loa.StatusSubmitted, loa.StatusApproved},
		loa.ActionApprove:  {loa.StatusSubmitted},
		loa.ActionSignOff:  {loa.StatusApproved},
		loa.ActionWithdraw: {loa.StatusPublished},
	},
	loa.RoleSecretary: {
		loa.ActionSubmit: {loa.StatusDraft, loa.StatusReturned},
	},
	loa.RoleEditor: {
		loa.ActionSubmit:   {loa.StatusDraft, loa.StatusReturned},
		loa.ActionReturn:   {loa.StatusSubmitted, loa.StatusApproved},
		loa.ActionApprove:  {loa.StatusSubmitted},
		loa.ActionPublish:  {loa.StatusApproved},
		loa.ActionWithdraw: {loa.StatusPublished},
	},
	loa.RoleContributor: {
		loa.ActionSubmit: {loa.StatusDraft, loa.StatusReturned},
	},
	loa.RoleViewer: {},
}

func TestCanTransitionEveryRoleStatusAction(t *testing.T) {
	const own, other = 7, 8
	for _, role := range loa.Roles {
		u := &loa.User{ID: 1, Role: role}
		if role == loa.RoleContributor {
			u.UnitID = own
		}
		for _, st := range loa.Statuses {
			for _, a := range loa.Actions {
				for _, setting := range []bool{false, true} {
					for _, signed := range []bool{false, true} {
						for _, unit := range []int64{own, other} {
							name := fmt.Sprintf("%s/%s/%s/leader=%v/signed=%v/unit=%d", role, st, a, setting, signed, unit)
							err := loa.CanTransition(u, loa.ItemState{UnitID: unit, Status: st, SignedOff: signed}, a, setting)
							roleMay := len(expected[role][a]) > 0
							statusOK := slices.Contains(expected[role][a], st)
							if a == loa.ActionSignOff {
								statusOK = statusOK && setting && !signed
							}
							if a == loa.ActionPublish {
								statusOK = statusOK && (!setting || signed)
							}
							unitOK := role != loa.RoleContributor || unit == own
							var want string
							switch {
							case !roleMay || !unitOK:
								want = loa.EFORBIDDEN
							case !statusOK:
								want = loa.ECONFLICT
							}
							if got := loa.ErrorCode(err); got != want {
								t.Errorf("%s: got %q (%v), want %q", name, got, err, want)
							}
						}
					}
				}
			}
		}
	}
}

func TestCanTransitionRefusals(t *testing.T) {
	editor := &loa.User{Role: loa.RoleEditor}
	t.Run("anonymous", func(t *testing.T) {
		err := loa.CanTransition(nil, loa.ItemState{UnitID: 1, Status: loa.StatusDraft}, loa.ActionSubmit, false)
		if loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("got %v, want forbidden", err)
		}
	})
	t.Run("unknown action", func(t *testing.T) {
		err := loa.CanTransition(editor, loa.ItemState{UnitID: 1, Status: loa.StatusDraft}, "delete", false)
		if loa.ErrorCode(err) != loa.EINVALID {
			t.Fatalf("got %v, want invalid", err)
		}
	})
	t.Run("publishing waits for the leader when the setting is on", func(t *testing.T) {
		err := loa.CanTransition(editor, loa.ItemState{UnitID: 1, Status: loa.StatusApproved}, loa.ActionPublish, true)
		if !strings.Contains(loa.ErrorMessage(err), "lãnh đạo") {
			t.Fatalf("got %v, want a message naming the leader", err)
		}
	})
}

func TestWorkflowTable(t *testing.T) {
	for _, tr := range loa.Workflow {
		if !tr.Action.Valid() || !slices.Contains(loa.Statuses, tr.To) {
			t.Errorf("bad row %+v", tr)
		}
		if loa.ActionNames[tr.Action] == "" {
			t.Errorf("%s has no name", tr.Action)
		}
	}
	for _, a := range []loa.Action{loa.ActionReturn, loa.ActionWithdraw} {
		if !loa.NeedsReason(a) {
			t.Errorf("%s must require a reason", a)
		}
	}
	for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish, loa.ActionSignOff} {
		if loa.NeedsReason(a) {
			t.Errorf("%s must not require a reason", a)
		}
	}
}

func TestCanEdit(t *testing.T) {
	const own, other = 7, 8
	for _, role := range loa.Roles {
		u := &loa.User{Role: role}
		if role == loa.RoleContributor {
			u.UnitID = own
		}
		for _, st := range loa.Statuses {
			for _, unit := range []int64{own, other} {
				var want string
				early := st == loa.StatusDraft || st == loa.StatusReturned
				switch role {
				case loa.RoleAdmin, loa.RoleEditor:
					if st == loa.StatusWithdrawn {
						want = loa.ECONFLICT
					}
				case loa.RoleSecretary:
					if !early {
						want = loa.ECONFLICT
					}
				case loa.RoleContributor:
					if unit != own {
						want = loa.EFORBIDDEN
					} else if !early {
						want = loa.ECONFLICT
					}
				default:
					want = loa.EFORBIDDEN
				}
				if got := loa.ErrorCode(loa.CanEdit(u, unit, st)); got != want {
					t.Errorf("%s/%s/unit=%d: got %q, want %q", role, st, unit, got, want)
				}
			}
		}
	}
}

func TestCanCreateReadComment(t *testing.T) {
	c := &loa.User{Role: loa.RoleContributor, UnitID: 7}
	if loa.CanCreate(c, 7) != nil || loa.ErrorCode(loa.CanCreate(c, 8)) != loa.EFORBIDDEN {
		t.Error("a contributor creates for its own unit only")
	}
	for _, r := range []loa.Role{loa.RoleLeader, loa.RoleViewer} {
		if loa.ErrorCode(loa.CanCreate(&loa.User{Role: r}, 7)) != loa.EFORBIDDEN {
			t.Errorf("%s must not create items", r)
		}
	}
	if !loa.CanRead(c, 7) || loa.CanRead(c, 8) || loa.CanRead(nil, 7) {
		t.Error("CanRead: contributor own unit only, public never")
	}
	if !loa.CanRead(&loa.User{Role: loa.RoleViewer}, 8) {
		t.Error("a viewer reads every unit")
	}
	if loa.CanComment(&loa.User{Role: loa.RoleViewer}, 8) || !loa.CanComment(c, 7) || loa.CanComment(c, 8) {
		t.Error("CanComment")
	}
}

func TestCanRecordPublication(t *testing.T) {
	c := &loa.User{Role: loa.RoleContributor, UnitID: 7}
	for _, tc := range []struct {
		name string
		u    *loa.User
		unit int64
		ct   loa.ChannelType
		want string
	}{
		{"contributor, own unit, radio-TV", c, 7, loa.ChannelRadioTV, ""},
		{"contributor, own unit, newspaper", c, 7, loa.ChannelPress, ""},
		{"contributor, own unit, the site", c, 7, loa.ChannelSite, loa.EFORBIDDEN},
		{"contributor, other unit", c, 8, loa.ChannelRadioTV, loa.EFORBIDDEN},
		{"secretary, any unit", &loa.User{Role: loa.RoleSecretary}, 8, loa.ChannelSector, ""},
		{"editor, the site", &loa.User{Role: loa.RoleEditor}, 8, loa.ChannelSite, ""},
		{"admin", &loa.User{Role: loa.RoleAdmin}, 8, loa.ChannelPress, ""},
		{"leader", &loa.User{Role: loa.RoleLeader}, 8, loa.ChannelPress, loa.EFORBIDDEN},
		{"viewer", &loa.User{Role: loa.RoleViewer}, 8, loa.ChannelPress, loa.EFORBIDDEN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := loa.ErrorCode(loa.CanRecordPublication(tc.u, tc.unit, tc.ct)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestItemValidate(t *testing.T) {
	it := &loa.Item{Title: "  Họp Ban  ", Kind: loa.KindNews, UnitID: 1,
		Authors: []loa.Author{{Name: " Bùi Thảo "}, {Name: "  "}, {PersonID: 3, Name: "Nguyễn Anh Đức"}}}
	if err := it.Validate(); err != nil {
		t.Fatal(err)
	}
	if it.Title != "Họp Ban" || len(it.Authors) != 2 || it.Authors[0].Name != "Bùi Thảo" {
		t.Fatalf("got %+v", it)
	}
	bad := &loa.Item{Kind: "blog", Title: strings.Repeat("x", loa.MaxTitle+1)}
	f := loa.ErrorFields(bad.Validate())
	for _, k := range []string{"title", "kind", "unit_id"} {
		if f[k] == "" {
			t.Errorf("no error on %s: %v", k, f)
		}
	}
}

func TestPublicationValidate(t *testing.T) {
	p := &loa.Publication{ItemID: 1, ChannelID: 2, PublishedOn: loa.NewDate(2024, 6, 6), URL: "javascript:alert(1)"}
	if loa.ErrorFields(p.Validate())["url"] == "" {
		t.Fatal("a javascript: URL must be refused")
	}
	p.URL = "https://baothaibinh.example/tin-1"
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if loa.ErrorFields((&loa.Publication{ItemID: 1, ChannelID: 2}).Validate())["published_on"] == "" {
		t.Fatal("a publication needs a date")
	}
}

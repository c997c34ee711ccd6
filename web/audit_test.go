package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// auditCase is how TestAuditCompleteness uses one mutating route: as role, with the
// path and the valid form that setup returns, it expects a success and then a new
// audit entry about entity with the JSON that want names: "after" for a create,
// "both" for an update, "before" for a delete. A route that changes no record says
// why in exempt instead.
type auditCase struct {
	role   loa.Role
	setup  func(t *testing.T, fx *auditFixture) (path string, form url.Values)
	entity string
	want   string // "after", "both" or "before"
	exempt string
	// files, when set, are sent with the form as multipart.
	files func(t *testing.T, fx *auditFixture) []namedFile
}

// auditFixture is what the scenarios build on: the board's data (people, published
// items, an emulation period, a meeting …) on a running app.
type auditFixture struct {
	app *testApp
	*boardData
	n int // a counter for unique names
}

// next returns a number not used before in this fixture, for unique codes and names.
func (fx *auditFixture) next() int { fx.n++; return fx.n }

// draft writes a draft item of unit through the store, as the system.
func (fx *auditFixture) draft(t *testing.T, unit *loa.Unit) int64 {
	t.Helper()
	it := &loa.Item{Kind: loa.KindNews, UnitID: unit.ID, Title: fmt.Sprintf("Tin nháp số %d", fx.next()), Body: "<p>Nội dung</p>"}
	if err := fx.app.DB.CreateItem(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	return it.ID
}

// periodItem writes a research item of the app's unit by fx.other, published in the
// emulation period: evidence for one nomination (an item supports one per period).
func (fx *auditFixture) periodItem(t *testing.T) int64 {
	t.Helper()
	return boardItem(t, fx.app.DB, fx.app.Unit, loa.KindResearch, fmt.Sprintf("Bài trong đợt số %d", fx.next()), fx.other, fx.bvpl, "2024-06-15")
}

// inStatus writes an item of unit and takes it, as the system, through the steps.
func (fx *auditFixture) inStatus(t *testing.T, unit *loa.Unit, steps ...loa.Action) int64 {
	t.Helper()
	id := fx.draft(t, unit)
	for _, a := range steps {
		if err := fx.app.DB.Transition(context.Background(), id, a, "Lý do thử"); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
	return id
}

func (fx *auditFixture) version(t *testing.T, id int64) string {
	t.Helper()
	it, err := fx.app.DB.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(it.Version)
}

func id64(id int64) string { return strconv.FormatInt(id, 10) }

// auditCases holds a line for every mutating route. Features add theirs from init
// functions in their own test files, as they do for expectedAccess.
var auditCases = map[string]auditCase{
	"POST /login":         {exempt: "signing in changes no record (the session store is not audited data)"},
	"POST /logout":        {exempt: "signing out changes no record"},
	"POST /lang":          {exempt: "sets the language cookie only"},
	"POST /quen-mat-khau": {exempt: "without mail (as here) it changes nothing; with mail, TestPasswordResetByMail checks its audited create password_reset"},
	"POST /dat-lai-mat-khau": {role: loa.RoleEditor, entity: "user", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			token, _, err := fx.app.DB.CreatePasswordReset(context.Background(), fx.app.Users[loa.RoleEditor].Email)
			if err != nil {
				t.Fatal(err)
			}
			// The same password again: a new hash all the same, and the other cases still sign in.
			return "/dat-lai-mat-khau", url.Values{"t": {token}, "new": {testPassword}, "confirm": {testPassword}}
		}},

	"POST /app/account/password": {role: loa.RoleViewer, entity: "user", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/account/password", url.Values{"current": {testPassword}, "new": {"mat-khau-moi-12345"}, "confirm": {"mat-khau-moi-12345"}}
		}},

	"POST /app/settings/documents": {role: loa.RoleLeader, entity: "setting", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/settings/documents", url.Values{"signer_name": {fmt.Sprintf("Người ký %d", fx.next())}}
		}},

	"POST /app/reports/narrative": {role: loa.RoleSecretary, entity: "report_narrative", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return fmt.Sprintf("/app/reports/narrative?period=%d-H1", 2000+fx.next()), url.Values{"results": {"Kết quả do thư ký viết."}}
		}},

	"POST /app/units": {role: loa.RoleSecretary, entity: "unit", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/units", url.Values{"code": {fmt.Sprintf("TB-MOI%d", fx.next())}, "name": {"Viện kiểm sát khu vực mới"}, "kind": {string(loa.UnitDistrict)}}
		}},
	"POST /app/units/{id}": {role: loa.RoleSecretary, entity: "unit", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			u := fx.unit(t)
			return "/app/units/" + id64(u.ID), url.Values{"code": {u.Code}, "name": {u.Name + " (sửa)"}, "kind": {string(u.Kind)}, "version": {strconv.Itoa(u.Version)}}
		}},
	"POST /app/units/{id}/delete": {role: loa.RoleSecretary, entity: "unit", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/units/" + id64(fx.unit(t).ID) + "/delete", url.Values{}
		}},

	"POST /app/people": {role: loa.RoleSecretary, entity: "person", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/people", url.Values{"name": {"Trần Văn Mới"}, "title": {"Kiểm sát viên"}}
		}},
	"POST /app/people/{id}": {role: loa.RoleSecretary, entity: "person", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			p := fx.person(t)
			return "/app/people/" + id64(p.ID), url.Values{"name": {p.Name + " Sửa"}, "version": {strconv.Itoa(p.Version)}}
		}},
	"POST /app/people/{id}/postings": {role: loa.RoleSecretary, entity: "posting", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/people/" + id64(fx.person(t).ID) + "/postings", url.Values{"unit_id": {id64(fx.app.Unit.ID)}, "position": {"Kiểm sát viên"}, "from": {"01/01/2024"}}
		}},
	"POST /app/postings/{id}/end": {role: loa.RoleSecretary, entity: "posting", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			p := &loa.Posting{PersonID: fx.person(t).ID, UnitID: fx.app.Unit.ID, Position: "Chuyên viên", From: boardDate(t, "2024-01-01")}
			if err := fx.app.DB.AddPosting(context.Background(), p); err != nil {
				t.Fatal(err)
			}
			return "/app/postings/" + id64(p.ID) + "/end", url.Values{"to": {"30/06/2024"}}
		}},
	"POST /app/board": {role: loa.RoleSecretary, entity: "membership", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/board", url.Values{"person_id": {id64(fx.person(t).ID)}, "role": {string(loa.BoardMember)}, "from": {"01/01/2024"}}
		}},
	"POST /app/board/{id}/end": {role: loa.RoleSecretary, entity: "membership", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			m := &loa.Membership{PersonID: fx.person(t).ID, Role: loa.BoardMember, From: boardDate(t, "2024-01-01")}
			if err := fx.app.DB.AddMembership(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			return "/app/board/" + id64(m.ID) + "/end", url.Values{"to": {"30/06/2024"}}
		}},
	"POST /app/contacts": {role: loa.RoleSecretary, entity: "contact", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/contacts", url.Values{"unit_id": {id64(fx.unit(t).ID)}, "person_id": {id64(fx.person(t).ID)}, "from": {"01/01/2024"}}
		}},
	"POST /app/contacts/{id}/end": {role: loa.RoleSecretary, entity: "contact", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			c := &loa.Contact{UnitID: fx.unit(t).ID, PersonID: fx.person(t).ID, From: boardDate(t, "2024-01-01")}
			if err := fx.app.DB.SetContact(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			return "/app/contacts/" + id64(c.ID) + "/end", url.Values{"to": {"30/06/2024"}}
		}},

	"POST /app/users": {role: loa.RoleAdmin, entity: "user", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/users", url.Values{"email": {fmt.Sprintf("moi%d@loa.test", fx.next())}, "name": {"Người mới"}, "role": {string(loa.RoleViewer)},
				"active": {"1"}, "password": {"mat-khau-du-dai-1"}}
		}},
	"POST /app/users/{id}": {role: loa.RoleAdmin, entity: "user", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			u := fx.app.Users[loa.RoleEditor]
			return "/app/users/" + id64(u.ID), url.Values{"email": {u.Email}, "name": {u.Name + " (sửa)"}, "role": {string(u.Role)}, "active": {"1"}}
		}},

	"POST /app/items/settings": {role: loa.RoleAdmin, entity: "setting", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/settings", url.Values{"leader_approval": {"0"}}
		}},
	"POST /app/items": {role: loa.RoleContributor, entity: "item", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items", url.Values{"kind": {string(loa.KindNews)}, "unit_id": {id64(fx.app.Unit.ID)}, "title": {"Tin mới của huyện"}, "body": {"<p>Nội dung</p>"}}
		}},
	"POST /app/items/{id}": {role: loa.RoleContributor, entity: "item", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			id := fx.draft(t, fx.app.Unit)
			return "/app/items/" + id64(id), url.Values{"kind": {string(loa.KindNews)}, "unit_id": {id64(fx.app.Unit.ID)}, "title": {"Tiêu đề đã sửa"},
				"body": {"<p>Nội dung đã sửa</p>"}, "version": {fx.version(t, id)}}
		}},
	"POST /app/items/{id}/delete": {role: loa.RoleContributor, entity: "item", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.draft(t, fx.app.Unit)) + "/delete", url.Values{}
		}},
	"POST /app/items/{id}/transition": {role: loa.RoleContributor, entity: "item", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.draft(t, fx.app.Unit)) + "/transition", url.Values{"action": {string(loa.ActionSubmit)}}
		}},
	"POST /app/items/{id}/schedule": {role: loa.RoleEditor, entity: "item", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			id := fx.inStatus(t, fx.app.Unit, loa.ActionSubmit, loa.ActionApprove)
			return "/app/items/" + id64(id) + "/schedule", url.Values{"scheduled_at": {"2099-01-02T08:00"}}
		}},
	"POST /app/items/{id}/approve-publish": {role: loa.RoleEditor, entity: "item", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.inStatus(t, fx.app.Unit, loa.ActionSubmit)) + "/approve-publish", url.Values{"when": {"now"}}
		}},
	"POST /app/items/{id}/pictures": {role: loa.RoleContributor, entity: "media", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.draft(t, fx.app.Unit)) + "/pictures", url.Values{"caption": {"Toàn cảnh hội nghị"}}
		},
		files: func(t *testing.T, fx *auditFixture) []namedFile {
			return []namedFile{{"picture", "hoi-nghi.png", pngBytes(t, 40, 30)}}
		}},
	"POST /app/items/{id}/comments": {role: loa.RoleEditor, entity: "comment", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.inStatus(t, fx.app.Unit, loa.ActionSubmit)) + "/comments", url.Values{"comment": {"Xin bổ sung ảnh."}}
		}},
	"POST /app/items/{id}/publications": {role: loa.RoleContributor, entity: "publication", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/items/" + id64(fx.inStatus(t, fx.app.Unit, loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)) + "/publications",
				url.Values{"channel_id": {id64(fx.bvpl.ID)}, "published_on": {loa.Today().Display()}, "url": {"https://baovephapluat.vn/bai-1"}}
		}},
	"POST /app/publications/{id}": {role: loa.RoleContributor, entity: "publication", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			p := fx.publication(t)
			return "/app/publications/" + id64(p.ID), url.Values{"channel_id": {id64(fx.bvpl.ID)}, "published_on": {loa.Today().Display()}, "url": {"https://baovephapluat.vn/bai-2"}}
		}},
	"POST /app/publications/{id}/delete": {role: loa.RoleContributor, entity: "publication", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/publications/" + id64(fx.publication(t).ID) + "/delete", url.Values{}
		}},
	"POST /app/channels": {role: loa.RoleSecretary, entity: "channel", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/channels", url.Values{"code": {fmt.Sprintf("kenh%d", fx.next())}, "name": {"Đài Phát thanh"}, "type": {string(loa.ChannelSector)}}
		}},
	"POST /app/channels/{id}": {role: loa.RoleSecretary, entity: "channel", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/channels/" + id64(fx.bvpl.ID), url.Values{"code": {"bvpl"}, "name": {"Báo BVPL điện tử"}, "type": {string(loa.ChannelSector)}}
		}},

	"POST /app/plans": {role: loa.RoleSecretary, entity: "plan", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/plans", url.Values{"year": {strconv.Itoa(2000 + fx.next())}, "title": {"Kế hoạch tuyên truyền"}}
		}},
	"POST /app/plans/{id}": {role: loa.RoleSecretary, entity: "plan", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			y := 2100 + fx.next()
			p := &loa.Plan{Year: y, Title: "Kế hoạch cũ"}
			if err := fx.app.DB.SavePlan(context.Background(), p); err != nil {
				t.Fatal(err)
			}
			return "/app/plans/" + id64(p.ID), url.Values{"year": {strconv.Itoa(y)}, "title": {"Kế hoạch đã sửa"}, "version": {strconv.Itoa(p.Version)}}
		}},
	"POST /app/quotas": {role: loa.RoleSecretary, entity: "quota", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/quotas", url.Values{"period": {"2024-H1"}, store.QuotaField(fx.app.Unit.ID, "any"): {"12"}}
		}},
	"POST /app/themes": {role: loa.RoleSecretary, entity: "theme", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/themes", url.Values{"period": {"2024-H2"}, "title": {fmt.Sprintf("Chủ đề %d", fx.next())}, "day": {"26/07/2024"}}
		}},
	"POST /app/themes/{id}/delete": {role: loa.RoleSecretary, entity: "theme", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			th := &loa.Theme{Period: "2024-H2", Title: fmt.Sprintf("Chủ đề xoá %d", fx.next())}
			if err := fx.app.DB.SaveTheme(context.Background(), loa.DefaultYearStart, th); err != nil {
				t.Fatal(err)
			}
			return "/app/themes/" + id64(th.ID) + "/delete", url.Values{}
		}},
	"POST /app/themes/{id}/code": {role: loa.RoleSecretary, entity: "theme", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			th := &loa.Theme{Period: "2024-H2", Title: fmt.Sprintf("Chủ đề mã %d", fx.next())}
			if err := fx.app.DB.SaveTheme(context.Background(), loa.DefaultYearStart, th); err != nil {
				t.Fatal(err)
			}
			return "/app/themes/" + id64(th.ID) + "/code", url.Values{"code": {fmt.Sprintf("MA-%d", th.ID)}}
		}},
	"POST /app/assignments": {role: loa.RoleSecretary, entity: "assignment", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/assignments", url.Values{"unit_id": {id64(fx.app.Unit.ID)}, "kind": {string(loa.KindArticle)}, "title": {"Bài về chuyển đổi số"},
				"due": {loa.Today().AddDays(30).Display()}}
		}},
	"POST /app/assignments/{id}/state": {role: loa.RoleContributor, entity: "assignment", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			a := fx.assignment(t)
			return "/app/assignments/" + id64(a.ID) + "/state", url.Values{"state": {string(loa.AssignmentInProgress)}, "version": {strconv.Itoa(a.Version)}}
		}},
	"POST /app/assignments/{id}/item": {role: loa.RoleContributor, entity: "assignment", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/assignments/" + id64(fx.assignment(t).ID) + "/item", url.Values{"item_id": {id64(fx.draft(t, fx.app.Unit))}}
		}},

	"POST /app/documents": {role: loa.RoleSecretary, entity: "document", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/documents", url.Values{"number": {fmt.Sprintf("%02d/CT-VKSTC", fx.next())}, "kind": {string(store.DocDirective)},
				"issuer": {"VKSND tối cao"}, "issued_on": {"05/03/2024"}, "title": {"Chỉ thị về công tác tuyên truyền"}}
		}},
	"POST /app/documents/{id}": {role: loa.RoleSecretary, entity: "document", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			d := fx.document(t)
			return "/app/documents/" + id64(d.ID), url.Values{"number": {d.Number}, "kind": {string(d.Kind)}, "issuer": {d.Issuer},
				"issued_on": {d.IssuedOn.Display()}, "title": {d.Title + " (sửa)"}, "version": {strconv.Itoa(d.Version)}}
		}},
	"POST /app/documents/{id}/delete": {role: loa.RoleSecretary, entity: "document", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/documents/" + id64(fx.document(t).ID) + "/delete", url.Values{}
		}},

	"POST /app/emulation": {role: loa.RoleSecretary, entity: "emulation_period", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/emulation", url.Values{"name": {"Đợt tháng 6"}, "from": {"01/06/2024"}, "to": {"30/06/2024"}, "weight_kind_research": {"3"}}
		}},
	"POST /app/emulation/{id}": {role: loa.RoleSecretary, entity: "emulation_period", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			p, err := fx.app.DB.EmulationPeriod(context.Background(), fx.period.ID)
			if err != nil {
				t.Fatal(err)
			}
			return "/app/emulation/" + id64(p.ID), url.Values{"name": {p.Name + " (sửa)"}, "from": {p.From.Display()}, "to": {p.To.Display()},
				"version": {strconv.Itoa(p.Version)}}
		}},
	"POST /app/emulation/{id}/nominations": {role: loa.RoleSecretary, entity: "nomination", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			item := fx.periodItem(t)
			return "/app/emulation/" + id64(fx.period.ID) + "/nominations", url.Values{"nominee": {"u" + id64(fx.app.Unit.ID)}, "reward": {"Giấy khen"}, "reason": {"Dẫn đầu"},
				"evidence": {id64(item)}}
		}},
	"POST /app/nominations/{id}/status": {role: loa.RoleSecretary, entity: "nomination", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			n := &loa.Nomination{PeriodID: fx.period.ID, Reward: "Giấy khen", Reason: "Viết nhiều", PersonID: fx.other.ID, Items: []int64{fx.periodItem(t)}}
			if err := fx.app.DB.AddNomination(context.Background(), n); err != nil {
				t.Fatal(err)
			}
			return "/app/nominations/" + id64(n.ID) + "/status", url.Values{"status": {"approved"}, "note": {"QĐ số 12"}}
		}},
	"POST /app/awards": {role: loa.RoleSecretary, entity: "award_entry", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/awards", url.Values{"contest": {store.ContestBuaLiemVang}, "edition": {fmt.Sprintf("lần thứ %d", fx.next())},
				"category": {"Báo điện tử"}, "item": {id64(fx.itemOld)}}
		}},
	"POST /app/awards/{id}": {role: loa.RoleSecretary, entity: "award_entry", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			e := fx.award(t)
			return "/app/awards/" + id64(e.ID), url.Values{"contest": {e.Contest}, "edition": {e.Edition}, "category": {"Phát thanh"},
				"item": {id64(e.ItemID)}, "version": {strconv.Itoa(e.Version)}}
		}},
	"POST /app/awards/{id}/status": {role: loa.RoleSecretary, entity: "award_entry", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/awards/" + id64(fx.award(t).ID) + "/status", url.Values{"status": {string(store.AwardSubmitted)}}
		}},
	"POST /app/meetings": {role: loa.RoleSecretary, entity: "meeting", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/meetings", url.Values{"held_on": {"04/06/2024"}, "title": {"Họp Ban quý III"}, "chair_id": {id64(fx.head.ID)}}
		}},
	"POST /app/meetings/{id}": {role: loa.RoleSecretary, entity: "meeting", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			m, err := fx.app.DB.Meeting(context.Background(), fx.meeting.ID)
			if err != nil {
				t.Fatal(err)
			}
			return "/app/meetings/" + id64(m.ID), url.Values{"held_on": {m.HeldOn.Display()}, "title": {m.Title + " (sửa)"}, "chair_id": {id64(m.ChairID)},
				"version": {strconv.Itoa(m.Version)}}
		}},
	"POST /app/meetings/{id}/actions": {role: loa.RoleSecretary, entity: "action_item", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/meetings/" + id64(fx.meeting.ID) + "/actions", url.Values{"title": {"Việc mới"}, "unit_id": {id64(fx.app.Unit.ID)}, "due": {"30/06/2024"}}
		}},
	"POST /app/actions/{id}/status": {role: loa.RoleSecretary, entity: "action_item", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			a := &store.ActionItem{MeetingID: fx.meeting.ID, Title: "Việc để xong", UnitID: fx.app.Unit.ID, Due: boardDate(t, "2024-06-30")}
			if err := fx.app.DB.AddActionItem(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			return "/app/actions/" + id64(a.ID) + "/status", url.Values{"status": {"done"}, "done_on": {"20/06/2024"}}
		}},

	"POST /app/import": {role: loa.RoleSecretary, entity: "unit", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/import", url.Values{"kind": {"units"}}
		},
		files: func(t *testing.T, fx *auditFixture) []namedFile {
			return []namedFile{{"file", "don-vi.csv", []byte("code,name,kind\nTB-NHAP1,Phòng nhập một,department\n")}}
		}},
	"POST /app/tokens": {role: loa.RoleAdmin, entity: "api_token", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/tokens", url.Values{"user_id": {id64(fx.app.Users[loa.RoleViewer].ID)}, "name": {"Báo cáo tự động"}}
		}},
	"POST /app/tokens/{id}/revoke": {role: loa.RoleAdmin, entity: "api_token", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			_, tok, err := fx.app.DB.CreateToken(context.Background(), fx.app.Users[loa.RoleViewer].ID, fmt.Sprintf("Mã %d", fx.next()))
			if err != nil {
				t.Fatal(err)
			}
			return "/app/tokens/" + id64(tok.ID) + "/revoke", url.Values{}
		}},

	"POST /app/site/views": {role: loa.RoleAdmin, entity: "setting", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/views", url.Values{"show_views": {"1"}}
		}},
	"POST /app/site/about": {role: loa.RoleSecretary, entity: "site_page", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/about", url.Values{"title": {"Giới thiệu"}, "body": {"Đoạn một."}}
		}},
	"POST /app/site/sections": {role: loa.RoleSecretary, entity: "section", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/sections", url.Values{"name": {fmt.Sprintf("Chuyên mục %d", fx.next())}, "topics": {"Gương điển hình"}, "position": {"3"}}
		}},
	"POST /app/site/sections/{id}": {role: loa.RoleSecretary, entity: "section", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			s := fx.section(t)
			return "/app/site/sections/" + id64(s.ID), url.Values{"name": {s.Name + " sửa"}, "slug": {s.Slug}, "topics": {"Thử"}, "position": {"4"}, "version": {strconv.Itoa(s.Version)}}
		}},
	"POST /app/site/sections/{id}/delete": {role: loa.RoleSecretary, entity: "section", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/sections/" + id64(fx.section(t).ID) + "/delete", url.Values{}
		}},
	"POST /app/site/menu": {role: loa.RoleSecretary, entity: "menu_link", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/menu", url.Values{"label": {"Gương sáng"}, "href": {"/chuyen-muc/guong-sang"}, "position": {"1"}}
		}},
	"POST /app/site/menu/{id}": {role: loa.RoleSecretary, entity: "menu_link", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/menu/" + id64(fx.menuLink(t).ID), url.Values{"label": {"Liên hệ (sửa)"}, "href": {"/lien-he"}, "position": {"2"}}
		}},
	"POST /app/site/menu/{id}/delete": {role: loa.RoleSecretary, entity: "menu_link", want: "before",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return "/app/site/menu/" + id64(fx.menuLink(t).ID) + "/delete", url.Values{}
		}},
}

func (fx *auditFixture) unit(t *testing.T) *loa.Unit {
	t.Helper()
	u := &loa.Unit{Code: fmt.Sprintf("TB-KV%d", fx.next()), Name: "Viện kiểm sát khu vực thử", Kind: loa.UnitDistrict}
	if err := fx.app.DB.SaveUnit(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (fx *auditFixture) person(t *testing.T) *loa.Person {
	t.Helper()
	p := &loa.Person{Name: fmt.Sprintf("Cán bộ số %d", fx.next())}
	if err := fx.app.DB.SavePerson(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// publication records, as the system, an outside publication of a published item
// of the contributor's unit.
func (fx *auditFixture) publication(t *testing.T) *loa.Publication {
	t.Helper()
	id := fx.inStatus(t, fx.app.Unit, loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)
	p := &loa.Publication{ItemID: id, ChannelID: fx.bvpl.ID, PublishedOn: loa.Today(), URL: "https://baovephapluat.vn/x"}
	if err := fx.app.DB.AddPublication(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (fx *auditFixture) assignment(t *testing.T) *loa.Assignment {
	t.Helper()
	a := &loa.Assignment{UnitID: fx.app.Unit.ID, Kind: loa.KindNews, Title: fmt.Sprintf("Tin được giao %d", fx.next()), Due: loa.Today().AddDays(20)}
	if err := fx.app.DB.CreateAssignment(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func (fx *auditFixture) document(t *testing.T) *store.Document {
	t.Helper()
	d := &store.Document{Number: fmt.Sprintf("%02d/KH-VKS", fx.next()), Kind: store.DocPlan, Issuer: "VKSND tỉnh", IssuedOn: boardDate(t, "2024-02-15"),
		Title: "Kế hoạch tuyên truyền"}
	if err := fx.app.DB.SaveDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func (fx *auditFixture) award(t *testing.T) *store.AwardEntry {
	t.Helper()
	e := &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: fmt.Sprintf("lần %d", fx.next()), ItemID: fx.itemIn}
	if err := fx.app.DB.SaveAwardEntry(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

func (fx *auditFixture) section(t *testing.T) *store.Section {
	t.Helper()
	n := fx.next()
	s := &store.Section{Name: fmt.Sprintf("Chuyên mục %d", n), Slug: fmt.Sprintf("chuyen-muc-%d", n), Topics: []string{"Thử"}}
	if err := fx.app.DB.SaveSection(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

func (fx *auditFixture) menuLink(t *testing.T) *store.MenuLink {
	t.Helper()
	m := &store.MenuLink{Label: "Liên hệ", Href: "/lien-he", Position: 1}
	if err := fx.app.DB.SaveMenuLink(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return m
}

// mutating reports whether a route pattern changes state by its method.
func mutating(pattern string) bool {
	m, _, _ := strings.Cut(pattern, " ")
	return m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch || m == http.MethodDelete
}

// lastAuditID is the newest entry's id (0: none).
func lastAuditID(t *testing.T, db *store.DB) int64 {
	t.Helper()
	es, _, err := db.AuditLog(context.Background(), store.AuditFilter{Page: store.Page{Number: 1, Size: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		return 0
	}
	return es[0].ID
}

// auditSince returns the entries written after id, oldest first.
func auditSince(t *testing.T, db *store.DB, id int64) []store.AuditEntry {
	t.Helper()
	es, _, err := db.AuditLog(context.Background(), store.AuditFilter{Page: store.Page{Number: 1, Size: 200}})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range es {
		if e.ID > id {
			out = append(out, e)
		}
	}
	slices.Reverse(out)
	return out
}

// TestAuditCompleteness posts a valid form to every mutating route and checks that
// the change left its trace: who (id and e-mail) and the record before and after.
func TestAuditCompleteness(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		fx := &auditFixture{app: app, boardData: newBoardData(t, app)}
		clients := map[loa.Role]*client{}
		for _, r := range loa.Roles {
			clients[r] = app.as(r)
		}
		for _, rt := range app.Srv.Routes() {
			if !mutating(rt.Pattern) {
				continue
			}
			t.Run(rt.Pattern, func(t *testing.T) {
				tc, ok := auditCases[rt.Pattern]
				switch {
				case !ok:
					t.Fatalf("mutating route %q has no line in auditCases: give it a scenario, or an exemption with its reason", rt.Pattern)
				case tc.exempt != "":
					return
				}
				path, form := tc.setup(t, fx)
				before := lastAuditID(t, app.DB)
				var res *response
				if tc.files != nil {
					res = clients[tc.role].postFiles(path, form, tc.files(t, fx)...)
				} else {
					res = clients[tc.role].post(path, form)
				}
				if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusOK {
					t.Fatalf("POST %s as %s: got %d, want a redirect or 200: %s", path, tc.role, res.StatusCode, excerpt(res.Body))
				}
				entries := auditSince(t, app.DB, before)
				if len(entries) == 0 {
					t.Fatalf("POST %s as %s succeeded (%d → %s) but wrote no audit entry", path, tc.role, res.StatusCode, res.Header.Get("Location"))
				}
				user := app.Users[tc.role]
				var found *store.AuditEntry
				for i, e := range entries {
					if e.Entity == tc.entity {
						found = &entries[i]
						break
					}
				}
				if found == nil {
					var got []string
					for _, e := range entries {
						got = append(got, e.Action+" "+e.Entity)
					}
					t.Fatalf("audit entries %v, want one about %q", got, tc.entity)
				}
				if found.ActorID != user.ID || found.Actor != user.Email {
					t.Errorf("actor: got %d %q, want %d %q", found.ActorID, found.Actor, user.ID, user.Email)
				}
				wantBefore, wantAfter := tc.want != "after", tc.want != "before"
				for _, side := range []struct {
					name string
					json string
					want bool
				}{{"before", found.Before, wantBefore}, {"after", found.After, wantAfter}} {
					if side.want && side.json == "" {
						t.Errorf("%s %s: no %s JSON", found.Action, found.Entity, side.name)
					}
					if side.json != "" && !json.Valid([]byte(side.json)) {
						t.Errorf("%s %s: %s is not JSON: %q", found.Action, found.Entity, side.name, side.json)
					}
				}
			})
		}
	})
}

// excerpt shortens a body for a failure message.
func excerpt(s string) string {
	if i := strings.Index(s, `class="error`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}

// TestAuditPasswordReset: an admin who sets another user's password leaves a trace
// that says so, without the password or its hash.
func TestAuditPasswordReset(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		u := app.Users[loa.RoleEditor]
		before := lastAuditID(t, app.DB)
		res := app.as(loa.RoleAdmin).post("/app/users/"+id64(u.ID), url.Values{"email": {u.Email}, "name": {u.Name}, "role": {string(u.Role)},
			"active": {"1"}, "password": {"mat-khau-dat-lai-9"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("got %d, want 303: %s", res.StatusCode, excerpt(res.Body))
		}
		entries := auditSince(t, app.DB, before)
		if len(entries) != 1 {
			t.Fatalf("got %d entries, want 1", len(entries))
		}
		got := entries[0].After
		if !strings.Contains(got, `"PasswordChanged":true`) {
			t.Errorf("after %s: does not say the password was replaced", got)
		}
		if strings.Contains(got, "mat-khau-dat-lai-9") || strings.Contains(got, "$2a$") {
			t.Errorf("after %s: holds the password or its hash", got)
		}
	})
}

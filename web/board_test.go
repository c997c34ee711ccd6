package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

func init() {
	for pattern, who := range map[string]string{
		"GET /app/emulation":                       "admin leader secretary editor viewer",
		"GET /app/emulation/new":                   "admin secretary",
		"POST /app/emulation":                      "admin secretary",
		"GET /app/emulation/{id}":                  "admin leader secretary editor viewer",
		"GET /app/emulation/{id}/edit":             "admin secretary",
		"POST /app/emulation/{id}":                 "admin secretary",
		"POST /app/emulation/{id}/nominations":     "admin secretary",
		"GET /app/emulation/{id}/nominations.xlsx": "admin leader secretary editor viewer",
		"GET /app/nominations/{id}":                "admin leader secretary editor viewer",
		"POST /app/nominations/{id}/status":        "admin secretary",
		"GET /app/awards":                          "admin leader secretary editor viewer",
		"GET /app/awards/new":                      "admin secretary",
		"POST /app/awards":                         "admin secretary",
		"GET /app/awards/{id}":                     "admin leader secretary editor viewer",
		"GET /app/awards/{id}/edit":                "admin secretary",
		"POST /app/awards/{id}":                    "admin secretary",
		"POST /app/awards/{id}/status":             "admin secretary",
		"GET /app/meetings":                        "admin leader secretary editor viewer",
		"GET /app/meetings/new":                    "admin leader secretary",
		"POST /app/meetings":                       "admin leader secretary",
		"GET /app/meetings/{id}":                   "admin leader secretary editor viewer",
		"GET /app/meetings/{id}/edit":              "admin leader secretary",
		"POST /app/meetings/{id}":                  "admin leader secretary",
		"POST /app/meetings/{id}/actions":          "admin leader secretary",
		"POST /app/actions/{id}/status":            "admin leader secretary",
		"GET /app/actions":                         "signed-in",
	} {
		expectedAccess[pattern] = who
	}
}

// boardData is what the board tests write before they ask for pages.
type boardData struct {
	site, bvpl  *loa.Channel
	head, other *loa.Person
	period      *loa.EmulationPeriod
	meeting     *store.Meeting
	itemIn      int64 // published on 2024-06-10: inside the period and the 2024 award window
	itemOld     int64 // published on 2023-09-01: outside both
}

// boardItem writes an item of unit with one author and one publication on ch, with SQL
// through the store's connection (a publication on a given day, in one step).
func boardItem(t *testing.T, db *store.DB, unit *loa.Unit, kind loa.ItemKind, title string, author *loa.Person, ch *loa.Channel, on string) int64 {
	t.Helper()
	at := time.Now().UTC()
	id := dbtest.Insert(t, db, `INSERT INTO items (kind, unit_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		kind, unit.ID, title, "published", at, at)
	dbtest.Exec(t, db, `INSERT INTO item_authors (item_id, position, person_id, name) VALUES (?, ?, ?, ?)`, id, 1, author.ID, author.Name)
	dbtest.Insert(t, db, `INSERT INTO publications (item_id, channel_id, published_on, withdrawn) VALUES (?, ?, ?, ?)`, id, ch.ID, on, false)
	dbtest.ItemChanged(t, db, id)
	return id
}

func boardDate(t *testing.T, s string) loa.Date {
	t.Helper()
	d, err := loa.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newBoardData(t *testing.T, app *testApp) *boardData {
	t.Helper()
	ctx := context.Background()
	db := app.DB
	d := &boardData{
		site: &loa.Channel{Code: "site", Name: "Trang tin", Type: loa.ChannelSite},
		bvpl: &loa.Channel{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector},
	}
	for _, c := range []*loa.Channel{d.site, d.bvpl} {
		if err := db.SaveChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	d.head, d.other = &loa.Person{Name: "Phạm Viết Vượng"}, &loa.Person{Name: "Nguyễn Anh Đức"}
	for i, p := range []*loa.Person{d.head, d.other} {
		if err := db.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		role := []loa.BoardRole{loa.BoardHead, loa.BoardDeputy}[i]
		if err := db.AddMembership(ctx, &loa.Membership{PersonID: p.ID, Role: role, From: boardDate(t, "2023-03-01")}); err != nil {
			t.Fatal(err)
		}
	}
	d.itemIn = boardItem(t, db, app.Unit, loa.KindResearch, "Trao đổi nghiệp vụ kiểm sát", d.other, d.bvpl, "2024-06-10")
	d.itemOld = boardItem(t, db, app.Other, loa.KindNews, "Tin hội nghị cũ", d.head, d.site, "2023-09-01")
	d.period = &loa.EmulationPeriod{Name: "Thi đua chào mừng 26/7", From: boardDate(t, "2024-06-01"), To: boardDate(t, "2024-07-26"),
		KindWeights: map[loa.ItemKind]float64{loa.KindResearch: 3}, ChannelTypeWeights: map[loa.ChannelType]float64{loa.ChannelSector: 1.5}}
	if err := db.SaveEmulationPeriod(ctx, d.period); err != nil {
		t.Fatal(err)
	}
	if err := db.AddNomination(ctx, &loa.Nomination{PeriodID: d.period.ID, Reward: "Giấy khen", Reason: "Bài nghiên cứu", PersonID: d.other.ID,
		Items: []int64{d.itemIn}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAwardEntry(ctx, &store.AwardEntry{Contest: store.ContestBuaLiemVang, Edition: "lần thứ IX năm 2024", ItemID: d.itemIn}); err != nil {
		t.Fatal(err)
	}
	d.meeting = &store.Meeting{HeldOn: boardDate(t, "2024-06-04"), Title: "Sơ kết công tác tuyên truyền", ChairID: d.head.ID,
		Attendees: []store.Attendee{{PersonID: d.other.ID}}}
	if err := db.SaveMeeting(ctx, d.meeting); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*store.ActionItem{
		{MeetingID: d.meeting.ID, Title: "Cử đầu mối liên lạc", UnitID: app.Unit.ID, Due: boardDate(t, "2024-06-30")},
		{MeetingID: d.meeting.ID, Title: "Viết bài chuyển đổi số", UnitID: app.Other.ID, Due: loa.Today().AddDays(30)},
	} {
		if err := db.AddActionItem(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestBoardPagesByRole(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		staffRoles := []loa.Role{loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor, loa.RoleViewer}
		managers := []loa.Role{loa.RoleAdmin, loa.RoleSecretary}
		meetingRunners := []loa.Role{loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary}
		pages := []struct {
			path    string
			allowed []loa.Role
			want    string // text the page shows to those allowed
		}{
			{"/app/emulation", staffRoles, "Thi đua chào mừng 26/7"},
			{"/app/emulation/new", managers, "weight_kind_research"},
			{fmt.Sprintf("/app/emulation/%d", d.period.ID), staffRoles, "mỗi tác giả được tính đủ điểm"},
			{fmt.Sprintf("/app/emulation/%d/edit", d.period.ID), managers, "Thi đua chào mừng 26/7"},
			{fmt.Sprintf("/app/emulation/%d/nominations.xlsx", d.period.ID), staffRoles, ""},
			{"/app/nominations/1", staffRoles, "Nguyễn Anh Đức"},
			{"/app/awards", staffRoles, "Trao đổi nghiệp vụ kiểm sát"},
			{"/app/awards/new", managers, "Búa liềm vàng"},
			{"/app/awards/1", staffRoles, "lần thứ IX năm 2024"},
			{"/app/awards/1/edit", managers, "Trao đổi nghiệp vụ kiểm sát"},
			{"/app/meetings", staffRoles, "Sơ kết công tác tuyên truyền"},
			{"/app/meetings/new", meetingRunners, "Phạm Viết Vượng"},
			{fmt.Sprintf("/app/meetings/%d", d.meeting.ID), staffRoles, "Cử đầu mối liên lạc"},
			{fmt.Sprintf("/app/meetings/%d/edit", d.meeting.ID), meetingRunners, "Sơ kết công tác tuyên truyền"},
			{"/app/actions", loa.Roles, "Cử đầu mối liên lạc"},
		}
		for _, role := range loa.Roles {
			c := app.as(role)
			for _, p := range pages {
				t.Run(string(role)+" "+p.path, func(t *testing.T) {
					res := c.get(p.path)
					allowed := false
					for _, r := range p.allowed {
						allowed = allowed || r == role
					}
					switch {
					case allowed && res.StatusCode != http.StatusOK:
						t.Fatalf("got %d, want 200", res.StatusCode)
					case !allowed && res.StatusCode != http.StatusForbidden:
						t.Fatalf("got %d, want 403", res.StatusCode)
					case allowed && !strings.Contains(res.Body, p.want):
						t.Errorf("page lacks %q", p.want)
					}
				})
			}
		}
	})
}

func TestEmulationForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		c := app.as(loa.RoleSecretary)
		for _, tc := range []struct {
			name  string
			form  url.Values
			shown []string // messages and typed values the re-shown form keeps
		}{
			{"end before start", url.Values{"name": {"Đợt thử"}, "from": {"01/07/2024"}, "to": {"01/06/2024"}},
				[]string{"Ngày kết thúc trước ngày bắt đầu.", `value="Đợt thử"`, `value="01/06/2024"`}},
			{"weight not a number", url.Values{"name": {"Đợt thử"}, "from": {"01/06/2024"}, "to": {"30/06/2024"}, "weight_kind_news": {"abc"}},
				[]string{"Hệ số phải là số từ 0 đến 100.", `value="abc"`}},
			{"negative weight", url.Values{"name": {"Đợt thử"}, "from": {"01/06/2024"}, "to": {"30/06/2024"}, "weight_type_site": {"-1"}},
				[]string{"Hệ số phải là số từ 0 đến 100.", `value="-1"`}},
			{"bad date", url.Values{"name": {"Đợt thử"}, "from": {"31/02/2024"}, "to": {"30/06/2024"}},
				[]string{"Ngày không hợp lệ", `value="31/02/2024"`}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := c.post("/app/emulation", tc.form)
				if res.StatusCode != http.StatusBadRequest {
					t.Fatalf("got %d, want 400", res.StatusCode)
				}
				for _, s := range tc.shown {
					if !strings.Contains(res.Body, s) {
						t.Errorf("re-shown form lacks %q", s)
					}
				}
			})
		}
		t.Run("saved with a decimal comma", func(t *testing.T) {
			res := c.post("/app/emulation", url.Values{"name": {"Đợt tháng 6"}, "from": {"01/06/2024"}, "to": {"30/06/2024"},
				"weight_kind_research": {"3"}, "weight_type_sector": {"1,5"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d, want 303: %s", res.StatusCode, res.Body)
			}
			page := c.get(res.Header.Get("Location"))
			// The research article on the sector press: 3 × 1.5.
			if !strings.Contains(page.Body, "Nguyễn Anh Đức") || !strings.Contains(page.Body, "4,5") {
				t.Errorf("ranking lacks the writer and score 4,5")
			}
		})
		t.Run("views weighed when the Board chooses", func(t *testing.T) {
			res := c.post("/app/emulation", url.Values{"name": {"Đợt có lượt xem"}, "from": {"01/06/2024"}, "to": {"30/06/2024"}, "weight_views": {"-2"}})
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "Hệ số phải là số từ 0 đến 100.") || !strings.Contains(res.Body, `value="-2"`) {
				t.Fatalf("a negative views weight: got %d, want 400 with the message and the typed value", res.StatusCode)
			}
			// 3,000 views in the period and 9,000 after it: 0,5 × 3 on top of 3 × 1,5.
			if err := app.DB.AddViews(context.Background(), []store.ViewCount{{ItemID: d.itemIn, Day: boardDate(t, "2024-06-15"), Views: 3000},
				{ItemID: d.itemIn, Day: boardDate(t, "2024-07-15"), Views: 9000}}); err != nil {
				t.Fatal(err)
			}
			res = c.post("/app/emulation", url.Values{"name": {"Đợt có lượt xem"}, "from": {"01/06/2024"}, "to": {"30/06/2024"},
				"weight_kind_research": {"3"}, "weight_type_sector": {"1,5"}, "weight_views": {"0,5"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d, want 303: %s", res.StatusCode, res.Body)
			}
			page := c.get(res.Header.Get("Location")).Body
			wantIn(t, page, `id="views-weight"`, ">6<")
			wantNotIn(t, page, ">4,5<")
			edit := c.get(res.Header.Get("Location") + "/edit").Body
			wantIn(t, edit, `name="weight_views" inputmode="decimal" size="5" placeholder="0" aria-describedby="weight_views-hint" value="0,5"`)
		})
		t.Run("nomination without a nominee re-shown", func(t *testing.T) {
			res := c.post(fmt.Sprintf("/app/emulation/%d/nominations", d.period.ID), url.Values{"reward": {"Giấy khen"}, "reason": {"Viết nhiều"}})
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "Xin chọn một cá nhân hoặc một đơn vị.") || !strings.Contains(res.Body, "Viết nhiều") {
				t.Fatalf("got %d, want 400 with the message and the typed reason", res.StatusCode)
			}
		})
		t.Run("nomination status flow", func(t *testing.T) {
			for _, step := range []struct {
				status string
				want   int
			}{{"given", http.StatusBadRequest}, {"approved", http.StatusSeeOther}, {"given", http.StatusSeeOther}} {
				res := c.post("/app/nominations/1/status", url.Values{"status": {step.status}, "note": {"QĐ số 12"}})
				if res.StatusCode != step.want {
					t.Fatalf("to %s: got %d, want %d", step.status, res.StatusCode, step.want)
				}
			}
			if page := c.get("/app/nominations/1"); !strings.Contains(page.Body, "Đã khen thưởng") || !strings.Contains(page.Body, "QĐ số 12") {
				t.Error("nomination page lacks the final status and its history")
			}
		})
	})
}

func TestNominationsExport(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		c := app.as(loa.RoleSecretary)
		news := boardItem(t, app.DB, app.Unit, loa.KindNews, "Tin trong đợt", d.head, d.site, "2024-06-20")
		res := c.post(fmt.Sprintf("/app/emulation/%d/nominations", d.period.ID), url.Values{
			"nominee": {fmt.Sprintf("u%d", app.Unit.ID)}, "reward": {"Giấy khen"}, "reason": {"Dẫn đầu về số bài nghiên cứu"},
			"evidence": {strconv.FormatInt(news, 10)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("nomination: got %d: %s", res.StatusCode, res.Body)
		}
		res = app.as(loa.RoleViewer).get(fmt.Sprintf("/app/emulation/%d/nominations.xlsx", d.period.ID))
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("got %d %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		x, err := excelize.OpenReader(strings.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheet := x.GetSheetName(0)
		for cell, want := range map[string]string{
			"A2": "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
			"A3": "Thi đua chào mừng 26/7 (từ 01/06/2024 đến 26/07/2024)",
			"A5": "STT", "B5": "Cá nhân / Tập thể", "D5": "Hình thức khen thưởng", "E5": "Thành tích, lý do",
			"A6": "1", "B6": "Nguyễn Anh Đức", "D6": "Giấy khen", "F6": "Đề nghị",
			"A7": "2", "B7": app.Unit.Name, "C7": app.Unit.Name, "E7": "Dẫn đầu về số bài nghiên cứu",
			// Added at the end: the evidence, its score by the period's rules, the flags.
			"H5": "Số tin bài làm căn cứ", "I5": "Điểm theo quy tắc của đợt", "J5": "Lưu ý (điều kiện, thành tích trùng)",
			"H6": "1", "I6": "4,5", "J6": "Không còn công tác tại đơn vị nào vào ngày kết thúc đợt (26/07/2024): không có quá trình công tác còn hiệu lực ngày đó.",
			"H7": "1", "I7": "1", "J7": "",
		} {
			got, err := x.GetCellValue(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: got %q, want %q", cell, got, want)
			}
		}
	})
}

func TestAwardForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		c := app.as(loa.RoleSecretary)
		t.Run("unknown item re-shown", func(t *testing.T) {
			res := c.post("/app/awards", url.Values{"contest": {store.ContestBuaLiemVang}, "edition": {"lần thứ IX năm 2024"}, "item": {"không có bài này"}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d, want 400", res.StatusCode)
			}
			for _, s := range []string{"Không có tin bài đã đăng nào như vậy.", `value="không có bài này"`, `value="lần thứ IX năm 2024"`} {
				if !strings.Contains(res.Body, s) {
					t.Errorf("re-shown form lacks %q", s)
				}
			}
		})
		t.Run("item outside the window warned, not refused", func(t *testing.T) {
			res := c.post("/app/awards", url.Values{"contest": {store.ContestBuaLiemVang}, "edition": {"lần thứ IX năm 2024"},
				"category": {"Báo điện tử"}, "item": {strconv.FormatInt(d.itemOld, 10)}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d, want 303: %s", res.StatusCode, res.Body)
			}
			page := c.get(res.Header.Get("Location"))
			if !strings.Contains(page.Body, "ngoài thời gian xét giải") {
				t.Error("entry page lacks the warning")
			}
		})
		t.Run("prize needs its name", func(t *testing.T) {
			for _, step := range []struct {
				form url.Values
				want int
			}{
				{url.Values{"status": {"submitted"}}, http.StatusSeeOther},
				{url.Values{"status": {"shortlisted"}}, http.StatusSeeOther},
				{url.Values{"status": {"prize"}}, http.StatusBadRequest},
				{url.Values{"status": {"prize"}, "prize": {"Giải B"}}, http.StatusSeeOther},
			} {
				if res := c.post("/app/awards/1/status", step.form); res.StatusCode != step.want {
					t.Fatalf("%v: got %d, want %d", step.form, res.StatusCode, step.want)
				}
			}
			list := c.get("/app/awards?status=prize")
			if !strings.Contains(list.Body, "Giải B") || strings.Contains(list.Body, "Tin hội nghị cũ") {
				t.Error("filter by status: want the prize entry only")
			}
		})
	})
}

func TestMeetingForms(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		c := app.as(loa.RoleSecretary)
		t.Run("chair missing re-shown", func(t *testing.T) {
			res := c.post("/app/meetings", url.Values{"held_on": {"04/06/2024"}, "title": {"Họp thử"}, "minutes": {"Nội dung đã bàn"}})
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "Xin chọn người chủ trì.") || !strings.Contains(res.Body, "Nội dung đã bàn") {
				t.Fatalf("got %d, want 400 with the message and the typed minutes", res.StatusCode)
			}
		})
		t.Run("meeting saved with attendees", func(t *testing.T) {
			res := c.post("/app/meetings", url.Values{"held_on": {"04/06/2024"}, "title": {"Họp Ban quý III"},
				"chair_id": {strconv.FormatInt(d.head.ID, 10)}, "attendees": {strconv.FormatInt(d.other.ID, 10)}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d: %s", res.StatusCode, res.Body)
			}
		})
		path := fmt.Sprintf("/app/meetings/%d/actions", d.meeting.ID)
		t.Run("due date before the meeting refused", func(t *testing.T) {
			res := c.post(path, url.Values{"title": {"Việc thử"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "due": {"01/06/2024"}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d, want 400", res.StatusCode)
			}
			for _, s := range []string{"Hạn hoàn thành không thể trước ngày họp", `value="01/06/2024"`, "Việc thử"} {
				if !strings.Contains(res.Body, s) {
					t.Errorf("re-shown form lacks %q", s)
				}
			}
		})
		t.Run("contributor sees its own unit's open items, overdue marked", func(t *testing.T) {
			res := app.as(loa.RoleContributor).get("/app/actions?unit=" + strconv.FormatInt(app.Other.ID, 10))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("got %d", res.StatusCode)
			}
			if !strings.Contains(res.Body, "Cử đầu mối liên lạc") || strings.Contains(res.Body, "Viết bài chuyển đổi số") {
				t.Error("want the own unit's item only")
			}
			if !strings.Contains(res.Body, `class="overdue"`) {
				t.Error("the overdue item is not highlighted")
			}
		})
		t.Run("action done leaves the open list", func(t *testing.T) {
			res := c.post("/app/actions/1/status", url.Values{"status": {"done"}, "done_on": {"20/06/2024"}, "back": {"/app/actions"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d", res.StatusCode)
			}
			if list := c.get("/app/actions"); strings.Contains(list.Body, "Cử đầu mối liên lạc") {
				t.Error("a done item is still listed as open")
			}
			list := c.get("/app/actions?status=done")
			if !strings.Contains(list.Body, "Cử đầu mối liên lạc") {
				t.Error("the done item is missing from the done list")
			}
			// The list shows each action's meeting; a meeting's own page does not repeat it.
			if !strings.Contains(list.Body, `data-label="Cuộc họp"`) {
				t.Error("the list of actions lacks the meeting column")
			}
			if page := c.get("/app/meetings/1"); !strings.Contains(page.Body, "Cử đầu mối liên lạc") || strings.Contains(page.Body, `data-label="Cuộc họp"`) {
				t.Error("a meeting's page repeats the meeting column in its actions")
			}
		})
	})
}

// TestNominationEvidenceForm: the nomination form offers the nominee's counted items,
// refuses a proposal without evidence or with an item of another proposal of the
// period in a Vietnamese sentence that keeps what was typed, and the nomination page
// lists a conflict that exists (a link stored before the rule) with links, and the
// eligibility hints.
func TestNominationEvidenceForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		d := newBoardData(t, app)
		c := app.as(loa.RoleSecretary)
		base := fmt.Sprintf("/app/emulation/%d", d.period.ID)
		t.Run("the nominee's items offered, ticked", func(t *testing.T) {
			page := c.get(base + fmt.Sprintf("?nominee=p%d&reason=Vi%%E1%%BA%%BFt+nhi%%E1%%BB%%81u", d.other.ID)).Body
			wantIn(t, page, fmt.Sprintf(`name="evidence" value="%d" checked`, d.itemIn), "Trao đổi nghiệp vụ kiểm sát", ">4,5<", "Viết nhiều")
			wantNotIn(t, page, "Tin hội nghị cũ")
		})
		t.Run("no evidence refused", func(t *testing.T) {
			res := c.post(base+"/nominations", url.Values{"nominee": {fmt.Sprintf("p%d", d.head.ID)}, "reward": {"Giấy khen"}, "reason": {"Viết đều tay"}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d, want 400", res.StatusCode)
			}
			wantIn(t, res.Body, "Xin chọn ít nhất một tin bài làm căn cứ", "Viết đều tay", "không có tin bài nào được tính trong đợt")
		})
		t.Run("an item of another proposal of the period refused", func(t *testing.T) {
			res := c.post(base+"/nominations", url.Values{"nominee": {fmt.Sprintf("u%d", app.Unit.ID)}, "reward": {"Bằng khen"},
				"reason": {"Dẫn đầu khối phòng"}, "evidence": {strconv.FormatInt(d.itemIn, 10)}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d, want 400", res.StatusCode)
			}
			wantIn(t, res.Body, "đã là căn cứ của đề nghị khen thưởng khác trong cùng đợt thi đua", "Dẫn đầu khối phòng", "Bằng khen",
				fmt.Sprintf(`name="evidence" value="%d" checked`, d.itemIn))
			if ns, _ := app.DB.Nominations(ctx, d.period.ID); len(ns) != 1 {
				t.Errorf("%d nominations stored, want 1", len(ns))
			}
		})
		t.Run("a conflict stored before the rule is shown", func(t *testing.T) {
			ns, err := app.DB.Nominations(ctx, d.period.ID)
			if err != nil || len(ns) != 1 {
				t.Fatal(ns, err)
			}
			if err := app.DB.SetNominationStatus(ctx, ns[0].ID, loa.NominationApproved, ""); err != nil {
				t.Fatal(err)
			}
			later := &loa.EmulationPeriod{Name: "Đợt cả năm", From: boardDate(t, "2024-01-01"), To: boardDate(t, "2024-12-31")}
			if err := app.DB.SaveEmulationPeriod(ctx, later); err != nil {
				t.Fatal(err)
			}
			extra := boardItem(t, app.DB, app.Unit, loa.KindNews, "Tin thêm", d.other, d.site, "2024-09-01")
			n := &loa.Nomination{PeriodID: later.ID, Reward: "Giấy khen", Reason: "Cả năm", PersonID: d.other.ID, Items: []int64{extra}}
			if err := app.DB.AddNomination(ctx, n); err != nil {
				t.Fatal(err)
			}
			dbtest.Exec(t, app.DB, "INSERT INTO nomination_items (nomination_id, item_id) VALUES (?, ?)", n.ID, d.itemIn)
			page := c.get(fmt.Sprintf("/app/nominations/%d", n.ID)).Body
			wantIn(t, page, `id="conflicts"`, "Luật Thi đua, khen thưởng năm 2022", fmt.Sprintf(`href="/app/nominations/%d"`, ns[0].ID),
				fmt.Sprintf(`href="/app/items/%d"`, d.itemIn), `id="hints"`, "Không còn công tác")
			// Approving it now is refused with the same sentence.
			res := c.post(fmt.Sprintf("/app/nominations/%d/status", n.ID), url.Values{"status": {"approved"}})
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "không cho khen thưởng hai lần") {
				t.Fatalf("approval: got %d", res.StatusCode)
			}
			if page := c.get(fmt.Sprintf("/app/nominations/%d", ns[0].ID)).Body; strings.Contains(page, `id="conflicts"`) {
				t.Error("the approved nomination shows a conflict with a proposal of another period")
			}
		})
	})
}

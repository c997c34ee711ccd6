package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// TestReturnReasonShown: a returned item says why, at the top of its page, in the
// contributor's queue, on its landing page's panel and in the list of items, and its
// editorial opinions do not claim there are none.
func TestReturnReasonShown(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		id := newItemIn(t, app, app.Unit, "Tin cần sửa lại", loa.StatusSubmitted)
		const reason = "Thiếu tên tác giả ảnh ở đoạn cuối"
		res := app.as(loa.RoleEditor).post(itemPath(id)+"/transition", url.Values{"action": {"return"}, "reason": {reason}})
		if res.StatusCode != 303 {
			t.Fatalf("return: status %d", res.StatusCode)
		}
		ctb := app.as(loa.RoleContributor)
		page := ctb.get(itemPath(id)).Body
		top, _, _ := strings.Cut(page, `class="item-actions"`)
		if !strings.Contains(top, reason) {
			t.Errorf("the item page does not show the reason above its actions")
		}
		_, comments, _ := strings.Cut(page, `id="comments"`)
		comments, _, _ = strings.Cut(comments, "<h2")
		if strings.Contains(comments, "Chưa có ý kiến nào") || !strings.Contains(comments, reason) {
			t.Errorf("editorial opinions: %s", comments)
		}
		for _, path := range []string{"/app/items/queue", "/app/items/panel", "/app/items?status=returned"} {
			if body := ctb.get(path).Body; !strings.Contains(body, reason) {
				t.Errorf("%s does not show the reason", path)
			}
		}
	})
}

// TestLeaderRunsMeetings: the Head of the Board creates a meeting, records its
// conclusions and an action item, marks it done, and its landing page shows where the
// current period stands.
func TestLeaderRunsMeetings(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newBoardData(t, app)
		c := app.as(loa.RoleLeader)
		if res := c.get("/app/meetings/new"); res.StatusCode != 200 {
			t.Fatalf("new meeting: %d", res.StatusCode)
		}
		if res := c.get("/app/meetings"); !strings.Contains(res.Body, `href="/app/meetings/new"`) {
			t.Error("the meeting list offers the leader no new meeting")
		}
		res := c.post("/app/meetings", url.Values{"held_on": {"10/07/2024"}, "title": {"Họp Ban tháng 7"},
			"chair_id": {strconv.FormatInt(d.head.ID, 10)}, "conclusions": {"Đẩy mạnh tin bài về chuyển đổi số"}})
		if res.StatusCode != 303 {
			t.Fatalf("create: %d %s", res.StatusCode, res.Body)
		}
		loc := res.Header.Get("Location")
		if page := c.get(loc).Body; !strings.Contains(page, "Đẩy mạnh tin bài về chuyển đổi số") {
			t.Fatalf("%s lacks the conclusions", loc)
		}
		if res := c.post(loc+"/actions", url.Values{"title": {"Viết bài chuyển đổi số tháng 7"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)},
			"due": {"31/07/2024"}}); res.StatusCode != 303 {
			t.Fatalf("action item: %d %s", res.StatusCode, res.Body)
		}
		items, err := app.DB.ActionItems(context.Background(), store.ActionFilter{AnyStatus: true})
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		for _, a := range items {
			if a.Title == "Viết bài chuyển đổi số tháng 7" {
				id = a.ID
			}
		}
		if id == 0 {
			t.Fatal("the action item was not stored")
		}
		if res := c.post(fmt.Sprintf("/app/actions/%d/status", id), url.Values{"status": {"done"}, "done_on": {"30/07/2024"},
			"back": {"/app/actions"}}); res.StatusCode != 303 {
			t.Fatalf("done: %d %s", res.StatusCode, res.Body)
		}
		home := c.get("/app").Body
		for _, want := range []string{"Tình hình kỳ", "6 tháng", "đơn vị chưa đạt chỉ tiêu", "Họp Ban tháng 7"} {
			if !strings.Contains(home, want) {
				t.Errorf("the leader's landing page lacks %q", want)
			}
		}
		if strings.Contains(app.as(loa.RoleContributor).get("/app").Body, "Tình hình kỳ") {
			t.Error("a contributor's landing page shows the Board's glance")
		}
	})
}

// TestApprovePublishOneAct: an editor approves and publishes in one act, now or at a
// time; the item page then links to the public page and the site's publication row
// shows its address. Lists say what each item waits for and offer only the acts the
// reader may take; the panel lists only items with an act for its reader.
func TestApprovePublishOneAct(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		ed := app.as(loa.RoleEditor)
		now := newItemIn(t, app, app.Unit, "Tin duyệt và đăng ngay", loa.StatusSubmitted)
		if page := ed.get(itemPath(now)).Body; !strings.Contains(page, `action="/app/items/`+strconv.FormatInt(now, 10)+`/approve-publish"`) {
			t.Fatal("the item page offers the editor no approve-and-publish")
		}
		if page := app.as(loa.RoleContributor).get(itemPath(now)).Body; strings.Contains(page, "/approve-publish") {
			t.Error("a contributor is offered approve-and-publish")
		}
		if res := ed.post(itemPath(now)+"/approve-publish", url.Values{"when": {"now"}}); res.StatusCode != 303 {
			t.Fatalf("approve and publish: %d %s", res.StatusCode, res.Body)
		}
		if st := itemRow(t, app, now).Status; st != loa.StatusPublished {
			t.Fatalf("status %s, want published", st)
		}
		page := ed.get(itemPath(now)).Body
		public := "/tin/tin-duyet-va-dang-ngay-" + strconv.FormatInt(now, 10)
		if !strings.Contains(page, `href="`+public+`"`) {
			t.Error("the item page does not link to the public page")
		}
		if !strings.Contains(page, ">http://loa.test"+public+"</a>") {
			t.Error("the site's publication row does not show its address")
		}
		if res := app.anon().get(public); res.StatusCode != 200 {
			t.Errorf("the public page answers %d", res.StatusCode)
		}

		later := newItemIn(t, app, app.Unit, "Tin duyệt và hẹn giờ", loa.StatusSubmitted)
		res := ed.post(itemPath(later)+"/approve-publish", url.Values{"when": {"later"}, "publish_at": {"2020-01-02T08:00"}})
		if res.StatusCode != 400 || !strings.Contains(res.Body, "phải ở tương lai") || itemRow(t, app, later).Status != loa.StatusSubmitted {
			t.Fatalf("a past time: %d, status %s", res.StatusCode, itemRow(t, app, later).Status)
		}
		if res := ed.post(itemPath(later)+"/approve-publish", url.Values{"when": {"later"}, "publish_at": {"02/01/2099 08:00"}}); res.StatusCode != 303 {
			t.Fatalf("scheduled: %d", res.StatusCode)
		}
		if r := itemRow(t, app, later); r.Status != loa.StatusApproved || r.ScheduledAt.IsZero() {
			t.Fatalf("scheduled: status %s at %v", r.Status, r.ScheduledAt)
		}

		waiting := newItemIn(t, app, app.Unit, "Tin chờ duyệt trong danh sách", loa.StatusSubmitted)
		queue := ed.get("/app/items/queue").Body
		row := rowOf(queue, "Tin chờ duyệt trong danh sách")
		if !strings.Contains(row, "Biên tập viên duyệt") || !strings.Contains(row, `value="approve"`) || strings.Contains(row, `value="submit"`) {
			t.Errorf("editor's queue row: %s", row)
		}
		if res := ed.post(itemPath(waiting)+"/transition", url.Values{"action": {"approve"}, "back": {"/app/items/queue"}}); res.Header.Get("Location") != "/app/items/queue" {
			t.Errorf("an act from the list returns to %q", res.Header.Get("Location"))
		}
		if res := ed.post(itemPath(waiting)+"/transition", url.Values{"action": {"publish"}, "back": {"https://evil.example/"}}); res.Header.Get("Location") != itemPath(waiting) {
			t.Errorf("back to another site: %q", res.Header.Get("Location"))
		}
		// The secretary follows the queue but has no step on it: its panel is empty.
		newItemIn(t, app, app.Unit, "Tin chờ biên tập", loa.StatusSubmitted)
		sec := app.as(loa.RoleSecretary)
		if !strings.Contains(sec.get("/app/items/queue").Body, "Tin chờ biên tập") {
			t.Error("the secretary's queue lost the backlog")
		}
		if panel := sec.get("/app/items/panel").Body; strings.Contains(panel, "Tin chờ biên tập") {
			t.Error("the secretary's panel lists an item it has no act on")
		}
		if row := rowOf(sec.get("/app/items/queue").Body, "Tin chờ biên tập"); strings.Contains(row, `value="approve"`) {
			t.Error("the secretary is offered approve")
		}
	})
}

// rowOf returns the table row (or list entry) of page that holds text.
func rowOf(page, text string) string {
	i := strings.Index(page, text)
	if i < 0 {
		return ""
	}
	start := max(strings.LastIndex(page[:i], "<tr"), strings.LastIndex(page[:i], "<li"))
	end := strings.Index(page[i:], "</tr>")
	if e := strings.Index(page[i:], "</li>"); end < 0 || (e >= 0 && e < end) {
		end = e
	}
	if start < 0 || end < 0 {
		return page[i:]
	}
	return page[start : i+end]
}

// TestDateRangesKeepTheForm: a wrong report range or list range keeps the form and
// says beside the field what is wrong, never a bare error page; both forms of date
// are read, and the period pick-lists name periods in words.
func TestDateRangesKeepTheForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		c := app.as(loa.RoleLeader)
		res := c.get("/app/reports?from=30/06/2024&to=01/01/2024")
		if res.StatusCode != 400 {
			t.Fatalf("a reversed range: %d", res.StatusCode)
		}
		for _, want := range []string{`value="30/06/2024"`, `value="01/01/2024"`, "Đến ngày phải từ ngày 30/06/2024 trở đi", `id="report-to"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("the report page lacks %q", want)
			}
		}
		res = c.get("/app/reports?from=31/02/2024&to=2024-06-30")
		if res.StatusCode != 400 || !strings.Contains(res.Body, "nhập dạng dd/mm/yyyy") || !strings.Contains(res.Body, `value="31/02/2024"`) {
			t.Errorf("a date that is no date: %d", res.StatusCode)
		}
		if res := c.get("/app/reports?from=01/01/2024&to=2024-06-30"); res.StatusCode != 200 || strings.Contains(res.Body, `class="error"`) {
			t.Errorf("both forms of date: %d", res.StatusCode)
		}
		if body := c.get("/app/reports").Body; !strings.Contains(body, "6 tháng đầu năm") || strings.Contains(body, ">2024-H1 (") {
			t.Error("the period pick-list shows codes")
		}
		list := app.as(loa.RoleEditor).get("/app/items?from=30/06/2024&to=01/01/2024")
		if list.StatusCode != 200 || !strings.Contains(list.Body, `id="to-error"`) || !strings.Contains(list.Body, "Đến ngày phải") {
			t.Errorf("the items list with a reversed range: %d", list.StatusCode)
		}
	})
}

// TestArticleTools: each article offers print, copy link, Facebook and Zalo share
// (plain links) and text size, with no inline script; its link shows a card when
// shared; the public header has a menu button that is a link without script.
func TestArticleTools(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		id := newItemIn(t, app, app.Unit, "Tin có công cụ", loa.StatusPublished)
		path := "/tin/tin-co-cong-cu-" + strconv.FormatInt(id, 10)
		res := app.anon().get(path)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		canon := strings.ToLower(url.QueryEscape("http://loa.test" + path)) // html/template writes %3a
		for _, want := range []string{
			`data-print`, `data-copy-link="http://loa.test` + path + `"`, `data-text-size="1"`,
			`href="https://www.facebook.com/sharer/sharer.php?u=` + canon + `"`, `href="https://zalo.me/share?url=` + canon + `"`,
			`<meta name="twitter:card" content="summary`, `<meta name="twitter:title" content="Tin có công cụ">`,
			`<meta property="og:title" content="Tin có công cụ">`, `id="menu-button" href="#site-menu"`,
		} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("the article lacks %s", want)
			}
		}
		if strings.Contains(res.Body, `property="og:image" content=""`) {
			t.Error("an empty og:image")
		}
		if strings.Contains(res.Body, "<script>") || strings.Contains(res.Body, "onclick=") {
			t.Error("inline script (the CSP forbids it)")
		}
	})
}

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

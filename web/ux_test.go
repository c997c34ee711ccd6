package web_test

import (
	"net/url"
	"strings"
	"testing"

	"loa"
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

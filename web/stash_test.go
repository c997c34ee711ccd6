package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa"
)

// TestExpiredSessionKeepsTheForm: an item saved after the session ended is not
// lost: the login page says it was kept and, once signed in again, the editor shows
// it filled, for the person to save; the kept form is then forgotten.
func TestExpiredSessionKeepsTheForm(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		id := newItemIn(t, app, app.Unit, "Tin đang viết dở", loa.StatusDraft)
		row := itemRow(t, app, id)
		body := "<p>Đoạn văn dài viết suốt một giờ liền</p>"
		for _, c := range []struct{ post, form string }{
			{"/app/items", "/app/items/new"},
			{itemPath(id), itemPath(id) + "/edit"},
		} {
			ended := app.anon() // the session has ended: the browser sends no valid one
			res := ended.post(c.post, url.Values{"kind": {"news"}, "title": {"Tiêu đề đã sửa"}, "summary": {"Sa pô"},
				"body": {body}, "body_format": {"html"}, "version": {strconv.Itoa(row.Version)}, "author": {"Trần Văn Nam"}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next="+url.QueryEscape(c.form) {
				t.Fatalf("%s without a session: %d → %s", c.post, res.StatusCode, res.Header.Get("Location"))
			}
			if page := ended.get(res.Header.Get("Location")).Body; !strings.Contains(page, `id="stash-notice"`) {
				t.Errorf("the login page does not say the text was kept")
			}
			res = ended.post("/login", url.Values{"email": {app.Users[loa.RoleContributor].Email}, "password": {testPassword}, "next": {c.form}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != c.form {
				t.Fatalf("login: %d → %s", res.StatusCode, res.Header.Get("Location"))
			}
			page := ended.get(c.form).Body
			for _, want := range []string{`value="Tiêu đề đã sửa"`, "Sa pô", "Đoạn văn dài viết suốt một giờ liền", `value="Trần Văn Nam"`, "Phiên làm việc đã hết"} {
				if !strings.Contains(page, want) {
					t.Errorf("%s after login lacks %q", c.form, want)
				}
			}
			if again := ended.get(c.form).Body; strings.Contains(again, "Tiêu đề đã sửa") {
				t.Errorf("%s: the kept form shows twice", c.form)
			}
		}
		if it := itemRow(t, app, id); it.Title != "Tin đang viết dở" {
			t.Errorf("the item was saved without its writer's click: %q", it.Title)
		}
	})
}

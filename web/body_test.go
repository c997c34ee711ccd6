package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa"
)

// TestBodyWithoutScript: the item form's body is a plain text area that works
// without script; its lines arrive as paragraphs, escaped, and a body that holds
// markup (an HTML body re-shown in it) stays as it is.
func TestBodyWithoutScript(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		con := app.as(loa.RoleContributor)
		form := con.get("/app/items/new").Body
		if !strings.Contains(form, `<textarea id="body" name="body"`) || !strings.Contains(form, `name="body_format" value="text"`) {
			t.Fatal("the item form has no plain text area for the body")
		}
		for _, c := range []struct{ format, body, want string }{
			{"text", "Đoạn một.\r\n\r\nĐoạn hai có 5 < 7.\n", "<p>Đoạn một.</p><p>Đoạn hai có 5 &lt; 7.</p>"},
			{"text", "Dòng & ký hiệu", "<p>Dòng &amp; ký hiệu</p>"},
			{"html", "<p>Đã có <strong>định dạng</strong></p>", "<p>Đã có <strong>định dạng</strong></p>"},
		} {
			res := con.post("/app/items", url.Values{"kind": {"news"}, "title": {"Tin viết không cần script " + c.format},
				"unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "body": {c.body}, "body_format": {c.format}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, between(res.Body, `role="alert"`, "</div>"))
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/app/items/"), 10, 64)
			it, err := app.DB.Item(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if it.Body != c.want {
				t.Errorf("%s %q: body %q, want %q", c.format, c.body, it.Body, c.want)
			}
		}
	})
}

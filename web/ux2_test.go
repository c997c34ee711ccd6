package web_test

import (
	"net/http"
	"strings"
	"testing"

	"loa"
	"loa/importer"
)

// TestImportTemplates: the import page names each kind in Vietnamese, explains its
// columns and offers a template to download; the templates, filled only with their
// example rows, are accepted in order as they are.
func TestImportTemplates(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		sec := app.as(loa.RoleSecretary)
		page := sec.get("/app/import").Body
		for _, g := range importer.Guides() {
			if g.Name == g.Kind || len(g.Columns) == 0 {
				t.Fatalf("kind %q has no guide", g.Kind)
			}
			if !strings.Contains(page, `<option value="`+g.Kind+`">`+g.Name+`</option>`) {
				t.Errorf("the kind %q is not offered as %q", g.Kind, g.Name)
			}
			for _, c := range g.Columns {
				// Codes to write as they are stand apart: `x` is shown <code>x</code>.
				hint := strings.Split(c.Hint, "`")
				for i := 1; i < len(hint); i += 2 {
					hint[i] = "<code>" + hint[i] + "</code>"
				}
				if c.Hint == "" || !strings.Contains(page, strings.Join(hint, "")) {
					t.Errorf("%s.%s: no hint on the page", g.Kind, c.Name)
				}
			}
			res := sec.get("/app/import/mau/" + g.Kind + ".csv")
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
				!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
				t.Fatalf("template %s: %d %v", g.Kind, res.StatusCode, res.Header)
			}
			if lines := strings.Split(strings.TrimSpace(res.Body), "\n"); len(lines) != 2 {
				t.Fatalf("template %s: want a header and one example row, got %q", g.Kind, res.Body)
			}
			if up := sec.upload(g.Kind, "mau-"+g.Kind+".csv", res.Body); up.StatusCode != http.StatusOK || !strings.Contains(up.Body, "Đã nhập") {
				t.Errorf("the %s template is refused: %d %s", g.Kind, up.StatusCode, between(up.Body, `id="import-problems"`, "</ul>"))
			}
		}
		if res := sec.get("/app/import/mau/galaxy.csv"); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown kind: %d", res.StatusCode)
		}
		if res := app.as(loa.RoleContributor).get("/app/import/mau/units.csv"); res.StatusCode != http.StatusForbidden {
			t.Errorf("contributor: %d", res.StatusCode)
		}
	})
}

// between is the part of s after start up to end ("" when start is absent).
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, end)
	return in
}

// TestUnitNamesNotCodes: where a person reads which unit, the unit's name is shown,
// not its code alone: the header of every back-office page and the list of users.
func TestUnitNamesNotCodes(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		header := between(app.as(loa.RoleContributor).get("/app").Body, `href="/app/account"`, "</li>")
		if !strings.Contains(header, app.Unit.Name) {
			t.Errorf("the header names the unit as %q", header)
		}
		users := between(app.as(loa.RoleAdmin).get("/app/users").Body, "<tbody>", "</tbody>")
		if cell := `<td data-label="Đơn vị">`; !strings.Contains(users, cell+app.Unit.Name+"</td>") || strings.Contains(users, cell+app.Unit.Code+"</td>") {
			t.Errorf("the users list names the unit by its code: %s", users)
		}
	})
}

// TestMediaNotFoundPage: a missing picture or file is the site's own 404 page in
// Vietnamese, not the server's plain "404 page not found".
func TestMediaNotFoundPage(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		for _, path := range []string{"/media/999999", "/media/999999/site", "/media/abc"} {
			res := app.anon().get(path)
			if res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "Không tìm thấy trang") ||
				!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s: %d %s %.80q", path, res.StatusCode, res.Header.Get("Content-Type"), res.Body)
			}
		}
	})
}

// TestAuditLogNamed: the audit log names its actions and kinds of record in
// Vietnamese, the code beside them.
func TestAuditLogNamed(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		newItemIn(t, app, app.Unit, "Tin để ghi nhật ký", loa.StatusDraft)
		page := between(app.as(loa.RoleAdmin).get("/app/audit").Body, "<tbody>", "</tbody>")
		for _, want := range []string{"Tạo mới <code>create</code>", "Tin bài <code>item</code>"} {
			if !strings.Contains(page, want) {
				t.Errorf("the audit log lacks %q", want)
			}
		}
	})
}

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"loa"
)

func init() {
	expectedAccess["POST /app/reports/close"] = "admin leader secretary"
	expectedAccess["POST /app/reports/reopen"] = "admin"
	auditCases["POST /app/reports/close"] = auditCase{role: loa.RoleSecretary, entity: "period", want: "after",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			return fmt.Sprintf("/app/reports/close?period=%d-H1", 2040+fx.next()), url.Values{}
		}}
	auditCases["POST /app/reports/reopen"] = auditCase{role: loa.RoleAdmin, entity: "period", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			name := fmt.Sprintf("%d-H2", 2040+fx.next())
			p, err := loa.YearStart{}.ParsePeriod(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := fx.app.DB.ClosePeriod(context.Background(), p); err != nil {
				t.Fatal(err)
			}
			return "/app/reports/reopen?period=" + name, url.Values{"reason": {"Sửa số liệu nhập sai"}}
		}}
}

var closeAction = regexp.MustCompile(`action="/app/reports/close\?period=([^"]+)"`)

// TestReportPageClosing: the report page closes its period (leader, secretary,
// admin), says when it was closed, keeps its figures byte for byte against a refused
// change made through a form, and only the admin reopens it, with a reason.
func TestReportPageClosing(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		_, ptth := itemsSetup(t, app)
		sec, adm := app.as(loa.RoleSecretary), app.as(loa.RoleAdmin)
		id := newItemIn(t, app, app.Unit, "Tin đăng trước khi chốt", loa.StatusPublished)
		page := sec.get("/app/reports")
		m := closeAction.FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatalf("the secretary has no closing button: %s", excerpt(page.Body))
		}
		period := m[1]
		wantNotIn(t, app.as(loa.RoleViewer).get("/app/reports").Body, "/app/reports/close")
		reportJSON := func() string {
			t.Helper()
			res := sec.get("/app/reports/export?format=json&period=" + period)
			wantStatus(t, res, 200)
			return res.Body
		}

		wantStatus(t, app.as(loa.RoleViewer).post("/app/reports/close?period="+period, nil), http.StatusForbidden)
		wantStatus(t, sec.post("/app/reports/close?period="+period, nil), http.StatusSeeOther)
		closed := reportJSON()
		page = sec.get("/app/reports?period=" + period)
		wantIn(t, page.Body, "Số liệu của kỳ này đã chốt lúc")
		wantNotIn(t, page.Body, "/app/reports/reopen") // the secretary does not reopen
		res := sec.post("/app/reports/close?period="+period, nil)
		wantStatus(t, res, http.StatusConflict)
		wantIn(t, res.Body, "đã chốt lúc")

		t.Run("a refused publication keeps what was typed and the figures", func(t *testing.T) {
			res := sec.post(itemPath(id)+"/publications", url.Values{"channel_id": {strconv.FormatInt(ptth.ID, 10)},
				"published_on": {loa.Today().Display()}, "note": {"Thời sự tối nay"}})
			wantStatus(t, res, http.StatusConflict)
			wantIn(t, res.Body, "đã chốt lúc", "Thời sự tối nay")
			if got := reportJSON(); got != closed {
				t.Fatalf("the closed period's report changed:\n%s\n%s", closed, got)
			}
		})
		t.Run("only the admin reopens, with a reason", func(t *testing.T) {
			wantStatus(t, sec.post("/app/reports/reopen?period="+period, url.Values{"reason": {"x"}}), http.StatusForbidden)
			res := adm.post("/app/reports/reopen?period="+period, url.Values{"reason": {"  "}})
			wantStatus(t, res, http.StatusBadRequest)
			wantIn(t, res.Body, "Xin ghi lý do mở lại kỳ đã chốt.")
			wantStatus(t, adm.post("/app/reports/reopen?period="+period, url.Values{"reason": {"Viện tỉnh yêu cầu bổ sung kết quả phát thanh"}}), http.StatusSeeOther)
			wantIn(t, sec.get("/app/reports?period="+period).Body, "Kỳ đã được mở lại lúc", "Viện tỉnh yêu cầu bổ sung kết quả phát thanh")
			wantStatus(t, sec.post(itemPath(id)+"/publications", url.Values{"channel_id": {strconv.FormatInt(ptth.ID, 10)},
				"published_on": {loa.Today().Display()}, "note": {"Thời sự tối nay"}}), http.StatusSeeOther)
			var before, after loa.Report
			json.Unmarshal([]byte(closed), &before)
			json.Unmarshal([]byte(reportJSON()), &after)
			if after.Publications != before.Publications+1 {
				t.Fatalf("after reopening: %d publications, before %d", after.Publications, before.Publications)
			}
		})
		_ = ctx
	})
}

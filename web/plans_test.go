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

	"loa"
	"loa/internal/dbtest"
	"loa/mail"
	"loa/store"
)

func init() {
	for pattern, who := range map[string]string{
		"GET /app/plans":                   "admin leader secretary editor viewer",
		"POST /app/plans":                  "admin secretary",
		"GET /app/plans/{id}":              "admin leader secretary editor viewer",
		"POST /app/plans/{id}":             "admin secretary",
		"GET /app/quotas":                  "admin leader secretary editor viewer",
		"POST /app/quotas":                 "admin secretary",
		"GET /app/themes":                  "admin leader secretary editor viewer",
		"POST /app/themes":                 "admin secretary",
		"POST /app/themes/{id}/delete":     "admin secretary",
		"GET /app/themes/{id}":             "admin leader secretary editor viewer",
		"POST /app/themes/{id}/code":       "admin secretary",
		"GET /app/assignments":             "signed-in",
		"GET /app/assignments/mine":        "signed-in",
		"GET /app/assignments/new":         "admin secretary",
		"POST /app/assignments":            "admin secretary",
		"GET /app/assignments/{id}":        "signed-in",
		"POST /app/assignments/{id}/state": "admin secretary contributor",
		"POST /app/assignments/{id}/item":  "admin secretary contributor",
		"GET /app/dashboard":               "signed-in",
		"GET /app/dashboard/units/{id}":    "signed-in",
		"GET /app/calendar":                "signed-in",
	} {
		expectedAccess[pattern] = who
	}
}

// plansInsertItem writes an item of unit with publications on the given days with SQL
// through the store's connection (no dependence on the items feature), then lets the
// store derive first_pub.
func plansInsertItem(t *testing.T, app *testApp, unitID int64, kind loa.ItemKind, channelID int64, days ...string) int64 {
	t.Helper()
	status := loa.StatusDraft
	if len(days) > 0 {
		status = loa.StatusPublished
	}
	id := dbtest.Insert(t, app.DB, `INSERT INTO items (kind, unit_id, title, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, kind, unitID, "Tin thử "+kind, status, time.Now().UTC(), time.Now().UTC())
	for _, d := range days {
		dbtest.Insert(t, app.DB, "INSERT INTO publications (item_id, channel_id, published_on, withdrawn) VALUES (?, ?, ?, ?)", id, channelID, d, false)
	}
	dbtest.ItemChanged(t, app.DB, id)
	return id
}

func mustContain(t *testing.T, res *response, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(res.Body, p) {
			t.Errorf("page (status %d) lacks %q", res.StatusCode, p)
		}
	}
}

func TestQuotaGrid(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		sec := app.as(loa.RoleSecretary)
		field := func(u *loa.Unit, kind string) string { return store.QuotaField(u.ID, kind) }

		res := sec.get("/app/quotas?period=2024-H1")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("grid: status %d", res.StatusCode)
		}
		mustContain(t, res, "TB-HUNGHA", "TB-VUTHU", `name="`+field(app.Unit, "any")+`"`)

		res = sec.post("/app/quotas", url.Values{"period": {"2024-H1"}, field(app.Unit, "any"): {"15"}, field(app.Unit, "research"): {"2"},
			field(app.Other, "any"): {"10"}, field(app.Other, "news"): {""}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: status %d: %s", res.StatusCode, res.Body)
		}
		saved, _ := app.DB.Quotas(ctx, "2024-H1")
		if len(saved) != 3 {
			t.Fatalf("got %+v, want 3 quotas", saved)
		}

		for _, tc := range []struct {
			name, value string
		}{{"negative", "-3"}, {"not a whole number", "2,5"}, {"not a number", "mười"}} {
			t.Run("refused: "+tc.name, func(t *testing.T) {
				res := sec.post("/app/quotas", url.Values{"period": {"2024-H1"}, field(app.Unit, "any"): {"99"}, field(app.Other, "any"): {tc.value}})
				if res.StatusCode != http.StatusBadRequest {
					t.Fatalf("status %d, want 400", res.StatusCode)
				}
				// The cell is named, and every typed value comes back.
				mustContain(t, res, "TB-VUTHU (any)", `value="99"`, `value="`+tc.value+`"`, `aria-invalid="true"`)
				after, _ := app.DB.Quotas(ctx, "2024-H1")
				if len(after) != 3 || after[0].Target != 15 {
					t.Fatalf("quotas changed by a refused grid: %+v", after)
				}
			})
		}
		t.Run("bad period", func(t *testing.T) {
			if res := sec.post("/app/quotas", url.Values{"period": {"2024-H3"}}); res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			if res := sec.get("/app/quotas?period=2024-H3"); res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
		})
		t.Run("read only for the Board's readers", func(t *testing.T) {
			res := app.as(loa.RoleViewer).get("/app/quotas?period=2024-H1")
			if res.StatusCode != http.StatusOK || strings.Contains(res.Body, `name="`+field(app.Unit, "any")+`"`) {
				t.Fatalf("viewer: status %d, inputs shown %v", res.StatusCode, strings.Contains(res.Body, "<input name=\"q-"))
			}
		})
	})
}

func TestPlansAndThemesPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		sec := app.as(loa.RoleSecretary)
		res := sec.post("/app/plans", url.Values{"year": {"2024"}, "number": {"14/KH-VKS"}, "title": {"Kế hoạch năm 2024"}, "issued": {"15/02/2024"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("plan: status %d: %s", res.StatusCode, res.Body)
		}
		res = sec.post("/app/plans", url.Values{"year": {"2024"}, "title": {"Trùng năm"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("second plan for 2024: status %d", res.StatusCode)
		}
		mustContain(t, res, "Trùng năm", "Năm công tác này đã có kế hoạch.")
		res = sec.get(res.Header.Get("Location"))
		list := sec.get("/app/plans")
		mustContain(t, list, "14/KH-VKS", "Kế hoạch năm 2024")

		res = sec.post("/app/themes", url.Values{"period": {"2024-H2"}, "title": {"Kỷ niệm 64 năm thành lập ngành"}, "day": {"26/07/2024"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("theme: status %d: %s", res.StatusCode, res.Body)
		}
		res = sec.post("/app/themes", url.Values{"period": {"2024-H1"}, "title": {"Sai kỳ"}, "day": {"26/07/2024"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("theme outside its period: status %d", res.StatusCode)
		}
		mustContain(t, res, "Sai kỳ", "nằm ngoài kỳ")
		mustContain(t, app.as(loa.RoleViewer).get("/app/themes?period=2024-H2"), "Kỷ niệm 64 năm thành lập ngành")
	})
}

func TestAssignmentPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		sec := app.as(loa.RoleSecretary)
		con := app.as(loa.RoleContributor)
		today := loa.Today()
		give := func(t *testing.T, unit *loa.Unit, title string) int64 {
			t.Helper()
			res := sec.post("/app/assignments", url.Values{"unit_id": {fmt.Sprint(unit.ID)}, "kind": {"article"}, "title": {title},
				"due": {today.AddDays(5).Display()}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("give: status %d: %s", res.StatusCode, res.Body)
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/app/assignments/"), 10, 64)
			return id
		}
		t.Run("due date before today refused, typed values kept", func(t *testing.T) {
			res := sec.post("/app/assignments", url.Values{"unit_id": {fmt.Sprint(app.Unit.ID)}, "kind": {"news"}, "title": {"Tin muộn"},
				"due": {today.AddDays(-1).Display()}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			mustContain(t, res, "Tin muộn", "Hạn hoàn thành trước ngày giao")
		})
		mine := give(t, app.Unit, "Bài về chuyển đổi số")
		other := give(t, app.Other, "Bài của đơn vị khác")

		t.Run("the contributor's panel shows its unit's only", func(t *testing.T) {
			res := con.get("/app/assignments/mine")
			mustContain(t, res, "Bài về chuyển đổi số", "<html")
			if strings.Contains(res.Body, "Bài của đơn vị khác") {
				t.Fatal("another unit's assignment shown to a contributor")
			}
			req, _ := http.NewRequest("GET", app.HTTP.URL+"/app/assignments/mine", nil)
			req.Header.Set("HX-Request", "true")
			frag := con.do(req)
			if frag.StatusCode != http.StatusOK || strings.Contains(frag.Body, "<html") || !strings.Contains(frag.Body, "Bài về chuyển đổi số") {
				t.Fatalf("fragment: status %d: %s", frag.StatusCode, frag.Body)
			}
			mustContain(t, con.get("/app"), `hx-get="/app/assignments/mine"`)
		})
		t.Run("another unit's assignment is not found", func(t *testing.T) {
			if res := con.get(fmt.Sprintf("/app/assignments/%d", other)); res.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", res.StatusCode)
			}
			if res := con.post(fmt.Sprintf("/app/assignments/%d/state", other), url.Values{"state": {"in_progress"}}); res.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", res.StatusCode)
			}
		})
		t.Run("the contributor moves it on but does not cancel", func(t *testing.T) {
			res := con.post(fmt.Sprintf("/app/assignments/%d/state", mine), url.Values{"state": {"in_progress"}, "note": {"Đang viết"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d", res.StatusCode)
			}
			res = con.post(fmt.Sprintf("/app/assignments/%d/state", mine), url.Values{"state": {"cancelled"}})
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("cancel by a contributor: status %d, want 403", res.StatusCode)
			}
			a, _ := app.DB.Assignment(ctx, mine)
			if a.State != loa.AssignmentInProgress {
				t.Fatalf("state %s, want in_progress", a.State)
			}
			mustContain(t, con.get(fmt.Sprintf("/app/assignments/%d", mine)), "Đang viết", "Đang thực hiện")
		})
		t.Run("linking a published item makes it done", func(t *testing.T) {
			chans, _ := app.DB.Channels(ctx)
			chID := int64(0)
			if len(chans) == 0 {
				c := &loa.Channel{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}
				if err := app.DB.SaveChannel(ctx, c); err != nil {
					t.Fatal(err)
				}
				chID = c.ID
			} else {
				chID = chans[0].ID
			}
			itemID := plansInsertItem(t, app, app.Unit.ID, loa.KindArticle, chID, today.String())
			res := con.post(fmt.Sprintf("/app/assignments/%d/item", mine), url.Values{"item_id": {fmt.Sprint(itemID)}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d", res.StatusCode)
			}
			if a, _ := app.DB.Assignment(ctx, mine); a.State != loa.AssignmentDone {
				t.Fatalf("state %s, want done", a.State)
			}
		})
		t.Run("the secretary cancels", func(t *testing.T) {
			res := sec.post(fmt.Sprintf("/app/assignments/%d/state", other), url.Values{"state": {"cancelled"}, "note": {"Không còn cần"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d", res.StatusCode)
			}
			if a, _ := app.DB.Assignment(ctx, other); a.State != loa.AssignmentCancelled {
				t.Fatalf("state %s, want cancelled", a.State)
			}
		})
	})
}

func TestDashboardPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		site := &loa.Channel{Code: "site-test", Name: "Trang tin thử", Type: loa.ChannelSite}
		if err := app.DB.SaveChannel(ctx, site); err != nil {
			t.Fatal(err)
		}
		plansInsertItem(t, app, app.Unit.ID, loa.KindNews, site.ID, "2024-01-10")
		plansInsertItem(t, app, app.Unit.ID, loa.KindResearch, site.ID, "2024-02-10")
		plansInsertItem(t, app, app.Other.ID, loa.KindNews, site.ID, "2024-03-10")
		if err := app.DB.SetQuotas(ctx, loa.DefaultYearStart, "2024-H1", []store.QuotaCell{
			{UnitID: app.Unit.ID, Kind: "any", Target: 2}, {UnitID: app.Other.ID, Kind: "any", Target: 5}}); err != nil {
			t.Fatal(err)
		}
		for _, role := range []loa.Role{loa.RoleAdmin, loa.RoleLeader, loa.RoleSecretary, loa.RoleEditor, loa.RoleViewer} {
			t.Run("board view as "+string(role), func(t *testing.T) {
				res := app.as(role).get("/app/dashboard?period=2024-H1")
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d", res.StatusCode)
				}
				mustContain(t, res, "TB-HUNGHA", "TB-VUTHU", `data-chart="chart-trend"`, `id="chart-shares"`, "1 / 5", "chart.umd")
				// Worst first: Vũ Thư (1 of 5) before Hưng Hà (2 of 2).
				if strings.Index(res.Body, "TB-VUTHU</a>") > strings.Index(res.Body, "TB-HUNGHA</a>") {
					t.Error("the unit below its quota is not listed first")
				}
			})
		}
		con := app.as(loa.RoleContributor)
		t.Run("a contributor is sent to its unit", func(t *testing.T) {
			res := con.get("/app/dashboard?period=2024-H1")
			want := fmt.Sprintf("/app/dashboard/units/%d?period=2024-H1", app.Unit.ID)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
				t.Fatalf("status %d to %q, want %q", res.StatusCode, res.Header.Get("Location"), want)
			}
			res = con.get(want)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("own unit: status %d", res.StatusCode)
			}
			mustContain(t, res, app.Unit.Name, "Trang tin thử")
			if res := con.get(fmt.Sprintf("/app/dashboard/units/%d?period=2024-H1", app.Other.ID)); res.StatusCode != http.StatusNotFound {
				t.Fatalf("another unit: status %d, want 404", res.StatusCode)
			}
		})
		t.Run("bad period", func(t *testing.T) {
			if res := app.as(loa.RoleViewer).get("/app/dashboard?period=2024-H3"); res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
		})
		t.Run("default period is the current half", func(t *testing.T) {
			if res := app.as(loa.RoleViewer).get("/app/dashboard"); res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
	})
}

func TestCalendarPage(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		if err := app.DB.SaveTheme(ctx, loa.DefaultYearStart, &loa.Theme{Period: "2026-H2", Title: "Ngày Pháp luật Việt Nam",
			Day: loa.NewDate(2026, 11, 9)}); err != nil {
			t.Fatal(err)
		}
		for _, a := range []*loa.Assignment{
			{UnitID: app.Unit.ID, Kind: loa.KindNews, Title: "Tin của Hưng Hà", Due: loa.NewDate(2026, 11, 20), CreatedOn: loa.NewDate(2026, 11, 1)},
			{UnitID: app.Other.ID, Kind: loa.KindNews, Title: "Tin của Vũ Thư", Due: loa.NewDate(2026, 11, 21), CreatedOn: loa.NewDate(2026, 11, 1)},
		} {
			if err := app.DB.CreateAssignment(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		res := app.as(loa.RoleSecretary).get("/app/calendar?month=2026-11")
		mustContain(t, res, "Ngày Pháp luật Việt Nam", "Tin của Hưng Hà", "Tin của Vũ Thư", "11/2026")
		res = app.as(loa.RoleContributor).get("/app/calendar?month=2026-11")
		mustContain(t, res, "Tin của Hưng Hà", "Ngày Pháp luật Việt Nam")
		if strings.Contains(res.Body, "Tin của Vũ Thư") {
			t.Error("a contributor sees another unit's assignment on the calendar")
		}
		if res := app.as(loa.RoleViewer).get("/app/calendar?month=2026-13"); res.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad month: status %d, want 400", res.StatusCode)
		}
	})
}

// TestRemindersDoNotBlockPages runs the reminders against an SMTP server that is down:
// the run fails fast and records the failure, and the pages answer as usual.
func TestRemindersDoNotBlockPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		p := &loa.Person{Name: "Đỗ Thị Hằng"}
		if err := app.DB.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := app.DB.SetContact(ctx, &loa.Contact{UnitID: app.Unit.ID, PersonID: p.ID, Email: "daumoi@vks.example", From: loa.NewDate(2024, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		a := &loa.Assignment{UnitID: app.Unit.ID, Kind: loa.KindNews, Title: "Tin sắp đến hạn", Due: loa.Today().AddDays(1)}
		if err := app.DB.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		// Nothing listens on port 1.
		app.Srv.SetMail(mail.Config{Host: "127.0.0.1", Port: 1, From: "loa@vks.example", DaysBefore: 3, Timeout: 20 * time.Second})
		done := make(chan error, 1)
		go func() { done <- app.Srv.RunReminders(ctx, time.Now()) }()
		if res := app.as(loa.RoleContributor).get("/app/assignments/mine"); res.StatusCode != http.StatusOK {
			t.Fatalf("page while reminders run: status %d", res.StatusCode)
		}
		if err := <-done; err == nil {
			t.Fatal("got no error from an SMTP server that is down")
		}
		failed, err := app.DB.Reminders(ctx, store.ReminderFailed, store.Page{})
		if err != nil || len(failed) != 1 {
			t.Fatalf("failed reminders: %d, %v", len(failed), err)
		}
		if res := app.as(loa.RoleSecretary).get("/app/dashboard"); res.StatusCode != http.StatusOK {
			t.Fatalf("dashboard after a failed run: status %d", res.StatusCode)
		}
	})
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"loa"
	"loa/media"
	"loa/store"
)

// tamperData is another unit's records, which the contributor of app.Unit tries to
// reach by changing ids, and a few of its own.
type tamperData struct {
	fx *auditFixture
	// app.Other's
	draft, submitted, published int64
	picture                     int64 // a picture of the draft
	publication                 int64 // an outside publication of the published item
	assignment                  *loa.Assignment
	// app.Unit's
	ownDraft, ownSubmitted, ownApproved, ownPublished int64
	ownAssignment                                     *loa.Assignment
}

// secret is in the titles of app.Other's unpublished items: no page the contributor
// of app.Unit gets may show it.
const secret = "Vuthubimat"

func newTamperData(t *testing.T, app *testApp) *tamperData {
	t.Helper()
	ctx := context.Background()
	fx := &auditFixture{app: app, boardData: newBoardData(t, app)}
	d := &tamperData{fx: fx}
	titled := func(unit *loa.Unit, title string, steps ...loa.Action) int64 {
		t.Helper()
		it := &loa.Item{Kind: loa.KindNews, UnitID: unit.ID, Title: title, Body: "<p>" + title + "</p>"}
		if err := app.DB.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		for _, a := range steps {
			if err := app.DB.Transition(ctx, it.ID, a, "Lý do"); err != nil {
				t.Fatal(err)
			}
		}
		return it.ID
	}
	d.draft = titled(app.Other, "Nháp "+secret+" một")
	d.submitted = titled(app.Other, "Chờ duyệt "+secret+" hai", loa.ActionSubmit)
	d.published = titled(app.Other, "Tin đã đăng của Vũ Thư", loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)
	pic, err := media.Picture("anh.png", pngBytes(t, 40, 30))
	if err != nil {
		t.Fatal(err)
	}
	m, err := app.DB.AddMedia(ctx, d.draft, pic, "Ảnh "+secret, "")
	if err != nil {
		t.Fatal(err)
	}
	d.picture = m.ID
	if _, err := app.DB.AddComment(ctx, d.submitted, "Ý kiến "+secret); err != nil {
		t.Fatal(err)
	}
	p := &loa.Publication{ItemID: d.published, ChannelID: fx.bvpl.ID, PublishedOn: loa.Today(), URL: "https://baovephapluat.vn/vu-thu"}
	if err := app.DB.AddPublication(ctx, p); err != nil {
		t.Fatal(err)
	}
	d.publication = p.ID
	d.assignment = &loa.Assignment{UnitID: app.Other.ID, Kind: loa.KindNews, Title: "Nhiệm vụ " + secret, Due: loa.Today().AddDays(20)}
	if err := app.DB.CreateAssignment(ctx, d.assignment); err != nil {
		t.Fatal(err)
	}
	if err := app.DB.AddActionItem(ctx, &store.ActionItem{MeetingID: fx.meeting.ID, Title: "Việc " + secret, UnitID: app.Other.ID, Due: loa.Today().AddDays(9)}); err != nil {
		t.Fatal(err)
	}
	d.ownDraft = titled(app.Unit, "Nháp của Hưng Hà")
	d.ownSubmitted = titled(app.Unit, "Chờ duyệt của Hưng Hà", loa.ActionSubmit)
	d.ownApproved = titled(app.Unit, "Đã duyệt của Hưng Hà", loa.ActionSubmit, loa.ActionApprove)
	d.ownPublished = titled(app.Unit, "Đã đăng của Hưng Hà", loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)
	d.ownAssignment = fx.assignment(t)
	return d
}

// snapshot is everything of the records that a refused request must leave as it was,
// read as the system (no unit scope).
func (d *tamperData) snapshot(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := d.fx.app.DB
	var b strings.Builder
	for _, id := range []int64{d.draft, d.submitted, d.published, d.ownDraft, d.ownSubmitted, d.ownApproved, d.ownPublished} {
		it, err := db.Item(ctx, id)
		if err != nil {
			fmt.Fprintf(&b, "item %d: %v\n", id, err)
			continue
		}
		cs, _ := db.Comments(ctx, id)
		pics, files, _ := db.ItemMedia(ctx, id)
		pubs, _ := db.Publications(ctx, id)
		fmt.Fprintf(&b, "item %d: unit %d %q %s v%d sched %v body %q; %d comments, %d pictures, %d files\n",
			id, it.UnitID, it.Title, it.Status, it.Version, it.ScheduledAt, it.Body, len(cs), len(pics), len(files))
		for _, p := range pubs {
			fmt.Fprintf(&b, "  pub %d: ch %d %s %q %v\n", p.ID, p.ChannelID, p.PublishedOn, p.URL, p.Withdrawn)
		}
	}
	for _, a := range []*loa.Assignment{d.assignment, d.ownAssignment} {
		cur, err := db.Assignment(ctx, a.ID)
		if err != nil {
			fmt.Fprintf(&b, "assignment %d: %v\n", a.ID, err)
			continue
		}
		fmt.Fprintf(&b, "assignment %d: unit %d %s v%d item %d\n", cur.ID, cur.UnitID, cur.State, cur.Version, cur.ItemID)
	}
	n, _ := db.CountItems(ctx, store.ItemFilter{})
	fmt.Fprintf(&b, "items: %d\n", n.Total)
	return b.String()
}

func TestTamperOtherUnit(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newTamperData(t, app)
		con := app.as(loa.RoleContributor)
		item := func(id int64, rest string) string { return fmt.Sprintf("/app/items/%d%s", id, rest) }
		editForm := url.Values{"kind": {"news"}, "unit_id": {id64(app.Other.ID)}, "title": {"Đã bị sửa"}, "body": {"<p>x</p>"}, "version": {"1"}}
		refused := []struct {
			name   string
			method string
			path   string
			form   url.Values
		}{
			{"show draft", "GET", item(d.draft, ""), nil},
			{"show submitted", "GET", item(d.submitted, ""), nil},
			{"show published in back office", "GET", item(d.published, ""), nil},
			{"edit form", "GET", item(d.draft, "/edit"), nil},
			{"diff", "GET", item(d.draft, "/diff?from=1&to=1"), nil},
			{"draft picture", "GET", fmt.Sprintf("/media/%d", d.picture), nil},
			{"draft picture for the site", "GET", fmt.Sprintf("/media/%d/site", d.picture), nil},
			{"save", "POST", item(d.draft, ""), editForm},
			{"delete", "POST", item(d.draft, "/delete"), url.Values{}},
			{"submit", "POST", item(d.draft, "/transition"), url.Values{"action": {"submit"}}},
			{"withdraw", "POST", item(d.published, "/transition"), url.Values{"action": {"withdraw"}, "reason": {"x"}}},
			{"comment", "POST", item(d.submitted, "/comments"), url.Values{"comment": {"chen vao"}}},
			{"record publication", "POST", item(d.published, "/publications"), url.Values{"channel_id": {id64(d.fx.bvpl.ID)}, "published_on": {"01/08/2024"}}},
			{"publication form", "GET", fmt.Sprintf("/app/publications/%d/edit", d.publication), nil},
			{"publication save", "POST", fmt.Sprintf("/app/publications/%d", d.publication), url.Values{"channel_id": {id64(d.fx.bvpl.ID)}, "published_on": {"02/08/2024"}, "url": {"https://x.test"}}},
			{"publication delete", "POST", fmt.Sprintf("/app/publications/%d/delete", d.publication), url.Values{}},
			{"assignment", "GET", fmt.Sprintf("/app/assignments/%d", d.assignment.ID), nil},
			{"assignment state", "POST", fmt.Sprintf("/app/assignments/%d/state", d.assignment.ID), url.Values{"state": {"in_progress"}, "version": {"1"}}},
			{"assignment link own item", "POST", fmt.Sprintf("/app/assignments/%d/item", d.assignment.ID), url.Values{"item_id": {id64(d.ownDraft)}}},
			{"own assignment linked to other's item", "POST", fmt.Sprintf("/app/assignments/%d/item", d.ownAssignment.ID), url.Values{"item_id": {id64(d.draft)}}},
			{"unit dashboard", "GET", fmt.Sprintf("/app/dashboard/units/%d", app.Other.ID), nil},
		}
		for _, tc := range refused {
			t.Run(tc.name, func(t *testing.T) {
				before := d.snapshot(t)
				var res *response
				if tc.method == "POST" {
					res = con.post(tc.path, tc.form)
				} else {
					res = con.get(tc.path)
				}
				switch res.StatusCode {
				case http.StatusNotFound, http.StatusForbidden:
				case http.StatusBadRequest:
					// A form refused as invalid is a refusal too (linking an item of
					// another unit), as long as it shows nothing of that unit.
					if tc.method != "POST" {
						t.Errorf("got 400, want 404 or 403")
					}
				default:
					t.Errorf("%s %s: got %d, want 404 or 403", tc.method, tc.path, res.StatusCode)
				}
				if strings.Contains(res.Body, secret) {
					t.Errorf("%s %s: the page shows the other unit's data", tc.method, tc.path)
				}
				if after := d.snapshot(t); after != before {
					t.Errorf("records changed:\n%s\nwant\n%s", after, before)
				}
			})
		}

		// Lists filtered by the other unit show nothing of it; want is a line of the
		// contributor's own that the page does show, so that an empty page passes
		// for the right reason.
		lists := []struct{ path, want string }{
			{"/app/items?unit=" + id64(app.Other.ID), ""},
			{"/app/items?unit=" + id64(app.Other.ID) + "&status=submitted", ""},
			{"/app/items", "Chờ duyệt của Hưng Hà"},
			{"/app/items/queue", ""},
			{"/app/items/panel", ""},
			// Words of the other unit's titles, not the marker itself, which the
			// search form would echo.
			{"/app/search?q=nh%C3%A1p&unit=" + id64(app.Other.ID), ""},
			{"/app/search?q=ch%E1%BB%9D+duy%E1%BB%87t", "của Hưng Hà"},
			{"/api/v1/search?q=nhap", ""},
			{"/app/assignments?unit=" + id64(app.Other.ID), ""},
			{"/app/assignments?unit=" + id64(app.Other.ID) + "&show=all", ""},
			{"/app/actions?unit=" + id64(app.Other.ID), ""},
			{"/app/actions?status=all&unit=" + id64(app.Other.ID), ""},
			{"/app/calendar", ""},
			{"/app/dashboard", ""},
			{"/app", ""},
		}
		fetch := func(c *client, path string) *response {
			t.Helper()
			res := c.get(path)
			if res.StatusCode == http.StatusSeeOther {
				// The contributor's dashboard is its unit's page.
				if loc := res.Header.Get("Location"); strings.Contains(loc, "/units/"+id64(app.Other.ID)) {
					t.Fatalf("redirected to the other unit: %s", loc)
				}
				res = c.get(res.Header.Get("Location"))
			}
			return res
		}
		// These pages show counts (of items by status, of a unit's items against its
		// quotas, of tasks): the contributor's must not move when the other unit gets
		// more records, while the admin's do, so the counts are really tested.
		before, adminBefore := map[string]string{}, map[string]string{}
		admin := app.as(loa.RoleAdmin)
		for _, l := range lists {
			before[l.path], adminBefore[l.path] = fetch(con, l.path).Body, fetch(admin, l.path).Body
		}
		addOtherUnitRecords(t, app, d)
		moved := 0
		for _, l := range lists {
			if fetch(admin, l.path).Body != adminBefore[l.path] {
				moved++
			}
		}
		if moved < len(lists)/2 {
			t.Errorf("only %d of %d pages changed for the admin: the added records do not show in counts", moved, len(lists))
		}
		for _, l := range lists {
			t.Run("list "+l.path, func(t *testing.T) {
				res := fetch(con, l.path)
				if res.Body != before[l.path] {
					t.Errorf("the page changed when the other unit got records:\n%s", diffLine(res.Body, before[l.path]))
				}
				if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
					t.Fatalf("got %d", res.StatusCode)
				}
				if strings.Contains(res.Body, secret) {
					t.Errorf("the page shows the other unit's data (%q)", around(res.Body, secret))
				}
				if l.want != "" && !strings.Contains(res.Body, l.want) {
					t.Errorf("the page lacks the contributor's own %q", l.want)
				}
			})
		}
	})
}

// addOtherUnitRecords gives app.Other more of everything a count may include: items
// in each state, publications on the site and outside (one declared), a task due
// soon and an assignment.
func addOtherUnitRecords(t *testing.T, app *testApp, d *tamperData) {
	t.Helper()
	ctx := context.Background()
	for i, steps := range [][]loa.Action{nil, {loa.ActionSubmit}, {loa.ActionSubmit, loa.ActionApprove},
		{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish}, {loa.ActionSubmit, loa.ActionReturn}} {
		it := &loa.Item{Kind: loa.KindArticle, UnitID: app.Other.ID, Title: fmt.Sprintf("Thêm của Vũ Thư %d", i), Body: "<p>thêm</p>"}
		if err := app.DB.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		for _, a := range steps {
			if err := app.DB.Transition(ctx, it.ID, a, "Lý do"); err != nil {
				t.Fatal(err)
			}
		}
		p := &loa.Publication{ItemID: it.ID, ChannelID: d.fx.bvpl.ID, PublishedOn: loa.Today(), URL: fmt.Sprintf("https://baovephapluat.vn/them-%d", i)}
		if err := app.DB.AddPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.DB.CreateAssignment(ctx, &loa.Assignment{UnitID: app.Other.ID, Kind: loa.KindNews, Title: "Nhiệm vụ thêm", Due: loa.Today().AddDays(3)}); err != nil {
		t.Fatal(err)
	}
	if err := app.DB.AddActionItem(ctx, &store.ActionItem{MeetingID: d.fx.meeting.ID, Title: "Việc thêm", UnitID: app.Other.ID, Due: loa.Today().AddDays(2)}); err != nil {
		t.Fatal(err)
	}
}

// around returns the text near the first s in body, for a failure message.
func around(body, s string) string {
	i := strings.Index(body, s)
	if i < 0 {
		return ""
	}
	return body[max(0, i-120):min(len(body), i+len(s)+40)]
}

// TestTamperUnitField: a contributor who names another unit in a form's unit_id
// writes for its own unit all the same.
func TestTamperUnitField(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newTamperData(t, app)
		con := app.as(loa.RoleContributor)
		ctx := context.Background()
		t.Run("create in another unit", func(t *testing.T) {
			res := con.post("/app/items", url.Values{"kind": {"news"}, "unit_id": {id64(app.Other.ID)}, "title": {"Tin gửi nhầm đơn vị"}, "body": {"<p>x</p>"}})
			rows, _, err := app.DB.Items(ctx, store.ItemFilter{UnitID: app.Other.ID, Page: store.Page{Size: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Title == "Tin gửi nhầm đơn vị" {
					t.Fatalf("status %d: the item was created in the other unit", res.StatusCode)
				}
			}
			if res.StatusCode == http.StatusSeeOther {
				rows, _, _ := app.DB.Items(ctx, store.ItemFilter{UnitID: app.Unit.ID, Page: store.Page{Size: 100}})
				found := false
				for _, r := range rows {
					found = found || r.Title == "Tin gửi nhầm đơn vị"
				}
				if !found {
					t.Error("accepted, but the item is not in the contributor's unit either")
				}
			}
		})
		t.Run("move own draft to another unit", func(t *testing.T) {
			res := con.post(fmt.Sprintf("/app/items/%d", d.ownDraft), url.Values{"kind": {"news"}, "unit_id": {id64(app.Other.ID)},
				"title": {"Nháp của Hưng Hà"}, "body": {"<p>y</p>"}, "version": {d.fx.version(t, d.ownDraft)}})
			it, err := app.DB.Item(ctx, d.ownDraft)
			if err != nil {
				t.Fatal(err)
			}
			if it.UnitID != app.Unit.ID {
				t.Errorf("status %d: the draft moved to unit %d", res.StatusCode, it.UnitID)
			}
		})
		t.Run("remove another item's picture through own draft", func(t *testing.T) {
			con.post(fmt.Sprintf("/app/items/%d", d.ownDraft), url.Values{"kind": {"news"}, "unit_id": {id64(app.Unit.ID)},
				"title": {"Nháp của Hưng Hà"}, "body": {"<p>z</p>"}, "version": {d.fx.version(t, d.ownDraft)},
				fmt.Sprintf("remove_%d", d.picture): {"1"}, fmt.Sprintf("caption_%d", d.picture): {"đổi"}})
			pics, _, err := app.DB.ItemMedia(ctx, d.draft)
			if err != nil {
				t.Fatal(err)
			}
			if len(pics) != 1 || pics[0].Caption != "Ảnh "+secret {
				t.Errorf("the other item's pictures: got %d, want 1 unchanged", len(pics))
			}
		})
	})
}

// TestContributorCannotEditBeyondDraft: once submitted, an item is the editors'; the
// contributor can neither open the editor nor save nor delete.
func TestContributorCannotEditBeyondDraft(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		d := newTamperData(t, app)
		con := app.as(loa.RoleContributor)
		for _, tc := range []struct {
			name string
			id   int64
		}{{"submitted", d.ownSubmitted}, {"approved", d.ownApproved}, {"published", d.ownPublished}} {
			t.Run(tc.name, func(t *testing.T) {
				before := d.snapshot(t)
				if res := con.get(fmt.Sprintf("/app/items/%d/edit", tc.id)); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusConflict {
					t.Errorf("edit form: got %d, want 403 or 409", res.StatusCode)
				}
				res := con.post(fmt.Sprintf("/app/items/%d", tc.id), url.Values{"kind": {"news"}, "unit_id": {id64(app.Unit.ID)},
					"title": {"Sửa lén"}, "body": {"<p>sửa lén</p>"}, "version": {d.fx.version(t, tc.id)}})
				if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusConflict {
					t.Errorf("save: got %d, want 403 or 409", res.StatusCode)
				}
				con.post(fmt.Sprintf("/app/items/%d/delete", tc.id), url.Values{})
				if after := d.snapshot(t); after != before {
					t.Errorf("records changed:\n%s\nwant\n%s", after, before)
				}
			})
		}
	})
}

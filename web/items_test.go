package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/media"
	"loa/store"
)

// The access rules of the items routes, for TestAccessMatrix.
func init() {
	const writers = "admin secretary editor contributor"
	const workers = "admin leader secretary editor contributor"
	for pattern, who := range map[string]string{
		"GET /app/items":                       "signed-in",
		"GET /app/items/queue":                 workers,
		"GET /app/items/panel":                 "signed-in",
		"POST /app/items/settings":             "admin",
		"GET /app/items/new":                   writers,
		"POST /app/items":                      writers,
		"GET /app/items/{id}":                  "signed-in",
		"GET /app/items/{id}/edit":             writers,
		"POST /app/items/{id}":                 writers,
		"POST /app/items/{id}/delete":          writers,
		"POST /app/items/{id}/transition":      workers,
		"POST /app/items/{id}/schedule":        "admin editor",
		"POST /app/items/{id}/approve-publish": "admin editor",
		"POST /app/items/{id}/comments":        workers,
		"GET /app/items/{id}/diff":             "signed-in",
		"GET /app/items/{id}/preview":          "signed-in",
		"POST /app/items/{id}/pictures":        writers,
		"POST /app/items/{id}/publications":    writers,
		"GET /app/publications/{id}/edit":      writers,
		"POST /app/publications/{id}":          writers,
		"POST /app/publications/{id}/delete":   writers,
		"GET /app/channels":                    "admin secretary",
		"GET /app/channels/new":                "admin secretary",
		"POST /app/channels":                   "admin secretary",
		"GET /app/channels/{id}/edit":          "admin secretary",
		"POST /app/channels/{id}":              "admin secretary",
		"GET /media/{id}":                      "public",
		"GET /media/{id}/site":                 "public",
	} {
		expectedAccess[pattern] = who
	}
}

// itemsSetup adds the site's channel and an outside one to a test app.
func itemsSetup(t *testing.T, app *testApp) (site, ptth *loa.Channel) {
	t.Helper()
	site = &loa.Channel{Code: "site", Name: "Trang thông tin điện tử", Type: loa.ChannelSite, URL: "http://loa.test"}
	ptth = &loa.Channel{Code: "ptth", Name: "Đài Phát thanh – Truyền hình Thái Bình", Type: loa.ChannelRadioTV}
	for _, c := range []*loa.Channel{site, ptth} {
		if err := app.DB.SaveChannel(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	return site, ptth
}

// newItemIn creates an item of unit as the system and walks it to status st.
func newItemIn(t *testing.T, app *testApp, unit *loa.Unit, title string, st loa.Status) int64 {
	t.Helper()
	ctx := context.Background()
	it := &loa.Item{Kind: loa.KindNews, UnitID: unit.ID, Title: title, Body: "<p>Nội dung</p>"}
	if err := app.DB.CreateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	leader, _ := app.DB.LeaderApproval(ctx)
	steps := map[loa.Status][]loa.Action{
		loa.StatusSubmitted: {loa.ActionSubmit},
		loa.StatusReturned:  {loa.ActionSubmit, loa.ActionReturn},
		loa.StatusApproved:  {loa.ActionSubmit, loa.ActionApprove},
		loa.StatusPublished: {loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish},
		loa.StatusWithdrawn: {loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish, loa.ActionWithdraw},
	}
	for _, a := range steps[st] {
		if a == loa.ActionPublish && leader {
			if err := app.DB.Transition(loa.WithUser(ctx, app.Users[loa.RoleLeader]), it.ID, loa.ActionSignOff, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := app.DB.Transition(ctx, it.ID, a, "lý do"); err != nil {
			t.Fatal(err)
		}
	}
	return it.ID
}

func itemRow(t *testing.T, app *testApp, id int64) *store.ItemRow {
	t.Helper()
	r, err := app.DB.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func itemPath(id int64) string { return "/app/items/" + strconv.FormatInt(id, 10) }

// TestItemTransitionsOverHTTP takes every action from every status as every role,
// with the leader's second approval off and on, through the item page's forms: an
// allowed step redirects and moves the item; a refused one answers 403 (the role or
// the unit may not) or 409 (the status does not allow it) and changes nothing.
func TestItemTransitionsOverHTTP(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		clients := map[loa.Role]*client{}
		for _, r := range loa.Roles {
			clients[r] = app.as(r)
		}
		for _, leader := range []bool{false, true} {
			if err := app.DB.SetLeaderApproval(context.Background(), leader); err != nil {
				t.Fatal(err)
			}
			for _, from := range loa.Statuses {
				// An item in status from that a refused step left as it was (checked):
				// the next case takes it instead of making and walking a new one.
				var unchanged int64
				for _, role := range loa.Roles {
					for _, a := range loa.Actions {
						t.Run(fmt.Sprintf("leader=%v/%s/%s/%s", leader, role, from, a), func(t *testing.T) {
							id := unchanged
							if id == 0 {
								id = newItemIn(t, app, app.Unit, "Tin "+string(from), from)
							}
							unchanged = 0
							before := itemRow(t, app, id)
							if before.Status != from {
								t.Fatalf("the item is %s before the step, want %s", before.Status, from)
							}
							res := clients[role].post(itemPath(id)+"/transition", url.Values{"action": {string(a)}, "reason": {"Cần sửa lại"}})
							err := loa.CanTransition(app.Users[role], before.State(), a, leader)
							after := itemRow(t, app, id)
							if err == nil {
								if res.StatusCode != http.StatusSeeOther || after.Status != loa.TransitionOf(a).To {
									t.Fatalf("allowed step: status %d, item %s; body %.300s", res.StatusCode, after.Status, res.Body)
								}
								return
							}
							want := map[string]int{loa.EFORBIDDEN: 403, loa.ECONFLICT: 409}[loa.ErrorCode(err)]
							if res.StatusCode != want {
								t.Fatalf("refused step: got %d, want %d; body %.300s", res.StatusCode, want, res.Body)
							}
							if after.Status != before.Status || after.SignedOff != before.SignedOff {
								t.Fatalf("refused step changed the item to %s", after.Status)
							}
							if role != loa.RoleViewer && !strings.Contains(res.Body, before.Title) {
								t.Fatal("a refused step should show the item again with the reason")
							}
							unchanged = id
						})
					}
				}
			}
		}
		if err := app.DB.SetLeaderApproval(context.Background(), false); err != nil {
			t.Fatal(err)
		}
		t.Run("another unit's item is not found for a contributor", func(t *testing.T) {
			id := newItemIn(t, app, app.Other, "Tin Vũ Thư", loa.StatusDraft)
			if got := clients[loa.RoleContributor].post(itemPath(id)+"/transition", url.Values{"action": {"submit"}}).StatusCode; got != 404 {
				t.Fatalf("got %d, want 404", got)
			}
			if got := clients[loa.RoleContributor].get(itemPath(id)).StatusCode; got != 404 {
				t.Fatalf("reading: got %d, want 404", got)
			}
		})
		t.Run("returning without a reason keeps the page and asks for one", func(t *testing.T) {
			id := newItemIn(t, app, app.Unit, "Tin chờ duyệt", loa.StatusSubmitted)
			res := clients[loa.RoleEditor].post(itemPath(id)+"/transition", url.Values{"action": {"return"}, "reason": {" "}})
			wantStatus(t, res, 400)
			wantIn(t, res.Body, "Xin ghi lý do.")
		})
	})
}

// upload is one file of a multipart form.
type upload struct {
	field, name, contentType string
	data                     []byte
}

// postMultipart posts a multipart form like a browser's editor form.
func (c *client) postMultipart(path string, fields url.Values, files ...upload) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, f.field, f.name))
		h.Set("Content-Type", f.contentType)
		w, _ := mw.CreatePart(h)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.app.HTTP.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.app.HTTP.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 3)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var locationID = regexp.MustCompile(`^/app/items/(\d+)$`)

func createdID(t *testing.T, res *response) int64 {
	t.Helper()
	m := locationID.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create: status %d, location %q, body %.500s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

const dirtyBody = `<div>Ngày 04/6/2024<script>alert(1)</script> Ban tuyên truyền họp.</div>` +
	`<p onclick="steal()">Sơ kết</p><a href="javascript:alert(2)">xem</a><img src="x" onerror="alert(3)">` +
	`<p style="width: expression(alert(4))">CSS</p><p class=MsoNormal style='mso-line-height-alt:150%'>Word<o:p></o:p></p>`

func TestItemEditor(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		ctb := app.as(loa.RoleContributor)
		fields := url.Values{"kind": {"news"}, "unit_id": {strconv.FormatInt(app.Other.ID, 10)}, "title": {"Ban tuyên truyền họp sơ kết"},
			"summary": {"Sơ kết 6 tháng"}, "topic": {"Sơ kết"}, "author": {"Bùi Thảo", "", "Cộng tác viên"}, "body": {dirtyBody},
			"new_caption": {"Quang cảnh cuộc họp"}, "new_credit": {"Bùi Thảo"}}
		var id int64
		t.Run("a contributor writes for its own unit, with a picture and a file", func(t *testing.T) {
			res := ctb.postMultipart("/app/items", fields,
				upload{"pictures", "hop.jpg", "image/jpeg", testJPEG(t, 1600, 900)},
				upload{"attachments", "ket-luan.pdf", "application/pdf", []byte("%PDF-1.4\n")})
			id = createdID(t, res)
			r := itemRow(t, app, id)
			if r.UnitID != app.Unit.ID {
				t.Fatalf("unit %d, want the contributor's own %d whatever the form says", r.UnitID, app.Unit.ID)
			}
			if len(r.Authors) != 2 || r.Authors[0].Name != "Bùi Thảo" || r.Authors[1].Name != "Cộng tác viên" {
				t.Fatalf("authors %+v", r.Authors)
			}
		})
		t.Run("the body is stored clean and shown clean", func(t *testing.T) {
			r := itemRow(t, app, id)
			page := ctb.get(itemPath(id))
			wantStatus(t, page, 200)
			shown := page.Body[strings.Index(page.Body, `class="item-body"`):]
			shown = shown[:strings.Index(shown, "</article>")]
			for _, bad := range []string{"<script", "onclick", "javascript:", "onerror", "expression(", "mso-", "<o:p", "steal()"} {
				if strings.Contains(r.Body, bad) {
					t.Errorf("stored body has %q: %s", bad, r.Body)
				}
				if strings.Contains(shown, bad) {
					t.Errorf("page shows %q", bad)
				}
			}
			wantIn(t, r.Body, "Ban tuyên truyền họp.", "Sơ kết", "Word")
		})
		t.Run("the picture is resized and served to who may read the item", func(t *testing.T) {
			pics, files, err := app.DB.ItemMedia(context.Background(), id)
			if err != nil || len(pics) != 1 || len(files) != 1 || pics[0].SiteWidth != 1200 || pics[0].Caption != "Quang cảnh cuộc họp" {
				t.Fatalf("media %+v %+v %v", pics, files, err)
			}
			site := pics[0].URL() + "/site"
			if got := app.anon().get(site).StatusCode; got != 404 {
				t.Fatalf("anonymous reads a draft's picture: %d", got)
			}
			res := ctb.get(site)
			wantStatus(t, res, 200)
			if res.Header.Get("Content-Type") != "image/jpeg" || res.Header.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(res.Header.Get("Cache-Control"), "private") {
				t.Fatalf("headers %v", res.Header)
			}
			cfg, _, err := image.DecodeConfig(strings.NewReader(res.Body))
			if err != nil || cfg.Width != 1200 {
				t.Fatalf("site copy %dx%d %v", cfg.Width, cfg.Height, err)
			}
			res = ctb.get(files[0].URL())
			if !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") || res.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("attachment headers %v", res.Header)
			}
		})
		t.Run("a file that is not a picture is refused; the other fields are kept", func(t *testing.T) {
			f := url.Values{"kind": {"article"}, "title": {"Bài có tệp lạ"}, "summary": {"Giữ nguyên sa pô"}, "body": {"<p>Giữ nguyên nội dung</p>"}}
			res := ctb.postMultipart("/app/items", f, upload{"pictures", "anh.jpg", "image/jpeg", []byte("<html><script>alert(1)</script></html>")})
			wantStatus(t, res, 400)
			wantIn(t, res.Body, "không phải ảnh JPEG, PNG hoặc WebP", `value="Bài có tệp lạ"`, "Giữ nguyên sa pô", "Giữ nguyên nội dung")
			_, total, _ := app.DB.Items(context.Background(), store.ItemFilter{})
			if total != 1 {
				t.Fatalf("%d items: the refused form was saved", total)
			}
		})
		t.Run("a picture too large is refused; the other fields are kept", func(t *testing.T) {
			big := append(testJPEG(t, 8, 8), make([]byte, 11<<20)...)
			res := ctb.postMultipart("/app/items", url.Values{"kind": {"news"}, "title": {"Tin ảnh lớn"}}, upload{"pictures", "lon.jpg", "image/jpeg", big})
			wantStatus(t, res, 400)
			wantIn(t, res.Body, "quá lớn", `value="Tin ảnh lớn"`)
		})
		t.Run("two editors save at once: the second is told and loses nothing", func(t *testing.T) {
			r := itemRow(t, app, id)
			v := strconv.Itoa(r.Version)
			base := url.Values{"kind": {"news"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "version": {v}, "summary": {r.Summary}, "body": {r.Body}}
			a, b := cloneForm(base), cloneForm(base)
			a.Set("title", "Tiêu đề của biên tập viên")
			b.Set("title", "Tiêu đề của quản trị")
			b.Set("body", "<p>Đoạn văn quản trị vừa viết</p>")
			res := app.as(loa.RoleEditor).postMultipart(itemPath(id), a)
			wantStatus(t, res, http.StatusSeeOther)
			res = app.as(loa.RoleAdmin).postMultipart(itemPath(id), b)
			wantStatus(t, res, http.StatusConflict)
			wantIn(t, res.Body, "Người dùng editor", `value="Tiêu đề của quản trị"`, "Đoạn văn quản trị vừa viết")
			if got := itemRow(t, app, id); got.Title != "Tiêu đề của biên tập viên" {
				t.Fatalf("stored title %q", got.Title)
			}
		})
		t.Run("edit captions and remove a file", func(t *testing.T) {
			r := itemRow(t, app, id)
			pics, files, _ := app.DB.ItemMedia(context.Background(), id)
			pid, fid := strconv.FormatInt(pics[0].ID, 10), strconv.FormatInt(files[0].ID, 10)
			f := url.Values{"kind": {"news"}, "title": {r.Title}, "version": {strconv.Itoa(r.Version)}, "body": {r.Body},
				"caption_" + pid: {"Đồng chí Phạm Viết Vượng chủ trì"}, "credit_" + pid: {"Bùi Thảo"}, "position_" + pid: {"1"},
				"caption_" + fid: {""}, "remove_" + fid: {"1"}}
			wantStatus(t, ctb.postMultipart(itemPath(id), f), http.StatusSeeOther)
			pics, files, _ = app.DB.ItemMedia(context.Background(), id)
			if len(files) != 0 || pics[0].Caption != "Đồng chí Phạm Viết Vượng chủ trì" {
				t.Fatalf("media %+v %+v", pics, files)
			}
		})
		t.Run("revisions compare", func(t *testing.T) {
			res := ctb.get(itemPath(id) + "/diff?from=1&to=2")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "<del>", "<ins>", "biên tập viên")
		})
		t.Run("once submitted, the contributor may no longer edit", func(t *testing.T) {
			wantStatus(t, ctb.post(itemPath(id)+"/transition", url.Values{"action": {"submit"}}), http.StatusSeeOther)
			wantStatus(t, ctb.get(itemPath(id)+"/edit"), http.StatusConflict)
			r := itemRow(t, app, id)
			res := ctb.postMultipart(itemPath(id), url.Values{"kind": {"news"}, "title": {"Sửa lén"}, "version": {strconv.Itoa(r.Version)}})
			wantStatus(t, res, http.StatusConflict)
		})
		t.Run("the editor page loads Trix, other pages do not", func(t *testing.T) {
			// The editor replaces a plain text area when its script runs (the e2e tests see it).
			wantIn(t, ctb.get("/app/items/new").Body, "trix.", `data-rich-editor="body-editor"`, `name="body"`)
			wantNotIn(t, ctb.get("/app/items").Body, "trix.")
		})
	})
}

func cloneForm(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = slices.Clone(vs)
	}
	return c
}

func TestItemPublicationsAndMedia(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		site, ptth := itemsSetup(t, app)
		ctb := app.as(loa.RoleContributor)
		id := newItemIn(t, app, app.Unit, "Phóng sự kỷ niệm ngày thành lập ngành", loa.StatusApproved)
		t.Run("publishing creates the site's publication", func(t *testing.T) {
			wantStatus(t, app.as(loa.RoleEditor).post(itemPath(id)+"/transition", url.Values{"action": {"publish"}}), http.StatusSeeOther)
			pubs, _ := app.DB.Publications(context.Background(), id)
			if len(pubs) != 1 || pubs[0].ChannelID != site.ID || !pubs[0].PublishedOn.Equal(loa.Today()) {
				t.Fatalf("publications %+v", pubs)
			}
		})
		t.Run("a contributor records the radio-TV broadcast", func(t *testing.T) {
			res := ctb.post(itemPath(id)+"/publications", url.Values{"channel_id": {strconv.FormatInt(ptth.ID, 10)},
				"published_on": {loa.Today().Display()}, "url": {"https://ptth.example/phong-su"}, "note": {"Thời sự 19 giờ"}})
			wantStatus(t, res, http.StatusSeeOther)
			page := ctb.get(itemPath(id))
			wantIn(t, page.Body, "Đài Phát thanh", loa.Today().Display(), "https://ptth.example/phong-su")
		})
		t.Run("but not on the site", func(t *testing.T) {
			res := ctb.post(itemPath(id)+"/publications", url.Values{"channel_id": {strconv.FormatInt(site.ID, 10)}, "published_on": {"27/07/2024"}})
			wantStatus(t, res, http.StatusForbidden)
		})
		t.Run("a bad date is refused with the typed values kept", func(t *testing.T) {
			res := ctb.post(itemPath(id)+"/publications", url.Values{"channel_id": {strconv.FormatInt(ptth.ID, 10)}, "published_on": {"31/02/2024"},
				"note": {"ghi chú giữ lại"}})
			wantStatus(t, res, http.StatusBadRequest)
			wantIn(t, res.Body, "ghi chú giữ lại")
		})
		pubs, _ := app.DB.Publications(context.Background(), id)
		var radio *loa.Publication
		for _, p := range pubs {
			if p.ChannelID == ptth.ID {
				radio = p
			}
		}
		t.Run("correct the date, then delete", func(t *testing.T) {
			path := "/app/publications/" + strconv.FormatInt(radio.ID, 10)
			wantStatus(t, ctb.get(path+"/edit"), 200)
			wantStatus(t, ctb.post(path, url.Values{"channel_id": {strconv.FormatInt(ptth.ID, 10)}, "published_on": {loa.Today().String()}}), http.StatusSeeOther)
			p, _ := app.DB.Publication(context.Background(), radio.ID)
			if !p.PublishedOn.Equal(loa.Today()) {
				t.Fatalf("date %v", p.PublishedOn)
			}
			wantStatus(t, app.as(loa.RoleViewer).post(path+"/delete", nil), http.StatusForbidden)
			wantStatus(t, ctb.post(path+"/delete", nil), http.StatusSeeOther)
		})
		t.Run("a published item's picture is public and long cached", func(t *testing.T) {
			mf, err := media.Picture("anh.jpg", testJPEG(t, 40, 30))
			if err != nil {
				t.Fatal(err)
			}
			m, err := app.DB.AddMedia(context.Background(), id, mf, "Ảnh", "")
			if err != nil {
				t.Fatal(err)
			}
			res := app.anon().get(m.URL())
			wantStatus(t, res, 200)
			if !strings.Contains(res.Header.Get("Cache-Control"), "max-age=31536000") || res.Header.Get("Content-Type") != "image/jpeg" ||
				res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") {
				t.Fatalf("headers %v", res.Header)
			}
			if got := app.anon().get("/media/999999").StatusCode; got != 404 {
				t.Fatalf("unknown media: %d", got)
			}
		})
		t.Run("withdrawing keeps the publication, marked", func(t *testing.T) {
			res := app.as(loa.RoleEditor).post(itemPath(id)+"/transition", url.Values{"action": {"withdraw"}, "reason": {"Thông tin chưa chính xác"}})
			wantStatus(t, res, http.StatusSeeOther)
			page := app.as(loa.RoleViewer).get(itemPath(id))
			wantIn(t, page.Body, "Đã gỡ", "Thông tin chưa chính xác")
		})
	})
}

func TestItemLists(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		newItemIn(t, app, app.Unit, "Tin nháp Hưng Hà", loa.StatusDraft)
		newItemIn(t, app, app.Unit, "Tin trả lại Hưng Hà", loa.StatusReturned)
		newItemIn(t, app, app.Other, "Tin chờ duyệt Vũ Thư", loa.StatusSubmitted)
		newItemIn(t, app, app.Other, "Tin đã đăng Vũ Thư", loa.StatusPublished)
		t.Run("a contributor sees its unit's items only", func(t *testing.T) {
			res := app.as(loa.RoleContributor).get("/app/items")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "Tin nháp Hưng Hà", "Tin trả lại Hưng Hà")
			wantNotIn(t, res.Body, "Vũ Thư")
			res = app.as(loa.RoleContributor).get("/app/items?unit=" + strconv.FormatInt(app.Other.ID, 10))
			wantNotIn(t, res.Body, "Tin chờ duyệt Vũ Thư")
		})
		t.Run("filters and counts by status", func(t *testing.T) {
			res := app.as(loa.RoleViewer).get("/app/items?status=submitted&sort=title")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "Tin chờ duyệt Vũ Thư", `Chờ duyệt <span class="count">1</span>`, `Tất cả <span class="count">4</span>`)
			wantNotIn(t, res.Body, "Tin nháp Hưng Hà")
			res = app.as(loa.RoleViewer).get("/app/items?kind=news&from=01/01/2000&to=31/12/2099&channel=1")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "Tin đã đăng Vũ Thư")
			wantStatus(t, app.as(loa.RoleViewer).get("/app/items?from=31/02/2024"), 200)
		})
		t.Run("the editor's queue shows waiting time", func(t *testing.T) {
			res := app.as(loa.RoleEditor).get("/app/items/queue")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "Tin chờ duyệt Vũ Thư", "Đã chờ")
			wantNotIn(t, res.Body, "Tin nháp Hưng Hà")
		})
		t.Run("the home panel of a contributor lists its unit's drafts and returned items", func(t *testing.T) {
			res := app.as(loa.RoleContributor).getHX("/app/items/panel")
			wantStatus(t, res, 200)
			wantIn(t, res.Body, "Tin nháp Hưng Hà", "Tin trả lại Hưng Hà")
			wantNotIn(t, res.Body, "<html", "Vũ Thư")
			wantIn(t, app.as(loa.RoleContributor).get("/app").Body, "/app/items/panel")
		})
		t.Run("comments", func(t *testing.T) {
			rows, _, _ := app.DB.Items(context.Background(), store.ItemFilter{Statuses: []loa.Status{loa.StatusReturned}})
			id := rows[0].ID
			wantStatus(t, app.as(loa.RoleEditor).post(itemPath(id)+"/comments", url.Values{"comment": {"Xin bổ sung <b>ảnh</b>."}}), http.StatusSeeOther)
			res := app.as(loa.RoleContributor).get(itemPath(id))
			wantIn(t, res.Body, "Xin bổ sung &lt;b&gt;ảnh&lt;/b&gt;.")
		})
		t.Run("the leader's approval setting, admin only", func(t *testing.T) {
			wantStatus(t, app.as(loa.RoleAdmin).post("/app/items/settings", url.Values{"leader_approval": {"1"}}), http.StatusSeeOther)
			if on, _ := app.DB.LeaderApproval(context.Background()); !on {
				t.Fatal("setting not saved")
			}
			wantStatus(t, app.as(loa.RoleEditor).post("/app/items/settings", url.Values{"leader_approval": {"0"}}), http.StatusForbidden)
		})
	})
}

func TestChannelsPages(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		itemsSetup(t, app)
		sec := app.as(loa.RoleSecretary)
		wantStatus(t, sec.get("/app/channels"), 200)
		wantStatus(t, sec.get("/app/channels/new"), 200)
		res := sec.post("/app/channels", url.Values{"code": {"bvpl"}, "name": {"Báo Bảo vệ pháp luật"}, "type": {"sector"}})
		wantStatus(t, res, http.StatusSeeOther)
		res = sec.post("/app/channels", url.Values{"code": {"bvpl"}, "name": {"Trùng"}, "type": {"sector"}})
		wantStatus(t, res, http.StatusBadRequest)
		wantIn(t, res.Body, "Mã kênh đã có.")
		res = sec.post("/app/channels", url.Values{"code": {"có dấu"}, "name": {"x"}, "type": {"blog"}})
		wantStatus(t, res, http.StatusBadRequest)
		chs, _ := app.DB.Channels(context.Background())
		var id int64
		for _, c := range chs {
			if c.Code == "bvpl" {
				id = c.ID
			}
		}
		path := "/app/channels/" + strconv.FormatInt(id, 10)
		wantStatus(t, sec.get(path+"/edit"), 200)
		wantStatus(t, sec.post(path, url.Values{"code": {"bvpl"}, "name": {"Báo BVPL điện tử"}, "type": {"sector"}, "url": {"https://baovephapluat.vn"}}), http.StatusSeeOther)
		wantIn(t, sec.get("/app/channels").Body, "Báo BVPL điện tử")
		wantStatus(t, app.as(loa.RoleEditor).get("/app/channels"), http.StatusForbidden)
	})
}

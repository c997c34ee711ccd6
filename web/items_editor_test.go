package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/store"
)

// TestItemPreview: the preview is the public item page (same template, title as
// h1, body headings h2/h3, pictures with alt) marked "Bản xem trước", noindex and not
// cached, for who may read the item: a contributor its own unit's only, nobody
// signed out; and it never makes the draft public.
func TestItemPreview(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		body := `<h1>Kết quả</h1><p>Đoạn một.</p><h4>Chi tiết</h4><ul><li>một</li></ul><blockquote>trích</blockquote><script>alert(1)</script>`
		it := &loa.Item{Kind: loa.KindNews, UnitID: app.Unit.ID, Title: "Tin xem trước về hội nghị", Body: body}
		if err := app.DB.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		path := "/app/items/" + strconv.FormatInt(it.ID, 10) + "/preview"

		for _, r := range []loa.Role{loa.RoleContributor, loa.RoleEditor, loa.RoleLeader, loa.RoleViewer} {
			res := app.as(r).get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d, want 200", r, res.StatusCode)
			}
			wantIn(t, res.Body, `id="preview-banner"`, "Bản xem trước", `<meta name="robots" content="noindex, nofollow">`,
				`<h1 id="item-title">Tin xem trước về hội nghị</h1>`, `<h2>Kết quả</h2>`, `<h3>Chi tiết</h3>`,
				`<ul><li>một</li></ul>`, `<blockquote>trích</blockquote>`, `id="article-tools"`, `class="site-header"`)
			if strings.Contains(res.Body, "<script>alert") {
				t.Errorf("%s: the preview shows an unsanitized body", r)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s: Cache-Control %q, want no-store", r, got)
			}
		}
		// The same page, published: the public page shows what the preview showed.
		pub := app.anon()
		if res := pub.get(path); res.StatusCode == http.StatusOK {
			t.Fatalf("anonymous preview: status 200, want a refusal")
		}
		other := &loa.Item{Kind: loa.KindNews, UnitID: app.Other.ID, Title: "Tin của đơn vị khác", Body: "<p>x</p>"}
		if err := app.DB.CreateItem(ctx, other); err != nil {
			t.Fatal(err)
		}
		if res := app.as(loa.RoleContributor).get("/app/items/" + strconv.FormatInt(other.ID, 10) + "/preview"); res.StatusCode != http.StatusNotFound {
			t.Errorf("contributor previewing another unit's item: status %d, want 404", res.StatusCode)
		}
		// A preview is no publication: the public page of the draft stays a 404.
		if res := pub.get("/tin/tin-xem-truoc-ve-hoi-nghi-" + strconv.FormatInt(it.ID, 10)); res.StatusCode != http.StatusNotFound {
			t.Errorf("public page of a draft after its preview: status %d, want 404", res.StatusCode)
		}
		// The item's page links to its preview.
		wantIn(t, app.as(loa.RoleEditor).get("/app/items/"+strconv.FormatInt(it.ID, 10)).Body, `href="`+path+`"`)
	})
}

// TestItemPicture: the editor's upload stores a picture of the item and answers
// its address; the body that shows it, as <figure><img alt><figcaption>, is kept by
// the sanitizer, shown on the public page with its alt and caption, and not shown a
// second time above the text. Who may not edit the item stores nothing; a file that
// is no picture is refused with a Vietnamese reason.
func TestItemPicture(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		itemsSetup(t, app)
		id := newItemIn(t, app, app.Unit, "Tin có ảnh trong bài", loa.StatusDraft)
		path := itemPath(id) + "/pictures"
		c := app.as(loa.RoleContributor)

		res := c.postFiles(path, url.Values{"caption": {"Toàn cảnh"}}, namedFile{"picture", "a.png", []byte("<html>không phải ảnh</html>")})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, `"error"`) {
			t.Fatalf("a file that is no picture: %d %s, want 400 with an error", res.StatusCode, res.Body)
		}
		res = c.postFiles(path, url.Values{}, namedFile{"picture", "hoi-nghi.png", pngBytes(t, 64, 48)})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("upload: %d %s", res.StatusCode, res.Body)
		}
		var pic struct {
			ID            int64
			URL           string
			Width, Height int
		}
		if err := json.Unmarshal([]byte(res.Body), &pic); err != nil || pic.ID == 0 || pic.URL != "/media/"+strconv.FormatInt(pic.ID, 10) || pic.Width != 64 {
			t.Fatalf("answer %s (%v)", res.Body, err)
		}
		// Another unit's contributor may not add to it: nothing stored.
		otherItem := newItemIn(t, app, app.Other, "Tin đơn vị khác", loa.StatusDraft)
		if res := c.postFiles(itemPath(otherItem)+"/pictures", url.Values{}, namedFile{"picture", "x.png", pngBytes(t, 8, 8)}); res.StatusCode != http.StatusNotFound {
			t.Errorf("upload to another unit's item: %d, want 404", res.StatusCode)
		}
		if pics, _, _ := app.DB.ItemMedia(ctx, otherItem); len(pics) != 0 {
			t.Errorf("another unit's item got %d pictures", len(pics))
		}

		// The body as the editor's script writes it (Trix's attachment markup).
		body := `<p>Mở đầu.</p><figure data-trix-attachment="{&quot;url&quot;:&quot;` + pic.URL + `&quot;}" class="attachment attachment--preview"><img src="` + pic.URL +
			`" alt="Các đại biểu dự hội nghị" width="64" height="48"><figcaption class="attachment__caption">Toàn cảnh hội nghị</figcaption></figure>`
		res = c.post(itemPath(id), url.Values{"kind": {"news"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "title": {"Tin có ảnh trong bài"},
			"body": {body}, "body_format": {"html"}, "version": {strconv.Itoa(itemRow(t, app, id).Version)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.StatusCode, excerpt(res.Body))
		}
		want := `<figure><img src="` + pic.URL + `" alt="Các đại biểu dự hội nghị" width="64" height="48"><figcaption>Toàn cảnh hội nghị</figcaption></figure>`
		if got := itemRow(t, app, id).Body; !strings.Contains(got, want) {
			t.Fatalf("stored body %q, want it to hold %q", got, want)
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
			if err := app.DB.Transition(ctx, id, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		page := app.anon().get("/tin/tin-co-anh-trong-bai-" + strconv.FormatInt(id, 10))
		if page.StatusCode != http.StatusOK {
			t.Fatalf("public page: %d", page.StatusCode)
		}
		wantIn(t, page.Body, want)
		if strings.Contains(page.Body, `id="picture-`+strconv.FormatInt(pic.ID, 10)+`"`) {
			t.Errorf("the picture in the text is shown a second time above it")
		}
	})
}

// TestItemLeadPicture: the picture chosen as the lead in the form becomes the first
// (the lead of lists and shared links); the others keep their typed order after it.
// Left on the current lead, the typed order alone decides.
func TestItemLeadPicture(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		id := newItemIn(t, app, app.Unit, "Tin có ba ảnh", loa.StatusDraft)
		c := app.as(loa.RoleContributor)
		var ids []int64
		for i := 0; i < 3; i++ {
			res := c.postFiles(itemPath(id)+"/pictures", url.Values{}, namedFile{"picture", "a.png", pngBytes(t, 20+i, 20)})
			var p struct{ ID int64 }
			if err := json.Unmarshal([]byte(res.Body), &p); err != nil || p.ID == 0 {
				t.Fatalf("upload %d: %d %s", i, res.StatusCode, res.Body)
			}
			ids = append(ids, p.ID)
		}
		save := func(lead int64, pos ...int) {
			t.Helper()
			f := url.Values{"kind": {"news"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "title": {"Tin có ba ảnh"}, "body": {"<p>x</p>"},
				"version": {strconv.Itoa(itemRow(t, app, id).Version)}, "lead": {strconv.FormatInt(lead, 10)}}
			for i, m := range ids {
				k := strconv.FormatInt(m, 10)
				f.Set("caption_"+k, "Ảnh "+k)
				f.Set("position_"+k, strconv.Itoa(pos[i]))
			}
			if res := c.post(itemPath(id), f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, excerpt(res.Body))
			}
		}
		order := func() []int64 {
			pics, _, err := app.DB.ItemMedia(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, p := range pics {
				out = append(out, p.ID)
			}
			return out
		}
		save(ids[2], 1, 2, 3)
		if got, want := order(), []int64{ids[2], ids[0], ids[1]}; !slices.Equal(got, want) {
			t.Fatalf("after choosing the third as lead: %v, want %v", got, want)
		}
		// The lead left where it is, the order typed wins: the first typed as 3rd.
		save(ids[2], 3, 2, 1) // ids[0] at 3, ids[1] at 2, ids[2] at 1
		if got, want := order(), []int64{ids[2], ids[1], ids[0]}; !slices.Equal(got, want) {
			t.Fatalf("after typing an order: %v, want %v", got, want)
		}
	})
}

// TestItemSection: the section chosen in the form places the item there: its list
// shows it, the section of its kind no longer does, its page's breadcrumb names it;
// a section that does not exist is refused beside its field; deleting the section
// puts the item back in the section of its kind.
func TestItemSection(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		itemsSetup(t, app)
		news := &store.Section{Name: "Tin hoạt động", Slug: "tin-hoat-dong", Kinds: []loa.ItemKind{loa.KindNews}, Position: 1}
		models := &store.Section{Name: "Gương điển hình", Slug: "guong-dien-hinh", Topics: []string{"Gương điển hình"}, Position: 2}
		for _, s := range []*store.Section{news, models} {
			if err := app.DB.SaveSection(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		const title = "Kiểm sát viên giỏi của huyện"
		id := newItemIn(t, app, app.Unit, title, loa.StatusDraft)
		c := app.as(loa.RoleContributor)
		form := func(section string) url.Values {
			return url.Values{"kind": {"news"}, "unit_id": {strconv.FormatInt(app.Unit.ID, 10)}, "title": {title}, "body": {"<p>x</p>"},
				"version": {strconv.Itoa(itemRow(t, app, id).Version)}, "section_id": {section}}
		}
		wantIn(t, c.get(itemPath(id)+"/edit").Body, `<select id="section_id" name="section_id"`, `>Gương điển hình</option>`)
		res := c.post(itemPath(id), form("999999"))
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "Không có chuyên mục này.") {
			t.Fatalf("an unknown section: %d, want 400 with the reason", res.StatusCode)
		}
		if res := c.post(itemPath(id), form(strconv.FormatInt(models.ID, 10))); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.StatusCode, excerpt(res.Body))
		}
		if got := itemRow(t, app, id).SectionID; got != models.ID {
			t.Fatalf("section %d, want %d", got, models.ID)
		}
		wantIn(t, c.get(itemPath(id)+"/edit").Body, `<option value="`+strconv.FormatInt(models.ID, 10)+`" selected>`)
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
			if err := app.DB.Transition(ctx, id, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		anon := app.anon()
		listed := func(slug string) bool {
			res := anon.get("/chuyen-muc/" + slug)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("/chuyen-muc/%s: %d", slug, res.StatusCode)
			}
			return strings.Contains(res.Body, title)
		}
		if !listed("guong-dien-hinh") || listed("tin-hoat-dong") {
			t.Errorf("placed in Gương điển hình: listed there %v, in Tin hoạt động %v; want only the first", listed("guong-dien-hinh"), listed("tin-hoat-dong"))
		}
		page := anon.get("/tin/x-" + strconv.FormatInt(id, 10))
		if page.StatusCode != http.StatusMovedPermanently {
			t.Fatalf("old slug: %d", page.StatusCode)
		}
		page = anon.get(page.Header.Get("Location"))
		wantIn(t, page.Body, `<a href="/chuyen-muc/guong-dien-hinh">Gương điển hình</a>`)

		if err := app.DB.DeleteSection(ctx, models.ID); err != nil {
			t.Fatal(err)
		}
		if got := itemRow(t, app, id).SectionID; got != 0 {
			t.Errorf("after deleting its section the item keeps section %d", got)
		}
		if !listed("tin-hoat-dong") {
			t.Errorf("after deleting its section the item is not back in the section of its kind")
		}
	})
}

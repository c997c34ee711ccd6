package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa"
)

func init() {
	expectedAccess["GET /app/publications/pending"] = "admin secretary editor"
	expectedAccess["POST /app/publications/decide"] = "admin secretary editor"
	auditCases["POST /app/publications/decide"] = auditCase{role: loa.RoleSecretary, entity: "publication", want: "both",
		setup: func(t *testing.T, fx *auditFixture) (string, url.Values) {
			id := fx.inStatus(t, fx.app.Unit, loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish)
			p := &loa.Publication{ItemID: id, ChannelID: fx.bvpl.ID, PublishedOn: loa.Today(), Note: "Báo in trang 3"}
			if err := fx.app.DB.AddPublication(loa.WithUser(context.Background(), fx.app.Users[loa.RoleContributor]), p); err != nil {
				t.Fatal(err)
			}
			return "/app/publications/decide", url.Values{"id": {id64(p.ID)}, "decision": {"confirm"}}
		}}
}

// TestPublicationConfirmation: a contributor's record of a broadcast is declared with
// its evidence, counts nowhere until the secretary confirms it from the queue (then
// exactly its count), and a refusal carries its reason to the item and the unit's
// dashboard.
func TestPublicationConfirmation(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		ctx := context.Background()
		_, ptth := itemsSetup(t, app)
		ctb, sec := app.as(loa.RoleContributor), app.as(loa.RoleSecretary)
		today := loa.Today()
		report := func() *loa.Report {
			t.Helper()
			r, err := app.DB.Report(ctx, loa.ReportQuery{From: today.AddDays(-30), To: today})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		id := newItemIn(t, app, app.Unit, "Phóng sự phiên toà rút kinh nghiệm", loa.StatusPublished)
		id2 := newItemIn(t, app, app.Unit, "Tin hội nghị giao ban", loa.StatusPublished)
		id3 := newItemIn(t, app, app.Unit, "Tin tập huấn nghiệp vụ", loa.StatusPublished)
		before := report()
		chID := strconv.FormatInt(ptth.ID, 10)

		t.Run("no evidence: refused, typed values kept", func(t *testing.T) {
			res := ctb.post(itemPath(id)+"/publications", url.Values{"channel_id": {chID}, "published_on": {today.Display()}, "url": {"  "}})
			wantStatus(t, res, http.StatusBadRequest)
			wantIn(t, res.Body, "Xin kèm minh chứng", `value="`+today.Display()+`"`)
		})
		var declared *loa.Publication
		t.Run("declared with a file, awaiting confirmation", func(t *testing.T) {
			res := ctb.postFiles(itemPath(id)+"/publications", url.Values{"channel_id": {chID}, "published_on": {today.Display()}},
				namedFile{"evidence_file", "lich-phat-song.png", pngBytes(t, 20, 10)})
			wantStatus(t, res, http.StatusSeeOther)
			pubs, _ := app.DB.Publications(ctx, id)
			for _, p := range pubs {
				if p.ChannelID == ptth.ID {
					declared = p
				}
			}
			if declared == nil || declared.Status != loa.PublicationDeclared || declared.EvidenceMediaID == 0 {
				t.Fatalf("publication %+v", declared)
			}
			if r := report(); r.Publications != before.Publications || r.Items != before.Items {
				t.Fatalf("a declaration counted: %d/%d publications, %d/%d items", r.Publications, before.Publications, r.Items, before.Items)
			}
			wantIn(t, ctb.get(itemPath(id)).Body, "chờ xác nhận", "/media/"+strconv.FormatInt(declared.EvidenceMediaID, 10))
			wantIn(t, ctb.get("/app/dashboard/units/"+strconv.FormatInt(app.Unit.ID, 10)).Body, "chờ xác nhận", "Phóng sự phiên toà rút kinh nghiệm")
			ev := "/media/" + strconv.FormatInt(declared.EvidenceMediaID, 10)
			wantStatus(t, app.anon().get(ev), http.StatusNotFound) // never public, though its item is
			wantStatus(t, ctb.get(ev), http.StatusOK)
			wantNotIn(t, app.anon().get("/tin/x-"+strconv.FormatInt(id, 10)).Body, "lich-phat-song.png")
		})
		p2 := &loa.Publication{ItemID: id2, ChannelID: ptth.ID, PublishedOn: today, URL: "https://ptth.example/tin"}
		if err := app.DB.AddPublication(loa.WithUser(ctx, app.Users[loa.RoleContributor]), p2); err != nil {
			t.Fatal(err)
		}
		p3 := &loa.Publication{ItemID: id3, ChannelID: ptth.ID, PublishedOn: today, Note: "Bản tin trưa"}
		if err := app.DB.AddPublication(loa.WithUser(ctx, app.Users[loa.RoleContributor]), p3); err != nil {
			t.Fatal(err)
		}

		t.Run("the queue: only who confirms, with the evidence beside", func(t *testing.T) {
			wantStatus(t, ctb.get("/app/publications/pending"), http.StatusForbidden)
			page := sec.get("/app/publications/pending")
			wantStatus(t, page, http.StatusOK)
			wantIn(t, page.Body, "Phóng sự phiên toà rút kinh nghiệm", "lich-phat-song.png", "https://ptth.example/tin", "Bản tin trưa")
			wantIn(t, app.as(loa.RoleEditor).get("/app").Body, `href="/app/publications/pending"`)
		})
		t.Run("a refusal without a reason keeps the ticks", func(t *testing.T) {
			res := sec.post("/app/publications/decide", url.Values{"id": {id64(declared.ID), id64(p2.ID)}, "decision": {"refuse"}})
			wantStatus(t, res, http.StatusBadRequest)
			wantIn(t, res.Body, "Xin ghi lý do không xác nhận.")
			if n := strings.Count(res.Body, " checked>"); n != 2 {
				t.Fatalf("%d ticks kept, want 2", n)
			}
		})
		t.Run("bulk confirmation counts exactly those", func(t *testing.T) {
			res := sec.post("/app/publications/decide", url.Values{"id": {id64(declared.ID), id64(p2.ID)}, "decision": {"confirm"}})
			wantStatus(t, res, http.StatusSeeOther)
			r := report()
			if r.Publications != before.Publications+2 || r.ByChannel["ptth"] != before.ByChannel["ptth"]+2 || r.Items != before.Items {
				t.Fatalf("after confirming: %d publications (%v), %d items; before %d (%v), %d",
					r.Publications, r.ByChannel, r.Items, before.Publications, before.ByChannel, before.Items)
			}
			// Decided already: a second click is a conflict, said plainly.
			res = sec.post("/app/publications/decide", url.Values{"id": {id64(p2.ID)}, "decision": {"confirm"}})
			wantStatus(t, res, http.StatusConflict)
			wantIn(t, res.Body, "đã được xử lý")
		})
		t.Run("a refusal's reason reaches the item and the dashboard", func(t *testing.T) {
			res := sec.post("/app/publications/decide", url.Values{"id": {id64(p3.ID)}, "row": {id64(p3.ID)}, "decision": {"refuse"},
				"reason": {"Không thấy tin trong bản tin trưa ngày này"}})
			wantStatus(t, res, http.StatusSeeOther)
			wantIn(t, ctb.get(itemPath(id3)).Body, "không được xác nhận", "Không thấy tin trong bản tin trưa ngày này")
			wantIn(t, ctb.get("/app/dashboard/units/"+strconv.FormatInt(app.Unit.ID, 10)).Body, "Không thấy tin trong bản tin trưa ngày này")
			if r := report(); r.Publications != before.Publications+2 {
				t.Fatalf("a refusal counted: %d", r.Publications)
			}
			wantIn(t, sec.get("/app/publications/pending").Body, "Không có kết quả đăng nào chờ xác nhận.")
		})
	})
}

package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// at is a context of user u (nil: the system) whose present instant is day at 09:00
// in Vietnam.
func at(t *testing.T, u *loa.User, day string) context.Context {
	t.Helper()
	ctx := context.Background()
	if u != nil {
		ctx = loa.WithUser(ctx, u)
	}
	d := mustDate(t, day)
	return store.AtTime(ctx, time.Date(d.Year(), d.Month(), d.Day(), 2, 0, 0, 0, time.UTC))
}

func reportJSON(t *testing.T, db *store.DB, period string) string {
	t.Helper()
	p, err := loa.DefaultYearStart.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Report(context.Background(), loa.ReportQuery{From: p.From, To: p.To, YearStart: loa.DefaultYearStart})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClosedPeriodRefusesEveryChange closes 2024-H1 and tries every kind of change
// that would alter one of its counts, through every store path; each is refused
// naming the period, and the report's JSON stays byte for byte the same, until an
// admin reopens the period.
func TestClosedPeriodRefusesEveryChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		sec, ctb, admin := f.Users[loa.RoleSecretary], f.Users[loa.RoleContributor], f.Users[loa.RoleAdmin]
		h1, err := loa.DefaultYearStart.ParsePeriod("2024-H1")
		if err != nil {
			t.Fatal(err)
		}
		// An item written in November 2023, broadcast in March (counted), declared on
		// BVPL in April by its unit (pending); a second one published on the site in
		// March through the workflow; a third carried outside the period only.
		it := &loa.Item{Kind: loa.KindNews, UnitID: f.Unit.ID, Title: "Tin tháng Ba", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2023-11-01"), it); err != nil {
			t.Fatal(err)
		}
		counted := &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-03-01")}
		if err := db.AddPublication(at(t, sec, "2024-03-02"), counted); err != nil {
			t.Fatal(err)
		}
		declared := &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-04-01"), URL: "https://bvpl.example/1"}
		if err := db.AddPublication(at(t, ctb, "2024-04-02"), declared); err != nil {
			t.Fatal(err)
		}
		if declared.Status != loa.PublicationDeclared || counted.Status != loa.PublicationConfirmed {
			t.Fatalf("statuses %s %s", declared.Status, counted.Status)
		}
		site := &loa.Item{Kind: loa.KindArticle, UnitID: f.Other.ID, Title: "Bài trên trang", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-03-01"), site); err != nil {
			t.Fatal(err)
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
			if err := db.Transition(at(t, nil, "2024-03-05"), site.ID, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		later := &loa.Item{Kind: loa.KindNews, UnitID: f.Unit.ID, Title: "Tin tháng Bảy", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-01-05"), later); err != nil {
			t.Fatal(err)
		}
		laterPub := &loa.Publication{ItemID: later.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-07-02")}
		if err := db.AddPublication(at(t, sec, "2024-07-02"), laterPub); err != nil {
			t.Fatal(err)
		}
		// A scheduled item, due in May.
		due := &loa.Item{Kind: loa.KindNews, UnitID: f.Unit.ID, Title: "Tin hẹn giờ", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-04-20"), due); err != nil {
			t.Fatal(err)
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove} {
			if err := db.Transition(at(t, nil, "2024-04-20"), due.ID, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ScheduleItem(at(t, nil, "2024-04-20"), due.ID, time.Date(2024, 5, 1, 1, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		opt := store.ImportOptions{Source: "test"}
		if _, err := db.ImportQuotas(context.Background(), []store.QuotaImport{{Line: 2, UnitCode: f.Unit.Code, Period: "2024-H1", Kind: "any", Target: 3}}, opt); err != nil {
			t.Fatal(err)
		}
		importRow := store.ItemImport{Line: 2, Ref: "R-1", Title: "Tin nhập", Kind: loa.KindNews, UnitCode: f.Unit.Code, ChannelCode: "bvpl", PublishedOn: mustDate(t, "2024-02-01")}
		if _, err := db.ImportItems(context.Background(), []store.ItemImport{importRow}, opt); err != nil {
			t.Fatal(err)
		}

		if err := db.ClosePeriod(as(f.Users[loa.RoleContributor]), h1); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("a contributor closing: %v", err)
		}
		if err := db.ClosePeriod(as(f.Users[loa.RoleLeader]), h1); err != nil {
			t.Fatal(err)
		}
		if err := db.ClosePeriod(as(sec), h1); loa.ErrorCode(err) != loa.ECONFLICT {
			t.Fatalf("closing twice: %v", err)
		}
		closedReport := reportJSON(t, db, "2024-H1")
		if at, _ := db.PeriodClosedAt(context.Background(), "2024-H1"); at.IsZero() {
			t.Fatal("no closed_at")
		}

		refused := func(name string, err error) {
			t.Helper()
			if loa.ErrorCode(err) != loa.ECONFLICT || !strings.Contains(loa.ErrorMessage(err), "6 tháng đầu năm 2024") {
				t.Errorf("%s: got %v, want the closed period's refusal", name, err)
			}
			if got := reportJSON(t, db, "2024-H1"); got != closedReport {
				t.Errorf("%s changed the closed report:\n%s\n%s", name, closedReport, got)
			}
		}
		today := "2024-08-01"
		refused("a publication added", db.AddPublication(at(t, sec, today), &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-05-30")}))
		refused("a publication declared", db.AddPublication(at(t, ctb, today), &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-05-30"), Note: "Báo in"}))
		moved := *counted
		moved.PublishedOn = mustDate(t, "2024-07-10")
		refused("a publication moved out", db.UpdatePublication(at(t, sec, today), &moved))
		in := *laterPub
		in.PublishedOn = mustDate(t, "2024-05-10")
		refused("a publication moved in", db.UpdatePublication(at(t, sec, today), &in))
		link := *counted
		link.URL = "https://ptth.example/khac"
		refused("a publication of the period edited", db.UpdatePublication(at(t, sec, today), &link))
		withdrawn := *counted
		withdrawn.Withdrawn = true
		refused("a publication withdrawn", db.UpdatePublication(at(t, sec, today), &withdrawn))
		refused("a publication deleted", db.DeletePublication(at(t, sec, today), counted.ID))
		refused("a declaration confirmed", db.ConfirmPublications(at(t, sec, today), []int64{declared.ID}))
		refused("a declaration refused", db.RefusePublications(at(t, sec, today), []int64{declared.ID}, "không thấy"))
		refused("the site's publication withdrawn", db.Transition(at(t, admin, today), site.ID, loa.ActionWithdraw, "sai sót"))
		refused("an earlier publication outside the period", db.AddPublication(at(t, sec, today), &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2023-11-20")}))
		_, err = db.PublishDue(context.Background(), time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC))
		refused("a scheduled publication", err)

		cur := f.status(t, it.ID)
		kind := cur.Item
		kind.Kind = loa.KindArticle
		refused("the kind changed", db.UpdateItem(at(t, sec, today), &kind))
		unit := cur.Item
		unit.UnitID = f.Other.ID
		refused("the unit changed", db.UpdateItem(at(t, sec, today), &unit))
		refused("a quota changed", db.SetQuotas(as(sec), loa.DefaultYearStart, "2024-H1", []store.QuotaCell{{UnitID: f.Unit.ID, Kind: "any", Target: 1}}))
		refused("a quota added", db.SetQuotas(as(sec), loa.DefaultYearStart, "2024-H1", []store.QuotaCell{{UnitID: f.Other.ID, Kind: "any", Target: 1}}))

		var rows store.RowErrors
		_, err = db.ImportQuotas(context.Background(), []store.QuotaImport{{Line: 7, UnitCode: f.Unit.Code, Period: "2024-H1", Kind: "any", Target: 9}}, opt)
		if !errors.As(err, &rows) || len(rows) != 1 || rows[0].Line != 7 || !strings.Contains(rows[0].Reason, "6 tháng đầu năm 2024") {
			t.Errorf("quota import: %v", err)
		}
		newRow := importRow
		newRow.Line, newRow.ChannelCode = 3, "ptth"
		_, err = db.ImportItems(context.Background(), []store.ItemImport{importRow, newRow}, opt)
		if !errors.As(err, &rows) || len(rows) != 1 || rows[0].Line != 3 {
			t.Errorf("items import adding a publication: %v", err)
		}
		kindRow := importRow
		kindRow.Kind = loa.KindArticle
		_, err = db.ImportItems(context.Background(), []store.ItemImport{kindRow}, opt)
		if !errors.As(err, &rows) || len(rows) != 1 || rows[0].Line != 2 {
			t.Errorf("items import changing the kind: %v", err)
		}
		if got := reportJSON(t, db, "2024-H1"); got != closedReport {
			t.Errorf("refused imports changed the report")
		}
		// What changes no count passes: the same files again, a title, another period.
		if _, err := db.ImportItems(context.Background(), []store.ItemImport{importRow}, opt); err != nil {
			t.Errorf("the same items file again: %v", err)
		}
		if _, err := db.ImportQuotas(context.Background(), []store.QuotaImport{{Line: 2, UnitCode: f.Unit.Code, Period: "2024-H1", Kind: "any", Target: 3}}, opt); err != nil {
			t.Errorf("the same quotas file again: %v", err)
		}
		title := f.status(t, it.ID).Item
		title.Title = "Tin tháng Ba (sửa tiêu đề)"
		if err := db.UpdateItem(at(t, sec, today), &title); err != nil {
			t.Errorf("a title: %v", err)
		}
		if err := db.AddPublication(at(t, sec, today), &loa.Publication{ItemID: later.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-07-20")}); err != nil {
			t.Errorf("a publication in H2: %v", err)
		}
		if got := reportJSON(t, db, "2024-H1"); got != closedReport {
			t.Errorf("allowed changes changed the report:\n%s\n%s", closedReport, got)
		}

		if err := db.ReopenPeriod(as(sec), "2024-H1", "sai số"); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("the secretary reopening: %v", err)
		}
		if err := db.ReopenPeriod(as(admin), "2024-H1", " "); loa.ErrorFields(err)["reason"] == "" {
			t.Fatalf("reopening without a reason: %v", err)
		}
		if err := db.ReopenPeriod(as(admin), "2024-H1", "Đài PT-TH gửi bổ sung"); err != nil {
			t.Fatal(err)
		}
		if err := db.ConfirmPublications(at(t, sec, today), []int64{declared.ID}); err != nil {
			t.Fatal(err)
		}
		if got := reportJSON(t, db, "2024-H1"); got == closedReport {
			t.Error("the report did not change after reopening and confirming")
		}
		ps, err := db.ClosedPeriods(context.Background())
		if err != nil || len(ps) != 1 || ps[0].Closed() || ps[0].ReopenReason != "Đài PT-TH gửi bổ sung" || ps[0].ClosedBy != f.Users[loa.RoleLeader].Email {
			t.Fatalf("closed periods %+v %v", ps, err)
		}
		for _, action := range []string{"close", "reopen"} {
			entries, _, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: "period"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range entries {
				found = found || e.Action == action
			}
			if !found {
				t.Errorf("no audit entry %q", action)
			}
		}
	})
}

// TestDeclaredPublicationCountsOnceConfirmed: a contributor's declaration changes no
// report until it is confirmed, then changes exactly its counts; a refused one never
// counts and keeps its reason.
func TestDeclaredPublicationCountsOnceConfirmed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		sec, ctb := f.Users[loa.RoleSecretary], f.Users[loa.RoleContributor]
		it := &loa.Item{Kind: loa.KindReportage, UnitID: f.Unit.ID, Title: "Phóng sự", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-06-10"), it); err != nil {
			t.Fatal(err)
		}
		q := func() *loa.Report {
			p, _ := loa.DefaultYearStart.ParsePeriod("2024-H2")
			r, err := db.Report(context.Background(), loa.ReportQuery{From: p.From, To: p.To, YearStart: loa.DefaultYearStart})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		before := q()
		p := &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-07-26"), Note: "Bản tin 19h"}
		if err := db.AddPublication(at(t, ctb, "2024-07-27"), p); err != nil {
			t.Fatal(err)
		}
		if got := q(); got.Items != before.Items || got.Publications != before.Publications {
			t.Fatalf("a declaration counted: %d/%d → %d/%d", before.Items, before.Publications, got.Items, got.Publications)
		}
		if r := f.status(t, it.ID); !r.FirstPub.IsZero() {
			t.Fatalf("first_pub %v from a declaration", r.FirstPub)
		}
		pending, err := db.PendingPublications(as(sec))
		if err != nil || len(pending) != 1 || pending[0].ItemTitle != "Phóng sự" {
			t.Fatalf("pending %+v %v", pending, err)
		}
		if err := db.ConfirmPublications(as(ctb), []int64{p.ID}); loa.ErrorCode(err) != loa.EFORBIDDEN {
			t.Fatalf("a contributor confirming: %v", err)
		}
		if err := db.ConfirmPublications(as(sec), []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		got := q()
		if got.Items != before.Items+1 || got.Publications != before.Publications+1 || got.ByKind["reportage"] != before.ByKind["reportage"]+1 || got.ByChannel["ptth"] != 1 {
			t.Fatalf("after confirming: %+v", got)
		}
		if err := db.ConfirmPublications(as(sec), []int64{p.ID}); loa.ErrorCode(err) != loa.ECONFLICT {
			t.Fatalf("confirming twice: %v", err)
		}

		// A refused declaration never counts, and says why.
		p2 := &loa.Publication{ItemID: it.ID, ChannelID: f.BVPL.ID, PublishedOn: mustDate(t, "2024-07-28"), Note: "Báo in trang 2"}
		if err := db.AddPublication(at(t, ctb, "2024-07-29"), p2); err != nil {
			t.Fatal(err)
		}
		if err := db.RefusePublications(as(sec), []int64{p2.ID}, ""); loa.ErrorFields(err)["reason"] == "" {
			t.Fatalf("refusing without a reason: %v", err)
		}
		if err := db.RefusePublications(as(sec), []int64{p2.ID}, "Không có bài trên số báo này"); err != nil {
			t.Fatal(err)
		}
		if r := q(); r.Publications != got.Publications {
			t.Fatalf("a refused declaration counted")
		}
		stored, err := db.Publication(as(ctb), p2.ID)
		if err != nil || stored.Status != loa.PublicationRefused || stored.Refusal != "Không có bài trên số báo này" || stored.DecidedBy != sec.Email {
			t.Fatalf("refused %+v %v", stored, err)
		}
	})
}

// TestPublicationDates: after today is refused everywhere; before the item was
// written is refused in forms, accepted in imports of history.
func TestPublicationDates(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		sec := f.Users[loa.RoleSecretary]
		it := &loa.Item{Kind: loa.KindNews, UnitID: f.Unit.ID, Title: "Tin", Body: "<p>x</p>"}
		if err := db.CreateItem(at(t, nil, "2024-06-10"), it); err != nil {
			t.Fatal(err)
		}
		err := db.AddPublication(at(t, sec, "2024-06-12"), &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-06-13")})
		if loa.ErrorFields(err)["published_on"] == "" {
			t.Fatalf("tomorrow: %v", err)
		}
		err = db.AddPublication(at(t, sec, "2024-06-12"), &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-06-09")})
		if loa.ErrorFields(err)["published_on"] == "" {
			t.Fatalf("before the item: %v", err)
		}
		if err := db.AddPublication(at(t, sec, "2024-06-12"), &loa.Publication{ItemID: it.ID, ChannelID: f.PTTH.ID, PublishedOn: mustDate(t, "2024-06-12")}); err != nil {
			t.Fatalf("today: %v", err)
		}
		tomorrow := loa.Today().AddDays(1)
		var rows store.RowErrors
		_, err = db.ImportItems(context.Background(), []store.ItemImport{
			{Line: 2, Ref: "H-1", Title: "Tin cũ", Kind: loa.KindNews, UnitCode: f.Unit.Code, ChannelCode: "ptth", PublishedOn: mustDate(t, "2019-01-02")},
			{Line: 3, Ref: "H-2", Title: "Tin mai", Kind: loa.KindNews, UnitCode: f.Unit.Code, ChannelCode: "ptth", PublishedOn: tomorrow},
		}, store.ImportOptions{Source: "test"})
		if !errors.As(err, &rows) || len(rows) != 1 || rows[0].Line != 3 {
			t.Fatalf("import with a future date: %v", err)
		}
	})
}

// TestClosedPeriodSiteImport: an article of an old site dated in a closed period is
// refused (the run is refused whole); one dated elsewhere goes in.
func TestClosedPeriodSiteImport(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newItemsFixture(t, db)
		h1, _ := loa.DefaultYearStart.ParsePeriod("2024-H1")
		if err := db.ClosePeriod(context.Background(), h1); err != nil {
			t.Fatal(err)
		}
		before := reportJSON(t, db, "2024-H1")
		post := func(id string, on time.Time) error {
			return db.WithTx(context.Background(), func(ctx context.Context) error {
				_, err := db.ImportSiteItem(ctx, &store.SiteImportItem{Source: "wp", SourceID: id, Kind: loa.KindNews, UnitID: f.Unit.ID,
					Title: "Bài cũ " + id, Body: "<p>x</p>", PublishedAt: on})
				return err
			})
		}
		if err := post("1", time.Date(2024, 3, 1, 3, 0, 0, 0, time.UTC)); loa.ErrorCode(err) != loa.ECONFLICT {
			t.Fatalf("an article of the closed period: %v", err)
		}
		if got := reportJSON(t, db, "2024-H1"); got != before {
			t.Fatal("the closed report changed")
		}
		if err := post("2", time.Date(2024, 7, 1, 3, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("an article of H2: %v", err)
		}
	})
}

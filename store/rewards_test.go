package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestNominationEvidence: a nomination links to the items that earned it, shows
// their figures by the ranking's rules, and is refused without evidence, with an item
// that earns its nominee nothing, with an item of another nomination of the period,
// and with an item already rewarded in another period (also when approved later).
func TestNominationEvidence(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		weights := map[loa.ItemKind]float64{loa.KindResearch: 3}
		p := &loa.EmulationPeriod{Name: "Đợt 26/7", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-26"), KindWeights: weights,
			ChannelTypeWeights: map[loa.ChannelType]float64{loa.ChannelSector: 1.5}}
		later := &loa.EmulationPeriod{Name: "Đợt cuối năm", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-12-31")}
		for _, x := range []*loa.EmulationPeriod{p, later} {
			if err := db.SaveEmulationPeriod(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		duc := f.person(1)
		research, rp := f.addItem(t, db, 0, loa.KindResearch, "Bài nghiên cứu", []loa.Author{duc}, []boardPub{{1, "2024-06-10", false}, {0, "2024-06-11", false}})
		news, np := f.addItem(t, db, 0, loa.KindNews, "Tin hội nghị", []loa.Author{duc}, []boardPub{{0, "2024-06-12", false}, {0, "2024-09-01", false}})
		others, _ := f.addItem(t, db, 1, loa.KindNews, "Tin của người khác", []loa.Author{f.person(2)}, []boardPub{{0, "2024-06-12", false}})
		outside, _ := f.addItem(t, db, 0, loa.KindNews, "Tin ngoài đợt", []loa.Author{duc}, []boardPub{{0, "2024-08-01", false}})
		nom := func(period *loa.EmulationPeriod, items ...int64) *loa.Nomination {
			return &loa.Nomination{PeriodID: period.ID, Reward: "Giấy khen", Reason: "Viết nhiều", PersonID: duc.PersonID, Items: items}
		}
		refused := func(t *testing.T, n *loa.Nomination, want string) {
			t.Helper()
			err := db.AddNomination(ctx, n)
			if got := loa.ErrorFields(err)["evidence"]; !strings.Contains(got, want) {
				t.Fatalf("got %v, want %q on evidence", err, want)
			}
		}
		t.Run("candidates are the nominee's counted items", func(t *testing.T) {
			got, err := db.NominationCandidates(ctx, p, duc.PersonID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].ID != research || got[0].Figures.Score != 7.5 || got[1].ID != news || len(got[1].Publications) != 1 {
				t.Fatalf("got %+v", got)
			}
		})
		t.Run("missing evidence refused", func(t *testing.T) { refused(t, nom(p), "Xin chọn ít nhất một tin bài") })
		t.Run("another writer's item refused", func(t *testing.T) {
			refused(t, nom(p, research, others), "“Tin của người khác” không có lượt đăng")
		})
		t.Run("an item outside the period refused", func(t *testing.T) { refused(t, nom(p, outside), "“Tin ngoài đợt”") })
		first := nom(p, research, news)
		if err := db.AddNomination(ctx, first); err != nil {
			t.Fatal(err)
		}
		t.Run("figures are the ranking's", func(t *testing.T) {
			got, err := db.Nomination(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			r, err := db.ReviewNomination(ctx, got)
			if err != nil {
				t.Fatal(err)
			}
			want := loa.RankWriters(p, append(append([]loa.ScoredPublication{}, rp...), np...), nil)
			if len(r.Evidence) != 2 || r.Total == nil || r.Total.Score != want[0].Score || r.Total.Publications != 3 || len(r.Conflicts) != 0 {
				t.Fatalf("review %+v, ranking %+v", r, want[0])
			}
		})
		t.Run("same item, same period refused", func(t *testing.T) {
			unit := &loa.Nomination{PeriodID: p.ID, Reward: "Giấy khen", Reason: "Dẫn đầu", UnitID: f.units[0].ID, Items: []int64{news}}
			refused(t, unit, "cùng đợt thi đua")
		})
		// Another period's proposal may name the item while nothing is rewarded …
		second := nom(later, news)
		if err := db.AddNomination(ctx, second); err != nil {
			t.Fatal(err)
		}
		if err := db.SetNominationStatus(ctx, first.ID, loa.NominationApproved, ""); err != nil {
			t.Fatal(err)
		}
		t.Run("second reward for one achievement refused", func(t *testing.T) {
			refused(t, nom(later, research), "Luật Thi đua, khen thưởng năm 2022")
			err := db.SetNominationStatus(ctx, second.ID, loa.NominationApproved, "")
			if got := loa.ErrorFields(err)["status"]; !strings.Contains(got, "Tin hội nghị") {
				t.Fatalf("approval: got %v", err)
			}
			if n, _ := db.Nomination(ctx, second.ID); n.Status != loa.NominationProposed {
				t.Errorf("status stored: %s", n.Status)
			}
			r, err := db.ReviewNomination(ctx, second)
			if err != nil || len(r.Conflicts) != 1 || r.Conflicts[0].NominationID != first.ID {
				t.Fatalf("conflicts shown: %+v %v", r, err)
			}
			// A rejected proposal holds nothing.
			if err := db.SetNominationStatus(ctx, second.ID, loa.NominationRejected, ""); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("audited with its evidence", func(t *testing.T) {
			log, _, err := db.AuditLog(ctx, store.AuditFilter{Entity: "nomination", EntityID: first.ID})
			if err != nil || len(log) == 0 {
				t.Fatal(log, err)
			}
			if created := log[len(log)-1]; created.Action != "create" || !strings.Contains(created.After, `"Items":[`) {
				t.Errorf("got %+v", created)
			}
		})
	})
}

// TestNominationHints: the postings flag a person posted to its unit less than six
// months before the period's end, or not on staff then.
func TestNominationHints(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		p := &loa.EmulationPeriod{Name: "Đợt 26/7", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-26")}
		if err := db.SaveEmulationPeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, po := range []*loa.Posting{
			{PersonID: f.people[0].ID, UnitID: f.units[0].ID, From: mustDate(t, "2019-01-01")},
			{PersonID: f.people[1].ID, UnitID: f.units[0].ID, From: mustDate(t, "2019-01-01")},
			{PersonID: f.people[1].ID, UnitID: f.units[1].ID, From: mustDate(t, "2024-05-01")}, // ends the first
			{PersonID: f.people[2].ID, UnitID: f.units[0].ID, From: mustDate(t, "2019-01-01"), To: mustDate(t, "2024-06-30")},
		} {
			if err := db.AddPosting(ctx, po); err != nil {
				t.Fatal(err)
			}
		}
		hints := map[int64][]string{}
		for i := range 4 {
			r, err := db.ReviewNomination(ctx, &loa.Nomination{ID: int64(i + 1), PeriodID: p.ID, PersonID: f.people[i].ID})
			if err != nil {
				t.Fatal(err)
			}
			hints[int64(i+1)] = r.Hints
		}
		for i, want := range []string{"", "chưa đủ 6 tháng", "Không còn công tác", "Không còn công tác"} {
			got := strings.Join(hints[int64(i+1)], " ")
			if (want == "") != (got == "") || !strings.Contains(got, want) {
				t.Errorf("person %d: got %q, want %q", i, got, want)
			}
		}
	})
}

// TestNominationEvidenceConcurrent: two nominations of one period saved at the same
// moment with the same item: one is stored, the other refused (on PostgreSQL the
// items' rows are locked for the check; SQLite has one writer).
func TestNominationEvidenceConcurrent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		duc := f.person(1)
		for round := range 8 {
			p := &loa.EmulationPeriod{Name: fmt.Sprintf("Đợt %d", round), From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-26")}
			if err := db.SaveEmulationPeriod(ctx, p); err != nil {
				t.Fatal(err)
			}
			item, _ := f.addItem(t, db, 0, loa.KindNews, fmt.Sprintf("Tin %d", round), []loa.Author{duc}, []boardPub{{0, "2024-06-12", false}})
			noms := []*loa.Nomination{
				{PeriodID: p.ID, Reward: "Giấy khen", Reason: "Viết nhiều", PersonID: duc.PersonID, Items: []int64{item}},
				{PeriodID: p.ID, Reward: "Giấy khen", Reason: "Dẫn đầu", UnitID: f.units[0].ID, Items: []int64{item}},
			}
			errs := make(chan error, len(noms))
			for _, n := range noms {
				go func() { errs <- db.AddNomination(ctx, n) }()
			}
			stored := 0
			for range noms {
				if err := <-errs; err == nil {
					stored++
				} else if loa.ErrorFields(err)["evidence"] == "" {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if stored != 1 {
				t.Fatalf("round %d: %d nominations stored with the same item in one period, want 1", round, stored)
			}
		}
	})
}

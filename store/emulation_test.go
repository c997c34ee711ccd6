package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// boardFixture holds the organisation and outlets the board tests write items against.
type boardFixture struct {
	units    []*loa.Unit
	people   []*loa.Person
	channels []*loa.Channel
}

func newBoardFixture(t *testing.T, db *store.DB) *boardFixture {
	t.Helper()
	ctx := context.Background()
	f := &boardFixture{}
	for i, name := range []string{"Viện kiểm sát nhân dân huyện Hưng Hà", "Viện kiểm sát nhân dân huyện Vũ Thư", "Phòng 2"} {
		u := &loa.Unit{Code: fmt.Sprintf("U%d", i+1), Name: name, Kind: loa.UnitDistrict}
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		f.units = append(f.units, u)
	}
	for _, name := range []string{"Phạm Viết Vượng", "Nguyễn Anh Đức", "Bùi Thảo", "Đặng Quốc Khánh"} {
		p := &loa.Person{Name: name}
		if err := db.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, p)
	}
	for _, c := range []*loa.Channel{
		{Code: "site", Name: "Trang tin", Type: loa.ChannelSite},
		{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelSector},
		{Code: "ptth", Name: "Đài PT-TH", Type: loa.ChannelRadioTV},
		{Code: "bao", Name: "Báo tỉnh", Type: loa.ChannelPress},
	} {
		if err := db.SaveChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
		f.channels = append(f.channels, c)
	}
	return f
}

// boardPub is one publication to write: channel index, date, withdrawn.
type boardPub struct {
	channel   int
	on        string
	withdrawn bool
}

// addItem writes an item with its authors and publications straight into the tables
// (the items feature owns their store methods), then lets the store derive first_pub.
// It returns the publications as the pure ranking sees them.
func (f *boardFixture) addItem(t *testing.T, db *store.DB, unit int, kind loa.ItemKind, title string, authors []loa.Author, pubs []boardPub) (int64, []loa.ScoredPublication) {
	t.Helper()
	ctx := context.Background()
	u := f.units[unit]
	at := time.Now().UTC()
	id, err := db.InsertRowForTest(ctx, `INSERT INTO items (kind, unit_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		kind, u.ID, title, "published", at, at)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range authors {
		var person any
		if a.PersonID != 0 {
			person = a.PersonID
		}
		if err := db.ExecForTest(ctx, `INSERT INTO item_authors (item_id, position, person_id, name) VALUES (?, ?, ?, ?)`, id, i+1, person, a.Name); err != nil {
			t.Fatal(err)
		}
	}
	var out []loa.ScoredPublication
	for _, p := range pubs {
		c := f.channels[p.channel]
		if _, err := db.InsertRowForTest(ctx, `INSERT INTO publications (item_id, channel_id, published_on, withdrawn) VALUES (?, ?, ?, ?)`,
			id, c.ID, p.on, p.withdrawn); err != nil {
			t.Fatal(err)
		}
		out = append(out, loa.ScoredPublication{ItemID: id, Kind: kind, UnitID: u.ID, UnitName: u.Name, ChannelCode: c.Code,
			ChannelType: c.Type, PublishedOn: mustDate(t, p.on), Withdrawn: p.withdrawn, Authors: authors})
	}
	if err := db.WithTx(ctx, func(ctx context.Context) error { return db.ItemChanged(ctx, id) }); err != nil {
		t.Fatal(err)
	}
	return id, out
}

func (f *boardFixture) person(i int) loa.Author {
	return loa.Author{PersonID: f.people[i].ID, Name: f.people[i].Name}
}

// boardScoreLine is a ranking line as compared in tests.
type boardScoreLine struct {
	Rank         int
	Key, Name    string
	Score        float64
	Items, Pubs  int
	ByKind       map[loa.ItemKind]int
	PersonOrUnit int64
}

func scoreLines(s []*loa.Score) []boardScoreLine {
	out := make([]boardScoreLine, 0, len(s))
	for _, l := range s {
		out = append(out, boardScoreLine{l.Rank, l.Key, l.Name, l.Score, l.Items, l.Publications, l.ByKind, l.PersonID + l.UnitID})
	}
	return out
}

func TestEmulationRankingMatchesPureComputation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		rng := rand.New(rand.NewPCG(7, 11))
		// Free names in several spellings that fold alike, so grouping is exercised.
		free := [][]string{{"Nguyễn Văn An", "Nguyễn văn An", "NGUYỄN VĂN AN"}, {"Trần Thị Bình"}, {"Lê Hoa", "Lê  Hoa"}}
		start := mustDate(t, "2024-05-01")
		var all []loa.ScoredPublication
		var views []loa.ItemViews
		for n := range 60 {
			var authors []loa.Author
			used := map[string]bool{}
			for range rng.IntN(4) {
				var a loa.Author
				if rng.IntN(2) == 0 {
					a = f.person(rng.IntN(len(f.people)))
				} else {
					g := free[rng.IntN(len(free))]
					a = loa.Author{Name: g[rng.IntN(len(g))]}
				}
				if k := loa.WriterKey(a); !used[k] { // one line per writer and item
					used[k] = true
					authors = append(authors, a)
				}
			}
			var pubs []boardPub
			for _, c := range rng.Perm(len(f.channels))[:1+rng.IntN(3)] {
				pubs = append(pubs, boardPub{channel: c, on: start.AddDays(rng.IntN(120)).String(), withdrawn: rng.IntN(7) == 0})
			}
			kind := loa.ItemKinds[rng.IntN(len(loa.ItemKinds))]
			_, ps := f.addItem(t, db, rng.IntN(len(f.units)), kind, fmt.Sprintf("Tin số %d", n), authors, pubs)
			all = append(all, ps...)
			// Random views on days in and around the period, some items none.
			for range rng.IntN(4) {
				v := store.ViewCount{ItemID: ps[0].ItemID, Day: start.AddDays(rng.IntN(120)), Views: int64(1 + rng.IntN(3000))}
				if err := db.AddViews(ctx, []store.ViewCount{v}); err != nil {
					t.Fatal(err)
				}
				views = append(views, loa.ItemViews{ItemID: v.ItemID, Day: v.Day, Views: v.Views})
			}
		}
		p := &loa.EmulationPeriod{Name: "Thi đua chào mừng 26/7", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-31"),
			KindWeights:        map[loa.ItemKind]float64{loa.KindResearch: 3, loa.KindArticle: 2, loa.KindPhoto: 0.5},
			ChannelTypeWeights: map[loa.ChannelType]float64{loa.ChannelSector: 1.5, loa.ChannelRadioTV: 1.25},
			ChannelWeights:     map[string]float64{"ptth": 0.75}}
		// Views left out (the default), then weighed: 2,5 points per 1,000 views.
		var plain []*loa.Score
		for _, w := range []float64{0, 2.5} {
			p.ViewsWeight = w
			if err := db.SaveEmulationPeriod(ctx, p); err != nil {
				t.Fatal(err)
			}
			stored, err := db.EmulationPeriod(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.ViewsWeight != w {
				t.Fatalf("views weight stored %v, want %v", stored.ViewsWeight, w)
			}
			writers, units, err := db.EmulationRanking(ctx, stored)
			if err != nil {
				t.Fatal(err)
			}
			if len(writers) == 0 || len(units) == 0 {
				t.Fatal("empty ranking: the generated records should give some lines")
			}
			if got, want := scoreLines(writers), scoreLines(loa.RankWriters(p, all, views)); !reflect.DeepEqual(got, want) {
				t.Errorf("views weight %v, writers:\n got %+v\nwant %+v", w, got, want)
			}
			if got, want := scoreLines(units), scoreLines(loa.RankUnits(p, all, views)); !reflect.DeepEqual(got, want) {
				t.Errorf("views weight %v, units:\n got %+v\nwant %+v", w, got, want)
			}
			if w == 0 {
				plain = units
			} else if reflect.DeepEqual(scoreLines(plain), scoreLines(units)) {
				t.Error("the views weight changed no unit's score")
			}
		}
	})
}

func TestEmulationRankingRules(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		// A research article by two people on the sector press: 3 × 1.5 each.
		f.addItem(t, db, 0, loa.KindResearch, "Trao đổi về chuyển đổi số", []loa.Author{f.person(0), f.person(1)},
			[]boardPub{{channel: 1, on: "2024-06-10"}})
		// News on the site and on the radio-TV, whose own weight (0.5) beats its type's.
		f.addItem(t, db, 1, loa.KindNews, "Hội nghị sơ kết", []loa.Author{f.person(0)},
			[]boardPub{{channel: 0, on: "2024-06-11"}, {channel: 2, on: "2024-06-12"}})
		// Withdrawn, and out of range: neither counts.
		f.addItem(t, db, 1, loa.KindArticle, "Bài đã gỡ", []loa.Author{f.person(2)},
			[]boardPub{{channel: 0, on: "2024-06-15", withdrawn: true}, {channel: 1, on: "2024-08-01"}})
		// A free name in two spellings is one writer.
		f.addItem(t, db, 2, loa.KindNews, "Tin một", []loa.Author{{Name: "Ngô Thị Thu Hà"}}, []boardPub{{channel: 3, on: "2024-07-01"}})
		f.addItem(t, db, 2, loa.KindNews, "Tin hai", []loa.Author{{Name: "ngô thị thu hà"}}, []boardPub{{channel: 3, on: "2024-07-02"}})

		p := &loa.EmulationPeriod{Name: "Đợt tháng 6–7", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-31"),
			KindWeights:        map[loa.ItemKind]float64{loa.KindResearch: 3, loa.KindArticle: 2},
			ChannelTypeWeights: map[loa.ChannelType]float64{loa.ChannelSector: 1.5, loa.ChannelRadioTV: 2},
			ChannelWeights:     map[string]float64{"ptth": 0.5}}
		if err := db.SaveEmulationPeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
		writers, units, err := db.EmulationRanking(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, w := range writers {
			got[w.Name] = w.Score
		}
		want := map[string]float64{
			"Phạm Viết Vượng": 4.5 + 1 + 0.5, // full score of the joint research, plus the news twice
			"Nguyễn Anh Đức":  4.5,
			"ngô thị thu hà":  2, // the spellings tie; Vietnamese order puts lower case first
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("writer scores: got %v, want %v", got, want)
		}
		if writers[0].Name != "Phạm Viết Vượng" || writers[0].Rank != 1 || writers[0].Items != 2 || writers[0].Publications != 3 {
			t.Errorf("first writer: got %+v", writers[0])
		}
		if got, want := writers[0].ByKind, map[loa.ItemKind]int{loa.KindResearch: 1, loa.KindNews: 1}; !reflect.DeepEqual(got, want) {
			t.Errorf("items by kind: got %v, want %v", got, want)
		}
		gotUnits := map[string]float64{}
		for _, u := range units {
			gotUnits[u.Name] = u.Score
		}
		wantUnits := map[string]float64{f.units[0].Name: 4.5, f.units[1].Name: 1.5, f.units[2].Name: 2}
		if !reflect.DeepEqual(gotUnits, wantUnits) {
			t.Errorf("unit scores: got %v, want %v", gotUnits, wantUnits)
		}
	})
}

func TestEmulationPeriodValidation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		newBoardFixture(t, db)
		for _, tc := range []struct {
			name  string
			p     loa.EmulationPeriod
			field string
		}{
			{"end before start", loa.EmulationPeriod{Name: "x", From: mustDate(t, "2024-07-01"), To: mustDate(t, "2024-06-01")}, "to"},
			{"no name", loa.EmulationPeriod{From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-01")}, "name"},
			{"negative weight", loa.EmulationPeriod{Name: "x", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-01"),
				KindWeights: map[loa.ItemKind]float64{loa.KindNews: -1}}, "weight_kind_news"},
			{"unknown channel", loa.EmulationPeriod{Name: "x", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-01"),
				ChannelWeights: map[string]float64{"nope": 2}}, "weight_channel_nope"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := db.SaveEmulationPeriod(ctx, &tc.p)
				if loa.ErrorFields(err)[tc.field] == "" {
					t.Fatalf("got %v, want an error on %s", err, tc.field)
				}
			})
		}
		t.Run("stale version conflicts", func(t *testing.T) {
			p := &loa.EmulationPeriod{Name: "Đợt 1", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-01")}
			if err := db.SaveEmulationPeriod(ctx, p); err != nil {
				t.Fatal(err)
			}
			a, _ := db.EmulationPeriod(ctx, p.ID)
			b, _ := db.EmulationPeriod(ctx, p.ID)
			a.KindWeights[loa.KindNews] = 2
			if err := db.SaveEmulationPeriod(ctx, a); err != nil {
				t.Fatal(err)
			}
			if got := loa.ErrorCode(db.SaveEmulationPeriod(ctx, b)); got != loa.ECONFLICT {
				t.Fatalf("got %q, want conflict", got)
			}
			c, _ := db.EmulationPeriod(ctx, p.ID)
			if got := c.KindWeight(loa.KindNews); got != 2 {
				t.Fatalf("weight after save: got %v, want 2", got)
			}
		})
	})
}

func TestNominationFlow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newBoardFixture(t, db)
		p := &loa.EmulationPeriod{Name: "Đợt 26/7", From: mustDate(t, "2024-06-01"), To: mustDate(t, "2024-07-26")}
		if err := db.SaveEmulationPeriod(ctx, p); err != nil {
			t.Fatal(err)
		}
		t.Run("both a person and a unit refused", func(t *testing.T) {
			err := db.AddNomination(ctx, &loa.Nomination{PeriodID: p.ID, Reward: "Giấy khen", Reason: "x", PersonID: f.people[0].ID, UnitID: f.units[0].ID})
			if loa.ErrorFields(err)["nominee"] == "" {
				t.Fatalf("got %v, want an error on nominee", err)
			}
		})
		research, _ := f.addItem(t, db, 0, loa.KindResearch, "Bài nghiên cứu", []loa.Author{f.person(1)}, []boardPub{{1, "2024-06-10", false}})
		news, _ := f.addItem(t, db, 0, loa.KindNews, "Tin hội nghị", []loa.Author{f.person(2)}, []boardPub{{0, "2024-06-12", false}})
		n := &loa.Nomination{PeriodID: p.ID, Reward: "Giấy khen", Reason: "Nhiều bài nghiên cứu được đăng", PersonID: f.people[1].ID, Items: []int64{research}}
		if err := db.AddNomination(ctx, n); err != nil {
			t.Fatal(err)
		}
		u := &loa.Nomination{PeriodID: p.ID, Reward: "Giấy khen", Reason: "Dẫn đầu số tin bài", UnitID: f.units[0].ID, Items: []int64{news}}
		if err := db.AddNomination(ctx, u); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			to      loa.NominationStatus
			wantErr bool
		}{
			{loa.NominationGiven, true}, // not approved yet
			{loa.NominationApproved, false},
			{loa.NominationGiven, false},
			{loa.NominationRejected, true}, // given is final
		}
		for _, s := range steps {
			err := db.SetNominationStatus(ctx, n.ID, s.to, "ghi chú")
			if (err != nil) != s.wantErr {
				t.Fatalf("to %s: got %v, want error %v", s.to, err, s.wantErr)
			}
		}
		got, err := db.Nomination(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != loa.NominationGiven || got.PersonName != "Nguyễn Anh Đức" {
			t.Errorf("got %+v", got)
		}
		history, _, err := db.AuditLog(ctx, store.AuditFilter{Entity: "nomination", EntityID: n.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != 3 { // created, approved, given
			t.Errorf("history: got %d entries, want 3", len(history))
		}
		list, err := db.Nominations(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[1].Nominee() != f.units[0].Name {
			t.Errorf("list: got %+v", list)
		}
	})
}

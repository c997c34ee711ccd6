package loa

import (
	"reflect"
	"testing"
)

func TestParseWeight(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    float64
		ok, bad bool
	}{
		{"", 0, false, false},
		{"2", 2, true, false},
		{"1,5", 1.5, true, false},
		{" 0.25 ", 0.25, true, false},
		{"0", 0, true, false},
		{"-1", 0, false, true},
		{"abc", 0, false, true},
		{"101", 0, false, true},
		{"NaN", 0, false, true},
		{"Inf", 0, false, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok, err := ParseWeight(tc.in)
			if got != tc.want || ok != tc.ok || (err != nil) != tc.bad {
				t.Errorf("got %v, %v, %v; want %v, %v, error %v", got, ok, err, tc.want, tc.ok, tc.bad)
			}
		})
	}
}

func TestWeights(t *testing.T) {
	p := &EmulationPeriod{
		KindWeights:        map[ItemKind]float64{KindResearch: 3},
		ChannelTypeWeights: map[ChannelType]float64{ChannelSector: 1.5},
		ChannelWeights:     map[string]float64{"tcks": 2},
	}
	for _, tc := range []struct {
		name  string
		kind  ItemKind
		typ   ChannelType
		code  string
		score float64
	}{
		{"defaults are 1", KindNews, ChannelSite, "site", 1},
		{"kind weight", KindResearch, ChannelSite, "site", 3},
		{"channel type weight", KindNews, ChannelSector, "bvpl", 1.5},
		{"a channel's own weight wins", KindResearch, ChannelSector, "tcks", 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.KindWeight(tc.kind) * p.ChannelWeight(tc.typ, tc.code); got != tc.score {
				t.Errorf("got %v, want %v", got, tc.score)
			}
		})
	}
}

func TestRanking(t *testing.T) {
	p := &EmulationPeriod{From: NewDate(2024, 6, 1), To: NewDate(2024, 6, 30),
		KindWeights: map[ItemKind]float64{KindArticle: 2}}
	on := NewDate(2024, 6, 10)
	pubs := []ScoredPublication{
		// Two authors: each gets the full 2.
		{ItemID: 1, Kind: KindArticle, UnitID: 1, UnitName: "Hưng Hà", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: on,
			Authors: []Author{{PersonID: 7, Name: "Đỗ Thị Hằng"}, {Name: "Bùi Văn Nam"}}},
		// Ties with the article's score, by name: "Bùi" before "Đỗ" in Vietnamese order.
		{ItemID: 2, Kind: KindNews, UnitID: 2, UnitName: "Vũ Thư", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: on,
			Authors: []Author{{Name: "An Văn Bình"}}},
		{ItemID: 3, Kind: KindNews, UnitID: 2, UnitName: "Vũ Thư", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: on,
			Authors: []Author{{Name: "an văn bình"}}},
		// Withdrawn, and outside the range: neither counts.
		{ItemID: 4, Kind: KindArticle, UnitID: 2, UnitName: "Vũ Thư", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: on,
			Withdrawn: true, Authors: []Author{{Name: "Bùi Văn Nam"}}},
		{ItemID: 5, Kind: KindArticle, UnitID: 2, UnitName: "Vũ Thư", ChannelCode: "site", ChannelType: ChannelSite,
			PublishedOn: NewDate(2024, 7, 1), Authors: []Author{{Name: "Bùi Văn Nam"}}},
	}
	type line struct {
		Rank  int
		Name  string
		Score float64
		Items int
	}
	var got []line
	for _, s := range RankWriters(p, pubs, nil) {
		got = append(got, line{s.Rank, s.Name, s.Score, s.Items})
	}
	want := []line{{1, "an văn bình", 2, 2}, {1, "Bùi Văn Nam", 2, 1}, {1, "Đỗ Thị Hằng", 2, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("writers: got %v, want %v", got, want)
	}
	got = nil
	for _, s := range RankUnits(p, pubs, nil) {
		got = append(got, line{s.Rank, s.Name, s.Score, s.Items})
	}
	want = []line{{1, "Hưng Hà", 2, 1}, {1, "Vũ Thư", 2, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units: got %v, want %v", got, want)
	}
}

func TestSortScoresRanks(t *testing.T) {
	s := []*Score{{Key: "a", Name: "Chu", Score: 1}, {Key: "b", Name: "Ánh", Score: 3}, {Key: "c", Name: "An", Score: 3}, {Key: "d", Name: "Ba", Score: 0.5}}
	SortScores(s)
	var got []string
	for _, l := range s {
		got = append(got, l.Name+":"+string(rune('0'+l.Rank)))
	}
	if want := []string{"An:1", "Ánh:1", "Chu:3", "Ba:4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNominationFlow(t *testing.T) {
	for _, tc := range []struct {
		from, to NominationStatus
		ok       bool
	}{
		{NominationProposed, NominationApproved, true},
		{NominationProposed, NominationRejected, true},
		{NominationProposed, NominationGiven, false},
		{NominationApproved, NominationGiven, true},
		{NominationGiven, NominationRejected, false},
		{NominationRejected, NominationApproved, false},
	} {
		t.Run(string(tc.from)+"→"+string(tc.to), func(t *testing.T) {
			if got := tc.from.CanBecome(tc.to); got != tc.ok {
				t.Errorf("got %v, want %v", got, tc.ok)
			}
		})
	}
}

func TestFormatScore(t *testing.T) {
	for in, want := range map[float64]string{4.5: "4,5", 12: "12", 0.25: "0,25", 0.1 + 0.2: "0,3"} {
		if got := FormatScore(in); got != want {
			t.Errorf("%v: got %q, want %q", in, got, want)
		}
	}
}

// TestRankingViews: with a views weight, each item's views on the period's days add
// weight × views / 1000 once to every line the item counts for; views outside the
// range, of items with nothing counting, or without a weight add nothing.
func TestRankingViews(t *testing.T) {
	p := &EmulationPeriod{From: NewDate(2024, 6, 1), To: NewDate(2024, 6, 30), ViewsWeight: 0.5}
	on := NewDate(2024, 6, 10)
	pubs := []ScoredPublication{
		// Two publications of one item: its views count once.
		{ItemID: 1, Kind: KindNews, UnitID: 1, UnitName: "Hưng Hà", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: on,
			Authors: []Author{{Name: "Bùi Văn Nam"}}},
		{ItemID: 1, Kind: KindNews, UnitID: 1, UnitName: "Hưng Hà", ChannelCode: "bvpl", ChannelType: ChannelPress, PublishedOn: on,
			Authors: []Author{{Name: "Bùi Văn Nam"}}},
		{ItemID: 2, Kind: KindNews, UnitID: 2, UnitName: "Vũ Thư", ChannelCode: "site", ChannelType: ChannelSite, PublishedOn: NewDate(2024, 7, 2),
			Authors: []Author{{Name: "An Văn Bình"}}},
	}
	views := []ItemViews{
		{ItemID: 1, Day: NewDate(2024, 6, 10), Views: 3000},
		{ItemID: 1, Day: NewDate(2024, 6, 30), Views: 1000},
		{ItemID: 1, Day: NewDate(2024, 7, 1), Views: 9000},  // after the period
		{ItemID: 2, Day: NewDate(2024, 6, 20), Views: 5000}, // its publication does not count
	}
	for name, got := range map[string][]*Score{"writers": RankWriters(p, pubs, views), "units": RankUnits(p, pubs, views)} {
		if len(got) != 1 || got[0].Score != 4 { // 2 publications + 0,5 × 4
			t.Errorf("%s: got %+v, want one line of score 4", name, got)
		}
	}
	p.ViewsWeight = 0
	if got := RankUnits(p, pubs, views); got[0].Score != 2 {
		t.Errorf("without a views weight: score %v, want 2", got[0].Score)
	}
}

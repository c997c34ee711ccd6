package loa

import (
	"strings"
	"testing"
)

func rewardDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEvidenceConflicts(t *testing.T) {
	n := &Nomination{ID: 1, PeriodID: 10, Status: NominationProposed, Items: []int64{100, 101}}
	use := func(item, nom, period int64, s NominationStatus) EvidenceUse {
		return EvidenceUse{ItemID: item, NominationID: nom, PeriodID: period, Status: s}
	}
	for _, tc := range []struct {
		name   string
		status NominationStatus // n's status, proposed when empty
		use    EvidenceUse
		want   bool
	}{
		{"its own link", "", use(100, 1, 10, NominationProposed), false},
		{"same period, proposed", "", use(100, 2, 10, NominationProposed), true},
		{"same period, given", "", use(101, 2, 10, NominationGiven), true},
		{"same period, rejected", "", use(100, 2, 10, NominationRejected), false},
		{"other period, proposed", "", use(100, 2, 11, NominationProposed), false},
		{"other period, approved", "", use(100, 2, 11, NominationApproved), true},
		{"other period, given", "", use(101, 2, 11, NominationGiven), true},
		{"other item", "", use(102, 2, 10, NominationGiven), false},
		{"rejected nomination conflicts with nothing", NominationRejected, use(100, 2, 10, NominationGiven), false},
		{"given nomination, other period proposed", NominationGiven, use(100, 2, 11, NominationProposed), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := *n
			if tc.status != "" {
				m.Status = tc.status
			}
			got := EvidenceConflicts(&m, []EvidenceUse{tc.use})
			if (len(got) == 1) != tc.want {
				t.Errorf("got %v, want a conflict: %v", got, tc.want)
			}
		})
	}
	t.Run("sentences", func(t *testing.T) {
		u := EvidenceUse{ItemTitle: "Bài A", Nominee: "Bùi Thảo", Reward: "Giấy khen", PeriodID: 10, PeriodName: "Đợt 26/7", Status: NominationGiven}
		if got := u.Problem(10); !strings.Contains(got, "cùng đợt thi đua") || !strings.Contains(got, "Bài A") {
			t.Errorf("same period: %q", got)
		}
		if got := u.Problem(11); !strings.Contains(got, "Luật Thi đua, khen thưởng năm 2022") || !strings.Contains(got, "Đợt 26/7") {
			t.Errorf("other period: %q", got)
		}
	})
}

func TestEligibilityHints(t *testing.T) {
	p := &EmulationPeriod{From: rewardDate(t, "2024-06-01"), To: rewardDate(t, "2024-07-26")}
	person := &Nomination{PersonID: 7}
	post := func(unit int64, from, to string) *Posting {
		po := &Posting{PersonID: 7, UnitID: unit, UnitName: "Phòng " + string(rune('0'+unit)), From: rewardDate(t, from)}
		if to != "" {
			po.To = rewardDate(t, to)
		}
		return po
	}
	for _, tc := range []struct {
		name     string
		postings []*Posting
		want     string // a part of the hint, "" for none
	}{
		{"long stay", []*Posting{post(1, "2020-01-01", "")}, ""},
		{"exactly six months", []*Posting{post(1, "2024-01-26", "")}, ""},
		{"one day short", []*Posting{post(1, "2024-01-27", "")}, "chưa đủ 6 tháng"},
		{"moved in recently", []*Posting{post(1, "2019-01-01", "2024-04-30"), post(2, "2024-05-01", "")}, "Phòng 2 từ 01/05/2024"},
		{"new position in the same unit", []*Posting{post(1, "2019-01-01", "2024-04-30"), post(1, "2024-05-01", "")}, ""},
		{"same unit after a gap", []*Posting{post(1, "2019-01-01", "2024-03-31"), post(1, "2024-05-01", "")}, "chưa đủ 6 tháng"},
		{"left before the end", []*Posting{post(1, "2019-01-01", "2024-07-25")}, "Không còn công tác"},
		{"no postings", nil, "Không còn công tác"},
		{"left on the last day", []*Posting{post(1, "2019-01-01", "2024-07-26")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(EligibilityHints(person, p, tc.postings), "\n")
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := EligibilityHints(&Nomination{UnitID: 3}, p, nil); got != nil {
		t.Errorf("unit: got %v, want none", got)
	}
}

func TestNominationFigures(t *testing.T) {
	p := &EmulationPeriod{From: rewardDate(t, "2024-06-01"), To: rewardDate(t, "2024-07-26"),
		KindWeights: map[ItemKind]float64{KindResearch: 3}, ChannelTypeWeights: map[ChannelType]float64{ChannelSector: 1.5}}
	an, binh := Author{PersonID: 1, Name: "An"}, Author{PersonID: 2, Name: "Bình"}
	pubs := []ScoredPublication{
		{ItemID: 10, Kind: KindResearch, UnitID: 5, ChannelType: ChannelSector, PublishedOn: rewardDate(t, "2024-06-10"), Authors: []Author{an, binh}},
		{ItemID: 10, Kind: KindResearch, UnitID: 5, ChannelType: ChannelSite, PublishedOn: rewardDate(t, "2024-06-09"), Authors: []Author{an, binh}},
		{ItemID: 11, Kind: KindNews, UnitID: 5, ChannelType: ChannelSite, PublishedOn: rewardDate(t, "2024-08-01"), Authors: []Author{an}},
		{ItemID: 12, Kind: KindNews, UnitID: 6, ChannelType: ChannelSite, PublishedOn: rewardDate(t, "2024-06-02"), Authors: []Author{binh}},
	}
	n := &Nomination{PersonID: 1}
	total, byItem := NominationFigures(p, n, []int64{10, 11, 12}, pubs, nil)
	// Item 10: 3 × 1.5 + 3 × 1; item 11 is outside the period; item 12 is not An's.
	if total == nil || total.Score != 7.5 || total.Items != 1 || total.Publications != 2 {
		t.Fatalf("total: got %+v", total)
	}
	if len(byItem) != 1 || byItem[10] == nil || byItem[10].Score != 7.5 {
		t.Errorf("by item: got %v", byItem)
	}
	// The same figures as the nominee's line of the whole ranking over the same items.
	for _, s := range RankWriters(p, pubs[:3], nil) {
		if s.Key == "p1" && s.Score != total.Score {
			t.Errorf("ranking line %v, figures %v", s.Score, total.Score)
		}
	}
	unit := &Nomination{UnitID: 6}
	if total, byItem := NominationFigures(p, unit, []int64{10, 12}, pubs, nil); total == nil || total.Items != 1 || byItem[12] == nil || byItem[10] != nil {
		t.Errorf("unit: got %+v %v", total, byItem)
	}
}

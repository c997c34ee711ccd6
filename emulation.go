package loa

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// EmulationPeriod is a short emulation period (đợt thi đua ngắn hạn), such as the weeks
// before the sector's anniversary on 26/7: writers and units are ranked by a weighted
// score of what was published in its range, and rewards are proposed from the ranking.
type EmulationPeriod struct {
	ID   int64
	Name string
	From Date
	To   Date
	Note string
	// Weights. A research article is worth more than a news item, and an article in
	// the sector's press more than one on the own site, so each publication scores
	// KindWeight × ChannelWeight. A missing weight is 1. A channel's own weight (by
	// channel code) wins over the weight of its type.
	KindWeights        map[ItemKind]float64
	ChannelTypeWeights map[ChannelType]float64
	ChannelWeights     map[string]float64
	// ViewsWeight is what 1,000 views of the public pages add to a line's score
	// (views counted on the period's days, of the items the line has a publication
	// counting in the period): 0, the default, leaves readership out, as the Board
	// decides. Stored as the emulation_weights row ('views', '').
	ViewsWeight float64
	Version     int
	UpdatedAt   time.Time
}

// MaxWeight bounds a weight: a larger one is a typing mistake (30 for 3.0).
const MaxWeight = 100

// Validate checks the period's name, range and weights.
func (p *EmulationPeriod) Validate() error {
	var v Validation
	p.Name = strings.TrimSpace(p.Name)
	v.Check(p.Name != "", "name", "Xin nhập tên đợt thi đua.")
	v.Check(len(p.Name) <= 300, "name", "Tên quá dài.")
	v.Check(!p.From.IsZero(), "from", "Xin nhập ngày bắt đầu.")
	v.Check(!p.To.IsZero(), "to", "Xin nhập ngày kết thúc.")
	v.CheckSpan(p.From, p.To, "to")
	for k, w := range p.KindWeights {
		v.Check(k.Valid(), "weight_kind_"+string(k), "Loại tin bài không hợp lệ.")
		v.Check(validWeight(w), "weight_kind_"+string(k), "Hệ số phải là số từ 0 đến 100.")
	}
	for t, w := range p.ChannelTypeWeights {
		v.Check(t.Valid(), "weight_type_"+string(t), "Loại kênh không hợp lệ.")
		v.Check(validWeight(w), "weight_type_"+string(t), "Hệ số phải là số từ 0 đến 100.")
	}
	for c, w := range p.ChannelWeights {
		v.Check(ValidCode(c), "weight_channel_"+c, "Mã kênh không hợp lệ.")
		v.Check(validWeight(w), "weight_channel_"+c, "Hệ số phải là số từ 0 đến 100.")
	}
	v.Check(validWeight(p.ViewsWeight), "weight_views", "Hệ số phải là số từ 0 đến 100.")
	return v.Err()
}

func validWeight(w float64) bool { return !math.IsNaN(w) && w >= 0 && w <= MaxWeight }

// ParseWeight reads a weight as typed in a form: "1.5" or, as Vietnamese writes it,
// "1,5". An empty string is "no weight" (ok false, no error).
func ParseWeight(s string) (w float64, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	w, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || !validWeight(w) || math.IsInf(w, 0) {
		return 0, false, Errorf(EINVALID, "Hệ số phải là số từ 0 đến 100.")
	}
	return w, true, nil
}

// KindWeight is the weight of an item kind in the period (1 when none is set).
func (p *EmulationPeriod) KindWeight(k ItemKind) float64 {
	if w, ok := p.KindWeights[k]; ok {
		return w
	}
	return 1
}

// ChannelWeight is the weight of a channel: its own, else its type's, else 1.
func (p *EmulationPeriod) ChannelWeight(t ChannelType, code string) float64 {
	if w, ok := p.ChannelWeights[code]; ok {
		return w
	}
	if w, ok := p.ChannelTypeWeights[t]; ok {
		return w
	}
	return 1
}

// Weight is what one publication scores in the period: KindWeight × ChannelWeight.
func (p *EmulationPeriod) Weight(pub ScoredPublication) float64 {
	return p.KindWeight(pub.Kind) * p.ChannelWeight(pub.ChannelType, pub.ChannelCode)
}

// ScoredPublication is one publication as the ranking sees it: its item's kind, unit
// and authors, and its channel.
type ScoredPublication struct {
	ItemID      int64
	Kind        ItemKind
	UnitID      int64
	UnitName    string
	ChannelCode string
	ChannelName string // for pages; the ranking goes by code and type
	ChannelType ChannelType
	PublishedOn Date
	Withdrawn   bool
	Authors     []Author
}

// Score is one line of a ranking: a writer (a person, or a free name) or a unit.
type Score struct {
	Rank int
	// Key identifies the line: "p<id>" for a person, "n<folded name>" for a free
	// name, "u<id>" for a unit.
	Key          string
	PersonID     int64
	UnitID       int64
	Name         string
	Score        float64
	Items        int // distinct items with a publication counting in the period
	Publications int
	ByKind       map[ItemKind]int // distinct items by kind
}

// Kind returns the number of items of kind k (for templates).
func (s *Score) Kind(k ItemKind) int { return s.ByKind[k] }

// WriterKey groups the authors of a ranking: a person by id, a free name by its
// folded form, so "Nguyễn Văn An" and "Nguyễn văn An" are one writer. It is "" for an
// author with neither.
func WriterKey(a Author) string {
	if a.PersonID != 0 {
		return "p" + strconv.FormatInt(a.PersonID, 10)
	}
	if f := Fold(a.Name); f != "" {
		return "n" + f
	}
	return ""
}

// Counts reports whether a publication counts in the period: its own date is in the
// range and it was not withdrawn (CONTRACTS.md "Counting rules").
func (p *EmulationPeriod) Counts(pub ScoredPublication) bool {
	return !pub.Withdrawn && !pub.PublishedOn.Before(p.From) && !pub.PublishedOn.After(p.To)
}

// ViewsBonus is, by item, what its views on the period's days add to the score of
// each line the item counts for: ViewsWeight × views / 1000. Nil when the period
// does not weigh views.
func (p *EmulationPeriod) ViewsBonus(views []ItemViews) map[int64]float64 {
	if p.ViewsWeight == 0 {
		return nil
	}
	out := map[int64]float64{}
	for _, v := range views {
		if !v.Day.Before(p.From) && !v.Day.After(p.To) {
			out[v.ItemID] += p.ViewsWeight * float64(v.Views) / 1000
		}
	}
	return out
}

// RankWriters ranks the writers of the publications that count in the period. An item
// with two authors gives each of them its full score: the Board rewards taking part,
// and splitting would punish joint work. views are the items' views by day: with a
// views weight, each item a writer counts adds its bonus (ViewsBonus) once.
func RankWriters(p *EmulationPeriod, pubs []ScoredPublication, views []ItemViews) []*Score {
	acc := newScoreAcc(p.ViewsBonus(views))
	for _, pub := range pubs {
		if !p.Counts(pub) {
			continue
		}
		w := p.Weight(pub)
		for _, a := range pub.Authors {
			key := WriterKey(a)
			if key == "" {
				continue
			}
			acc.add(key, a.PersonID, 0, a.Name, pub, w)
		}
	}
	return acc.result()
}

// RankUnits ranks the units whose items have publications that count in the period,
// each item's views bonus added once, as RankWriters does.
func RankUnits(p *EmulationPeriod, pubs []ScoredPublication, views []ItemViews) []*Score {
	acc := newScoreAcc(p.ViewsBonus(views))
	for _, pub := range pubs {
		if !p.Counts(pub) {
			continue
		}
		w := p.Weight(pub)
		acc.add("u"+strconv.FormatInt(pub.UnitID, 10), 0, pub.UnitID, pub.UnitName, pub, w)
	}
	return acc.result()
}

type scoreAcc struct {
	bonus    map[int64]float64 // by item, added once per line it counts for
	lines    map[string]*Score
	items    map[string]map[int64]bool
	spelling map[string]map[string]int // free names: publications per spelling
}

func newScoreAcc(bonus map[int64]float64) *scoreAcc {
	return &scoreAcc{bonus: bonus, lines: map[string]*Score{}, items: map[string]map[int64]bool{}, spelling: map[string]map[string]int{}}
}

func (a *scoreAcc) add(key string, personID, unitID int64, name string, pub ScoredPublication, w float64) {
	s := a.lines[key]
	if s == nil {
		s = &Score{Key: key, PersonID: personID, UnitID: unitID, Name: name, ByKind: map[ItemKind]int{}}
		a.lines[key] = s
		a.items[key] = map[int64]bool{}
		a.spelling[key] = map[string]int{}
	}
	s.Score += w
	s.Publications++
	a.spelling[key][name]++
	if !a.items[key][pub.ItemID] {
		a.items[key][pub.ItemID] = true
		s.Items++
		s.ByKind[pub.Kind]++
		s.Score += a.bonus[pub.ItemID]
	}
}

func (a *scoreAcc) result() []*Score {
	out := make([]*Score, 0, len(a.lines))
	for key, s := range a.lines {
		if s.PersonID == 0 && s.UnitID == 0 {
			s.Name = CommonSpelling(a.spelling[key])
		}
		out = append(out, s)
	}
	SortScores(out)
	return out
}

// CommonSpelling picks the name a free-name writer is shown under: the spelling used
// most, ties broken by Vietnamese order, so the choice never depends on map order.
func CommonSpelling(counts map[string]int) string {
	best, n := "", -1
	for s, c := range counts {
		if c > n || (c == n && CompareVietnamese(s, best) < 0) {
			best, n = s, c
		}
	}
	return best
}

// RoundScore rounds a score to four decimals: sums of the same weights added in
// another order (the database's, Go's) then compare equal.
func RoundScore(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// SortScores orders a ranking by score, highest first, equal scores by name in
// Vietnamese order, and numbers it: equal scores share a rank (1, 1, 3).
func SortScores(s []*Score) {
	for _, l := range s {
		l.Score = RoundScore(l.Score)
	}
	slices.SortFunc(s, func(a, b *Score) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := CompareVietnamese(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	for i, l := range s {
		if i > 0 && l.Score == s[i-1].Score {
			l.Rank = s[i-1].Rank
		} else {
			l.Rank = i + 1
		}
	}
}

// NominationStatus is where a proposal for a reward stands.
type NominationStatus string

// The nomination statuses: proposed → approved → given, or rejected on the way.
const (
	NominationProposed NominationStatus = "proposed"
	NominationApproved NominationStatus = "approved"
	NominationGiven    NominationStatus = "given"
	NominationRejected NominationStatus = "rejected"
)

// NominationStatuses lists the statuses in the order of the flow.
var NominationStatuses = []NominationStatus{NominationProposed, NominationApproved, NominationGiven, NominationRejected}

var nominationNext = map[NominationStatus][]NominationStatus{
	NominationProposed: {NominationApproved, NominationRejected},
	NominationApproved: {NominationGiven, NominationRejected},
}

// Valid reports whether s is a known status.
func (s NominationStatus) Valid() bool { return slices.Contains(NominationStatuses, s) }

// Next lists the statuses s may move to; given and rejected are final.
func (s NominationStatus) Next() []NominationStatus { return nominationNext[s] }

// CanBecome reports whether s may move to t.
func (s NominationStatus) CanBecome(t NominationStatus) bool {
	return slices.Contains(nominationNext[s], t)
}

// Label is the status as people read it (Vietnamese; the web layer translates).
func (s NominationStatus) Label() string {
	return map[NominationStatus]string{NominationProposed: "Đề nghị", NominationApproved: "Đã duyệt",
		NominationGiven: "Đã khen thưởng", NominationRejected: "Không duyệt"}[s]
}

// Rewards are the usual forms of reward, offered as suggestions; others may be typed.
var Rewards = []string{"Giấy khen", "Bằng khen", "Chiến sĩ thi đua cơ sở", "Tập thể lao động xuất sắc"}

// Nomination proposes a person or a unit for a reward in an emulation period.
type Nomination struct {
	ID         int64
	PeriodID   int64
	PeriodName string
	Reward     string
	PersonID   int64
	PersonName string
	UnitID     int64
	UnitName   string
	Reason     string
	Status     NominationStatus
	Note       string
	// Items are the evidence: the items whose publications in the period earned
	// the nomination (a nomination without evidence is refused).
	Items     []int64
	Version   int
	UpdatedAt time.Time
}

// Nominee is the name of the person or unit proposed.
func (n *Nomination) Nominee() string {
	if n.PersonID != 0 {
		return n.PersonName
	}
	return n.UnitName
}

// Validate checks a nomination: a reward, a reason, exactly one nominee and its
// evidence.
func (n *Nomination) Validate() error {
	var v Validation
	n.Reward = strings.TrimSpace(n.Reward)
	n.Reason = strings.TrimSpace(n.Reason)
	v.Check(n.PeriodID > 0, "period_id", "Xin chọn đợt thi đua.")
	v.Check(n.Reward != "", "reward", "Xin nhập hình thức khen thưởng.")
	v.Check(len(n.Reward) <= 200, "reward", "Hình thức khen thưởng quá dài.")
	v.Check(n.Reason != "", "reason", "Xin nêu thành tích, lý do đề nghị.")
	v.Check(n.PersonID != 0 || n.UnitID != 0, "nominee", "Xin chọn một cá nhân hoặc một đơn vị.")
	v.Check(n.PersonID == 0 || n.UnitID == 0, "nominee", "Chỉ chọn một cá nhân hoặc một đơn vị, không chọn cả hai.")
	v.Check(len(n.Items) > 0, "evidence", "Xin chọn ít nhất một tin bài làm căn cứ cho đề nghị: không đề nghị khen thưởng khi không có thành tích được ghi nhận.")
	if n.Status == "" {
		n.Status = NominationProposed
	}
	v.Check(n.Status.Valid(), "status", "Trạng thái không hợp lệ.")
	return v.Err()
}

// FormatScore writes a score as Vietnamese does, with a decimal comma and no more
// decimals than it needs: 4,5; 12; 0,25.
func FormatScore(x float64) string {
	return strings.Replace(strconv.FormatFloat(RoundScore(x), 'f', -1, 64), ".", ",", 1)
}

// ScoreText is the line's score as shown (for templates).
func (s *Score) ScoreText() string { return FormatScore(s.Score) }

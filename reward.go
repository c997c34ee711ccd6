package loa

import (
	"fmt"
	"slices"
)

// Rewards that follow the evidence (issue 14): a nomination links to the items that
// earned it; their figures come from the ranking's own rules (RankWriters,
// RankUnits); an item supports one nomination of a period and one reward in all; and
// what loa's people records make checkable about a nominee is flagged.

// NomineeKey is the ranking line of the nomination's nominee ("p<id>" or "u<id>"),
// as RankWriters and RankUnits key their lines.
func (n *Nomination) NomineeKey() string {
	if n.PersonID != 0 {
		return WriterKey(Author{PersonID: n.PersonID})
	}
	return fmt.Sprintf("u%d", n.UnitID)
}

// nomineeLine is the nominee's line of the period's ranking over pubs: the writers'
// ranking for a person, the units' for a unit. Nil when nothing of pubs counts for it.
func (n *Nomination) nomineeLine(p *EmulationPeriod, pubs []ScoredPublication, views []ItemViews) *Score {
	rank := RankUnits
	if n.PersonID != 0 {
		rank = RankWriters
	}
	key := n.NomineeKey()
	for _, s := range rank(p, pubs, views) {
		if s.Key == key {
			return s
		}
	}
	return nil
}

// NominationFigures computes the figures of a nomination's evidence with the
// ranking's rules, so the nomination page and the ranking never disagree: total is
// the nominee's line over the publications of items (nil when none counts), byItem
// the nominee's line over each item alone (an item missing from it earns the
// nominee nothing in the period). pubs may hold other items' publications; they are
// left out.
func NominationFigures(p *EmulationPeriod, n *Nomination, items []int64, pubs []ScoredPublication, views []ItemViews) (total *Score, byItem map[int64]*Score) {
	byItemPubs := map[int64][]ScoredPublication{}
	var all []ScoredPublication
	for _, pub := range pubs {
		if slices.Contains(items, pub.ItemID) {
			byItemPubs[pub.ItemID] = append(byItemPubs[pub.ItemID], pub)
			all = append(all, pub)
		}
	}
	byItem = map[int64]*Score{}
	for id, ps := range byItemPubs {
		if s := n.nomineeLine(p, ps, views); s != nil {
			byItem[id] = s
		}
	}
	return n.nomineeLine(p, all, views), byItem
}

// EvidenceUse says that an item supports a nomination: the nomination's period,
// nominee, reward and status.
type EvidenceUse struct {
	ItemID       int64
	ItemTitle    string
	NominationID int64
	PeriodID     int64
	PeriodName   string
	Nominee      string
	Reward       string
	Status       NominationStatus
}

// Rewarded reports whether the use's nomination was approved or the reward given.
func (u EvidenceUse) Rewarded() bool {
	return u.Status == NominationApproved || u.Status == NominationGiven
}

// EvidenceConflicts returns the uses of n's items (other nominations, rejected ones
// left out) that forbid n with its status: an item supports one nomination of an
// emulation period, and one reward in all, whatever the period (the Law on
// Emulation and Rewards 2022 forbids rewarding one achievement twice). A rejected n
// conflicts with nothing. Uses of items that are not n's are ignored.
func EvidenceConflicts(n *Nomination, uses []EvidenceUse) []EvidenceUse {
	if n.Status == NominationRejected {
		return nil
	}
	var out []EvidenceUse
	for _, u := range uses {
		if u.NominationID == n.ID || u.Status == NominationRejected || !slices.Contains(n.Items, u.ItemID) {
			continue
		}
		if u.PeriodID == n.PeriodID || u.Rewarded() {
			out = append(out, u)
		}
	}
	return out
}

// Problem says, in a sentence, why use u forbids a nomination of period periodID.
func (u EvidenceUse) Problem(periodID int64) string {
	if u.PeriodID == periodID {
		return fmt.Sprintf("Tin bài “%s” đã là căn cứ của đề nghị khen thưởng khác trong cùng đợt thi đua (%s, %s): một tin bài chỉ làm căn cứ cho một đề nghị của mỗi đợt.",
			u.ItemTitle, u.Nominee, u.Reward)
	}
	return fmt.Sprintf("Tin bài “%s” đã là căn cứ của khen thưởng “%s” cho %s (%s, %s): Luật Thi đua, khen thưởng năm 2022 không cho khen thưởng hai lần cho cùng một thành tích.",
		u.ItemTitle, u.Reward, u.Nominee, u.PeriodName, u.Status.Label())
}

// MinTenureMonths is how long a person should have worked in a unit by the end of an
// emulation period to be proposed from it: the sector's rules weigh a whole term's
// work, and six months is the shortest they accept.
const MinTenureMonths = 6

// EligibilityHints flags what loa's records make checkable about a person proposed
// for a reward in period p, from the person's postings (any order): not on staff at
// the period's end (no posting covers that day), or posted to the unit it works in on
// that day less than six months before. Postings in the same unit that follow each
// other without a gap (a new position) are one stay. A unit is given no hint.
func EligibilityHints(n *Nomination, p *EmulationPeriod, postings []*Posting) []string {
	if n.PersonID == 0 {
		return nil
	}
	end := p.To
	covers := func(po *Posting, d Date) bool {
		return !po.From.After(d) && (po.To.IsZero() || !po.To.Before(d))
	}
	var at *Posting
	for _, po := range postings {
		if covers(po, end) && (at == nil || po.From.After(at.From)) {
			at = po
		}
	}
	if at == nil {
		return []string{fmt.Sprintf("Không còn công tác tại đơn vị nào vào ngày kết thúc đợt (%s): không có quá trình công tác còn hiệu lực ngày đó.", end.Display())}
	}
	// Walk back through earlier postings in the same unit that end the day before.
	start := at.From
	for moved := true; moved; {
		moved = false
		for _, po := range postings {
			if po.UnitID == at.UnitID && po.From.Before(start) && covers(po, start.AddDays(-1)) {
				start, moved = po.From, true
			}
		}
	}
	if start.AddMonths(MinTenureMonths).After(end) {
		return []string{fmt.Sprintf("Về công tác tại %s từ %s, chưa đủ %d tháng tính đến ngày kết thúc đợt (%s).",
			at.UnitName, start.Display(), MinTenureMonths, end.Display())}
	}
	return nil
}

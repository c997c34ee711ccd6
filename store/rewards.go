package store

import (
	"context"
	"slices"

	"loa"
)

// Rewards that follow the evidence: what a nomination links to, the figures of it
// (loa.NominationFigures, the ranking's own rules), the conflicts of its evidence
// (loa.EvidenceConflicts) and the eligibility hints (loa.EligibilityHints).

// EvidenceItem is an item a nomination links to (or may link to), with the
// publications of it that count in the period and the nominee's figures from them
// (nil when it earns the nominee nothing in the period).
type EvidenceItem struct {
	ID           int64
	Title        string
	Kind         loa.ItemKind
	UnitName     string
	Publications []loa.ScoredPublication
	Figures      *loa.Score
}

// NominationReview is what the nomination page shows beside the nomination.
type NominationReview struct {
	Period    *loa.EmulationPeriod
	Evidence  []*EvidenceItem
	Total     *loa.Score        // the nominee's figures over all the evidence; nil when none counts
	Conflicts []loa.EvidenceUse // uses of the evidence that forbid the nomination
	Hints     []string          // eligibility hints
}

// evidencePubs returns the confirmed publications (withdrawn ones too: the rules
// leave them out) of the items ids, as the ranking sees them, with the items' titles
// and units, in the order of ids.
func (db *DB) evidencePubs(ctx context.Context, ids []int64) ([]loa.ScoredPublication, []*EvidenceItem, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	rows, err := db.query(ctx, `SELECT i.id, i.title, i.kind, i.unit_id, u.name FROM items i JOIN units u ON u.id = i.unit_id
		WHERE i.id IN (`+marks(len(ids))+`)`, anyArgs(ids)...)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]*EvidenceItem{}
	unitOf := map[int64]int64{}
	for rows.Next() {
		it := &EvidenceItem{}
		var unit int64
		if err := rows.Scan(&it.ID, &it.Title, &it.Kind, &unit, &it.UnitName); err != nil {
			rows.Close()
			return nil, nil, err
		}
		byID[it.ID], unitOf[it.ID] = it, unit
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	authors := map[int64][]loa.Author{}
	rows, err = db.query(ctx, `SELECT item_id, COALESCE(person_id, 0), name FROM item_authors WHERE item_id IN (`+marks(len(ids))+`)
		ORDER BY item_id, position`, anyArgs(ids)...)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var a loa.Author
		if err := rows.Scan(&id, &a.PersonID, &a.Name); err != nil {
			rows.Close()
			return nil, nil, err
		}
		authors[id] = append(authors[id], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = db.query(ctx, `SELECT p.item_id, c.code, c.name, c.type, p.published_on, p.withdrawn FROM publications p
		JOIN channels c ON c.id = p.channel_id WHERE p.status = 'confirmed' AND p.item_id IN (`+marks(len(ids))+`)
		ORDER BY p.published_on, p.id`, anyArgs(ids)...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var pubs []loa.ScoredPublication
	for rows.Next() {
		var pub loa.ScoredPublication
		if err := rows.Scan(&pub.ItemID, &pub.ChannelCode, &pub.ChannelName, &pub.ChannelType, &pub.PublishedOn, &pub.Withdrawn); err != nil {
			return nil, nil, err
		}
		it := byID[pub.ItemID]
		pub.Kind, pub.UnitID, pub.UnitName, pub.Authors = it.Kind, unitOf[pub.ItemID], it.UnitName, authors[pub.ItemID]
		pubs = append(pubs, pub)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var items []*EvidenceItem
	for _, id := range ids {
		if it := byID[id]; it != nil {
			items = append(items, it)
		}
	}
	return pubs, items, nil
}

// evidenceViews returns the items' views on the period's days when the period weighs
// views (loa.ViewsBonus reads them), none otherwise.
func (db *DB) evidenceViews(ctx context.Context, p *loa.EmulationPeriod, ids []int64) ([]loa.ItemViews, error) {
	if p.ViewsWeight == 0 || len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT item_id, day, views FROM item_views WHERE day >= ? AND day <= ? AND item_id IN (`+marks(len(ids))+`)`,
		append([]any{p.From.String(), p.To.String()}, anyArgs(ids)...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []loa.ItemViews
	for rows.Next() {
		var v loa.ItemViews
		if err := rows.Scan(&v.ItemID, &v.Day, &v.Views); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// evidenceFigures fills the items' counting publications and figures for nominee n
// in period p, and returns the total.
func (db *DB) evidenceFigures(ctx context.Context, p *loa.EmulationPeriod, n *loa.Nomination, ids []int64) ([]*EvidenceItem, *loa.Score, error) {
	pubs, items, err := db.evidencePubs(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	views, err := db.evidenceViews(ctx, p, ids)
	if err != nil {
		return nil, nil, err
	}
	total, byItem := loa.NominationFigures(p, n, ids, pubs, views)
	for _, it := range items {
		it.Figures = byItem[it.ID]
		for _, pub := range pubs {
			if pub.ItemID == it.ID && p.Counts(pub) {
				it.Publications = append(it.Publications, pub)
			}
		}
	}
	return items, total, nil
}

// evidenceUses returns every nomination the items ids support, with its period,
// nominee, reward and status.
func (db *DB) evidenceUses(ctx context.Context, ids []int64) ([]loa.EvidenceUse, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT ni.item_id, i.title, n.id, n.period_id, ep.name, COALESCE(pe.name, u.name, ''), n.reward, n.status
		FROM nomination_items ni JOIN items i ON i.id = ni.item_id JOIN nominations n ON n.id = ni.nomination_id
		JOIN emulation_periods ep ON ep.id = n.period_id LEFT JOIN people pe ON pe.id = n.person_id LEFT JOIN units u ON u.id = n.unit_id
		WHERE ni.item_id IN (`+marks(len(ids))+`) ORDER BY ni.item_id, n.id`, anyArgs(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []loa.EvidenceUse
	for rows.Next() {
		var u loa.EvidenceUse
		if err := rows.Scan(&u.ItemID, &u.ItemTitle, &u.NominationID, &u.PeriodID, &u.PeriodName, &u.Nominee, &u.Reward, &u.Status); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// refuseEvidence refuses, on the form's evidence field, a nomination n (with the
// status it is about to have) whose evidence supports another nomination of its
// period or another reward: the first conflict's sentence.
func (db *DB) refuseEvidence(ctx context.Context, n *loa.Nomination) error {
	// Two nominations saved at once with the same item must not both pass the check:
	// SQLite has one writer; on PostgreSQL the items' rows are locked until the
	// transaction ends, so the second waits and then sees the first's evidence.
	if db.Postgres() && len(n.Items) > 0 {
		if _, err := db.exec(ctx, "SELECT id FROM items WHERE id IN ("+marks(len(n.Items))+") ORDER BY id FOR UPDATE", anyArgs(n.Items)...); err != nil {
			return err
		}
	}
	uses, err := db.evidenceUses(ctx, n.Items)
	if err != nil {
		return err
	}
	if c := loa.EvidenceConflicts(n, uses); len(c) > 0 {
		return loa.FieldError("evidence", c[0].Problem(n.PeriodID))
	}
	return nil
}

// nominationItems returns the evidence of the nominations ids, by nomination.
func (db *DB) nominationItems(ctx context.Context, where string, arg any) (map[int64][]int64, error) {
	rows, err := db.query(ctx, `SELECT ni.nomination_id, ni.item_id FROM nomination_items ni JOIN nominations n ON n.id = ni.nomination_id
		WHERE `+where+` ORDER BY ni.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var n, it int64
		if err := rows.Scan(&n, &it); err != nil {
			return nil, err
		}
		out[n] = append(out[n], it)
	}
	return out, rows.Err()
}

// ReviewNomination gathers what the nomination page shows beside n: its evidence with
// the figures by the ranking's rules, the conflicts of its evidence, and the
// eligibility hints of the nominee.
func (db *DB) ReviewNomination(ctx context.Context, n *loa.Nomination) (*NominationReview, error) {
	r := &NominationReview{}
	err := db.reportSnapshot(ctx, func(ctx context.Context) error {
		var err error
		if r.Period, err = db.EmulationPeriod(ctx, n.PeriodID); err != nil {
			return err
		}
		if r.Evidence, r.Total, err = db.evidenceFigures(ctx, r.Period, n, n.Items); err != nil {
			return err
		}
		uses, err := db.evidenceUses(ctx, n.Items)
		if err != nil {
			return err
		}
		r.Conflicts = loa.EvidenceConflicts(n, uses)
		r.Hints, err = db.eligibilityHints(ctx, r.Period, n)
		return err
	})
	return r, wrapOp(err, "review nomination %d", n.ID)
}

// eligibilityHints reads the nominee's postings for loa.EligibilityHints.
func (db *DB) eligibilityHints(ctx context.Context, p *loa.EmulationPeriod, n *loa.Nomination) ([]string, error) {
	if n.PersonID == 0 {
		return nil, nil
	}
	postings, err := db.Postings(ctx, n.PersonID, 0)
	if err != nil {
		return nil, err
	}
	return loa.EligibilityHints(n, p, postings), nil
}

// NominationCandidates returns what a nomination of the person (personID) or unit
// (unitID) in period p may link to: the nominee's items with a publication that
// counts for it in the period, each with its figures, the best first.
func (db *DB) NominationCandidates(ctx context.Context, p *loa.EmulationPeriod, personID, unitID int64) ([]*EvidenceItem, error) {
	if personID == 0 && unitID == 0 {
		return nil, nil
	}
	var out []*EvidenceItem
	err := db.reportSnapshot(ctx, func(ctx context.Context) error {
		cond, arg := "i.unit_id = ?", unitID
		if personID != 0 {
			cond, arg = "i.id IN (SELECT a.item_id FROM item_authors a WHERE a.person_id = ?)", personID
		}
		ids, err := db.queryIDs(ctx, `SELECT DISTINCT i.id FROM items i JOIN publications p ON p.item_id = i.id
			WHERE p.published_on >= ? AND p.published_on <= ? AND `+countedPub+` AND `+cond, p.From, p.To, arg)
		if err != nil {
			return err
		}
		slices.Sort(ids)
		items, _, err := db.evidenceFigures(ctx, p, &loa.Nomination{PersonID: personID, UnitID: unitID}, ids)
		for _, it := range items {
			if it.Figures != nil {
				out = append(out, it)
			}
		}
		slices.SortStableFunc(out, func(a, b *EvidenceItem) int {
			if a.Figures.Score != b.Figures.Score {
				if a.Figures.Score > b.Figures.Score {
					return -1
				}
				return 1
			}
			return loa.CompareVietnamese(a.Title, b.Title)
		})
		return err
	})
	return out, wrapOp(err, "nomination candidates %d", p.ID)
}

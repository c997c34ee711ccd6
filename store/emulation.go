package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"loa"
)

// EmulationPeriods returns every emulation period, the latest first.
func (db *DB) EmulationPeriods(ctx context.Context) (_ []*loa.EmulationPeriod, err error) {
	defer wrapErr(&err, "list emulation periods")
	rows, err := db.query(ctx, `SELECT id, name, date_from, date_to, note, version, updated_at
		FROM emulation_periods ORDER BY date_from DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.EmulationPeriod
	for rows.Next() {
		var p loa.EmulationPeriod
		if err := rows.Scan(&p.ID, &p.Name, &p.From, &p.To, &p.Note, &p.Version, &p.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// EmulationPeriod returns the period with id and its weights. ENOTFOUND when none.
func (db *DB) EmulationPeriod(ctx context.Context, id int64) (_ *loa.EmulationPeriod, err error) {
	defer wrapErr(&err, "read emulation period %d", id)
	p := &loa.EmulationPeriod{KindWeights: map[loa.ItemKind]float64{}, ChannelTypeWeights: map[loa.ChannelType]float64{},
		ChannelWeights: map[string]float64{}}
	if err := db.row(ctx, "đợt thi đua", `SELECT id, name, date_from, date_to, note, version, updated_at FROM emulation_periods WHERE id = ?`,
		[]any{id}, &p.ID, &p.Name, &p.From, &p.To, &p.Note, &p.Version, &p.UpdatedAt); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT dimension, ref, weight FROM emulation_weights WHERE period_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var dim, ref string
		var w float64
		if err := rows.Scan(&dim, &ref, &w); err != nil {
			return nil, err
		}
		switch dim {
		case "kind":
			p.KindWeights[loa.ItemKind(ref)] = w
		case "channel_type":
			p.ChannelTypeWeights[loa.ChannelType(ref)] = w
		case "channel":
			p.ChannelWeights[ref] = w
		case "views":
			p.ViewsWeight = w
		}
	}
	return p, rows.Err()
}

// SaveEmulationPeriod creates (ID 0) or updates a period with its weights, with
// optimistic locking on Version. EINVALID for a bad field or an unknown channel code;
// ECONFLICT when someone else saved the period meanwhile.
func (db *DB) SaveEmulationPeriod(ctx context.Context, p *loa.EmulationPeriod) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save emulation period %d", p.ID), func(ctx context.Context) error {
		for code := range p.ChannelWeights {
			n, err := db.count(ctx, "SELECT COUNT(*) FROM channels WHERE code = ?", code)
			if err != nil {
				return err
			}
			if n == 0 {
				return &loa.Error{Code: loa.EINVALID, Message: "Kênh không tồn tại.",
					Fields: map[string]string{"weight_channel_" + code: "Không có kênh mã " + code + "."}}
			}
		}
		var before *loa.EmulationPeriod
		if p.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO emulation_periods (name, date_from, date_to, note, updated_at) VALUES (?, ?, ?, ?, ?)`,
				p.Name, p.From, p.To, p.Note, now())
			if err != nil {
				return err
			}
			p.ID, p.Version = id, 1
		} else {
			var err error
			if before, err = db.EmulationPeriod(ctx, p.ID); err != nil {
				return err
			}
			res, err := db.exec(ctx, `UPDATE emulation_periods SET name = ?, date_from = ?, date_to = ?, note = ?, version = version + 1, updated_at = ?
				WHERE id = ? AND version = ?`, p.Name, p.From, p.To, p.Note, now(), p.ID, p.Version)
			if err != nil {
				return err
			}
			if err := changed(res); err != nil {
				return err
			}
			p.Version++
			if _, err := db.exec(ctx, "DELETE FROM emulation_weights WHERE period_id = ?", p.ID); err != nil {
				return err
			}
		}
		add := func(dim, ref string, w float64) error {
			_, err := db.exec(ctx, "INSERT INTO emulation_weights (period_id, dimension, ref, weight) VALUES (?, ?, ?, ?)", p.ID, dim, ref, w)
			return err
		}
		for k, w := range p.KindWeights {
			if err := add("kind", string(k), w); err != nil {
				return err
			}
		}
		for t, w := range p.ChannelTypeWeights {
			if err := add("channel_type", string(t), w); err != nil {
				return err
			}
		}
		for c, w := range p.ChannelWeights {
			if err := add("channel", c, w); err != nil {
				return err
			}
		}
		if p.ViewsWeight != 0 { // no row is the default: views left out
			if err := add("views", "", p.ViewsWeight); err != nil {
				return err
			}
		}
		if before == nil {
			return db.audit(ctx, "create", "emulation_period", p.ID, nil, p)
		}
		return db.audit(ctx, "update", "emulation_period", p.ID, before, p)
	})
}

// rankingFrom is the FROM clause shared by both rankings: the publications that count
// in the period (their own date in the range, not withdrawn), each with its weight
// kind × channel, a channel's own weight winning over its type's and 1 by default.
const rankingFrom = ` FROM publications p
	JOIN items i ON i.id = p.item_id
	JOIN channels c ON c.id = p.channel_id
	LEFT JOIN emulation_weights wk ON wk.period_id = ? AND wk.dimension = 'kind' AND wk.ref = i.kind
	LEFT JOIN emulation_weights wt ON wt.period_id = ? AND wt.dimension = 'channel_type' AND wt.ref = c.type
	LEFT JOIN emulation_weights wc ON wc.period_id = ? AND wc.dimension = 'channel' AND wc.ref = c.code`

const rankingWeight = `COALESCE(wk.weight, 1) * COALESCE(wc.weight, wt.weight, 1)`

// EmulationRanking ranks the period's writers and units by weighted score, with one
// GROUP BY query each; it gives what loa.RankWriters and loa.RankUnits give over the
// same records (the tests hold it to that). An item with two authors gives each its
// full score. Free-name authors are grouped by loa.Fold of the name, in Go, since the
// databases cannot fold Vietnamese alike.
func (db *DB) EmulationRanking(ctx context.Context, p *loa.EmulationPeriod) (writers, units []*loa.Score, err error) {
	defer wrapErr(&err, "rank emulation period %d", p.ID)
	err = db.reportSnapshot(ctx, func(ctx context.Context) error {
		args := []any{p.ID, p.ID, p.ID, p.From, p.To}
		rows, err := db.query(ctx, `SELECT COALESCE(a.person_id, 0), CASE WHEN a.person_id IS NULL THEN a.name ELSE '' END,
			COALESCE(MAX(pe.name), ''), i.kind, SUM(`+rankingWeight+`), COUNT(*), COUNT(DISTINCT i.id)`+rankingFrom+`
			JOIN item_authors a ON a.item_id = i.id
			LEFT JOIN people pe ON pe.id = a.person_id
			WHERE p.published_on >= ? AND p.published_on <= ? AND `+countedPub+`
			GROUP BY 1, 2, 4`, args...)
		if err != nil {
			return err
		}
		acc := newRankAcc()
		for rows.Next() {
			var personID int64
			var free, person, kind string
			var score float64
			var pubs, items int
			if err := rows.Scan(&personID, &free, &person, &kind, &score, &pubs, &items); err != nil {
				rows.Close()
				return err
			}
			key := loa.WriterKey(loa.Author{PersonID: personID, Name: free})
			if key == "" {
				continue
			}
			name := person
			if personID == 0 {
				name = free
			}
			acc.add(key, personID, 0, name, loa.ItemKind(kind), score, pubs, items)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if p.ViewsWeight != 0 {
			// Each writer's items' views once per writer, as loa.RankWriters adds them.
			err := db.addViewsBonus(ctx, acc, p, `SELECT COALESCE(a.person_id, 0), CASE WHEN a.person_id IS NULL THEN a.name ELSE '' END, CAST(SUM(v.views) AS BIGINT)
				FROM item_views v JOIN item_authors a ON a.item_id = v.item_id`+rankedViews+` GROUP BY 1, 2`,
				func(personID int64, free string) string {
					return loa.WriterKey(loa.Author{PersonID: personID, Name: free})
				})
			if err != nil {
				return err
			}
		}
		writers = acc.result()

		rows, err = db.query(ctx, `SELECT i.unit_id, u.name, i.kind, SUM(`+rankingWeight+`), COUNT(*), COUNT(DISTINCT i.id)`+rankingFrom+`
			JOIN units u ON u.id = i.unit_id
			WHERE p.published_on >= ? AND p.published_on <= ? AND `+countedPub+`
			GROUP BY i.unit_id, u.name, i.kind`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		acc = newRankAcc()
		for rows.Next() {
			var unitID int64
			var name, kind string
			var score float64
			var pubs, items int
			if err := rows.Scan(&unitID, &name, &kind, &score, &pubs, &items); err != nil {
				return err
			}
			acc.add("u"+strconv.FormatInt(unitID, 10), 0, unitID, name, loa.ItemKind(kind), score, pubs, items)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if p.ViewsWeight != 0 {
			err := db.addViewsBonus(ctx, acc, p, `SELECT i.unit_id, '', CAST(SUM(v.views) AS BIGINT)
				FROM item_views v JOIN items i ON i.id = v.item_id`+rankedViews+` GROUP BY i.unit_id`,
				func(unitID int64, _ string) string { return "u" + strconv.FormatInt(unitID, 10) })
			if err != nil {
				return err
			}
		}
		units = acc.result()
		return nil
	})
	return writers, units, err
}

// rankedViews keeps the views on the period's days of the items with a publication
// counting in the period: the items a ranking counts (v aliases item_views).
const rankedViews = ` WHERE v.day >= ? AND v.day <= ? AND v.item_id IN
	(SELECT p.item_id FROM publications p WHERE p.published_on >= ? AND p.published_on <= ? AND ` + countedPub + `)`

// addViewsBonus adds to the ranking's lines the views bonus of loa.ViewsBonus:
// weight × views / 1000, from query's rows (an id, a free name, the views' sum),
// each line found by key. Every such item has a line already, from its publication.
func (db *DB) addViewsBonus(ctx context.Context, acc *rankAcc, p *loa.EmulationPeriod, query string, key func(int64, string) string) error {
	rows, err := db.query(ctx, query, p.From.String(), p.To.String(), p.From, p.To)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, views int64
		var free string
		if err := rows.Scan(&id, &free, &views); err != nil {
			return err
		}
		if s := acc.lines[key(id, free)]; s != nil {
			s.Score += p.ViewsWeight * float64(views) / 1000
		}
	}
	return rows.Err()
}

// rankAcc merges the grouped rows of a ranking into lines: a free-name writer may
// come in several spellings, each its own group in SQL.
type rankAcc struct {
	lines    map[string]*loa.Score
	spelling map[string]map[string]int
}

func newRankAcc() *rankAcc {
	return &rankAcc{lines: map[string]*loa.Score{}, spelling: map[string]map[string]int{}}
}

func (a *rankAcc) add(key string, personID, unitID int64, name string, kind loa.ItemKind, score float64, pubs, items int) {
	s := a.lines[key]
	if s == nil {
		s = &loa.Score{Key: key, PersonID: personID, UnitID: unitID, Name: name, ByKind: map[loa.ItemKind]int{}}
		a.lines[key] = s
		a.spelling[key] = map[string]int{}
	}
	s.Score += score
	s.Publications += pubs
	s.Items += items
	s.ByKind[kind] += items
	a.spelling[key][name] += pubs
}

func (a *rankAcc) result() []*loa.Score {
	out := make([]*loa.Score, 0, len(a.lines))
	for key, s := range a.lines {
		if s.PersonID == 0 && s.UnitID == 0 {
			s.Name = loa.CommonSpelling(a.spelling[key])
		}
		out = append(out, s)
	}
	loa.SortScores(out)
	return out
}

const nominationSelect = `SELECT n.id, n.period_id, ep.name, n.reward, COALESCE(n.person_id, 0), COALESCE(pe.name, ''),
	COALESCE(n.unit_id, 0), COALESCE(u.name, ''), n.reason, n.status, n.note, n.version, n.updated_at
	FROM nominations n JOIN emulation_periods ep ON ep.id = n.period_id
	LEFT JOIN people pe ON pe.id = n.person_id LEFT JOIN units u ON u.id = n.unit_id`

func scanNomination(sc interface{ Scan(...any) error }) (*loa.Nomination, error) {
	var n loa.Nomination
	err := sc.Scan(&n.ID, &n.PeriodID, &n.PeriodName, &n.Reward, &n.PersonID, &n.PersonName, &n.UnitID, &n.UnitName,
		&n.Reason, &n.Status, &n.Note, &n.Version, &n.UpdatedAt)
	return &n, err
}

// Nominations returns a period's nominations in the order they were made.
func (db *DB) Nominations(ctx context.Context, periodID int64) (_ []*loa.Nomination, err error) {
	defer wrapErr(&err, "list nominations of period %d", periodID)
	rows, err := db.query(ctx, nominationSelect+" WHERE n.period_id = ? ORDER BY n.id", periodID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Nomination
	for rows.Next() {
		n, err := scanNomination(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	items, err := db.nominationItems(ctx, "n.period_id = ?", periodID)
	if err != nil {
		return nil, err
	}
	for _, n := range out {
		n.Items = items[n.ID]
	}
	return out, nil
}

// Nomination returns the nomination with id. ENOTFOUND when none.
func (db *DB) Nomination(ctx context.Context, id int64) (_ *loa.Nomination, err error) {
	defer wrapErr(&err, "read nomination %d", id)
	rows, err := db.query(ctx, nominationSelect+" WHERE n.id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy đề nghị khen thưởng.")
	}
	n, err := scanNomination(rows)
	if err != nil {
		return nil, err
	}
	rows.Close()
	items, err := db.nominationItems(ctx, "n.id = ?", id)
	n.Items = items[id]
	return n, err
}

// AddNomination proposes a person or a unit for a reward with its evidence, the
// items that earned it; it starts as proposed. EINVALID (on the field "evidence")
// without evidence, for an item that earns the nominee nothing in the period, or for
// one that supports another nomination of the period or another reward
// (loa.EvidenceConflicts); EINVALID for a bad field or an unknown person, unit or
// period.
func (db *DB) AddNomination(ctx context.Context, n *loa.Nomination) error {
	n.Status = loa.NominationProposed
	n.Items = slices.Compact(slices.Sorted(slices.Values(n.Items)))
	if err := n.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add nomination in period %d", n.PeriodID), func(ctx context.Context) error {
		p, err := db.EmulationPeriod(ctx, n.PeriodID)
		if err != nil {
			return err
		}
		if n.PersonID != 0 {
			pe, err := db.Person(ctx, n.PersonID)
			if err != nil {
				return loa.FieldError("nominee", "Không có người này.")
			}
			n.PersonName = pe.Name
		}
		if n.UnitID != 0 {
			u, err := db.Unit(ctx, n.UnitID)
			if err != nil {
				return loa.FieldError("nominee", "Không có đơn vị này.")
			}
			n.UnitName = u.Name
		}
		// Each item must earn the nominee something in the period, by the ranking's rules.
		items, _, err := db.evidenceFigures(ctx, p, n, n.Items)
		if err != nil {
			return err
		}
		if len(items) != len(n.Items) {
			return loa.FieldError("evidence", "Không tìm thấy tin bài được chọn làm căn cứ.")
		}
		for _, it := range items {
			if it.Figures == nil {
				return loa.FieldError("evidence", "Tin bài “"+it.Title+"” không có lượt đăng nào được tính cho "+n.Nominee()+" trong đợt thi đua này.")
			}
		}
		if err := db.refuseEvidence(ctx, n); err != nil {
			return err
		}
		id, err := db.insert(ctx, `INSERT INTO nominations (period_id, reward, person_id, unit_id, reason, status, note, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, n.PeriodID, n.Reward, nullID(n.PersonID), nullID(n.UnitID), n.Reason, n.Status, n.Note, now())
		if err != nil {
			return err
		}
		n.ID, n.Version = id, 1
		for _, item := range n.Items {
			if _, err := db.exec(ctx, "INSERT INTO nomination_items (nomination_id, item_id) VALUES (?, ?)", id, item); err != nil {
				return err
			}
		}
		return db.audit(ctx, "create", "nomination", id, nil, n)
	})
}

// SetNominationStatus moves a nomination along proposed → approved → given, or to
// rejected, with a note; the audit log keeps each step, which is the nomination's
// history. EINVALID for a move the flow does not allow.
func (db *DB) SetNominationStatus(ctx context.Context, id int64, to loa.NominationStatus, note string) error {
	return db.inTx(ctx, fmt.Sprintf("set nomination %d to %s", id, to), func(ctx context.Context) error {
		n, err := db.Nomination(ctx, id)
		if err != nil {
			return err
		}
		if !n.Status.CanBecome(to) {
			return loa.FieldError("status", "Không thể chuyển từ “"+n.Status.Label()+"” sang trạng thái này.")
		}
		// Approving or giving is where a second reward for one achievement would be
		// made: two proposals of other periods may share an item until one is approved.
		next := *n
		next.Status = to
		if err := db.refuseEvidence(ctx, &next); err != nil {
			if msg := loa.ErrorFields(err)["evidence"]; msg != "" {
				return loa.FieldError("status", msg)
			}
			return err
		}
		if _, err := db.exec(ctx, "UPDATE nominations SET status = ?, note = ?, version = version + 1, updated_at = ? WHERE id = ?",
			to, note, now(), id); err != nil {
			return err
		}
		return db.audit(ctx, "status", "nomination", id, map[string]any{"status": n.Status, "note": n.Note},
			map[string]any{"status": to, "note": note})
	})
}

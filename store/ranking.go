package store

import (
	"context"
	"strconv"

	"loa"
)

// Ranking is the monthly ranking notice (Thông báo xếp hạng) the Board publishes:
// units and writers ranked by the number of items first published in a range.
type Ranking struct {
	From, To loa.Date
	Items    int
	ByKind   map[loa.ItemKind]int
	// Units and Writers are ranked by Items, highest first, equal counts sharing a
	// rank (1, 1, 3) and ordered by name; only those with an item are listed.
	Units   []*loa.Score
	Writers []*loa.Score
}

// MonthlyRanking ranks units and writers by the items whose first publication (the
// counting rule of the report: the earliest publication not withdrawn) falls between
// from and to. An item with two authors counts once for each; writers are the item's
// authors, a person by id and a free name by its folded spelling, as the emulation
// ranking groups them. A Score's Score is its number of items.
func (db *DB) MonthlyRanking(ctx context.Context, from, to loa.Date) (_ *Ranking, err error) {
	defer wrapErr(&err, "monthly ranking %s–%s", from, to)
	rk := &Ranking{From: from, To: to, ByKind: map[loa.ItemKind]int{}}
	err = db.reportSnapshot(ctx, func(ctx context.Context) error {
		rows, err := db.query(ctx, `SELECT i.unit_id, u.name, i.kind, COUNT(*) FROM items i JOIN units u ON u.id = i.unit_id
			WHERE i.first_pub >= ? AND i.first_pub <= ? GROUP BY i.unit_id, u.name, i.kind`, from, to)
		if err != nil {
			return err
		}
		units := newRankAcc()
		for rows.Next() {
			var unitID int64
			var name, kind string
			var n int
			if err := rows.Scan(&unitID, &name, &kind, &n); err != nil {
				rows.Close()
				return err
			}
			units.add("u"+strconv.FormatInt(unitID, 10), 0, unitID, name, loa.ItemKind(kind), float64(n), 0, n)
			rk.Items += n
			rk.ByKind[loa.ItemKind(kind)] += n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rk.Units = units.result()

		rows, err = db.query(ctx, `SELECT COALESCE(a.person_id, 0), CASE WHEN a.person_id IS NULL THEN a.name ELSE '' END,
			COALESCE(MAX(pe.name), ''), i.kind, COUNT(DISTINCT i.id)
			FROM items i JOIN item_authors a ON a.item_id = i.id LEFT JOIN people pe ON pe.id = a.person_id
			WHERE i.first_pub >= ? AND i.first_pub <= ?
			GROUP BY COALESCE(a.person_id, 0), CASE WHEN a.person_id IS NULL THEN a.name ELSE '' END, i.kind`, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		writers := newRankAcc()
		for rows.Next() {
			var personID int64
			var free, person, kind string
			var n int
			if err := rows.Scan(&personID, &free, &person, &kind, &n); err != nil {
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
			// The spelling a free name is shown under is the one on the most items.
			writers.add(key, personID, 0, name, loa.ItemKind(kind), float64(n), n, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rk.Writers = writers.result()
		for _, w := range rk.Writers {
			w.Publications = 0 // add counted items there, for the spelling; not publications
		}
		return nil
	})
	return rk, err
}

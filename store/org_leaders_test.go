package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// TestUnitLeaders: the leaders of each unit are the people whose posting of today is
// a leader's position, in the order of their postings, on both engines; the postings
// are found by their positions (postings_position), not by reading all of today's:
// 20,000 rows on the national set, 40 ms of the organisation pages on a miss (issue
// 20). The plan is SQLite's.
func TestUnitLeaders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var units []int64
		for _, code := range []string{"A", "B"} {
			units = append(units, dbtest.Insert(t, db, "INSERT INTO units (code, name, kind, updated_at) VALUES (?, ?, 'province', CURRENT_TIMESTAMP)", code, "Đơn vị "+code))
		}
		today := loa.Today()
		want := map[int64][]string{}
		for i, c := range []struct {
			position string
			to       loa.Date // the posting ended (zero: current)
		}{
			{"Viện trưởng", loa.Date{}}, {"Kiểm sát viên", loa.Date{}}, {"Phó Viện trưởng", loa.Date{}},
			{"Chánh Văn phòng", loa.Date{}}, {"Trưởng phòng", today.AddDays(-1)}, {"Chuyên viên", loa.Date{}},
			{"Phó Trưởng phòng", loa.Date{}},
		} {
			p := &loa.Person{Name: fmt.Sprintf("Người %d", i)}
			if err := db.SavePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			unit := units[i%2]
			if err := db.AddPosting(ctx, &loa.Posting{PersonID: p.ID, UnitID: unit, Position: c.position, From: today.AddDays(-30), To: c.to}); err != nil {
				t.Fatal(err)
			}
			if loa.LeaderPosition(c.position) && c.to.IsZero() {
				want[unit] = append(want[unit], p.Name)
			}
		}
		leaders, err := db.UnitLeaders(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			var got []string
			for _, p := range leaders[u] {
				got = append(got, p.PersonName)
			}
			if !slices.Equal(got, want[u]) {
				t.Errorf("unit %d: leaders %v, want %v", u, got, want[u])
			}
		}
		if len(leaders) != len(want) {
			t.Errorf("leaders of %d units, want %d", len(leaders), len(want))
		}
		if !db.Postgres() {
			plan, err := db.LeadersPlan(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(plan, "SEARCH po USING INDEX postings_position (position=?)") {
				t.Errorf("the leaders' postings are not found by their positions:\n%s", plan)
			}
		}
	})
}

package demo_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"testing"

	"loa"
	"loa/demo"
	"loa/internal/dbtest"
	"loa/store"
)

// tiny is a synthetic set small enough for tests: two surviving provinces and one
// merged one, a few hundred items.
var tiny = demo.Size{Seed: 7, Provinces: 2, Merged: 1, Departments: 3, Districts: 3, Regionals: 2,
	People: 60, Items: 600, Publications: 1000}

func TestSynthetic(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			load := func() (*store.DB, checkDB, demo.Counts) {
				t.Helper()
				dsn := e.DSN(t)
				db, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				c, err := demo.LoadSynthetic(ctx, db, tiny, io.Discard)
				if err != nil {
					t.Fatal(err)
				}
				raw := rawDB(t, dsn)
				return db, raw, c
			}
			dbA, a, ca := load()
			_, b, cb := load()

			t.Run("deterministic", func(t *testing.T) {
				if ca != cb {
					t.Fatalf("counts differ: %+v and %+v", ca, cb)
				}
				if ca.Items != tiny.Items || ca.Units == 0 || ca.People < tiny.People || ca.Publications < tiny.Items {
					t.Fatalf("counts %+v for size %+v", ca, tiny)
				}
				for _, id := range []int64{1, 123, int64(tiny.Items)} {
					if ta, tb := title(t, a, id), title(t, b, id); ta != tb || ta == "" {
						t.Errorf("item %d: titles %q and %q", id, ta, tb)
					}
				}
				for _, table := range []string{"units", "items", "publications", "item_authors", "postings", "quotas"} {
					if na, nb := count(t, a, "SELECT COUNT(*) FROM "+table), count(t, b, "SELECT COUNT(*) FROM "+table); na != nb {
						t.Errorf("%s: %d and %d rows", table, na, nb)
					}
				}
			})

			t.Run("first_pub is the earliest publication", func(t *testing.T) {
				n := count(t, a, `SELECT COUNT(*) FROM items i WHERE COALESCE(i.first_pub, '') <> COALESCE((SELECT MIN(p.published_on)
					FROM publications p WHERE p.item_id = i.id AND p.withdrawn = `+a.falseLit()+`), '')`)
				if n != 0 {
					t.Errorf("%d items whose first_pub is not their earliest publication", n)
				}
				if n := count(t, a, "SELECT COUNT(*) FROM items WHERE status = 'published' AND first_pub IS NULL"); n != 0 {
					t.Errorf("%d published items without a publication", n)
				}
				if n := count(t, a, "SELECT COUNT(*) FROM items WHERE search_text = ''"); n != 0 {
					t.Errorf("%d items without search text", n)
				}
			})

			t.Run("units before and after the merger", func(t *testing.T) {
				for _, c := range []struct{ name, q string }{
					{"district without end", "SELECT COUNT(*) FROM units WHERE kind = 'district' AND (valid_to IS NULL OR valid_to <> '2025-06-30')"},
					{"district without a regional successor", `SELECT COUNT(*) FROM units d LEFT JOIN units s ON s.id = d.successor_id
						WHERE d.kind = 'district' AND (s.id IS NULL OR s.kind <> 'regional' OR s.valid_from <> '2025-07-01')`},
					{"regional not from 1/7/2025", "SELECT COUNT(*) FROM units WHERE kind = 'regional' AND (valid_from IS NULL OR valid_from <> '2025-07-01' OR valid_to IS NOT NULL)"},
					{"ended province without successor", "SELECT COUNT(*) FROM units WHERE kind = 'province' AND valid_to IS NOT NULL AND successor_id IS NULL"},
					{"district item after 30/6/2025", `SELECT COUNT(*) FROM items i JOIN units u ON u.id = i.unit_id
						WHERE u.kind = 'district' AND i.first_pub > '2025-06-30'`},
					{"regional item before 1/7/2025", `SELECT COUNT(*) FROM items i JOIN units u ON u.id = i.unit_id
						WHERE u.kind = 'regional' AND i.first_pub < '2025-07-01'`},
					{"item of a unit not active on its first publication", `SELECT COUNT(*) FROM items i JOIN units u ON u.id = i.unit_id
						WHERE i.first_pub < COALESCE(u.valid_from, '0000') OR i.first_pub > COALESCE(u.valid_to, '9999')`},
				} {
					if n := count(t, a, c.q); n != 0 {
						t.Errorf("%s: %d", c.name, n)
					}
				}
				if n := count(t, a, "SELECT COUNT(*) FROM units WHERE kind = 'district'"); n == 0 {
					t.Error("no district units")
				}
				if n := count(t, a, "SELECT COUNT(*) FROM users"); n != 6 {
					t.Errorf("%d users, want one per role", n)
				}
			})
			t.Run("later inserts get fresh ids", func(t *testing.T) {
				// On PostgreSQL the load gives ids itself; the identity sequences
				// must have moved past them.
				c := &loa.Channel{Code: "extra", Name: "Kênh thêm", Type: loa.ChannelPress}
				if err := dbA.SaveChannel(ctx, c); err != nil {
					t.Fatal(err)
				}
				u := &loa.Unit{Code: "EXTRA", Name: "Đơn vị thêm", Kind: loa.UnitDepartment}
				if err := dbA.SaveUnit(ctx, u); err != nil {
					t.Fatal(err)
				}
				if u.ID <= int64(ca.Units) {
					t.Errorf("new unit id %d among the loaded ones (%d units)", u.ID, ca.Units)
				}
			})
		})
	}
}

// checkDB is the same database opened without the store, to check it with plain SQL.
type checkDB struct {
	*sql.DB
	pg bool
}

func rawDB(t *testing.T, dsn string) checkDB {
	t.Helper()
	driver, src := "sqlite", "file:"+dsn+"?_pragma=query_only(1)"
	pg := store.IsPostgres(dsn)
	if pg {
		driver, src = "pgx", dsn
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return checkDB{db, pg}
}

func (db checkDB) falseLit() string {
	if db.pg {
		return "false"
	}
	return "0"
}

func count(t *testing.T, db checkDB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func title(t *testing.T, db checkDB, id int64) string {
	t.Helper()
	var s string
	if err := db.QueryRow(fmt.Sprintf("SELECT title FROM items WHERE id = %d", id)).Scan(&s); err != nil {
		t.Fatalf("item %d: %v", id, err)
	}
	return s
}

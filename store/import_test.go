package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// importWorld stores a province TB and the channel site for the import tests.
func importWorld(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.SaveUnit(ctx, &loa.Unit{Code: "TB", Name: "Thái Bình", Kind: loa.UnitProvince}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportChannels(ctx, []*loa.Channel{{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestImportItemsRefusesBadText: the store itself refuses an item row with a NUL byte,
// invalid UTF-8 or a text over the form's limit, as EINVALID on both databases, never
// PostgreSQL's raw SQLSTATE 22021 (issue 13, finding 7).
func TestImportItemsRefusesBadText(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		importWorld(t, db)
		row := store.ItemImport{Ref: "A", Title: "Tin", Kind: loa.KindNews, UnitCode: "TB", ChannelCode: "site", PublishedOn: loa.NewDate(2024, 6, 30)}
		for name, bad := range map[string]func(r *store.ItemImport){
			"NUL title":        func(r *store.ItemImport) { r.Title = "T\x00in" },
			"invalid topic":    func(r *store.ItemImport) { r.Topic = "\xff" },
			"NUL author":       func(r *store.ItemImport) { r.Authors = []string{"A\x00"} },
			"long title":       func(r *store.ItemImport) { r.Title = strings.Repeat("x", loa.MaxTitle+1) },
			"invalid ref":      func(r *store.ItemImport) { r.Ref = "A\xc3" },
			"NUL in the url":   func(r *store.ItemImport) { r.URL = "https://x/\x00" },
			"long author name": func(r *store.ItemImport) { r.Authors = []string{strings.Repeat("ă", loa.MaxAuthor+1)} },
		} {
			r := row
			bad(&r)
			_, err := db.ImportItems(context.Background(), []store.ItemImport{r}, store.ImportOptions{})
			if loa.ErrorCode(err) != loa.EINVALID {
				t.Errorf("%s: got %v, want EINVALID", name, err)
			}
		}
		if _, err := db.ImportItems(context.Background(), []store.ItemImport{row}, store.ImportOptions{}); err != nil {
			t.Fatalf("good row: %v", err)
		}
	})
}

// TestUnitSuccessorLoops: the unit form (SaveUnit) and the store's units import refuse
// a successor loop as they refuse a parent loop (issue 13, finding 15).
func TestUnitSuccessorLoops(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := &loa.Unit{Code: "A", Name: "A", Kind: loa.UnitDistrict}
		b := &loa.Unit{Code: "B", Name: "B", Kind: loa.UnitRegional, SuccessorCode: "A"}
		if err := db.SaveUnit(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveUnit(ctx, b); err != nil {
			t.Fatal(err)
		}
		c := &loa.Unit{Code: "C", Name: "C", Kind: loa.UnitRegional, SuccessorCode: "B"}
		if err := db.SaveUnit(ctx, c); err != nil {
			t.Fatal(err)
		}
		for _, next := range []string{"B", "C"} { // A → B → A, and A → C → B → A
			a.SuccessorCode = next
			if err := db.SaveUnit(ctx, a); loa.ErrorFields(err)["successor_code"] == "" {
				t.Errorf("A succeeded by %s: got %v, want a loop refused on successor_code", next, err)
			}
		}
		a.SuccessorCode = "A"
		if err := db.SaveUnit(ctx, a); loa.ErrorFields(err)["successor_code"] == "" {
			t.Errorf("A succeeded by itself: got %v, want refused", err)
		}
		// A rename keeps the links: B renamed to B2 still loops with A → B2.
		b.Code = "B2"
		if err := db.SaveUnit(ctx, b); err != nil {
			t.Fatal(err)
		}
		a.SuccessorCode = "B2"
		if err := db.SaveUnit(ctx, a); loa.ErrorFields(err)["successor_code"] == "" {
			t.Errorf("A succeeded by the renamed B2: got %v, want a loop refused", err)
		}
		_, err := db.ImportUnits(ctx, []*loa.Unit{{Code: "A", Name: "A", Kind: loa.UnitDistrict, SuccessorCode: "C"}}, store.ImportOptions{})
		if loa.ErrorCode(err) != loa.EINVALID || !strings.Contains(err.Error(), "kế nhiệm") {
			t.Errorf("import A succeeded by C: got %v, want EINVALID naming the successor loop", err)
		}
		got, err := db.UnitByCode(ctx, "A")
		if err != nil || got.SuccessorCode != "" {
			t.Errorf("A after the refusals: %+v, %v; want no successor", got, err)
		}
		a.SuccessorCode = "" // a parent loop is still refused, by the same check
		a.ParentCode = "C"
		c.ParentCode, c.SuccessorCode = "A", "B2"
		if err := db.SaveUnit(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveUnit(ctx, c); loa.ErrorFields(err)["parent_code"] == "" {
			t.Errorf("C under A under C: got %v, want a parent loop refused", err)
		}
	})
}

// TestImportsTakeTurns: two imports at once, as two processes run them (two pools on
// one database), both succeed and store the file once (issue 13, finding 13). On
// SQLite the second used to fail with "database is locked" once the first held the
// write lock past the busy timeout; on PostgreSQL both inserted the same new refs.
func TestImportsTakeTurns(t *testing.T) {
	old := store.SQLiteBusyTimeout
	store.SQLiteBusyTimeout = 200 * time.Millisecond
	t.Cleanup(func() { store.SQLiteBusyTimeout = old })
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			dsn := e.DSN(t)
			var dbs [2]*store.DB
			for i := range dbs {
				db, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs[i] = db
			}
			importWorld(t, dbs[0])
			var rows []store.ItemImport
			for i := range 2000 {
				rows = append(rows, store.ItemImport{Ref: fmt.Sprintf("R%d", i), Title: fmt.Sprintf("Tin %d", i), Kind: loa.KindNews,
					UnitCode: "TB", ChannelCode: "site", PublishedOn: loa.NewDate(2024, 6, 1+i%28)})
			}
			// The first "process" holds the write lock three busy timeouts long, as a
			// long import does, while the other two import the same rows.
			held := make(chan struct{})
			errs := make(chan error, 3)
			go func() {
				errs <- dbs[0].WithTx(ctx, func(ctx context.Context) error {
					if _, err := dbs[0].ImportItems(ctx, rows, store.ImportOptions{}); err != nil {
						return err
					}
					close(held)
					time.Sleep(3 * store.SQLiteBusyTimeout)
					return nil
				})
			}()
			<-held
			for _, db := range dbs {
				go func() {
					_, err := db.ImportItems(ctx, rows, store.ImportOptions{})
					errs <- err
				}()
			}
			for range 3 {
				if err := <-errs; err != nil {
					t.Errorf("an import at the same time failed: %v", err)
				}
			}
			r, err := dbs[1].Report(ctx, loa.ReportQuery{From: loa.NewDate(2024, 6, 1), To: loa.NewDate(2024, 6, 30)})
			if err != nil {
				t.Fatal(err)
			}
			if r.Items != len(rows) || r.Publications != len(rows) {
				t.Errorf("%d items, %d publications; want %d each, stored once", r.Items, r.Publications, len(rows))
			}
		})
	}
}

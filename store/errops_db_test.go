package store_test

import (
	"context"
	"strings"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// A store method that fails for a reason of the database's says, once, which
// operation it was doing and on what — reads (wrapErr), transactions (inTx) and a
// method handing over to another — while an error for the person passes as it is.
func TestInternalErrorsNameTheirOperation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := &loa.Unit{Code: "TB", Name: "Đơn vị thử", Kind: loa.UnitDepartment}
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Unit(ctx, u.ID+1000); loa.ErrorCode(err) != loa.ENOTFOUND || strings.HasPrefix(err.Error(), "store:") {
			t.Fatalf("a unit that is not there: %v, want ENOTFOUND as it is", err)
		}
		db.Close()
		for _, c := range []struct {
			want string
			err  func() error
		}{
			{"store: read unit 1: ", func() error { _, err := db.Unit(ctx, 1); return err }},
			{`store: read unit "TB": `, func() error { _, err := db.UnitByCode(ctx, "TB"); return err }},
			{"store: list users: ", func() error { _, err := db.Users(ctx); return err }},
			{`store: save unit "TB": `, func() error {
				return db.SaveUnit(ctx, &loa.Unit{ID: 1, Code: "TB", Name: "Đổi", Kind: loa.UnitDepartment})
			}},
			{"store: set leader_approval: ", func() error { return db.SetLeaderApproval(ctx, true) }},
			{"store: read session user 7: ", func() error { _, _, err := db.UserSession(ctx, 7); return err }},
			// Once, where views.go had named its errors by hand.
			{"store: read views of item 3: ", func() error { _, err := db.ItemViews(ctx, 3); return err }},
			{"store: add views: ", func() error {
				return db.AddViews(ctx, []store.ViewCount{{ItemID: 3, Day: loa.Today(), Views: 1}})
			}},
			{"store: set show views: ", func() error { return db.SetShowViews(ctx, true) }},
			// The page of a search, never what the person typed.
			{"store: search page 2: ", func() error {
				_, err := db.Search(ctx, store.SearchQuery{Text: "bí mật riêng", Page: store.Page{Number: 2, Size: 10}})
				if err != nil && strings.Contains(err.Error(), "bí mật") {
					t.Errorf("the search error %q holds the search text", err)
				}
				return err
			}},
			{"store: read site item 5: ", func() error { _, err := db.SiteItem(ctx, 5); return err }},
			{"store: delete section 4: ", func() error { return db.DeleteSection(ctx, 4) }},
			{`store: read site page "gioi-thieu": `, func() error { _, err := db.SitePageBySlug(ctx, "gioi-thieu"); return err }},
		} {
			err := c.err()
			if loa.ErrorCode(err) != loa.EINTERNAL || !strings.HasPrefix(err.Error(), c.want) || strings.Count(err.Error(), "store:") != 1 {
				t.Errorf("got %v, want an internal error starting %q, named once", err, c.want)
			}
		}
	})
}

package store_test

import (
	"context"
	"strings"
	"testing"

	"loa/internal/dbtest"
)

// TestFirstPubSeeksTheItemsPublications: recomputing an item's first publication
// reads that item's publications through the (item_id, …) key. It used to take the
// index on (status, published_on) and walk every confirmed publication of the
// database until one of the item: a scan per item changed, so that a re-import of
// 2,000 items took minutes under the race detector (TestImportsTakeTurns). A plan,
// not a timing: the planner's choice is what went wrong, and a timing would be loose.
func TestFirstPubSeeksTheItemsPublications(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, dbtest.SQLitePath(t))
	plan, err := db.FirstPubPlan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "SEARCH p USING INDEX sqlite_autoindex_publications_1 (item_id=?)") || strings.Contains(plan, "publications_status") {
		t.Errorf("first_pub's subquery does not seek the item's publications by item_id:\n%s", plan)
	}
}

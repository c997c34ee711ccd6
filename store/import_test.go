package store_test

import (
	"context"
	"strings"
	"testing"

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

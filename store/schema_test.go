package store_test

import (
	"context"
	"slices"
	"testing"

	"loa/internal/dbtest"
)

// schemaOnlyIn lists what one dialect's migrations may have that the other's do
// not: the search index. SQLite keeps it in an FTS5 table (items_fts, and the
// shadow tables FTS5 makes for it, and items_search_rows, which its join reads);
// PostgreSQL in a tsvector column of items with a GIN index. Anything else in one schema only is a migration written for one
// dialect and forgotten in the other.
var schemaOnlyIn = map[string]map[string]bool{
	"sqlite": set("items_fts", "items_fts_config", "items_fts_data", "items_fts_docsize", "items_fts_idx",
		"items_fts.search_text", "items_fts.title_fold", "items_fts_config.k", "items_fts_config.v",
		"items_fts_data.block", "items_fts_data.id", "items_fts_docsize.id", "items_fts_docsize.sz",
		"items_fts_idx.pgno", "items_fts_idx.segid", "items_fts_idx.term", "items.items_search_rows"),
	"postgres": set("items.search_tsv", "items.items_search"),
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Both dialects' migrations, applied to empty databases, give the same table,
// column and index names, but for the differences listed in schemaOnlyIn.
func TestSchemaDialectsInStep(t *testing.T) {
	t.Parallel()
	engines := dbtest.Engines(t)
	if len(engines) < 2 {
		t.Skip("LOA_TEST_POSTGRES not set: no PostgreSQL to compare SQLite with")
	}
	type schema struct{ tables, columns, indexes []string }
	got := map[string]schema{}
	for _, e := range engines {
		db := dbtest.Open(t, e.DSN(t))
		var s schema
		var err error
		s.tables, s.columns, s.indexes, err = db.SchemaForTest(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		if len(s.tables) < 30 || len(s.columns) < 200 || len(s.indexes) < 20 {
			t.Fatalf("%s: only %d tables, %d columns, %d indexes read: the catalog query is wrong", e.Name, len(s.tables), len(s.columns), len(s.indexes))
		}
		got[e.Name] = s
	}
	sq, pg := got["sqlite"], got["postgres"]
	for _, c := range []struct {
		kind   string
		sq, pg []string
	}{{"table", sq.tables, pg.tables}, {"column", sq.columns, pg.columns}, {"index", sq.indexes, pg.indexes}} {
		for _, side := range []struct {
			name         string
			mine, theirs []string
		}{{"sqlite", c.sq, c.pg}, {"postgres", c.pg, c.sq}} {
			for _, n := range side.mine {
				if !slices.Contains(side.theirs, n) && !schemaOnlyIn[side.name][n] {
					t.Errorf("%s %s is only in the %s migrations", c.kind, n, side.name)
				}
			}
		}
	}
	// An allowed difference that is no longer one is stale: remove it from the list.
	for name, allowed := range schemaOnlyIn {
		all := slices.Concat(got[name].tables, got[name].columns, got[name].indexes)
		for n := range allowed {
			if !slices.Contains(all, n) {
				t.Errorf("schemaOnlyIn[%q] lists %s, which its migrations do not make", name, n)
			}
		}
	}
}

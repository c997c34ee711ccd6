package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	msqlite "modernc.org/sqlite"

	"loa"
)

// registerFold makes loa_fold, loa.Fold inside SQLite, for the search migration's
// backfill of items.title_fold: a title folded in SQL must equal the one Go folds
// later. The driver's functions are process-wide, so Open registers it once.
var registerFold = sync.OnceFunc(func() {
	msqlite.MustRegisterDeterministicScalarFunction("loa_fold", 1, func(_ *msqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return loa.Fold(v), nil
		case []byte:
			return loa.Fold(string(v)), nil
		}
		return "", nil
	})
})

// SearchQuery asks for items matching a text, with optional filters.
type SearchQuery struct {
	Text string // what the person typed; parsed by loa.ParseQuery
	// Prefix treats the last word as unfinished (results as you type).
	Prefix bool
	// Public restricts to published items, for the public site and API. It also
	// lifts the unit scoping of the signed-in user: published items are everyone's.
	Public    bool
	UnitID    int64
	Kind      loa.ItemKind
	Status    loa.Status
	ChannelID int64    // items with a publication (not withdrawn) on this channel
	From, To  loa.Date // first publication (first_pub) in this range, inclusive
	Page      Page
	// NoSnippets leaves TitleHTML and Snippet empty and the bodies unread: the API
	// shows neither (a tenth of a query's CPU, BENCHMARKS.md).
	NoSnippets bool
}

// SearchCap is how many matches a search ranks at most: the newest ones. A query
// that matches more says so (More) and counts SearchCap; a person refines it, and no
// reader pages through a thousand results.
const SearchCap = 1000

// SearchResult is one page of matches, best first, with the number of all matches.
type SearchResult struct {
	Total int  // matches ranked: all of them, or SearchCap when More
	More  bool // there were more than SearchCap matches
	Hits  []SearchHit
	Query loa.TextQuery // what was searched for, after parsing
}

// SearchHit is one matching item, with its title and a snippet highlighted.
type SearchHit struct {
	ID          int64
	Kind        loa.ItemKind
	UnitID      int64
	UnitName    string
	Title       string
	Slug        string
	Status      loa.Status
	FirstPub    loa.Date
	PublishedAt time.Time
	UpdatedAt   time.Time
	InTitle     bool // every term is in the title
	// TitleHTML and Snippet are safe HTML: the original text (diacritics kept) escaped,
	// with the matching words in <mark>.
	TitleHTML string
	Snippet   string
}

// snippetWords is about how many words a snippet shows around the first match.
const snippetWords = 30

// Search finds the items matching q.Text, title matches first, then by relevance,
// then the most recent; past SearchCap matches, title matches first, then the most
// recent (relevance would cost a count of every item holding each word). A signed-in
// user scoped to a unit (a contributor) finds only that unit's items unless q.Public. A query with no usable word finds nothing; it is
// not an error. Returns EINVALID for a filter that makes no sense.
func (db *DB) Search(ctx context.Context, q SearchQuery) (_ SearchResult, err error) {
	// The page, never the text: what a person types stays out of the logs.
	defer wrapErr(&err, "search page %d", q.Page.Number)
	res := SearchResult{Query: loa.ParseQuery(q.Text, q.Prefix)}
	if err := q.validate(); err != nil {
		return res, err
	}
	if res.Query.Empty() {
		return res, nil
	}
	where, args := q.filters(ctx)
	// The candidates are the newest SearchCap+1 matches that pass the filters, found
	// in the index's own order (newest id first) so that a word in nearly every item
	// ("kiểm sát" is in every unit's name) costs as little as a rare one. Only they are
	// ranked, in Go: title matches first, then relevance (within SearchCap), then
	// recency. Bodies stay out of it; the texts of the one page shown are read afterwards.
	type candidate struct {
		id      int64
		inTitle bool
		score   float64
		recent  time.Time
	}
	var cands []candidate
	// candidates adds the newest matches in a window of ids, up to SearchCap+1 in all,
	// with their relevance when rank is set (SQLite; PostgreSQL ranks afterwards, see
	// rankPostgres). Relevance is what costs: bm25 first counts every item holding each
	// word, 24 of the 28 ms of CPU of "thi hanh an dan su" on the national set
	// (BENCHMARKS.md, third pass). On SQLite the window is every id; on PostgreSQL it is
	// the buckets lo to hi (migration 00020).
	candidates := func(lo, hi int64, rank bool) error {
		var q string
		var qargs []any
		limit := strconv.Itoa(SearchCap + 1 - len(cands))
		if db.Postgres() {
			// A window that reaches the oldest bucket is read without buckets: all the
			// matches below hi. MATERIALIZED keeps the planner from walking items_pkey
			// backwards instead, checking each row's TOASTed tsvector.
			//
			// QueryExecModeExec plans the statement with its values every time. A
			// prepared statement (pgx's default) soon gets PostgreSQL's generic plan, made
			// without knowing the tsquery: once items is analysed, that plan ANDs the GIN
			// bitmap with the status index's 300,000 published items (14 ms a window
			// instead of 0.3).
			match, window := "to_tsquery('simple', ?)", " AND i.id < ?"
			qargs = append(qargs, pgx.QueryExecModeExec, res.Query.TSQuery(""))
			if lo > 0 {
				match += " && ?::tsquery"
				qargs = append(qargs, bucketsTSQuery(lo, hi))
			}
			qargs = append(qargs, (hi+1)<<bucketBits)
			q = `WITH m AS MATERIALIZED (SELECT i.id, i.title_fold, i.published_at, i.updated_at FROM items i
				WHERE (i.search_tsv || items_search_buckets(i.id)) @@ (` + match + `)` + window + where + `)
				SELECT id, title_fold, 0, published_at, updated_at FROM m ORDER BY id DESC LIMIT ` + limit
		} else {
			// items_search_rows (migration 00017) holds every column the join reads:
			// the row itself is ~3.5 KB with overflow pages, read 1,001 times a query.
			score := "0"
			if rank {
				// bm25 is lower for better matches; negated so that higher is better on both.
				score = "-bm25(items_fts, 4.0, 1.0)"
			}
			q = `SELECT i.id, i.title_fold, ` + score + `, i.published_at, i.updated_at
				FROM items_fts JOIN items i INDEXED BY items_search_rows ON i.id = items_fts.rowid WHERE items_fts MATCH ?` + where +
				` ORDER BY items_fts.rowid DESC LIMIT ` + limit
			qargs = append(qargs, res.Query.FTS5())
		}
		rows, err := db.query(ctx, q, append(qargs, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c candidate
			var titleFold string
			var published sql.NullTime
			if err := rows.Scan(&c.id, &titleFold, &c.score, &published, &c.recent); err != nil {
				return err
			}
			if published.Valid {
				c.recent = published.Time
			}
			c.inTitle = res.Query.AllIn(titleFold)
			cands = append(cands, c)
		}
		return rows.Err()
	}
	if !db.Postgres() {
		// FTS5 reads its index newest first by itself: one query, without relevance
		// first; past SearchCap (a word in most items: the search is a browse of the
		// newest) the title and the date order them, within it they are read again with
		// their relevance.
		if err := candidates(0, 0, false); err != nil {
			return res, err
		}
		if len(cands) > 0 && len(cands) <= SearchCap {
			cands = cands[:0]
			if err := candidates(0, 0, true); err != nil {
				return res, err
			}
		}
	} else {
		if err := db.searchWindows(ctx, func(lo, hi int64) (int, error) {
			err := candidates(lo, hi, false)
			return len(cands), err
		}); err != nil {
			return res, err
		}
		if len(cands) > 0 && len(cands) <= SearchCap {
			ids := make([]int64, len(cands))
			for i, c := range cands {
				ids[i] = c.id
			}
			scores, err := db.rankPostgres(ctx, ids, res.Query)
			if err != nil {
				return res, err
			}
			for i := range cands {
				cands[i].score = scores[cands[i].id]
			}
		}
	}
	if len(cands) > SearchCap {
		cands, res.More = cands[:SearchCap], true
	}
	res.Total = len(cands)
	slices.SortStableFunc(cands, func(a, b candidate) int {
		switch {
		case a.inTitle != b.inTitle:
			if a.inTitle {
				return -1
			}
			return 1
		case a.score != b.score:
			return cmp.Compare(b.score, a.score)
		case !a.recent.Equal(b.recent):
			return b.recent.Compare(a.recent)
		}
		return cmp.Compare(b.id, a.id)
	})
	from, to := min(q.Page.Offset(), len(cands)), min(q.Page.Offset()+q.Page.limit(), len(cands))
	var ids []int64
	inTitle := map[int64]bool{}
	for _, c := range cands[from:to] {
		ids = append(ids, c.id)
		inTitle[c.id] = c.inTitle
	}
	if len(ids) == 0 {
		return res, nil
	}
	hits, err := db.searchHits(ctx, ids, res.Query, !q.NoSnippets)
	if err != nil {
		return res, err
	}
	for _, id := range ids {
		if h, ok := hits[id]; ok {
			h.InTitle = inTitle[id]
			res.Hits = append(res.Hits, h)
		}
	}
	return res, nil
}

// The buckets of ids that PostgreSQL's search index holds beside the words (migration
// 00020): an item is in bucket id>>(bucketBits+bucketFanout*L) of each level L, from 256
// ids at level 0 to 131,072 at level 3. The two sides must agree.
const (
	bucketBits   = 8
	bucketFanout = 3 // each level's bucket holds 8 of the level below
	bucketLevels = 4
)

// bucketsTSQuery is the tsquery text that matches the ids of level-0 buckets lo to hi,
// inclusive: the fewest aligned buckets of any level that cover them exactly, ORed.
func bucketsTSQuery(lo, hi int64) string {
	var b strings.Builder
	for k := lo; k <= hi; {
		level := 0
		for level+1 < bucketLevels {
			size := int64(1) << (bucketFanout * (level + 1))
			if k%size != 0 || k+size-1 > hi {
				break
			}
			level++
		}
		if b.Len() > 0 {
			b.WriteString(" | ")
		}
		b.WriteString("'#" + strconv.Itoa(level) + "-" + strconv.FormatInt(k>>(bucketFanout*level), 10) + "'")
		k += 1 << (bucketFanout * level)
	}
	return b.String()
}

// searchWindows calls read with windows of level-0 buckets, newest first, until read
// reports more than SearchCap candidates in all or the oldest bucket is read. A GIN
// index yields matches in no useful order, so each window is ANDed with the query
// (bucketsTSQuery): the index then walks the window's few buckets and skips through
// the words' long posting lists, and only the window's matches are read from the
// table. The first window is four buckets (about 1,000 ids); each next one is sized by
// the matches per bucket seen so far, a quarter more than they predict, so that a
// word in most items costs one or two windows and a rare one a few growing ones.
func (db *DB) searchWindows(ctx context.Context, read func(lo, hi int64) (int, error)) error {
	var maxID int64
	if err := db.row(ctx, "tin bài", "SELECT COALESCE(MAX(id), 0) FROM items", nil, &maxID); err != nil {
		return err
	}
	top := maxID >> bucketBits
	hi, width := top, int64(4)
	for hi >= 0 {
		lo := max(hi-width+1, 0)
		found, err := read(lo, hi)
		if err != nil || found > SearchCap {
			return err
		}
		// The next window: sized by the matches per id seen so far. When fewer than a
		// hundred were seen the guess is rough, so it asks for three quarters of what
		// is still needed (another small window costs less than reading a thousand rows
		// too many); otherwise an eighth more. Eightfold when too few were seen to tell.
		// When at most three times what is still needed can be left below (an upper
		// guess: sixteen more matches than seen), all of it at once, without buckets:
		// the index then walks the query's rarest word instead of every id of a wide
		// window, and a rare query costs what it did before the buckets.
		seen, need := maxID+1-lo<<bucketBits, int64(SearchCap+1-found)
		switch {
		case int64(found+16)*(lo<<bucketBits) <= 3*need*seen:
			width = lo
		case found < 16:
			width = (top - lo + 1) * 8
		case found < 100:
			width = need*seen*3/(int64(found)*4)>>bucketBits + 1
		default:
			width = need*seen*9/(int64(found)*8)>>bucketBits + 1
		}
		hi = lo - 1
	}
	return nil
}

// rankPostgres returns the relevance of the items ids for q: ts_rank, as the search
// ranked before its windows. Only the few candidates of a query with at most SearchCap
// matches are ranked, each reading its tsvector once.
func (db *DB) rankPostgres(ctx context.Context, ids []int64, q loa.TextQuery) (map[int64]float64, error) {
	args := []any{q.TSQuery("")}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := db.query(ctx, `SELECT id, ts_rank(search_tsv, to_tsquery('simple', ?)) FROM items WHERE id IN (`+marks(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	scores := make(map[int64]float64, len(ids))
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, err
		}
		scores[id] = score
	}
	return scores, rows.Err()
}

// searchHits loads the items ids, with their highlighted title and snippet when
// snippets is set.
func (db *DB) searchHits(ctx context.Context, ids []int64, q loa.TextQuery, snippets bool) (map[int64]SearchHit, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	texts := "'', ''"
	if snippets {
		texts = "i.summary, i.body"
	}
	rows, err := db.query(ctx, `SELECT i.id, i.kind, i.unit_id, u.name, i.title, `+texts+`, i.status, i.slug,
			i.first_pub, i.published_at, i.updated_at
		FROM items i JOIN units u ON u.id = i.unit_id
		WHERE i.id IN (`+marks(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]SearchHit, len(ids))
	for rows.Next() {
		var h SearchHit
		var summary, body string
		var published sql.NullTime
		if err := rows.Scan(&h.ID, &h.Kind, &h.UnitID, &h.UnitName, &h.Title, &summary, &body, &h.Status, &h.Slug,
			&h.FirstPub, &published, &h.UpdatedAt); err != nil {
			return nil, err
		}
		h.PublishedAt = published.Time
		if snippets {
			h.TitleHTML = loa.Highlight(h.Title, q)
			h.Snippet = snippet(summary, body, q)
		}
		out[h.ID] = h
	}
	return out, rows.Err()
}

// snippet shows where an item matched: in its summary if there, else in its body's
// text, else (the match was in the authors or the unit) the summary's beginning.
func snippet(summary, body string, q loa.TextQuery) string {
	s, hit := loa.Snippet(summary, q, snippetWords)
	if hit {
		return s
	}
	if b, hit := loa.Snippet(loa.PlainText(body), q, snippetWords); hit || s == "" {
		return b
	}
	return s
}

func (q SearchQuery) validate() error {
	var v loa.Validation
	v.Check(q.Kind == "" || q.Kind.Valid(), "kind", "Loại tin bài không hợp lệ.")
	v.Check(q.Status == "" || validStatus(q.Status), "status", "Trạng thái không hợp lệ.")
	v.CheckSpan(q.From, q.To, "to")
	return v.Err()
}

func validStatus(s loa.Status) bool {
	for _, x := range loa.Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// filters returns the WHERE conditions (each starting with " AND") beyond the text
// match, and their arguments. The unit scoping of a contributor is here, in SQL, so no
// parameter can widen it.
func (q SearchQuery) filters(ctx context.Context) (string, []any) {
	var b strings.Builder
	var args []any
	add := func(cond string, a ...any) {
		b.WriteString(" AND " + cond)
		args = append(args, a...)
	}
	if q.Public {
		add("i.status = ?", string(loa.StatusPublished))
	} else if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		add("i.unit_id = ?", u.UnitID)
	}
	if q.UnitID != 0 {
		add("i.unit_id = ?", q.UnitID)
	}
	if q.Kind != "" {
		add("i.kind = ?", string(q.Kind))
	}
	if q.Status != "" {
		add("i.status = ?", string(q.Status))
	}
	if q.ChannelID != 0 {
		add("EXISTS (SELECT 1 FROM publications p WHERE p.item_id = i.id AND p.channel_id = ? AND p.withdrawn = ?)", q.ChannelID, false)
	}
	if !q.From.IsZero() {
		add("i.first_pub >= ?", q.From.String())
	}
	if !q.To.IsZero() {
		add("i.first_pub <= ?", q.To.String())
	}
	return b.String(), args
}

// RebuildSearchIndex rebuilds the search index from the items: after a restore (whose
// rows went in without the index knowing all of them), or to repair it. It refolds
// every title in Go first, since a backup from before search had no title_fold.
func (db *DB) RebuildSearchIndex(ctx context.Context) error {
	return db.inTx(ctx, "rebuild search index", func(ctx context.Context) error {
		rows, err := db.query(ctx, "SELECT id, title, title_fold FROM items")
		if err != nil {
			return err
		}
		type fix struct {
			id   int64
			fold string
		}
		var fixes []fix
		for rows.Next() {
			var id int64
			var title, fold string
			if err := rows.Scan(&id, &title, &fold); err != nil {
				rows.Close()
				return err
			}
			if f := loa.Fold(title); f != fold {
				fixes = append(fixes, fix{id, f})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, f := range fixes {
			if _, err := db.exec(ctx, "UPDATE items SET title_fold = ? WHERE id = ?", f.fold, f.id); err != nil {
				return err
			}
		}
		if db.Postgres() {
			// The trigger has computed search_tsv of every row inserted or updated,
			// the title_fold fixes above included.
			return nil
		}
		_, err = db.exec(ctx, "INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
		return err
	})
}

// rebuildSearchAfter rebuilds the search index when err is nil (the end of a restore).
func (db *DB) rebuildSearchAfter(ctx context.Context, err error) error {
	if err != nil {
		return err
	}
	return db.RebuildSearchIndex(ctx)
}

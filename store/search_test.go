package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
)

// rawDB writes items with plain SQL through the store's own connection (as the items
// feature will), so that search is tested through the triggers alone.
type rawDB struct {
	t  *testing.T
	db *store.DB
}

func openRaw(t *testing.T, db *store.DB) *rawDB { return &rawDB{t: t, db: db} }

func (r *rawDB) exec(q string, args ...any) {
	r.t.Helper()
	dbtest.Exec(r.t, r.db, q, args...)
}

// execRows runs one INSERT of n rows, head ("INSERT INTO t (a, b)") then VALUES with
// row(i)'s arguments for row i: the thousand rows a search cap needs in one statement
// and one commit, not a transaction each.
func (r *rawDB) execRows(head string, n int, row func(i int) []any) {
	r.t.Helper()
	var q strings.Builder
	var args []any
	q.WriteString(head + " VALUES ")
	for i := range n {
		a := row(i)
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", len(a)), ", ") + ")")
		args = append(args, a...)
	}
	dbtest.Exec(r.t, r.db, q.String(), args...)
}

// changed runs store.ItemChanged in a transaction, as every item change does.
func (r *rawDB) changed(id int64) {
	r.t.Helper()
	dbtest.ItemChanged(r.t, r.db, id)
}

// testItem is an item written straight into the table.
type testItem struct {
	unit                 *loa.Unit
	kind                 loa.ItemKind
	status               loa.Status
	title, summary, body string
	published            time.Time
	channel              *loa.Channel
	publishedOn          string // a publication on channel that day
}

func (r *rawDB) insert(it testItem) int64 {
	r.t.Helper()
	if it.kind == "" {
		it.kind = loa.KindNews
	}
	if it.status == "" {
		it.status = loa.StatusPublished
	}
	var pub any
	if !it.published.IsZero() {
		pub = it.published
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	id := dbtest.Insert(r.t, r.db, `INSERT INTO items (kind, unit_id, title, summary, body, status, slug, published_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(it.kind), it.unit.ID, it.title, it.summary, it.body, string(it.status), loa.Slug(it.title, 80), pub, now, now)
	if it.channel != nil {
		r.exec("INSERT INTO publications (item_id, channel_id, published_on) VALUES (?, ?, ?)", id, it.channel.ID, it.publishedOn)
	}
	r.changed(id)
	return id
}

// searchIDs runs a search and returns the ids found, in order, failing on an error.
func searchIDs(t *testing.T, ctx context.Context, db *store.DB, q store.SearchQuery) []int64 {
	t.Helper()
	res, err := db.Search(ctx, q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	ids := []int64{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func sorted(ids ...int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []int64{}
	}
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		raw := openRaw(t, db)
		hh := &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict}
		vt := &loa.Unit{Code: "TB-VUTHU", Name: "Viện kiểm sát nhân dân huyện Vũ Thư", Kind: loa.UnitDistrict}
		saveUnits(t, db, hh, vt)
		site := &loa.Channel{Code: "site", Name: "Trang tin", Type: loa.ChannelSite}
		bvpl := &loa.Channel{Code: "bvpl", Name: "Báo Bảo vệ pháp luật", Type: loa.ChannelPress}
		for _, c := range []*loa.Channel{site, bvpl} {
			if err := db.SaveChannel(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		day := func(d int) time.Time { return time.Date(2024, 3, d, 2, 0, 0, 0, time.UTC) }
		inTitle := raw.insert(testItem{unit: hh, title: "Tuyên truyền pháp luật cho thanh niên",
			summary: "Viện kiểm sát huyện Hưng Hà phối hợp với Đoàn thanh niên.", published: day(1), channel: site, publishedOn: "2024-03-01"})
		inBody := raw.insert(testItem{unit: vt, kind: loa.KindArticle, title: "Hội nghị sơ kết công tác",
			summary: "Hội nghị đánh giá kết quả sáu tháng.",
			body:    "<p>Công tác <b>tuyên truyền</b> được đẩy mạnh &amp; đạt kết quả.</p>", published: day(5), channel: bvpl, publishedOn: "2024-03-05"})
		duc := raw.insert(testItem{unit: hh, title: "Đồng chí Trần Văn Đức phát biểu", published: day(3), channel: site, publishedOn: "2024-03-03"})
		reversed := raw.insert(testItem{unit: hh, title: "Phổ biến pháp luật", summary: "Pháp luật và tuyên truyền trong nhà trường.",
			published: day(2), channel: site, publishedOn: "2024-03-02"})
		draft := raw.insert(testItem{unit: vt, status: loa.StatusDraft, title: "Tuyên truyền nội bộ (bản nháp)"})

		t.Run("with or without diacritics", func(t *testing.T) {
			want := []int64{inTitle, inBody, reversed}
			for _, text := range []string{"tuyen truyen", "Tuyên truyền", "TUYÊN TRUYỀN", norm.NFD.String("Tuyên truyền"), "  tuyên,TRUYỀN!! "} {
				t.Run(text, func(t *testing.T) {
					got := searchIDs(t, ctx, db, store.SearchQuery{Text: text, Public: true})
					if !slices.Equal(sorted(got...), sorted(want...)) {
						t.Errorf("got %v, want %v", got, want)
					}
					if len(got) == 0 || got[0] != inTitle {
						t.Errorf("got %v, want the title match %d first", got, inTitle)
					}
				})
			}
		})
		t.Run("Duc finds Đức", func(t *testing.T) {
			for _, text := range []string{"Duc", "đức", "ĐỨC"} {
				if got := searchIDs(t, ctx, db, store.SearchQuery{Text: text, Public: true}); !slices.Equal(got, []int64{duc}) {
					t.Errorf("%q: got %v, want [%d]", text, got, duc)
				}
			}
		})
		t.Run("phrase against words", func(t *testing.T) {
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: `"tuyên truyền pháp luật"`, Public: true}); !slices.Equal(got, []int64{inTitle}) {
				t.Errorf("phrase: got %v, want [%d]", got, inTitle)
			}
			got := searchIDs(t, ctx, db, store.SearchQuery{Text: "tuyên truyền pháp luật", Public: true})
			if want := sorted(inTitle, reversed); !slices.Equal(sorted(got...), want) {
				t.Errorf("words: got %v, want %v", got, want)
			}
		})
		t.Run("prefix", func(t *testing.T) {
			got := searchIDs(t, ctx, db, store.SearchQuery{Text: "tuyên truy", Prefix: true, Public: true})
			if want := sorted(inTitle, inBody, reversed); !slices.Equal(sorted(got...), want) {
				t.Errorf("prefix: got %v, want %v", got, want)
			}
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "tuyên truy", Public: true}); len(got) != 0 {
				t.Errorf("without prefix: got %v, want nothing", got)
			}
		})
		t.Run("ranking: title, then relevance, then recency", func(t *testing.T) {
			got := searchIDs(t, ctx, db, store.SearchQuery{Text: "pháp luật", Public: true})
			// Both titles hold the words; the body-only match (none here) would follow.
			if want := sorted(inTitle, reversed); !slices.Equal(sorted(got...), want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
		t.Run("drafts never public", func(t *testing.T) {
			got := searchIDs(t, ctx, db, store.SearchQuery{Text: "nội bộ", Public: true})
			if len(got) != 0 {
				t.Errorf("public: got %v, want nothing", got)
			}
			editor := loa.WithUser(ctx, &loa.User{ID: 1, Role: loa.RoleEditor})
			if got := searchIDs(t, editor, db, store.SearchQuery{Text: "nội bộ"}); !slices.Equal(got, []int64{draft}) {
				t.Errorf("editor: got %v, want [%d]", got, draft)
			}
		})
		t.Run("a contributor sees only its unit", func(t *testing.T) {
			own := loa.WithUser(ctx, &loa.User{ID: 2, Role: loa.RoleContributor, UnitID: vt.ID})
			other := loa.WithUser(ctx, &loa.User{ID: 3, Role: loa.RoleContributor, UnitID: hh.ID})
			if got := searchIDs(t, own, db, store.SearchQuery{Text: "tuyen truyen"}); !slices.Equal(sorted(got...), sorted(draft, inBody)) {
				t.Errorf("own unit: got %v, want %v", got, sorted(draft, inBody))
			}
			if got := searchIDs(t, other, db, store.SearchQuery{Text: "nội bộ"}); len(got) != 0 {
				t.Errorf("other unit's draft: got %v", got)
			}
			if got := searchIDs(t, other, db, store.SearchQuery{Text: "nội bộ", UnitID: vt.ID}); len(got) != 0 {
				t.Errorf("asking for the other unit: got %v", got)
			}
			// On the public side a contributor reads published items of every unit.
			if got := searchIDs(t, other, db, store.SearchQuery{Text: "hội nghị", Public: true}); !slices.Equal(got, []int64{inBody}) {
				t.Errorf("public search by a contributor: got %v, want [%d]", got, inBody)
			}
		})
		t.Run("filters", func(t *testing.T) {
			from, _ := loa.ParseDate("2024-03-02")
			to, _ := loa.ParseDate("2024-03-04")
			tests := []struct {
				name string
				q    store.SearchQuery
				want []int64
			}{
				{"unit", store.SearchQuery{Text: "tuyen truyen", UnitID: hh.ID}, sorted(inTitle, reversed)},
				{"kind", store.SearchQuery{Text: "tuyen truyen", Kind: loa.KindArticle}, []int64{inBody}},
				{"status", store.SearchQuery{Text: "tuyen truyen", Status: loa.StatusDraft}, []int64{draft}},
				{"channel", store.SearchQuery{Text: "tuyen truyen", ChannelID: bvpl.ID}, []int64{inBody}},
				{"date range on first publication", store.SearchQuery{Text: "phap luat", From: from, To: to}, []int64{reversed}},
				{"unit name is searchable", store.SearchQuery{Text: "vu thu"}, sorted(inBody, draft)},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if got := searchIDs(t, ctx, db, tt.q); !slices.Equal(sorted(got...), tt.want) {
						t.Errorf("got %v, want %v", got, tt.want)
					}
				})
			}
			t.Run("bad filter", func(t *testing.T) {
				_, err := db.Search(ctx, store.SearchQuery{Text: "tin", Kind: "poem"})
				if loa.ErrorCode(err) != loa.EINVALID {
					t.Fatalf("got %v, want EINVALID", err)
				}
			})
		})
		t.Run("highlighting keeps diacritics", func(t *testing.T) {
			res, err := db.Search(ctx, store.SearchQuery{Text: "tuyen truyen", Public: true})
			if err != nil {
				t.Fatal(err)
			}
			byID := map[int64]store.SearchHit{}
			for _, h := range res.Hits {
				byID[h.ID] = h
			}
			if got, want := byID[inTitle].TitleHTML, "<mark>Tuyên</mark> <mark>truyền</mark> pháp luật cho thanh niên"; got != want {
				t.Errorf("title: got %q, want %q", got, want)
			}
			if got, want := byID[inBody].Snippet, "Công tác <mark>tuyên</mark> <mark>truyền</mark> được đẩy mạnh &amp; đạt kết quả."; got != want {
				t.Errorf("body snippet: got %q, want %q", got, want)
			}
			if got, want := byID[reversed].Snippet, "Pháp luật và <mark>tuyên</mark> <mark>truyền</mark> trong nhà trường."; got != want {
				t.Errorf("summary snippet: got %q, want %q", got, want)
			}
			if !byID[inTitle].InTitle || byID[inBody].InTitle {
				t.Errorf("InTitle: got %v and %v, want true and false", byID[inTitle].InTitle, byID[inBody].InTitle)
			}
		})
		t.Run("pages and total", func(t *testing.T) {
			res, err := db.Search(ctx, store.SearchQuery{Text: "tuyen truyen", Public: true, Page: store.Page{Number: 2, Size: 2}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 3 || len(res.Hits) != 1 {
				t.Fatalf("got total %d and %d hits, want 3 and 1", res.Total, len(res.Hits))
			}
		})
		t.Run("hostile queries find nothing, without error", func(t *testing.T) {
			for _, text := range []string{
				"", "   ", `!@#$%^&*()_+-=[]{};':",./<>?\|~`, strings.Repeat("tuyên truyền ", 1000), strings.Repeat("a", 10000),
				`"tuyen truyen`, `""""`, `NEAR(tuyen truyen)`, `tuyen*`, `-tuyen`, `title_fold:tuyen`, `^tuyen`, `{title_fold}: x`,
				`tuyen AND truyen OR x NOT y`, `'; DROP TABLE items; --`, `' OR 1=1 --`, `tuyen & !truyen | x <-> y:*`,
				"tuy\xffen\xfe", "\x00", "新聞",
			} {
				for _, prefix := range []bool{false, true} {
					if _, err := db.Search(ctx, store.SearchQuery{Text: text, Prefix: prefix, Public: true}); err != nil {
						t.Errorf("%.40q (prefix %v): %v", text, prefix, err)
					}
				}
			}
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: strings.Repeat("tuyên truyền ", 1000), Public: true}); len(got) != 3 {
				t.Errorf("a long repeated query: got %v, want the 3 items (words past the cap ignored)", got)
			}
		})
		t.Run("the index follows updates and deletions", func(t *testing.T) {
			id := raw.insert(testItem{unit: hh, title: "Kiểm tra chéo", published: day(9)})
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "kiem tra cheo"}); !slices.Equal(got, []int64{id}) {
				t.Fatalf("after insert: got %v, want [%d]", got, id)
			}
			raw.exec("UPDATE items SET title = ? WHERE id = ?", "Thanh tra đột xuất", id)
			raw.changed(id)
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "kiem tra cheo"}); len(got) != 0 {
				t.Errorf("old title after update: got %v", got)
			}
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "dot xuat"}); !slices.Equal(got, []int64{id}) {
				t.Errorf("new title after update: got %v, want [%d]", got, id)
			}
			res, _ := db.Search(ctx, store.SearchQuery{Text: "thanh tra"})
			if len(res.Hits) == 0 || res.Hits[0].ID != id || !res.Hits[0].InTitle {
				t.Errorf("new title not ranked as a title match: %+v", res.Hits)
			}
			raw.exec("DELETE FROM items WHERE id = ?", id)
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "dot xuat"}); len(got) != 0 {
				t.Errorf("after delete: got %v", got)
			}
		})
		t.Run("rebuild keeps results", func(t *testing.T) {
			if err := db.RebuildSearchIndex(ctx); err != nil {
				t.Fatal(err)
			}
			if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "duc", Public: true}); !slices.Equal(got, []int64{duc}) {
				t.Errorf("got %v, want [%d]", got, duc)
			}
		})
	})
}

func TestSearchAfterRestore(t *testing.T) {
	t.Parallel()
	for _, e := range dbtest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			src := dbtest.Open(t, e.DSN(t))
			u := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
			if err := src.SaveUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
			id := openRaw(t, src).insert(testItem{unit: u, title: "Đức và Tuyên truyền", published: time.Now()})
			var buf bytes.Buffer
			if err := src.Backup(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			dst := dbtest.Open(t, e.DSN(t))
			if err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()), false); err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"duc", "tuyen truyen"} {
				res, err := dst.Search(ctx, store.SearchQuery{Text: text, Public: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) != 1 || res.Hits[0].ID != id || !res.Hits[0].InTitle {
					t.Errorf("%q after restore: got %+v, want item %d as a title match", text, res.Hits, id)
				}
			}
		})
	}
}

// TestSearchNewestFirstAcrossWindows: matches far apart in ids (PostgreSQL looks in
// windows of ids, newest first) are all found, and past SearchCap only the newest
// are ranked and More says so.
func TestSearchNewestFirstAcrossWindows(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		raw := openRaw(t, db)
		u := &loa.Unit{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince}
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		old := raw.insert(testItem{unit: u, title: "Hội thảo chuyển đổi số lần đầu", published: now.Add(-48 * time.Hour)})
		// Ids jump past two windows, as years of items would make them.
		far := int64(store.SearchCap) * 90
		raw.exec(`INSERT INTO items (id, kind, unit_id, title, status, slug, published_at, created_at, updated_at)
			VALUES (?, 'news', ?, 'Chuyển đổi số: kết quả mới', 'published', 'x', ?, ?, ?)`, far, u.ID, now, now, now)
		raw.changed(far)
		got := sorted(searchIDs(t, ctx, db, store.SearchQuery{Text: "chuyen doi so", Public: true})...)
		if want := sorted(old, far); !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		t.Run("past the cap, the newest are ranked", func(t *testing.T) {
			raw.execRows(`INSERT INTO items (kind, unit_id, title, status, slug, published_at, created_at, updated_at)`, store.SearchCap+5, func(i int) []any {
				return []any{"news", u.ID, fmt.Sprintf("Tin hoạt động số %d", i), "published", "x", now, now, now}
			})
			if err := db.RebuildSearchIndex(ctx); err != nil { // refolds the titles written in SQL
				t.Fatal(err)
			}
			res, err := db.Search(ctx, store.SearchQuery{Text: "tin hoat dong", Public: true})
			if err != nil {
				t.Fatal(err)
			}
			if !res.More || res.Total != store.SearchCap || len(res.Hits) == 0 {
				t.Fatalf("total %d more %v hits %d", res.Total, res.More, len(res.Hits))
			}
		})
	})
}

// TestSearchRelevanceWithinCap: within SearchCap matches, the more relevant item comes
// first; past it (a word in most items) relevance is not computed, since bm25 and
// ts_rank first count every item holding each word (issue 20), and the newest comes
// first after the title matches.
func TestSearchRelevanceWithinCap(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		raw := openRaw(t, db)
		u := &loa.Unit{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince}
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		raw.execRows(`INSERT INTO items (kind, unit_id, title, body, status, slug, published_at, created_at, updated_at)`, store.SearchCap+1, func(i int) []any {
			return []any{"news", u.ID, fmt.Sprintf("Phòng chống ma túy, tin số %d", i), "<p>Hội nghị sơ kết công tác năm.</p>", "published", "x", now.Add(-48 * time.Hour), now, now}
		})
		if err := db.RebuildSearchIndex(ctx); err != nil { // refolds the titles written in SQL
			t.Fatal(err)
		}
		// Every title holds "ma túy": the body decides relevance.
		dense := raw.insert(testItem{unit: u, title: "Phòng chống ma túy: chuyên đề", published: now.Add(-time.Hour),
			body: "<p>" + strings.Repeat("Lừa đảo, ma túy. ", 10) + "</p>"})
		newer := raw.insert(testItem{unit: u, title: "Phòng chống ma túy: sơ kết", published: now,
			body: "<p>Hội nghị sơ kết công tác phòng chống lừa đảo và ma túy trong quý ba của năm nay.</p>"})
		if got := searchIDs(t, ctx, db, store.SearchQuery{Text: "lua dao", Public: true}); !slices.Equal(got, []int64{dense, newer}) {
			t.Errorf("within the cap: got %v, want the denser match %d first, then %d", got, dense, newer)
		}
		// The API's search reads no body: the same hits, titles, no snippets.
		plain, err := db.Search(ctx, store.SearchQuery{Text: "lua dao", Public: true, NoSnippets: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(plain.Hits) != 2 || plain.Hits[0].ID != dense || plain.Hits[0].Title == "" || plain.Hits[0].Snippet != "" || plain.Hits[0].TitleHTML != "" {
			t.Errorf("NoSnippets: %+v", plain.Hits)
		}
		res, err := db.Search(ctx, store.SearchQuery{Text: "ma tuy", Public: true, Page: store.Page{Number: 1, Size: 3}})
		if err != nil {
			t.Fatal(err)
		}
		if !res.More || len(res.Hits) < 2 || res.Hits[0].ID != newer || res.Hits[1].ID != dense {
			t.Errorf("past the cap: more %v, hits %+v; want %d then %d, the newest first", res.More, res.Hits, newer, dense)
		}
	})
}

// TestSearchFindsTheNewestMatches: the candidates a search ranks are exactly the newest
// SearchCap matches that pass the filters (all of them when fewer), for dense, sparse
// and rare words, a filter and a phrase, over ids that span every size of PostgreSQL's
// buckets of ids (migration 00020) and a non-published item every eleventh. The set is
// compared whole, across the pages, with the one the test knows it wrote.
func TestSearchFindsTheNewestMatches(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		raw := openRaw(t, db)
		a := &loa.Unit{Code: "HY", Name: "Viện kiểm sát nhân dân tỉnh Hưng Yên", Kind: loa.UnitProvince}
		b := &loa.Unit{Code: "TB", Name: "Viện kiểm sát nhân dân tỉnh Thái Bình", Kind: loa.UnitProvince}
		saveUnits(t, db, a, b)
		type row struct {
			id        int64
			unit      int64
			published bool
			words     []string
		}
		// Ids from 100,000 in steps of 41: across buckets of 256, 2,048, 16,384 ids and
		// the 131,072 boundary.
		var rows []row
		for i := 0; i < 2600; i++ {
			r := row{id: 100000 + int64(i)*41, unit: a.ID, published: i%11 != 5, words: []string{"alpha"}}
			if i%4 == 0 {
				r.unit = b.ID
			}
			for _, w := range []struct {
				word  string
				every int
			}{{"beta", 3}, {"gamma", 97}, {"delta", 2}, {"epsilon", 5}} {
				if i%w.every == 0 {
					r.words = append(r.words, w.word)
				}
			}
			rows = append(rows, r)
		}
		now := time.Now().UTC()
		for start := 0; start < len(rows); start += 100 {
			var values []string
			var args []any
			for _, r := range rows[start:min(start+100, len(rows))] {
				status := loa.StatusPublished
				if !r.published {
					status = loa.StatusDraft
				}
				values = append(values, "(?, 'news', ?, ?, ?, 'x', ?, ?)")
				args = append(args, r.id, r.unit, "Tin "+strings.Join(r.words, " ")+" số "+fmt.Sprint(r.id), string(status), now, now)
			}
			raw.exec(`INSERT INTO items (id, kind, unit_id, title, status, slug, created_at, updated_at) VALUES `+strings.Join(values, ", "), args...)
		}
		if err := db.RebuildSearchIndex(ctx); err != nil { // folds the titles written in SQL
			t.Fatal(err)
		}
		for _, c := range []struct {
			text  string
			unit  int64
			match func(r row) bool
		}{
			{"alpha", 0, func(r row) bool { return true }},
			{"beta", 0, func(r row) bool { return slices.Contains(r.words, "beta") }},
			{"gamma", 0, func(r row) bool { return slices.Contains(r.words, "gamma") }},
			{"delta epsilon", 0, func(r row) bool { return slices.Contains(r.words, "epsilon") && slices.Contains(r.words, "delta") }},
			{"alpha", b.ID, func(r row) bool { return r.unit == b.ID }},
			{`"alpha beta"`, 0, func(r row) bool { return slices.Contains(r.words, "beta") }},
		} {
			var want []int64
			for i := len(rows) - 1; i >= 0 && len(want) < store.SearchCap; i-- {
				if rows[i].published && c.match(rows[i]) {
					want = append(want, rows[i].id)
				}
			}
			var got []int64
			var res store.SearchResult
			for page := 1; page <= 2; page++ {
				var err error
				res, err = db.Search(ctx, store.SearchQuery{Text: c.text, Public: true, UnitID: c.unit, NoSnippets: true,
					Page: store.Page{Number: page, Size: 500}})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || res.Total != len(want) {
				t.Errorf("%q (unit %d): %d ids (total %d), want %d; missing %v, extra %v", c.text, c.unit, len(got), res.Total, len(want),
					diffIDs(want, got), diffIDs(got, want))
			}
		}
	})
}

// diffIDs returns the ids of a that are not in b (both sorted), at most ten.
func diffIDs(a, b []int64) []int64 {
	var out []int64
	for _, id := range a {
		if _, found := slices.BinarySearch(b, id); !found && len(out) < 10 {
			out = append(out, id)
		}
	}
	return out
}

// saveUnits saves units, failing t on the first error.
func saveUnits(t *testing.T, db *store.DB, units ...*loa.Unit) {
	t.Helper()
	for _, u := range units {
		if err := db.SaveUnit(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
}

package store_test

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"loa"
	"loa/store"
)

// benchWords is the vocabulary of the synthetic corpus: the words of the sector's news,
// drawn with a skewed distribution (earlier words more often) as in real text.
var benchWords = strings.Fields(`viện kiểm sát nhân dân tỉnh huyện khu vực công tác tuyên truyền
	pháp luật đồng chí phó viện trưởng hội nghị sơ kết tổng kết năm tháng quý kết quả thực hiện
	nhiệm vụ trọng tâm kiểm sát viên điều tra truy tố xét xử án hình sự dân sự hành chính
	thi hành án tạm giữ tạm giam phiên tòa rút kinh nghiệm trực tuyến chuyển đổi số cải cách
	tư pháp thanh niên đoàn công đoàn phụ nữ thi đua khen thưởng giấy khen bằng khen kỷ niệm
	ngày thành lập ngành tri ân anh hùng liệt sĩ thương binh gia đình chính sách trao tặng
	quà học sinh sinh viên trường học nhà văn hóa xã phường thị trấn phối hợp với công an
	tòa án ủy ban mặt trận tổ quốc việt nam thái bình hưng hà vũ thư kiến xương tiền hải
	đông hưng quỳnh phụ thành phố lãnh đạo chỉ đạo kế hoạch văn bản hướng dẫn báo cáo số
	liệu vi phạm tội phạm ma túy tham nhũng kinh tế môi trường đất đai giao thông an toàn
	bảo vệ quyền con người quyền công dân khiếu nại tố cáo giải quyết đơn thư tiếp công dân
	học tập làm theo tư tưởng đạo đức phong cách hồ chí minh chi bộ đảng ủy nghị quyết
	đại hội chào mừng thắng lợi thành công tốt đẹp xuất sắc hoàn thành vượt chỉ tiêu đề ra`)

// benchText returns n words drawn from the vocabulary, capitalised like a sentence.
func benchText(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		// The square of a uniform number favours the first words: a few frequent
		// words, a long tail of rare ones.
		f := r.Float64()
		w[i] = benchWords[int(f*f*float64(len(benchWords)))]
	}
	if r.IntN(5) == 0 {
		w = append(w, "công tác tuyên truyền")
	}
	r0, size := utf8.DecodeRuneInString(w[0])
	w[0] = string(unicode.ToUpper(r0)) + w[0][size:]
	return strings.Join(w, " ")
}

// benchDB opens a fresh database of the engine for b: SQLite in b.TempDir(), or a
// PostgreSQL schema of its own on LOA_TEST_POSTGRES, dropped at the end.
func benchDB(b *testing.B, engine string) *store.DB {
	b.Helper()
	ctx := context.Background()
	dsn := filepath.Join(b.TempDir(), "bench.db")
	if engine == "postgres" {
		base := os.Getenv("LOA_TEST_POSTGRES")
		if base == "" {
			b.Skip("LOA_TEST_POSTGRES is not set")
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		buf := make([]byte, 6)
		crand.Read(buf)
		schema := "b_" + hex.EncodeToString(buf)
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			if a, err := sql.Open("pgx", base); err == nil {
				a.Exec("DROP SCHEMA " + schema + " CASCADE")
				a.Close()
			}
		})
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// benchCorpus fills db with n synthetic items (LOA_BENCH_ITEMS overrides n) in one
// transaction on a second connection, with search_text and title_fold computed as
// ItemChanged does, so that the triggers build the index.
func benchCorpus(b *testing.B, db *store.DB, n int) {
	b.Helper()
	if s := os.Getenv("LOA_BENCH_ITEMS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	units := make([]*loa.Unit, 8)
	for i := range units {
		units[i] = &loa.Unit{Code: "U" + strconv.Itoa(i), Name: "Viện kiểm sát nhân dân khu vực " + strconv.Itoa(i+1), Kind: loa.UnitRegional}
		if err := db.SaveUnit(ctx, units[i]); err != nil {
			b.Fatal(err)
		}
	}
	driver, dsn := "sqlite", "file:"+db.DSN+"?_pragma=busy_timeout(10000)"
	ph := func(i int) string { return "?" }
	if db.Postgres() {
		driver, dsn = "pgx", db.DSN
		ph = func(i int) string { return "$" + strconv.Itoa(i) }
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	marks := make([]string, 12)
	for i := range marks {
		marks[i] = ph(i + 1)
	}
	stmt, err := tx.Prepare(`INSERT INTO items (kind, unit_id, title, summary, body, status, slug, published_at,
		created_at, updated_at, search_text, title_fold) VALUES (` + strings.Join(marks, ", ") + `)`)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	statuses := []loa.Status{loa.StatusPublished, loa.StatusPublished, loa.StatusPublished, loa.StatusDraft, loa.StatusSubmitted}
	for i := range n {
		unit := units[r.IntN(len(units))]
		title := benchText(r, 8+r.IntN(8))
		summary := benchText(r, 25+r.IntN(15))
		var body strings.Builder
		for range 3 + r.IntN(4) {
			body.WriteString("<p>" + benchText(r, 40+r.IntN(40)) + ".</p>")
		}
		status := statuses[r.IntN(len(statuses))]
		at := start.Add(time.Duration(r.IntN(10*365*24)) * time.Hour)
		var pub any
		if status == loa.StatusPublished {
			pub = at
		}
		text := store.SearchText(title, summary, body.String(), nil, unit.Name)
		if _, err := stmt.Exec(string(loa.ItemKinds[r.IntN(len(loa.ItemKinds))]), unit.ID, title, summary, body.String(),
			string(status), loa.Slug(title, 80), pub, at, at, text, loa.Fold(title)); err != nil {
			b.Fatalf("item %d: %v", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if db.Postgres() {
		raw.Exec("ANALYZE items")
	}
}

// BenchmarkSearch measures a public search (count, ranked page of 20, snippets) over
// a synthetic corpus, and beside each query the bare full-text query that loa's layer
// wraps (first 20 published matches by relevance), so that the layer's cost shows.
//
//	go test -run '^$' -bench Search -benchtime 2s ./store/
func BenchmarkSearch(b *testing.B) {
	queries := []struct {
		name   string
		text   string
		prefix bool
	}{
		{"one-word", "tuyên", false},
		{"two-word", "pháp luật", false},
		{"phrase", `"công tác tuyên truyền"`, false},
		{"prefix", "truy", true},
		{"rare-word", "Quỳnh Phụ đại hội", false},
	}
	engines := []string{"sqlite", "postgres"}
	national := os.Getenv("LOA_BENCH_DSN") // an already loaded set: bench/out's national one
	if national != "" {
		engines = []string{"national"}
	}
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			var db *store.DB
			if national != "" {
				var err error
				if db, err = store.Open(ctx, national); err != nil {
					b.Fatal(err)
				}
				defer db.Close()
			} else {
				db = benchDB(b, engine)
				benchCorpus(b, db, 20000)
			}
			driver, dsn := "sqlite", "file:"+db.DSN+"?_pragma=query_only(1)"
			if db.Postgres() {
				driver, dsn = "pgx", db.DSN
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer raw.Close()
			rawSQL := `SELECT i.id, i.title FROM items_fts JOIN items i ON i.id = items_fts.rowid
				WHERE items_fts MATCH ? AND i.status = 'published' ORDER BY bm25(items_fts) LIMIT 20`
			if db.Postgres() {
				rawSQL = `SELECT id, title FROM items WHERE search_tsv @@ to_tsquery('simple', $1) AND status = 'published'
					ORDER BY ts_rank(search_tsv, to_tsquery('simple', $1)) DESC LIMIT 20`
			}
			for _, q := range queries {
				parsed := loa.ParseQuery(q.text, q.prefix)
				arg := parsed.FTS5()
				if db.Postgres() {
					arg = parsed.TSQuery("")
				}
				b.Run(q.name, func(b *testing.B) {
					total := 0
					for b.Loop() {
						res, err := db.Search(ctx, store.SearchQuery{Text: q.text, Prefix: q.prefix, Public: true, Page: store.Page{Number: 1, Size: 20}})
						if err != nil {
							b.Fatal(err)
						}
						total = res.Total
					}
					b.ReportMetric(float64(total), "matches")
				})
				b.Run(q.name+"-raw", func(b *testing.B) {
					for b.Loop() {
						rows, err := raw.Query(rawSQL, arg)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
							var id int64
							var title string
							if err := rows.Scan(&id, &title); err != nil {
								b.Fatal(err)
							}
						}
						rows.Close()
					}
				})
			}
		})
	}
}

package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"

	"loa"
)

// backupTables lists every table a backup copies, in foreign-key order (the order of
// the migrations): parents before children, so that a restore could satisfy the keys
// row by row, and the reverse order empties them. It is also the only source of the
// table names a restore writes to: a name in the file is looked up here, never used.
// A test fails when a migration adds a table that is missing here, or when a table
// is listed before one it refers to (TestBackupCoversEveryTable). Sessions, login
// failures and password reset links are left out on purpose: they are short-lived
// and restoring them would sign old sessions back in (or revive used links).
var backupTables = []string{
	// 00001_foundation
	"units", "people", "postings", "board_memberships", "contacts", "users", "audit_log",
	"channels", "items", "item_authors", "publications", "quotas", "settings",
	// 00002_items
	"media", "item_revisions", "item_comments", "item_events",
	// 00004_site
	"sections", "menu_links", "site_pages", "documents", "document_links",
	// 00005_plans: assignments refer to themes, events and reminders to assignments.
	"plans", "themes", "assignments", "assignment_events", "reminders",
	// 00006_board: after people, units and items, which they reference.
	"emulation_periods", "emulation_weights", "nominations", "award_entries",
	"meetings", "meeting_attendees", "action_items",
	// 00007_tokens_rollup
	"api_tokens", "report_rollups",
	// 00009_counting
	"closed_periods",
	// 00010_report_narratives
	"report_narratives",
	// 00011_site_import
	"site_imports", "site_redirects",
	// 00012_views
	"item_views",
	// 00015_nomination_items
	"nomination_items",
}

// BackupTablesForTest exposes the list to the store's tests.
func BackupTablesForTest() []string { return slices.Clone(backupTables) }

// backupFormat names the format: gzip'd JSON lines, a header line, then for each
// table a section line ({"table", "columns"}) and one array per row, and last an end
// line with the row count of every section and the SHA-256 of every line before it.
// Without the end line, a file cut at a line boundary would read as a smaller backup.
const backupFormat = "loa-backup-2"

type backupHeader struct {
	Format  string    `json:"format"`
	Engine  string    `json:"engine"`
	Created time.Time `json:"created"`
}

// backupLine is a section line or the end line (End set).
type backupLine struct {
	Table   string     `json:"table,omitempty"`
	Columns []string   `json:"columns,omitempty"`
	End     *backupEnd `json:"end,omitempty"`
}

type backupEnd struct {
	Rows   map[string]int64 `json:"rows"`
	SHA256 string           `json:"sha256"`
}

// quote makes a name an SQL identifier (both engines use double quotes). Only names
// of backupTables and of the live schema's columns are ever quoted.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// Backup writes a consistent copy of every table to w (gzip, JSON lines). All tables
// are read in one read-only transaction, a snapshot: writes that go on meanwhile are
// either wholly in the copy or wholly out of it.
func (db *DB) Backup(ctx context.Context, w io.Writer) (err error) {
	defer wrapErr(&err, "back up")
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Postgres() {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	sum := sha256.New()
	enc := json.NewEncoder(io.MultiWriter(bw, sum)) // every line but the end line is summed
	if err := enc.Encode(backupHeader{Format: backupFormat, Engine: db.dialect.name(), Created: time.Now().UTC()}); err != nil {
		return err
	}
	end := backupEnd{Rows: map[string]int64{}}
	for _, t := range backupTables {
		n, err := backupTable(ctx, tx, enc, t)
		if err != nil {
			return fmt.Errorf("backup %s: %w", t, err)
		}
		end.Rows[t] = n
	}
	end.SHA256 = hex.EncodeToString(sum.Sum(nil))
	if err := json.NewEncoder(bw).Encode(backupLine{End: &end}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// backupTable writes table t's section and rows, and returns how many rows.
func backupTable(ctx context.Context, tx *sql.Tx, enc *json.Encoder, t string) (int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT * FROM "+quote(t)+" ORDER BY 1")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	if err := enc.Encode(backupLine{Table: t, Columns: cols}); err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = encodeCell(v)
		}
		if err := enc.Encode(cells); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// encodeCell keeps the types JSON would lose: instants and bytes are tagged.
func encodeCell(v any) any {
	switch x := v.(type) {
	case time.Time:
		return map[string]string{"$t": x.UTC().Format(time.RFC3339Nano)}
	case []byte:
		return map[string]string{"$b": base64.StdEncoding.EncodeToString(x)}
	}
	return v
}

// decodeCell turns a cell of the file back into a value to bind: null, a boolean, a
// number, a string or a tagged instant or bytes. Anything else is refused.
func decodeCell(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return v, nil
	case map[string]any:
		if len(x) == 1 {
			if s, ok := x["$t"].(string); ok {
				return time.Parse(time.RFC3339Nano, s)
			}
			if s, ok := x["$b"].(string); ok {
				return base64.StdEncoding.DecodeString(s)
			}
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, nil
		}
		return x.Float64()
	}
	return nil, fmt.Errorf("ô không hợp lệ %v", v)
}

// HasData reports whether any table a backup copies holds a row.
func (db *DB) HasData(ctx context.Context) (_ bool, err error) {
	defer wrapErr(&err, "check for data")
	for _, t := range backupTables {
		n, err := db.count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM "+quote(t)+" LIMIT 1) x")
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// Restore loads a backup made by Backup, in one transaction: a refused or bad file
// leaves the database as it was. It refuses a database that holds data unless force,
// which first empties every table. Backups restore into the same engine they came from.
//
// Nothing of the file becomes SQL: a table name is looked up in backupTables and its
// column names in the live table's columns, the statements are built from those, and
// the file's values are only bind parameters. An unknown table or column refuses the
// whole file; so does an end line that is missing or does not match what was read.
func (db *DB) Restore(ctx context.Context, r io.Reader, force bool) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu không hợp lệ: %v", err)
	}
	rd := &backupReader{r: bufio.NewReader(zr), sum: sha256.New()}
	line, err := rd.next()
	var h backupHeader
	if err != nil || json.Unmarshal(line, &h) != nil || !strings.HasPrefix(h.Format, "loa-backup-") {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu không phải của loa.")
	}
	if h.Format != backupFormat {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu theo định dạng %q, không phải %q: định dạng cũ không có dòng kết thúc để kiểm tra tệp còn nguyên vẹn nên không được phục hồi; hãy sao lưu lại bằng phiên bản loa này.", h.Format, backupFormat)
	}
	if h.Engine != db.dialect.name() {
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu lấy từ cơ sở dữ liệu %q, không phục hồi được vào %q.", h.Engine, db.dialect.name())
	}
	return db.inTx(ctx, "restore", func(ctx context.Context) error {
		has, err := db.HasData(ctx)
		if err != nil {
			return err
		}
		if has && !force {
			return loa.Errorf(loa.ECONFLICT, "Cơ sở dữ liệu đã có dữ liệu; dùng --force để xoá hết và phục hồi.")
		}
		if has {
			for _, t := range slices.Backward(backupTables) {
				if _, err := db.exec(ctx, "DELETE FROM "+quote(t)); err != nil {
					return err
				}
			}
		}
		// Rows may point at rows restored later (a unit's parent created after it):
		// foreign keys are checked once every row is in (checkForeignKeys).
		deferFKs := "PRAGMA defer_foreign_keys = ON"
		if db.Postgres() {
			deferFKs = "SET CONSTRAINTS ALL DEFERRED"
		}
		if _, err := db.exec(ctx, deferFKs); err != nil {
			return err
		}
		withID, err := db.restoreRows(ctx, rd)
		if err != nil {
			return err
		}
		if err := db.checkForeignKeys(ctx); err != nil {
			return err
		}
		for _, t := range withID {
			if err := db.resetSequence(ctx, t); err != nil {
				return err
			}
		}
		return db.rebuildSearchAfter(ctx, nil) // search.go
	})
}

// backupReader reads a backup line by line, numbering the lines and summing every
// line but the last one read, so that at the end line the sum is of all before it.
type backupReader struct {
	r       *bufio.Reader
	sum     hash.Hash
	n       int    // number of the line last read, from 1
	pending []byte // the line last read, not yet summed
}

// next returns the next line, or io.EOF after the last complete one.
func (rd *backupReader) next() ([]byte, error) {
	rd.sum.Write(rd.pending)
	rd.pending = nil
	line, err := rd.r.ReadBytes('\n')
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	rd.n++
	if err == io.EOF {
		return nil, rd.errorf("dòng bị cắt giữa chừng")
	}
	if err != nil {
		return nil, rd.errorf("%v", err)
	}
	rd.pending = line
	return line, nil
}

// errorf is a refusal that names the line, in the words an operator reads.
func (rd *backupReader) errorf(format string, args ...any) error {
	return loa.Errorf(loa.EINVALID, "Tệp sao lưu hỏng, dòng %d: %s; không phục hồi gì.", rd.n, fmt.Sprintf(format, args...))
}

// decodeLine decodes the one JSON value of a line, strictly.
func decodeLine(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("dữ liệu thừa sau giá trị")
	}
	return nil
}

// restoreRows inserts the sections of the file up to its end line, checks the end
// line, and returns the restored tables that have an id column.
func (db *DB) restoreRows(ctx context.Context, rd *backupReader) ([]string, error) {
	counts := map[string]int64{}
	var withID []string
	var table, insert string // the current section, and its statement
	var ncols int
	for {
		line, err := rd.next()
		if err == io.EOF {
			return nil, loa.Errorf(loa.EINVALID, "Tệp sao lưu dừng sau dòng %d mà không có dòng kết thúc: tệp bị cắt cụt; không phục hồi gì.", rd.n)
		}
		if err != nil {
			return nil, err
		}
		if line[0] == '[' {
			var cells []any
			if err := decodeLine(line, &cells); err != nil {
				return nil, rd.errorf("%v", err)
			}
			if table == "" {
				return nil, rd.errorf("dòng dữ liệu không thuộc bảng nào")
			}
			if len(cells) != ncols {
				return nil, rd.errorf("%d ô, bảng %s có %d cột", len(cells), table, ncols)
			}
			for i := range cells {
				if cells[i], err = decodeCell(cells[i]); err != nil {
					return nil, rd.errorf("%v", err)
				}
			}
			if _, err := db.exec(ctx, insert, cells...); err != nil {
				return nil, rd.errorf("không ghi được vào bảng %s: %v", table, err)
			}
			counts[table]++
			continue
		}
		var bl backupLine
		if err := decodeLine(line, &bl); err != nil {
			return nil, rd.errorf("%v", err)
		}
		if bl.End != nil {
			if bl.Table != "" || bl.Columns != nil {
				return nil, rd.errorf("dòng kết thúc không hợp lệ")
			}
			if err := rd.checkEnd(bl.End, counts); err != nil {
				return nil, err
			}
			return withID, nil
		}
		if table, insert, ncols, err = db.restoreSection(ctx, bl); err != nil {
			return nil, rd.errorf("%v", err)
		}
		if _, seen := counts[table]; seen {
			return nil, rd.errorf("bảng %s xuất hiện hai lần", table)
		}
		counts[table] = 0
		if cols, _ := db.columns(ctx, table); slices.Contains(cols, "id") {
			withID = append(withID, table)
		}
	}
}

// restoreSection checks a section line against backupTables and the live schema
// and returns the table's name and INSERT statement, built from those alone.
func (db *DB) restoreSection(ctx context.Context, bl backupLine) (string, string, int, error) {
	i := slices.Index(backupTables, bl.Table)
	if i < 0 {
		return "", "", 0, fmt.Errorf("bảng %q không có trong lược đồ hiện tại", bl.Table)
	}
	table := backupTables[i]
	live, err := db.columns(ctx, table)
	if err != nil {
		return "", "", 0, err
	}
	if len(bl.Columns) == 0 {
		return "", "", 0, fmt.Errorf("bảng %s không kê cột nào", table)
	}
	names := make([]string, len(bl.Columns))
	for k, c := range bl.Columns {
		j := slices.Index(live, c)
		if j < 0 {
			return "", "", 0, fmt.Errorf("bảng %s không có cột %q trong lược đồ hiện tại", table, c)
		}
		if slices.Contains(names[:k], quote(live[j])) {
			return "", "", 0, fmt.Errorf("cột %q của bảng %s kê hai lần", c, table)
		}
		names[k] = quote(live[j])
	}
	insert := "INSERT INTO " + quote(table) + " (" + strings.Join(names, ", ") + ") VALUES (" + marks(len(names)) + ")"
	return table, insert, len(names), nil
}

// checkEnd compares the end line with what was read, then makes sure nothing follows.
func (rd *backupReader) checkEnd(end *backupEnd, counts map[string]int64) error {
	for _, t := range backupTables {
		want, inFile := end.Rows[t]
		got, read := counts[t]
		if inFile != read || want != got {
			return rd.errorf("bảng %s: dòng kết thúc ghi %d dòng, đọc được %d; tệp bị cắt hoặc đã bị sửa", t, want, got)
		}
	}
	if len(end.Rows) != len(counts) {
		return rd.errorf("dòng kết thúc kê bảng không có trong tệp")
	}
	if sum := hex.EncodeToString(rd.sum.Sum(nil)); sum != end.SHA256 {
		return rd.errorf("mã SHA-256 không khớp với các dòng trước; tệp bị hỏng hoặc đã bị sửa")
	}
	if _, err := rd.next(); err != io.EOF {
		if err == nil {
			err = rd.errorf("còn dữ liệu sau dòng kết thúc")
		}
		return err
	}
	return nil
}

// columns lists the live columns of a table of backupTables, in their order.
func (db *DB) columns(ctx context.Context, table string) ([]string, error) {
	rows, err := db.query(ctx, "SELECT * FROM "+quote(table)+" WHERE 1 = 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

// checkForeignKeys checks the deferred foreign keys now, inside the transaction, so
// that a dangling reference is a refusal that rolls back rather than a failed commit.
func (db *DB) checkForeignKeys(ctx context.Context) error {
	if db.Postgres() {
		if _, err := db.exec(ctx, "SET CONSTRAINTS ALL IMMEDIATE"); err != nil {
			return loa.Errorf(loa.EINVALID, "Tệp sao lưu có dòng trỏ tới dòng không có: %v; không phục hồi gì.", err)
		}
		return nil
	}
	rows, err := db.query(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return loa.Errorf(loa.EINVALID, "Tệp sao lưu có dòng của bảng %s (rowid %d) trỏ tới dòng không có trong bảng %s; không phục hồi gì.", table, rowid.Int64, parent)
	}
	return rows.Err()
}

// resetSequence moves a PostgreSQL identity past the restored ids. table is a name
// of backupTables with an id column.
func (db *DB) resetSequence(ctx context.Context, table string) error {
	if !db.Postgres() {
		return nil
	}
	_, err := db.exec(ctx, "SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM "+quote(table)+"), 0) + 1, false)", quote(table))
	return err
}

// Tables lists the tables of the schema (goose's own excluded), for tests.
func (db *DB) Tables(ctx context.Context) (_ []string, err error) {
	defer wrapErr(&err, "list tables")
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name"
	if db.Postgres() {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
	}
	rows, err := db.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if n != "goose_db_version" {
			out = append(out, n)
		}
	}
	return out, rows.Err()
}

// ForeignKeys lists the foreign keys of the schema as (table, referenced table)
// pairs, for the test that keeps backupTables in foreign-key order.
func (db *DB) ForeignKeys(ctx context.Context) (_ [][2]string, err error) {
	defer wrapErr(&err, "list foreign keys")
	q := `SELECT m.name, f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
	if db.Postgres() {
		q = `SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`
	}
	rows, err := db.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var fk [2]string
		if err := rows.Scan(&fk[0], &fk[1]); err != nil {
			return nil, err
		}
		out = append(out, fk)
	}
	return out, rows.Err()
}

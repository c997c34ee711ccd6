package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"loa"
)

// The imports of CONTRACTS.md "Import files". Each takes records the importer package
// has already read and validated, and writes them in one transaction: all or nothing.
// Each is idempotent (a record matching an existing one by its key updates it, and an
// unchanged record is not touched) and never deletes.
//
// Each import writes ONE audit entry with a summary (file name and counts) rather
// than one per record: a national items file has 100,000 rows, and an audit log of
// 100,000 identical "import" lines would bury every other change. The file itself is
// the detail of what was imported.

// ImportOptions describe the file an import comes from.
type ImportOptions struct {
	// Source is the file's name as given, recorded in the audit log.
	Source string
	// Columns are the columns the file has. An optional column the file lacks keeps
	// the stored value of existing records (a units file without valid_to does not
	// reopen every ended unit). Nil means every column is present.
	Columns []string
	// Progress, when set, is called now and then with the steps done out of total.
	Progress func(done, total int)
}

func (o ImportOptions) has(col string) bool {
	return o.Columns == nil || slices.Contains(o.Columns, col)
}

func (o ImportOptions) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}

// ImportSummary counts what an import did. For items, Created/Updated/Unchanged
// count items and the Publications fields count publications.
type ImportSummary struct {
	Rows                int `json:"rows"`
	Created             int `json:"created"`
	Updated             int `json:"updated"`
	Unchanged           int `json:"unchanged"`
	PublicationsCreated int `json:"publications_created,omitempty"`
	PublicationsUpdated int `json:"publications_updated,omitempty"`
}

// RowErrors refuses an import by the lines of its file at fault (the importer adds
// the file's name): rows the store alone can judge, such as those that would change a
// closed period's figures.
type RowErrors []RowError

// RowError is one refused line.
type RowError struct {
	Line   int
	Reason string
}

func (e RowErrors) Error() string {
	parts := make([]string, len(e))
	for i, r := range e {
		parts[i] = fmt.Sprintf("dòng %d: %s", r.Line, r.Reason)
	}
	return strings.Join(parts, "; ")
}

// QuotaImport is one row of a quotas file.
type QuotaImport struct {
	Line     int // in the file, for a refusal
	UnitCode string
	Period   string // a period name, already checked
	Kind     string // an item kind or "any"
	Target   int
}

// ItemImport is one row of an items file: one publication of the item Ref.
type ItemImport struct {
	Line        int // in the file, for a refusal
	Ref         string
	Title       string
	Kind        loa.ItemKind
	UnitCode    string
	ChannelCode string
	PublishedOn loa.Date
	// Authors are free names; empty keeps the item's stored authors, since an import
	// never deletes.
	Authors []string
	// Topic and URL: empty keeps the stored value.
	Topic string
	URL   string
	// ThemeCode is a stored theme's code; empty keeps the item's stored theme.
	ThemeCode string
}

// checkText refuses text the forms would refuse (the importer has named the row
// already; this keeps other callers from storing it, and PostgreSQL from answering
// a raw error on a NUL byte or invalid UTF-8).
func (r ItemImport) checkText() error {
	msg := ""
	check := func(v string, max int) {
		if msg == "" {
			msg = loa.TextProblem(v, max, "Quá dài.")
		}
	}
	check(r.Ref, loa.MaxRef)
	check(r.Title, loa.MaxTitle)
	check(r.Topic, loa.MaxTopic)
	check(r.URL, loa.MaxURL)
	for _, a := range r.Authors {
		check(a, loa.MaxAuthor)
	}
	if msg != "" {
		return loa.Errorf(loa.EINVALID, "tin bài %q: %s", strings.ToValidUTF8(r.Ref, "?"), msg)
	}
	return nil
}

// importLockKey is the PostgreSQL advisory lock that makes imports take turns.
const importLockKey int64 = 0x6c6f61696d70 // "loaimp"

// importTx runs fn in one transaction (prepared statements need the *sql.Tx), after
// any other import has finished: two imports of the same file at once then store it
// once, the second finding the first's rows (issue 13, finding 13). On PostgreSQL a
// transaction-scoped advisory lock orders them; without it both would insert the same
// new refs and the second fail on the unique key. On SQLite every writer already takes
// the one write lock (BEGIN IMMEDIATE); but an import in another process may hold it
// past the busy timeout, so an import that finds the database locked tries again, for
// as long as its context lasts, instead of failing with "database is locked".
func (db *DB) importTx(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	for {
		err := db.WithTx(ctx, func(ctx context.Context) error {
			tx := ctx.Value(txKey{}).(*sql.Tx)
			if db.Postgres() {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", importLockKey); err != nil {
					return err
				}
			}
			return fn(ctx, tx)
		})
		if !sqliteBusy(err) || ctx.Err() != nil {
			return err
		}
	}
}

// sqliteBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY and
// its extended codes): another connection held the write lock past the busy timeout.
func sqliteBusy(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// importStmt prepares query (with '?' placeholders) in tx.
func (db *DB) importStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	return tx.PrepareContext(ctx, db.dialect.rebind(query))
}

// importChunks calls fn with successive slices of at most 500 of ids, each with
// the matching "?, ?, …" list, for IN clauses that stay under both engines' limits
// on parameters.
func importChunks[T any](ids []T, fn func(part []T, marks string) error) error {
	const size = 500
	for len(ids) > 0 {
		n := min(size, len(ids))
		if err := fn(ids[:n], marks(n)); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// anyArgs turns a slice of values into the arguments of a statement (ids of an IN list).
func anyArgs[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// ImportChannels creates or updates channels by code.
func (db *DB) ImportChannels(ctx context.Context, cs []*loa.Channel, opt ImportOptions) (_ ImportSummary, err error) {
	defer wrapErr(&err, "import channels")
	sum := ImportSummary{Rows: len(cs)}
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return sum, loa.Errorf(loa.EINVALID, "kênh %q: %v", c.Code, err)
		}
	}
	err = db.importTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		stored, err := db.Channels(ctx)
		if err != nil {
			return err
		}
		byCode := map[string]*loa.Channel{}
		for _, c := range stored {
			byCode[c.Code] = c
		}
		for i, c := range cs {
			old := byCode[c.Code]
			switch {
			case old == nil:
				id, err := db.insert(ctx, "INSERT INTO channels (code, name, type, url) VALUES (?, ?, ?, ?)", c.Code, c.Name, c.Type, c.URL)
				if err != nil {
					return err
				}
				cp := *c
				cp.ID = id
				byCode[c.Code] = &cp
				sum.Created++
			default:
				n := *old
				n.Name, n.Type = c.Name, c.Type
				if opt.has("url") {
					n.URL = c.URL
				}
				if n == *old {
					sum.Unchanged++
					continue
				}
				if _, err := db.exec(ctx, "UPDATE channels SET name = ?, type = ?, url = ? WHERE id = ?", n.Name, n.Type, n.URL, n.ID); err != nil {
					return err
				}
				*old = n
				sum.Updated++
			}
			if i%1000 == 0 {
				opt.progress(i, len(cs))
			}
		}
		opt.progress(len(cs), len(cs))
		return db.importAudit(ctx, "channel", opt, sum)
	})
	return sum, err
}

func (db *DB) importAudit(ctx context.Context, entity string, opt ImportOptions, sum ImportSummary) error {
	return db.audit(ctx, "import", entity, 0, nil, map[string]any{"file": opt.Source, "summary": sum})
}

// ImportUnits creates or updates units by code. Parents and successors may be units
// of the same import in any order: every unit is written first, references after.
// EINVALID, and nothing stored, for an unknown parent or successor or a parent cycle.
func (db *DB) ImportUnits(ctx context.Context, us []*loa.Unit, opt ImportOptions) (_ ImportSummary, err error) {
	defer wrapErr(&err, "import units")
	sum := ImportSummary{Rows: len(us)}
	for _, u := range us {
		if err := u.Validate(); err != nil {
			return sum, loa.Errorf(loa.EINVALID, "đơn vị %q: %v", u.Code, err)
		}
	}
	err = db.importTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		stored, err := db.Units(ctx)
		if err != nil {
			return err
		}
		byCode := map[string]*loa.Unit{}
		for _, u := range stored {
			byCode[u.Code] = u
		}
		changed := map[string]bool{}
		created := map[string]bool{}
		// Own fields first.
		for _, u := range us {
			old := byCode[u.Code]
			if old == nil {
				id, err := db.insert(ctx, `INSERT INTO units (code, name, kind, valid_from, valid_to, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
					u.Code, u.Name, u.Kind, u.ValidFrom, u.ValidTo, now())
				if err != nil {
					return err
				}
				byCode[u.Code] = &loa.Unit{ID: id, Code: u.Code, Name: u.Name, Kind: u.Kind, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo}
				created[u.Code] = true
				continue
			}
			n := *old
			n.Name, n.Kind = u.Name, u.Kind
			if opt.has("valid_from") {
				n.ValidFrom = u.ValidFrom
			}
			if opt.has("valid_to") {
				n.ValidTo = u.ValidTo
			}
			if n.Name == old.Name && n.Kind == old.Kind && n.ValidFrom.Equal(old.ValidFrom) && n.ValidTo.Equal(old.ValidTo) {
				continue
			}
			if _, err := db.exec(ctx, `UPDATE units SET name = ?, kind = ?, valid_from = ?, valid_to = ?, version = version + 1, updated_at = ? WHERE id = ?`,
				n.Name, n.Kind, n.ValidFrom, n.ValidTo, now(), n.ID); err != nil {
				return err
			}
			*old = n
			changed[u.Code] = true
		}
		// Then references, now that every code of the file has an id.
		var bad []string
		ref := func(code, what, owner string) int64 {
			if code == "" {
				return 0
			}
			if t := byCode[code]; t != nil {
				return t.ID
			}
			bad = append(bad, fmt.Sprintf("đơn vị %s: không có đơn vị %s mã %q", owner, what, code))
			return 0
		}
		for _, u := range us {
			cur := byCode[u.Code]
			parentID, successorID := cur.ParentID, cur.SuccessorID
			if opt.has("parent_code") || created[u.Code] {
				parentID = ref(u.ParentCode, "cấp trên", u.Code)
			}
			if opt.has("successor_code") || created[u.Code] {
				successorID = ref(u.SuccessorCode, "kế nhiệm", u.Code)
			}
			if parentID == cur.ParentID && successorID == cur.SuccessorID {
				continue
			}
			bump := 1
			if created[u.Code] || changed[u.Code] {
				bump = 0 // already counted as one change of this import
			}
			if _, err := db.exec(ctx, `UPDATE units SET parent_id = ?, successor_id = ?, version = version + ?, updated_at = ? WHERE id = ?`,
				nullID(parentID), nullID(successorID), bump, now(), cur.ID); err != nil {
				return err
			}
			cur.ParentID, cur.SuccessorID = parentID, successorID
			if !created[u.Code] {
				changed[u.Code] = true
			}
		}
		if len(bad) > 0 {
			return loa.Errorf(loa.EINVALID, "%s", strings.Join(bad, "; "))
		}
		if err := unitCycles(byCode); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, u := range us {
			if seen[u.Code] {
				continue
			}
			seen[u.Code] = true
			switch {
			case created[u.Code]:
				sum.Created++
			case changed[u.Code]:
				sum.Updated++
			default:
				sum.Unchanged++
			}
		}
		sum.Rows = len(us)
		opt.progress(len(us), len(us))
		if sum.Created+sum.Updated > 0 {
			// Unit names show on the public site under each item.
			if err := db.SiteChanged(ctx); err != nil {
				return err
			}
		}
		return db.importAudit(ctx, "unit", opt, sum)
	})
	return sum, err
}

// unitCycles refuses, EINVALID naming it, a loop of parents or of successors among
// units (by code, with their IDs as stored); the same check, loa.UnitCycle, as the
// importer's and the unit form's.
func unitCycles(byCode map[string]*loa.Unit) error {
	codeOf := map[int64]string{}
	for c, u := range byCode {
		codeOf[u.ID] = c
	}
	parent, successor := map[string]string{}, map[string]string{}
	for c, u := range byCode {
		parent[c], successor[c] = codeOf[u.ParentID], codeOf[u.SuccessorID]
	}
	codes := slices.Sorted(maps.Keys(byCode)) // the same cycle named the same way every time
	for _, c := range codes {
		if cycle := loa.UnitCycle(parent, c); cycle != "" {
			return loa.Errorf(loa.EINVALID, "vòng lặp đơn vị cấp trên: %s", cycle)
		}
		if cycle := loa.UnitCycle(successor, c); cycle != "" {
			return loa.Errorf(loa.EINVALID, "vòng lặp đơn vị kế nhiệm: %s", cycle)
		}
	}
	return nil
}

// ImportQuotas creates or updates quotas by unit, period and kind. EINVALID for an
// unknown unit.
func (db *DB) ImportQuotas(ctx context.Context, qs []QuotaImport, opt ImportOptions) (_ ImportSummary, err error) {
	defer wrapErr(&err, "import quotas")
	sum := ImportSummary{Rows: len(qs)}
	err = db.importTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		unitID := map[string]int64{}
		for _, u := range units {
			unitID[u.Code] = u.ID
		}
		type key struct {
			unit         int64
			period, kind string
		}
		type stored struct {
			id     int64
			target int
		}
		have := map[key]stored{}
		rows, err := db.query(ctx, "SELECT id, unit_id, period, kind, target FROM quotas")
		if err != nil {
			return err
		}
		for rows.Next() {
			var k key
			var s stored
			if err := rows.Scan(&s.id, &k.unit, &k.period, &k.kind, &s.target); err != nil {
				rows.Close()
				return err
			}
			have[k] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		closed, err := db.closedNow(ctx)
		if err != nil {
			return err
		}
		var bad RowErrors
		for _, q := range qs {
			s, ok := have[key{unitID[q.UnitCode], q.Period, q.Kind}]
			if ok && s.target == q.Target {
				continue // changes nothing: the same file again is accepted
			}
			for _, c := range closed {
				if c.Period == q.Period {
					bad = append(bad, RowError{q.Line, loa.ErrorMessage(closedError(c))})
				}
			}
		}
		if len(bad) > 0 {
			return bad
		}
		created, changed, seen := map[key]bool{}, map[key]bool{}, map[key]bool{}
		var order []key
		for _, q := range qs {
			id, ok := unitID[q.UnitCode]
			if !ok {
				return loa.Errorf(loa.EINVALID, "không có đơn vị mã %q", q.UnitCode)
			}
			if !loa.ValidQuotaKind(q.Kind) || q.Target < 0 {
				return loa.Errorf(loa.EINVALID, "chỉ tiêu không hợp lệ: %s %s %s %d", q.UnitCode, q.Period, q.Kind, q.Target)
			}
			k := key{id, q.Period, q.Kind}
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
			s, ok := have[k]
			switch {
			case !ok:
				nid, err := db.insert(ctx, "INSERT INTO quotas (unit_id, period, kind, target) VALUES (?, ?, ?, ?)", id, q.Period, q.Kind, q.Target)
				if err != nil {
					return err
				}
				have[k] = stored{nid, q.Target}
				created[k] = true
			case s.target != q.Target:
				if _, err := db.exec(ctx, "UPDATE quotas SET target = ? WHERE id = ?", q.Target, s.id); err != nil {
					return err
				}
				have[k] = stored{s.id, q.Target}
				if !created[k] {
					changed[k] = true
				}
			}
		}
		for _, k := range order {
			switch {
			case created[k]:
				sum.Created++
			case changed[k]:
				sum.Updated++
			default:
				sum.Unchanged++
			}
		}
		opt.progress(len(qs), len(qs))
		return db.importAudit(ctx, "quota", opt, sum)
	})
	return sum, err
}

// importItem is one item of an items import, with what is stored of it.
type importItem struct {
	ref, title, topic string
	kind              loa.ItemKind
	unitID            int64
	unitName          string
	authors           []string // nil: the file names none
	firstPub          loa.Date // the earliest of the file's publications
	lines             []int    // the file's rows of the item
	themeID           int64    // 0: the file names none

	id                             int64
	exists                         bool
	sTitle, sKind, sTopic, sSearch string
	sSummary, sBody                string
	sUnit                          int64
	sAuthors                       []string
	sFirst                         loa.Date // the stored first (confirmed) publication
	sTheme                         int64
}

// theme is the item's theme after the import: the file's, else the stored one (an
// import never deletes).
func (it *importItem) theme() int64 {
	if it.themeID != 0 {
		return it.themeID
	}
	return it.sTheme
}

type importPubKey struct {
	item    int64
	channel int64
	on      string
}

// ImportItems creates or updates items by ref, and their publications by item,
// channel and date. A later file's title, kind, unit and topic replace the stored
// ones; its authors, when it names any, replace the item's; a publication's URL is
// replaced when the file gives one. Publications are only ever added: an import
// never deletes, and one withdrawn in the web application stays withdrawn.
//
// It is built for files of 100,000 rows: the stored state of the file's items is read
// in a few batched queries; new rows are inserted many to a statement, and updates go
// through statements prepared once in the transaction; first_pub is known for new
// items and recomputed set-based for stored ones at the end (the rule of
// ItemChanged); search_text is computed in Go as it goes.
// EINVALID for an unknown unit or channel code.
func (db *DB) ImportItems(ctx context.Context, rows []ItemImport, opt ImportOptions) (_ ImportSummary, err error) {
	defer wrapErr(&err, "import items")
	sum := ImportSummary{Rows: len(rows)}
	err = db.importTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		unitByCode := map[string]*loa.Unit{}
		unitName := map[int64]string{}
		for _, u := range units {
			unitByCode[u.Code] = u
			unitName[u.ID] = u.Name
		}
		channels, err := db.Channels(ctx)
		if err != nil {
			return err
		}
		channelID := map[string]int64{}
		for _, c := range channels {
			channelID[c.Code] = c.ID
		}
		themes, err := db.Themes(ctx)
		if err != nil {
			return err
		}
		themeID := map[string]int64{}
		for _, t := range themes {
			if t.Code != "" {
				themeID[t.Code] = t.ID
			}
		}

		// Group the rows: the item's fields come from its last row (the importer has
		// checked that its rows agree), its authors and topic from the last row that
		// gives them, and a repeated publication keeps its last URL given.
		items := map[string]*importItem{}
		var order []*importItem
		type pubRow struct {
			it      *importItem
			channel int64
			on      loa.Date
			url     string
			lines   []int
		}
		var pubs []*pubRow
		pubIndex := map[string]*pubRow{}
		today := loa.DateOf(clock(ctx))
		var bad RowErrors
		for _, r := range rows {
			if err := loa.CheckPublicationDate(r.PublishedOn, today, loa.Date{}); err != nil {
				bad = append(bad, RowError{r.Line, "published_on: " + loa.ErrorMessage(err)})
			}
			u := unitByCode[r.UnitCode]
			if u == nil {
				return loa.Errorf(loa.EINVALID, "tin bài %q: không có đơn vị mã %q", r.Ref, r.UnitCode)
			}
			ch, ok := channelID[r.ChannelCode]
			if !ok {
				return loa.Errorf(loa.EINVALID, "tin bài %q: không có kênh mã %q", r.Ref, r.ChannelCode)
			}
			if r.Ref == "" || strings.TrimSpace(r.Title) == "" || !r.Kind.Valid() || r.PublishedOn.IsZero() {
				return loa.Errorf(loa.EINVALID, "tin bài %q: thiếu mã, tiêu đề, loại hoặc ngày đăng", r.Ref)
			}
			if err := r.checkText(); err != nil {
				return err
			}
			it := items[r.Ref]
			if it == nil {
				it = &importItem{ref: r.Ref}
				items[r.Ref] = it
				order = append(order, it)
			}
			it.lines = append(it.lines, r.Line)
			it.title, it.kind, it.unitID, it.unitName = r.Title, r.Kind, u.ID, u.Name
			if r.Topic != "" {
				it.topic = r.Topic
			}
			if len(r.Authors) > 0 {
				it.authors = r.Authors
			}
			if r.ThemeCode != "" && opt.has("theme") {
				id, ok := themeID[r.ThemeCode]
				if !ok {
					return loa.Errorf(loa.EINVALID, "tin bài %q: không có chủ đề mã %q", r.Ref, r.ThemeCode)
				}
				it.themeID = id
			}
			k := r.Ref + "\x00" + r.ChannelCode + "\x00" + r.PublishedOn.String()
			p := pubIndex[k]
			if p == nil {
				p = &pubRow{it: it, channel: ch, on: r.PublishedOn}
				pubIndex[k] = p
				pubs = append(pubs, p)
			}
			p.lines = append(p.lines, r.Line)
			if r.URL != "" {
				p.url = r.URL
			}
			if it.firstPub.IsZero() || r.PublishedOn.Before(it.firstPub) {
				it.firstPub = r.PublishedOn
			}
		}

		// What is stored of these items, in batches.
		refs := make([]string, len(order))
		for i, it := range order {
			refs[i] = it.ref
		}
		if err := importChunks(refs, func(part []string, marks string) error {
			rs, err := db.query(ctx, `SELECT id, ref, title, kind, unit_id, topic, summary, body, search_text, first_pub, COALESCE(theme_id, 0) FROM items WHERE ref IN (`+marks+`)`, anyArgs(part)...)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				var it importItem
				if err := rs.Scan(&it.id, &it.ref, &it.sTitle, &it.sKind, &it.sUnit, &it.sTopic, &it.sSummary, &it.sBody, &it.sSearch, &it.sFirst, &it.sTheme); err != nil {
					return err
				}
				f := items[it.ref]
				f.id, f.exists, f.sFirst, f.sTheme = it.id, true, it.sFirst, it.sTheme
				f.sTitle, f.sKind, f.sUnit, f.sTopic, f.sSummary, f.sBody, f.sSearch = it.sTitle, it.sKind, it.sUnit, it.sTopic, it.sSummary, it.sBody, it.sSearch
			}
			return rs.Err()
		}); err != nil {
			return err
		}
		var existing []int64
		byID := map[int64]*importItem{}
		for _, it := range order {
			if it.exists {
				existing = append(existing, it.id)
				byID[it.id] = it
			}
		}
		storedPubs := map[importPubKey]string{}
		storedStatus := map[importPubKey]string{} // what is not confirmed yet, the import confirms
		storedDays := map[int64][]loa.Date{}
		if err := importChunks(existing, func(part []int64, marks string) error {
			rs, err := db.query(ctx, `SELECT item_id, name FROM item_authors WHERE item_id IN (`+marks+`) ORDER BY item_id, position`, anyArgs(part)...)
			if err != nil {
				return err
			}
			for rs.Next() {
				var id int64
				var name string
				if err := rs.Scan(&id, &name); err != nil {
					rs.Close()
					return err
				}
				byID[id].sAuthors = append(byID[id].sAuthors, name)
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return err
			}
			rs, err = db.query(ctx, `SELECT item_id, channel_id, published_on, url, status, withdrawn FROM publications WHERE item_id IN (`+marks+`)`, anyArgs(part)...)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				var k importPubKey
				var on loa.Date
				var url, status string
				var withdrawn bool
				if err := rs.Scan(&k.item, &k.channel, &on, &url, &status, &withdrawn); err != nil {
					return err
				}
				k.on = on.String()
				storedPubs[k] = url
				storedStatus[k] = status
				if !withdrawn {
					storedDays[k.item] = append(storedDays[k.item], on)
				}
			}
			return rs.Err()
		}); err != nil {
			return err
		}

		// Nothing is written when a row would change a closed period's figures.
		closed, err := db.closedNow(ctx)
		if err != nil {
			return err
		}
		if len(closed) > 0 {
			for _, p := range pubs {
				k := importPubKey{p.it.id, p.channel, p.on.String()}
				if _, ok := storedPubs[k]; p.it.exists && ok && storedStatus[k] == string(loa.PublicationConfirmed) {
					continue // stored and counted already
				}
				if err := refuseClosedIn(closed, p.on); err != nil {
					for _, l := range p.lines {
						bad = append(bad, RowError{l, loa.ErrorMessage(err)})
					}
				}
			}
			for _, it := range order {
				if !it.exists {
					continue
				}
				first := it.sFirst
				if first.IsZero() || it.firstPub.Before(first) {
					first = it.firstPub
				}
				var days []loa.Date
				if it.unitID != it.sUnit || string(it.kind) != it.sKind || !first.Equal(it.sFirst) || it.theme() != it.sTheme {
					days = append(days, it.sFirst, first)
				}
				if it.unitID != it.sUnit {
					days = append(days, storedDays[it.id]...)
				}
				if err := refuseClosedIn(closed, days...); err != nil {
					for _, l := range it.lines {
						bad = append(bad, RowError{l, fmt.Sprintf("tin bài %q: %s", it.ref, loa.ErrorMessage(err))})
					}
				}
			}
		}
		if len(bad) > 0 {
			slices.SortStableFunc(bad, func(a, b RowError) int { return a.Line - b.Line })
			return bad
		}

		stamp := now()
		conv := db.dialect.convert
		// Progress counts items written, then publications.
		done, total := 0, len(order)+len(pubs)
		tick := func(n int) {
			before := done / 2000
			done += n
			if done/2000 != before {
				opt.progress(done, total)
			}
		}

		// New items, many to a statement: an item's insert fires the full-text
		// index's trigger, and FTS5 flushes its pending terms at the end of every
		// statement, so one row per statement would spend most of the import there.
		newItems := map[string]*importItem{}
		insItems := db.importBatch(ctx, tx, "items", []string{"ref", "kind", "unit_id", "title", "title_fold", "topic", "status", "slug",
			"search_text", "first_pub", "created_at", "updated_at", "status_at", "theme_id"}, "id, ref", func(rs *sql.Rows) error {
			var id int64
			var ref string
			if err := rs.Scan(&id, &ref); err != nil {
				return err
			}
			newItems[ref].id = id
			return nil
		})
		updItem, err := db.importStmt(ctx, tx, `UPDATE items SET title = ?, title_fold = ?, kind = ?, unit_id = ?, topic = ?, search_text = ?,
			theme_id = ?, version = version + 1, updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer updItem.Close()
		delAuthors, err := db.importStmt(ctx, tx, "DELETE FROM item_authors WHERE item_id = ?")
		if err != nil {
			return err
		}
		defer delAuthors.Close()
		updPub, err := db.importStmt(ctx, tx, "UPDATE publications SET url = ?, status = 'confirmed' WHERE item_id = ? AND channel_id = ? AND published_on = ?")
		if err != nil {
			return err
		}
		defer updPub.Close()

		finalAuthors := make(map[*importItem][]string, len(order))
		for _, it := range order {
			topic := it.topic
			if topic == "" || !opt.has("topic") {
				topic = it.sTopic
			}
			authors := it.authors
			if len(authors) == 0 || !opt.has("authors") {
				authors = it.sAuthors
			}
			finalAuthors[it] = authors
			search := SearchText(it.title, it.sSummary, it.sBody, authors, it.unitName)
			switch {
			case !it.exists:
				// A new item has only the file's publications, so its first_pub is
				// known here and needs no UPDATE afterwards.
				newItems[it.ref] = it
				if err := insItems.add(it.ref, it.kind, it.unitID, it.title, loa.Fold(it.title), topic, loa.StatusPublished,
					loa.Slug(it.title, 100), search, it.firstPub, stamp, stamp, stamp, nullID(it.themeID)); err != nil {
					return err
				}
				sum.Created++
			case it.title != it.sTitle || string(it.kind) != it.sKind || it.unitID != it.sUnit || topic != it.sTopic ||
				search != it.sSearch || !slices.Equal(authors, it.sAuthors) || it.theme() != it.sTheme:
				if _, err := updItem.ExecContext(ctx, it.title, loa.Fold(it.title), it.kind, it.unitID, topic, search, nullID(it.theme()), stamp, it.id); err != nil {
					return conv(err)
				}
				sum.Updated++
			default:
				sum.Unchanged++
			}
			tick(1)
		}
		if err := insItems.flush(); err != nil {
			return err
		}

		insAuthors := db.importBatch(ctx, tx, "item_authors", []string{"item_id", "position", "name"}, "", nil)
		for _, it := range order {
			authors := finalAuthors[it]
			if slices.Equal(authors, it.sAuthors) {
				continue
			}
			if it.exists {
				if _, err := delAuthors.ExecContext(ctx, it.id); err != nil {
					return conv(err)
				}
			}
			for i, a := range authors {
				if err := insAuthors.add(it.id, i+1, a); err != nil {
					return err
				}
			}
		}
		if err := insAuthors.flush(); err != nil {
			return err
		}

		insPubs := db.importBatch(ctx, tx, "publications", []string{"item_id", "channel_id", "published_on", "url"}, "", nil)
		for _, p := range pubs {
			k := importPubKey{p.it.id, p.channel, p.on.String()}
			url, ok := storedPubs[k]
			switch {
			case !ok:
				if err := insPubs.add(p.it.id, p.channel, p.on, p.url); err != nil {
					return err
				}
				storedPubs[k] = p.url
				sum.PublicationsCreated++
			case (p.url != "" && p.url != url) || storedStatus[k] != string(loa.PublicationConfirmed):
				// Imports are confirmed: a declaration the file names is confirmed by it.
				if p.url == "" {
					p.url = url
				}
				if _, err := updPub.ExecContext(ctx, p.url, p.it.id, p.channel, p.on); err != nil {
					return conv(err)
				}
				storedPubs[k] = p.url
				storedStatus[k] = string(loa.PublicationConfirmed)
				sum.PublicationsUpdated++
			}
			tick(1)
		}
		if err := insPubs.flush(); err != nil {
			return err
		}

		// first_pub of the stored items the file touched, set-based: the rule of
		// ItemChanged, over their stored publications (some maybe withdrawn) and new ones.
		var ids []int64
		for _, it := range order {
			if it.exists {
				ids = append(ids, it.id)
			}
		}
		if err := importChunks(ids, func(part []int64, _ string) error { return db.setFirstPub(ctx, part...) }); err != nil {
			return err
		}
		opt.progress(total, total)
		if sum.Created+sum.Updated+sum.PublicationsCreated+sum.PublicationsUpdated > 0 {
			// Imported items are published: the public site's caches may be stale.
			if err := db.SiteChanged(ctx); err != nil {
				return err
			}
		}
		return db.importAudit(ctx, "item", opt, sum)
	})
	return sum, err
}

// importBatchRows is the number of rows of a multi-row INSERT: few statements, and
// far under both engines' limits on parameters (13 columns × 200 rows = 2,600).
const importBatchRows = 200

// importBatcher collects rows for multi-row INSERTs into one table, and runs one
// prepared statement per full batch.
type importBatcher struct {
	db        *DB
	ctx       context.Context
	tx        *sql.Tx
	head      string // INSERT INTO t (a, b) VALUES
	row       string // (?, ?)
	returning string
	cols      int
	full      *sql.Stmt
	args      []any
	scan      func(*sql.Rows) error
}

// importBatch returns a batcher for table's cols; when returning is set, scan reads
// each returned row (their order is not guaranteed, so return a key with the id).
func (db *DB) importBatch(ctx context.Context, tx *sql.Tx, table string, cols []string, returning string, scan func(*sql.Rows) error) *importBatcher {
	return &importBatcher{db: db, ctx: ctx, tx: tx, cols: len(cols), returning: returning, scan: scan,
		head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		row:  "(" + marks(len(cols)) + ")"}
}

func (b *importBatcher) query(rows int) string {
	q := b.head + strings.TrimSuffix(strings.Repeat(b.row+", ", rows), ", ")
	if b.returning != "" {
		q += " RETURNING " + b.returning
	}
	return b.db.dialect.rebind(q)
}

// add queues one row, writing the batch when it is full.
func (b *importBatcher) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.cols*importBatchRows {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(b.ctx, b.query(importBatchRows)); err != nil {
			return err
		}
	}
	return b.run(b.full, "")
}

// flush writes the queued rows and releases the prepared statement.
func (b *importBatcher) flush() error {
	defer func() {
		if b.full != nil {
			b.full.Close()
			b.full = nil
		}
	}()
	if len(b.args) == 0 {
		return nil
	}
	return b.run(nil, b.query(len(b.args)/b.cols))
}

// run runs stmt, or query when stmt is nil, with the queued rows.
func (b *importBatcher) run(stmt *sql.Stmt, query string) error {
	defer func() { b.args = b.args[:0] }()
	conv := b.db.dialect.convert
	if b.scan == nil {
		var err error
		if stmt != nil {
			_, err = stmt.ExecContext(b.ctx, b.args...)
		} else {
			_, err = b.tx.ExecContext(b.ctx, query, b.args...)
		}
		return conv(err)
	}
	var rs *sql.Rows
	var err error
	if stmt != nil {
		rs, err = stmt.QueryContext(b.ctx, b.args...)
	} else {
		rs, err = b.tx.QueryContext(b.ctx, query, b.args...)
	}
	if err != nil {
		return conv(err)
	}
	defer rs.Close()
	for rs.Next() {
		if err := b.scan(rs); err != nil {
			return err
		}
	}
	return conv(rs.Err())
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"loa"
)

const planCols = `p.id, p.year, p.number, p.title, p.issued_on, COALESCE(d.id, 0), COALESCE(d.number, ''), COALESCE(d.title, ''),
	p.note, p.version, p.updated_at`

// documents is another feature's register; a plan names a row of it, or, when it
// names none, is shown with the register's entry that has its number (Plan 14 is
// found under "14/KH-VKS" even when the plan was entered before the document).
const planFrom = ` FROM plans p LEFT JOIN documents d ON d.id = COALESCE(p.document_id,
	(SELECT MIN(x.id) FROM documents x WHERE x.number = p.number AND p.number <> ''))`

func scanPlan(sc interface{ Scan(...any) error }) (*loa.Plan, error) {
	var p loa.Plan
	err := sc.Scan(&p.ID, &p.Year, &p.Number, &p.Title, &p.Issued, &p.DocumentID, &p.DocumentNumber, &p.DocumentTitle,
		&p.Note, &p.Version, &p.UpdatedAt)
	return &p, err
}

// Plans returns every plan, the latest year first.
func (db *DB) Plans(ctx context.Context) (_ []*loa.Plan, err error) {
	defer wrapErr(&err, "list plans")
	rows, err := db.query(ctx, "SELECT "+planCols+planFrom+" ORDER BY p.year DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Plan returns the plan with id. ENOTFOUND when there is none.
func (db *DB) Plan(ctx context.Context, id int64) (_ *loa.Plan, err error) {
	defer wrapErr(&err, "read plan %d", id)
	p, err := scanPlan(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+planCols+planFrom+" WHERE p.id = ?"), id))
	return p, notFound(err, "kế hoạch")
}

// SavePlan creates the plan (ID 0) or updates it at the version it was read. One plan
// per work year: a second one for the same year is a field error on year. A document
// must exist in the register. EINVALID with fields, ECONFLICT for a stale version.
func (db *DB) SavePlan(ctx context.Context, p *loa.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save plan %d of year %d", p.ID, p.Year), func(ctx context.Context) error {
		if p.DocumentID != 0 {
			n, err := db.count(ctx, "SELECT COUNT(*) FROM documents WHERE id = ?", p.DocumentID)
			if err != nil {
				return err
			}
			if n == 0 {
				return loa.FieldError("document_id", "Không có văn bản này.")
			}
		}
		if p.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO plans (year, number, title, issued_on, document_id, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				p.Year, p.Number, p.Title, p.Issued, nullID(p.DocumentID), p.Note, now())
			if err != nil {
				return conflictField(err, "year", "Năm công tác này đã có kế hoạch.")
			}
			p.ID, p.Version = id, 1
			return db.audit(ctx, "create", "plan", id, nil, p)
		}
		before, err := db.Plan(ctx, p.ID)
		if err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE plans SET year = ?, number = ?, title = ?, issued_on = ?, document_id = ?, note = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			p.Year, p.Number, p.Title, p.Issued, nullID(p.DocumentID), p.Note, now(), p.ID, p.Version)
		if err != nil {
			return conflictField(err, "year", "Năm công tác này đã có kế hoạch.")
		}
		if err := changed(res); err != nil {
			return err
		}
		p.Version++
		return db.audit(ctx, "update", "plan", p.ID, before, p)
	})
}

// DocumentChoice is a row of the documents register offered when a plan is linked.
type DocumentChoice struct {
	ID     int64
	Number string
	Title  string
	Issued loa.Date
}

// PlanDocuments lists the register's documents, the newest first, for the plan form.
func (db *DB) PlanDocuments(ctx context.Context) (_ []DocumentChoice, err error) {
	defer wrapErr(&err, "list documents for plans")
	rows, err := db.query(ctx, "SELECT id, number, title, issued_on FROM documents ORDER BY issued_on DESC, id DESC LIMIT 500")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocumentChoice
	for rows.Next() {
		var d DocumentChoice
		if err := rows.Scan(&d.ID, &d.Number, &d.Title, &d.Issued); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Quotas returns the quotas of a period, by unit and kind.
func (db *DB) Quotas(ctx context.Context, period string) (_ []loa.UnitQuota, err error) {
	defer wrapErr(&err, "list quotas of period %s", period)
	rows, err := db.query(ctx, "SELECT unit_id, period, kind, target FROM quotas WHERE period = ? ORDER BY unit_id, kind", period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []loa.UnitQuota
	for rows.Next() {
		var q loa.UnitQuota
		if err := rows.Scan(&q.UnitID, &q.Period, &q.Kind, &q.Target); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// QuotaCell is one cell of the quota grid: a unit's target for a kind. Blank means no
// quota (a stored one is removed).
type QuotaCell struct {
	UnitID int64
	Kind   string
	Blank  bool
	Target int
}

// QuotaField is the form field (and error key) of a grid cell: "q-UNITID-KIND".
func QuotaField(unitID int64, kind string) string {
	return "q-" + strconv.FormatInt(unitID, 10) + "-" + kind
}

// SetQuotas writes the quota grid of period in one transaction: each cell is created,
// changed or (when blank) removed; cells not given are left as they are. The whole
// grid is refused, nothing written, when the period is bad (field "period") or any
// cell names an unknown unit or kind or a negative target (the cell's QuotaField).
// Every change is audited.
func (db *DB) SetQuotas(ctx context.Context, ys loa.YearStart, period string, cells []QuotaCell) error {
	var v loa.Validation
	if _, err := ys.ParsePeriod(period); err != nil {
		v.Add("period", loa.ErrorMessage(err))
	}
	return db.inTx(ctx, fmt.Sprintf("set quotas of period %s", period), func(ctx context.Context) error {
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		codes := map[int64]string{}
		for _, u := range units {
			codes[u.ID] = u.Code
		}
		for _, c := range cells {
			f := QuotaField(c.UnitID, c.Kind)
			switch {
			case codes[c.UnitID] == "":
				v.Add(f, fmt.Sprintf("Không có đơn vị mã số %d.", c.UnitID))
			case !loa.ValidQuotaKind(c.Kind):
				v.Add(f, fmt.Sprintf("Loại chỉ tiêu không hợp lệ %q.", c.Kind))
			case !c.Blank && c.Target < 0:
				v.Add(f, fmt.Sprintf("Chỉ tiêu của %s (%s) phải là số nguyên không âm.", codes[c.UnitID], c.Kind))
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		stored, err := db.Quotas(ctx, period)
		if err != nil {
			return err
		}
		type key struct {
			unit int64
			kind string
		}
		old := map[key]loa.UnitQuota{}
		for _, q := range stored {
			old[key{q.UnitID, q.Kind}] = q
		}
		for _, c := range cells {
			prev, had := old[key{c.UnitID, c.Kind}]
			next := loa.UnitQuota{UnitID: c.UnitID, Period: period, Kind: c.Kind, Target: c.Target}
			if (c.Blank && had) || (!c.Blank && (!had || prev.Target != c.Target)) {
				// A quota of a closed period is part of its figures.
				if err := db.refuseClosedQuota(ctx, period); err != nil {
					return err
				}
			}
			switch {
			case c.Blank && had:
				if _, err := db.exec(ctx, "DELETE FROM quotas WHERE unit_id = ? AND period = ? AND kind = ?", c.UnitID, period, c.Kind); err != nil {
					return err
				}
				err = db.audit(ctx, "delete", "quota", 0, prev, nil)
			case c.Blank:
				continue
			case had && prev.Target == c.Target:
				continue
			case had:
				if _, err := db.exec(ctx, "UPDATE quotas SET target = ? WHERE unit_id = ? AND period = ? AND kind = ?", c.Target, c.UnitID, period, c.Kind); err != nil {
					return err
				}
				err = db.audit(ctx, "update", "quota", 0, prev, next)
			default:
				if _, err := db.exec(ctx, "INSERT INTO quotas (unit_id, period, kind, target) VALUES (?, ?, ?, ?)", c.UnitID, period, c.Kind, c.Target); err != nil {
					return err
				}
				err = db.audit(ctx, "create", "quota", 0, nil, next)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

const themeCols = "id, COALESCE(code, ''), period, title, description, day, version, updated_at"

func scanTheme(sc interface{ Scan(...any) error }) (*loa.Theme, error) {
	var t loa.Theme
	err := sc.Scan(&t.ID, &t.Code, &t.Period, &t.Title, &t.Description, &t.Day, &t.Version, &t.UpdatedAt)
	return &t, err
}

// themes names its operation for Themes and ThemesOn, which hand over to it.
func (db *DB) themes(ctx context.Context, where string, args ...any) (_ []*loa.Theme, err error) {
	defer wrapErr(&err, "list themes")
	rows, err := db.query(ctx, "SELECT "+themeCols+" FROM themes "+where+" ORDER BY COALESCE(day, '9999'), title", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Theme
	for rows.Next() {
		t, err := scanTheme(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Themes returns the themes of the given periods (all themes when none is given),
// those with a day first, in date order.
func (db *DB) Themes(ctx context.Context, periods ...string) ([]*loa.Theme, error) {
	if len(periods) == 0 {
		return db.themes(ctx, "")
	}
	where, args := "WHERE period IN (?"+strings.Repeat(", ?", len(periods)-1)+")", make([]any, len(periods))
	for i, p := range periods {
		args[i] = p
	}
	return db.themes(ctx, where, args...)
}

// ThemesOn returns the themes whose day falls in [from, to], for the calendar.
func (db *DB) ThemesOn(ctx context.Context, from, to loa.Date) ([]*loa.Theme, error) {
	return db.themes(ctx, "WHERE day >= ? AND day <= ?", from, to)
}

// Theme returns the theme with id. ENOTFOUND when there is none.
func (db *DB) Theme(ctx context.Context, id int64) (_ *loa.Theme, err error) {
	defer wrapErr(&err, "read theme %d", id)
	t, err := scanTheme(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+themeCols+" FROM themes WHERE id = ?"), id))
	return t, notFound(err, "chủ đề")
}

// SaveTheme creates the theme (ID 0) or updates it at the version it was read. The
// period is read with ys. EINVALID with fields, ECONFLICT for a stale version.
func (db *DB) SaveTheme(ctx context.Context, ys loa.YearStart, t *loa.Theme) error {
	if err := t.Validate(ys); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save theme %d", t.ID), func(ctx context.Context) error {
		if err := db.themeCodeFree(ctx, t); err != nil {
			return err
		}
		if t.ID == 0 {
			id, err := db.insert(ctx, "INSERT INTO themes (code, period, title, description, day, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
				nullText(t.Code), t.Period, t.Title, t.Description, t.Day, now())
			if err != nil {
				return err
			}
			t.ID, t.Version = id, 1
			return db.audit(ctx, "create", "theme", id, nil, t)
		}
		before, err := db.Theme(ctx, t.ID)
		if err != nil {
			return err
		}
		if err := db.refuseClosedTheme(ctx, before, t); err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE themes SET code = ?, period = ?, title = ?, description = ?, day = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, nullText(t.Code), t.Period, t.Title, t.Description, t.Day, now(), t.ID, t.Version)
		if err != nil {
			return err
		}
		if err := changed(res); err != nil {
			return err
		}
		t.Version++
		return db.audit(ctx, "update", "theme", t.ID, before, t)
	})
}

// refuseClosedTheme refuses to rename theme before (its code or its title, as after
// has them) while items on it count in a period closed now: that period's report
// names the theme in by_theme (and its documents by title), and a closed period's
// report does not change. ECONFLICT naming the period (on the field "code", the
// back office's form); nil for any other change.
func (db *DB) refuseClosedTheme(ctx context.Context, before, after *loa.Theme) error {
	if before.Code == after.Code && before.Title == after.Title {
		return nil
	}
	closed, err := db.closedNow(ctx)
	if err != nil {
		return err
	}
	for _, c := range closed {
		n, err := db.count(ctx, "SELECT COUNT(*) FROM items WHERE theme_id = ? AND first_pub >= ? AND first_pub <= ?", before.ID, c.From, c.To)
		if err != nil {
			return err
		}
		if n > 0 {
			msg := fmt.Sprintf("Không đổi được mã, tên chủ đề: %d tin bài theo chủ đề này được tính trong kỳ đã chốt. %s",
				n, loa.ErrorMessage(closedError(c)))
			return &loa.Error{Code: loa.ECONFLICT, Message: msg, Fields: map[string]string{"code": msg}}
		}
	}
	return nil
}

// themeCodeFree refuses, on the form's code field, a code another theme has: codes
// name themes in files and the API, so they are unique (the unique index is the last
// guard; this gives the person a sentence).
func (db *DB) themeCodeFree(ctx context.Context, t *loa.Theme) error {
	if t.Code == "" {
		return nil
	}
	n, err := db.count(ctx, "SELECT COUNT(*) FROM themes WHERE code = ? AND id <> ?", t.Code, t.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		return loa.FieldError("code", "Đã có chủ đề khác mang mã "+t.Code+".")
	}
	return nil
}

// ThemeByCode returns the theme with code. ENOTFOUND when there is none.
func (db *DB) ThemeByCode(ctx context.Context, code string) (_ *loa.Theme, err error) {
	defer wrapErr(&err, "read theme %q", code)
	t, err := scanTheme(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+themeCols+" FROM themes WHERE code = ?"), code))
	return t, notFound(err, "chủ đề mã "+code)
}

// DeleteTheme deletes a theme that no assignment or item refers to; ECONFLICT otherwise.
func (db *DB) DeleteTheme(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete theme %d", id), func(ctx context.Context) error {
		t, err := db.Theme(ctx, id)
		if err != nil {
			return err
		}
		n, err := db.count(ctx, "SELECT COUNT(*) FROM assignments WHERE theme_id = ?", id)
		if err != nil {
			return err
		}
		if n > 0 {
			return loa.Errorf(loa.ECONFLICT, "Không thể xoá chủ đề vì còn %d nhiệm vụ theo chủ đề này.", n)
		}
		// Nor one items carry: it would change the by_theme of reports already sent.
		if n, err = db.count(ctx, "SELECT COUNT(*) FROM items WHERE theme_id = ?", id); err != nil {
			return err
		}
		if n > 0 {
			return loa.Errorf(loa.ECONFLICT, "Không thể xoá chủ đề vì còn %d tin bài theo chủ đề này.", n)
		}
		if _, err := db.exec(ctx, "DELETE FROM themes WHERE id = ?", id); err != nil {
			return err
		}
		return db.audit(ctx, "delete", "theme", id, t, nil)
	})
}

// ImportThemes stores a themes file (CONTRACTS.md "Import files"): a row whose code a
// stored theme has updates it (day and description only when the file has those
// columns), any other is created. The importer has checked the rows; they are checked
// again here with the back office's rules. One audit entry for the file.
func (db *DB) ImportThemes(ctx context.Context, ts []*loa.Theme, opt ImportOptions) (_ ImportSummary, err error) {
	defer wrapErr(&err, "import themes")
	sum := ImportSummary{Rows: len(ts)}
	for _, t := range ts {
		if t.Code == "" {
			return sum, loa.Errorf(loa.EINVALID, "chủ đề %q: thiếu mã", t.Title)
		}
		if err := t.Validate(loa.DefaultYearStart); err != nil {
			return sum, loa.Errorf(loa.EINVALID, "chủ đề %q: %v", t.Code, err)
		}
	}
	err = db.importTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		stored, err := db.Themes(ctx)
		if err != nil {
			return err
		}
		byCode := map[string]*loa.Theme{}
		for _, t := range stored {
			if t.Code != "" {
				byCode[t.Code] = t
			}
		}
		stamp := now()
		var bad RowErrors
		for _, t := range ts {
			old := byCode[t.Code]
			if old == nil {
				id, err := db.insert(ctx, "INSERT INTO themes (code, period, title, description, day, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
					t.Code, t.Period, t.Title, t.Description, t.Day, stamp)
				if err != nil {
					return err
				}
				cp := *t
				cp.ID, cp.Version = id, 1
				byCode[t.Code] = &cp
				sum.Created++
				continue
			}
			n := *old
			n.Period, n.Title = t.Period, t.Title
			if opt.has("day") {
				n.Day = t.Day
			}
			if opt.has("description") {
				n.Description = t.Description
			}
			if n.Period == old.Period && n.Title == old.Title && n.Day.Equal(old.Day) && n.Description == old.Description {
				sum.Unchanged++
				continue
			}
			// A stored day outside the file's new period: the file must name the day.
			if err := n.Validate(loa.DefaultYearStart); err != nil {
				return loa.Errorf(loa.EINVALID, "chủ đề %q: %v", t.Code, err)
			}
			if err := db.refuseClosedTheme(ctx, old, &n); err != nil {
				if loa.ErrorCode(err) != loa.ECONFLICT {
					return err
				}
				bad = append(bad, RowError{t.Line, "title: " + loa.ErrorMessage(err)})
				continue
			}
			if _, err := db.exec(ctx, "UPDATE themes SET period = ?, title = ?, description = ?, day = ?, version = version + 1, updated_at = ? WHERE id = ?",
				n.Period, n.Title, n.Description, n.Day, stamp, n.ID); err != nil {
				return err
			}
			n.Version++
			*old = n
			sum.Updated++
		}
		if len(bad) > 0 {
			return bad
		}
		opt.progress(len(ts), len(ts))
		return db.importAudit(ctx, "theme", opt, sum)
	})
	return sum, err
}

// ThemeUnitCount is what one unit wrote on a theme: its items, and how many of them
// are published (have a first publication that counts).
type ThemeUnitCount struct {
	UnitID             int64
	UnitCode, UnitName string
	Items, Published   int
}

// ThemeCounts answers "how many items did we publish for 26/7?": the items on theme
// id by unit, sorted by unit code. A contributor sees its own unit's line only.
func (db *DB) ThemeCounts(ctx context.Context, id int64) (_ []ThemeUnitCount, err error) {
	defer wrapErr(&err, "count items of theme %d by unit", id)
	scope, args := itemUnitScope(ctx)
	rows, err := db.query(ctx, `SELECT u.id, u.code, u.name, COUNT(*), COUNT(i.first_pub) FROM items i JOIN units u ON u.id = i.unit_id
		WHERE i.theme_id = ?`+scope+` GROUP BY u.id, u.code, u.name ORDER BY u.code`, append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ThemeUnitCount
	for rows.Next() {
		var c ThemeUnitCount
		if err := rows.Scan(&c.UnitID, &c.UnitCode, &c.UnitName, &c.Items, &c.Published); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

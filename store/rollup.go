package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"loa"
)

// Rollup is a province's report as another loa produced it (`loa report`, the JSON of
// CONTRACTS.md "The report"), stored under that province's unit here so that the
// national report can count the provinces that keep their own records.
type Rollup struct {
	ID           int64     `json:"id"`
	UnitID       int64     `json:"unit_id"`
	UnitCode     string    `json:"unit_code"`
	From         loa.Date  `json:"from"`
	To           loa.Date  `json:"to"`
	Period       string    `json:"period,omitempty"`
	Items        int       `json:"items"`
	Publications int       `json:"publications"`
	ImportedAt   time.Time `json:"imported_at"`
	// Report is the whole report as imported, every unit line included (their codes
	// are the other loa's and need not exist here).
	Report *loa.Report `json:"-"`
}

// rollupFile is the report JSON with every required field a pointer, so that a
// missing field is told apart from a zero.
type rollupFile struct {
	From         *string        `json:"from"`
	To           *string        `json:"to"`
	Period       string         `json:"period"`
	Scope        string         `json:"scope"`
	Items        *int           `json:"items"`
	Publications *int           `json:"publications"`
	ByKind       map[string]int `json:"by_kind"`
	ByChannel    map[string]int `json:"by_channel"`
	ByTheme      map[string]int `json:"by_theme"` // optional: a later field
	Units        *[]rollupLine  `json:"units"`
}

type rollupLine struct {
	Code         *string           `json:"code"`
	Name         string            `json:"name"`
	Items        *int              `json:"items"`
	Publications *int              `json:"publications"`
	ByKind       map[string]int    `json:"by_kind"`
	Quotas       []loa.QuotaResult `json:"quotas"`
	Met          *bool             `json:"met"`
}

// MaxRollupCount bounds every count of a roll-up: a whole country's year is some
// hundred thousand items, so a count past ten million is a damaged or forged file,
// and refusing it keeps every sum far from overflowing.
const MaxRollupCount = 10_000_000

// ParseRollup reads a province's report JSON and checks it: valid JSON; from, to,
// items, publications, by_kind, by_channel and units present, and code, items,
// publications and by_kind on every unit line; from and to real dates, to not before
// from, and a period label, when given, that names exactly that range (with ys, this
// database's start of the work year); every count from 0 to MaxRollupCount; by_kind
// keys item kinds and quota kinds quota kinds; by_channel keys and unit codes valid
// codes (the other loa's: they need not exist here, SaveRollup checks the units that
// do); no unit code twice; and totals that add up: the unit lines' items,
// publications and by_kind sum to the report's, by_kind sums to items and by_channel
// to publications. EINVALID naming every problem, on one line.
func ParseRollup(b []byte, ys loa.YearStart) (*loa.Report, error) {
	var f rollupFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&f); err != nil {
		return nil, loa.Errorf(loa.EINVALID, "JSON không hợp lệ: %v", err)
	}
	if dec.More() {
		return nil, loa.Errorf(loa.EINVALID, "JSON không hợp lệ: có dữ liệu thừa sau báo cáo")
	}
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	for name, missing := range map[string]bool{"from": f.From == nil, "to": f.To == nil, "items": f.Items == nil,
		"publications": f.Publications == nil, "by_kind": f.ByKind == nil, "by_channel": f.ByChannel == nil, "units": f.Units == nil} {
		if missing {
			fail("thiếu trường %q", name)
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return nil, loa.Errorf(loa.EINVALID, "%s", strings.Join(bad, "; "))
	}
	r := &loa.Report{Period: f.Period, Scope: f.Scope, Items: *f.Items, Publications: *f.Publications,
		ByKind: clean(f.ByKind), ByChannel: clean(f.ByChannel), ByTheme: clean(f.ByTheme), Units: []*loa.ReportUnit{}, BelowQuota: []string{}}
	var err error
	if r.From, err = loa.ParseDate(*f.From); err != nil {
		fail("from: ngày không hợp lệ %s", loa.QuoteShort(*f.From))
	}
	if r.To, err = loa.ParseDate(*f.To); err != nil {
		fail("to: ngày không hợp lệ %s", loa.QuoteShort(*f.To))
	}
	if !loa.SpanOK(r.From, r.To) {
		fail("to %s trước from %s", r.To, r.From)
	}
	if f.Period != "" && !r.From.IsZero() && !r.To.IsZero() {
		// A label the report pages would show for another range than the one counted.
		if p, ok := ys.NamedPeriod(r.From, r.To); !ok || p.Name != f.Period {
			fail("period %s không khớp khoảng từ %s đến %s", loa.QuoteShort(f.Period), r.From, r.To)
		}
	}
	if f.Scope != "" && !loa.ValidCode(f.Scope) {
		fail("scope: mã đơn vị không hợp lệ %s", loa.QuoteShort(f.Scope))
	}
	// Counts: each checked alone before any is added, so that no sum can overflow.
	counts := func(at string, ns ...int) bool {
		for _, n := range ns {
			if n < 0 || n > MaxRollupCount {
				fail("%s: số đếm %d ngoài khoảng 0 … %d", at, n, MaxRollupCount)
				return false
			}
		}
		return true
	}
	countMap := func(at string, m map[string]int, validKey func(string) bool, what string) bool {
		ok := true
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !validKey(k) {
				fail("%s: %s không có %s", at, what, loa.QuoteShort(k))
				ok = false
			}
			ok = counts(at+"["+loa.QuoteShort(k)+"]", m[k]) && ok
		}
		return ok
	}
	isKind := func(k string) bool { return loa.ItemKind(k).Valid() }
	totalsOK := counts("tổng", r.Items, r.Publications)
	totalsOK = countMap("by_kind", f.ByKind, isKind, "loại tin bài") && totalsOK
	totalsOK = countMap("by_channel", f.ByChannel, loa.ValidCode, "mã kênh hợp lệ") && totalsOK
	totalsOK = countMap("by_theme", f.ByTheme, loa.ValidCode, "mã chủ đề hợp lệ") && totalsOK
	linesOK := true
	sumItems, sumPubs, sumKinds := 0, 0, map[string]int{}
	seen := map[string]bool{}
	for i, l := range *f.Units {
		at := fmt.Sprintf("units[%d]", i)
		if l.Code == nil || l.Items == nil || l.Publications == nil || l.ByKind == nil {
			fail("%s: thiếu code, items, publications hoặc by_kind", at)
			linesOK = false
			continue
		}
		code := *l.Code
		switch {
		case !loa.ValidCode(code):
			fail("%s: mã đơn vị không hợp lệ %s", at, loa.QuoteShort(code))
		case seen[code]:
			fail("%s: mã đơn vị %s lặp lại", at, code)
		}
		seen[code] = true
		if msg := loa.TextProblem(l.Name, loa.MaxUnitName, "Tên quá dài."); msg != "" {
			fail("%s (%s): name: %s", at, code, msg)
		}
		at += " (" + loa.QuoteShort(code) + ")"
		ok := counts(at, *l.Items, *l.Publications)
		ok = countMap(at+".by_kind", l.ByKind, isKind, "loại tin bài") && ok
		for j, q := range l.Quotas {
			qat := fmt.Sprintf("%s.quotas[%d]", at, j)
			if !loa.ValidQuotaKind(q.Kind) {
				fail("%s: loại chỉ tiêu không có %s", qat, loa.QuoteShort(q.Kind))
			}
			counts(qat, q.Target, q.Done)
		}
		if !ok {
			linesOK = false
			continue
		}
		sumItems += *l.Items
		sumPubs += *l.Publications
		for k, n := range l.ByKind {
			sumKinds[k] += n
		}
		u := &loa.ReportUnit{Code: code, Name: l.Name, Items: *l.Items, Publications: *l.Publications,
			ByKind: clean(l.ByKind), Quotas: l.Quotas, Met: l.Met}
		if u.Quotas == nil {
			u.Quotas = []loa.QuotaResult{}
		}
		r.Units = append(r.Units, u)
		if u.Met != nil && !*u.Met {
			r.BelowQuota = append(r.BelowQuota, code)
		}
	}
	// The sums are only compared when every count in them is in bounds.
	if linesOK && totalsOK {
		if sumItems != r.Items {
			fail("items %d khác tổng các đơn vị %d", r.Items, sumItems)
		}
		if sumPubs != r.Publications {
			fail("publications %d khác tổng các đơn vị %d", r.Publications, sumPubs)
		}
		if !maps.Equal(clean(sumKinds), r.ByKind) {
			fail("by_kind khác tổng by_kind của các đơn vị")
		}
		if n := sum(r.ByKind); n != r.Items {
			fail("by_kind cộng lại %d, khác items %d", n, r.Items)
		}
		if n := sum(r.ByChannel); n != r.Publications {
			fail("by_channel cộng lại %d, khác publications %d", n, r.Publications)
		}
	}
	if len(bad) > 0 {
		return nil, loa.Errorf(loa.EINVALID, "%s", strings.Join(bad, "; "))
	}
	slices.SortFunc(r.Units, func(a, b *loa.ReportUnit) int { return strings.Compare(a.Code, b.Code) })
	slices.Sort(r.BelowQuota)
	return r, nil
}

// clean copies m without its zero counts, as the report's maps leave them out.
func clean(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range m {
		if n != 0 {
			out[k] = n
		}
	}
	return out
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// SaveRollup stores r, a report ParseRollup accepted, as the roll-up of the province
// with unitCode: the report's own scope when it has one (unitCode must then be empty
// or the same). A roll-up of the same province and the same range is replaced.
// Audited. It reports whether an earlier roll-up was replaced. EINVALID when the
// unit is missing, unknown, or not a province.
func (db *DB) SaveRollup(ctx context.Context, unitCode string, r *loa.Report) (*Rollup, bool, error) {
	code := r.Scope
	switch {
	case code == "" && unitCode == "":
		return nil, false, loa.Errorf(loa.EINVALID, "báo cáo không có scope: cần --unit MÃ_TỈNH")
	case code == "":
		code = unitCode
	case unitCode != "" && unitCode != code:
		return nil, false, loa.Errorf(loa.EINVALID, "báo cáo của đơn vị %s (scope), không phải %s (--unit)", code, unitCode)
	}
	var out *Rollup
	var replaced bool
	err := db.inTx(ctx, fmt.Sprintf("save rollup of unit %q", code), func(ctx context.Context) error {
		u, err := db.UnitByCode(ctx, code)
		if loa.ErrorCode(err) == loa.ENOTFOUND {
			return loa.Errorf(loa.EINVALID, "không có đơn vị mã %q", code)
		}
		if err != nil {
			return err
		}
		if u.Kind != loa.UnitProvince {
			return loa.Errorf(loa.EINVALID, "đơn vị %s không phải VKSND cấp tỉnh (province)", code)
		}
		if err := db.rollupUnitsBelong(ctx, code, r); err != nil {
			return err
		}
		stored := *r
		stored.Scope = code
		b, err := json.Marshal(&stored)
		if err != nil {
			return err
		}
		out = &Rollup{UnitID: u.ID, UnitCode: u.Code, From: r.From, To: r.To, Period: r.Period,
			Items: r.Items, Publications: r.Publications, ImportedAt: now(), Report: &stored}
		var before *Rollup
		var oldID int64
		err = db.row(ctx, "báo cáo", `SELECT id FROM report_rollups WHERE unit_id = ? AND date_from = ? AND date_to = ?`,
			[]any{u.ID, r.From, r.To}, &oldID)
		switch {
		case err == nil:
			replaced = true
			if before, err = db.rollup(ctx, oldID); err != nil {
				return err
			}
			out.ID = oldID
			_, err = db.exec(ctx, `UPDATE report_rollups SET period = ?, items = ?, publications = ?, report_json = ?, imported_at = ?
				WHERE id = ?`, out.Period, out.Items, out.Publications, string(b), out.ImportedAt, oldID)
		case loa.ErrorCode(err) == loa.ENOTFOUND:
			out.ID, err = db.insert(ctx, `INSERT INTO report_rollups (unit_id, date_from, date_to, period, items, publications, report_json, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, r.From, r.To, out.Period, out.Items, out.Publications, string(b), out.ImportedAt)
		}
		if err != nil {
			return err
		}
		return db.audit(ctx, "import", "report_rollup", out.ID, before, out)
	})
	if err != nil {
		return nil, false, err
	}
	return out, replaced, nil
}

// rollupUnitsBelong refuses a roll-up of province whose unit lines name a unit this
// database knows outside that province (another province, one of its units, the
// Supreme Procuracy): a report sent for the wrong province, or forged. A code this
// database does not know is the province's own business (its departments and
// district units need not be registered nationally) and is accepted.
func (db *DB) rollupUnitsBelong(ctx context.Context, province string, r *loa.Report) error {
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	in, err := reportScope(units, province)
	if err != nil {
		return err
	}
	byCode := map[string]*loa.Unit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	var bad []string
	for _, l := range r.Units {
		if u := byCode[l.Code]; u != nil && !in[u.ID] {
			bad = append(bad, l.Code)
		}
	}
	if len(bad) > 0 {
		return loa.Errorf(loa.EINVALID, "báo cáo của %s có dòng của đơn vị không thuộc %s: %s", province, province, strings.Join(bad, ", "))
	}
	return nil
}

const rollupSelect = `SELECT r.id, r.unit_id, u.code, r.date_from, r.date_to, r.period, r.items, r.publications, r.report_json, r.imported_at
	FROM report_rollups r JOIN units u ON u.id = r.unit_id`

func scanRollup(sc interface{ Scan(...any) error }) (*Rollup, error) {
	var r Rollup
	var js string
	if err := sc.Scan(&r.ID, &r.UnitID, &r.UnitCode, &r.From, &r.To, &r.Period, &r.Items, &r.Publications, &js, &r.ImportedAt); err != nil {
		return nil, err
	}
	r.ImportedAt = r.ImportedAt.UTC()
	r.Report = &loa.Report{}
	if err := json.Unmarshal([]byte(js), r.Report); err != nil {
		return nil, fmt.Errorf("report_rollups %d: %w", r.ID, err)
	}
	return &r, nil
}

func (db *DB) rollup(ctx context.Context, id int64) (*Rollup, error) {
	r, err := scanRollup(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(rollupSelect+" WHERE r.id = ?"), id))
	return r, notFound(err, "báo cáo")
}

// Rollups returns the stored roll-ups, by province code then range.
func (db *DB) Rollups(ctx context.Context) (_ []*Rollup, err error) {
	defer wrapErr(&err, "list rollups")
	return db.rollups(ctx, rollupSelect+" ORDER BY u.code, r.date_from, r.date_to")
}

func (db *DB) rollups(ctx context.Context, q string, args ...any) ([]*Rollup, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Rollup
	for rows.Next() {
		r, err := scanRollup(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RolledUpReport is the report the people and scripts of loa see (the command line,
// the API and the report pages): Report, then ApplyRollups, read from one snapshot.
// EINVALID for a bad query or an unknown scope.
func (db *DB) RolledUpReport(ctx context.Context, q loa.ReportQuery) (*loa.Report, error) {
	r, _, err := db.RolledUpReportCodes(ctx, q)
	return r, err
}

// RolledUpReportCodes is RolledUpReport that also returns the codes of the provinces
// counted from a roll-up, sorted, so that a page can say which lines are theirs.
func (db *DB) RolledUpReportCodes(ctx context.Context, q loa.ReportQuery) (_ *loa.Report, _ []string, err error) {
	defer wrapErr(&err, "rolled-up report %s–%s", q.From, q.To)
	if err := q.Validate(); err != nil {
		return nil, nil, err
	}
	var r *loa.Report
	var applied []string
	err = db.reportSnapshot(ctx, func(ctx context.Context) error {
		var err error
		if r, err = db.Report(ctx, q); err != nil {
			return err
		}
		applied, err = db.ApplyRollups(ctx, r)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return r, applied, nil
}

// ApplyRollups adds to r, a report computed from this database's own records, the
// provinces that send their reports up instead (`loa import report`). The rule:
//
//   - only roll-ups whose range is exactly r's (same from, same to) are used; there is
//     no pro-rating of a year's roll-up into a half-year, nor adding up of quarters;
//   - only provinces within r's scope (all, or the scope unit and the units below it);
//   - a province is counted from its roll-up only when this database has nothing of
//     its own counting in the range for it or any unit below it (no item first
//     published and no publication in the range): raw records always win, so nothing
//     is ever counted twice;
//   - the province and the units below it are then shown as ONE line, the province's
//     code and name here, with the roll-up's items, publications and by_kind, empty
//     quotas and met null (quotas are the province's own business); the roll-up's
//     by_kind and by_channel are added to the totals, by_channel under the other
//     loa's channel codes;
//   - units stay sorted by code and below_quota is recomputed, so the lines still add
//     up to the totals.
//
// It returns the codes of the provinces counted from a roll-up, sorted.
func (db *DB) ApplyRollups(ctx context.Context, r *loa.Report) (_ []string, err error) {
	defer wrapErr(&err, "apply rollups")
	rus, err := db.rollups(ctx, rollupSelect+" WHERE r.date_from = ? AND r.date_to = ? ORDER BY u.code", r.From, r.To)
	if err != nil || len(rus) == 0 {
		return nil, err
	}
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	inScope, err := reportScope(units, r.Scope)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*loa.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	lines := map[string]*loa.ReportUnit{}
	for _, l := range r.Units {
		lines[l.Code] = l
	}
	var applied []string
	drop := map[string]bool{}
	for _, ru := range rus {
		p := byID[ru.UnitID]
		if p == nil || !inScope[p.ID] {
			continue
		}
		below, err := reportScope(units, p.Code)
		if err != nil {
			return nil, err
		}
		raw := false
		for id := range below {
			if l := lines[byID[id].Code]; l != nil && (l.Items > 0 || l.Publications > 0) {
				raw = true
			}
		}
		if raw {
			continue
		}
		for id := range below {
			drop[byID[id].Code] = true
		}
		applied = append(applied, p.Code)
		rep := ru.Report
		line := &loa.ReportUnit{Code: p.Code, Name: p.Name, Kind: p.Kind, Items: rep.Items, Publications: rep.Publications,
			ByKind: clean(rep.ByKind), Quotas: []loa.QuotaResult{}}
		lines[p.Code] = line
		r.Items += rep.Items
		r.Publications += rep.Publications
		for k, n := range rep.ByKind {
			if n != 0 {
				r.ByKind[k] += n
			}
		}
		for k, n := range rep.ByChannel {
			if n != 0 {
				r.ByChannel[k] += n
			}
		}
		for k, n := range rep.ByTheme {
			if n != 0 {
				r.ByTheme[k] += n
			}
		}
	}
	if len(applied) == 0 {
		return nil, nil
	}
	kept := r.Units[:0]
	for _, l := range r.Units {
		if !drop[l.Code] {
			kept = append(kept, l)
		}
	}
	for _, code := range applied {
		kept = append(kept, lines[code])
	}
	r.Units = kept
	slices.SortFunc(r.Units, func(a, b *loa.ReportUnit) int { return strings.Compare(a.Code, b.Code) })
	r.BelowQuota = []string{}
	for _, l := range r.Units {
		if l.Met != nil && !*l.Met {
			r.BelowQuota = append(r.BelowQuota, l.Code)
		}
	}
	return applied, nil
}

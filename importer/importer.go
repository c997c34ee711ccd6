// Package importer reads the import files of CONTRACTS.md ("Import files"): channels,
// units, quotas and items, as CSV or XLSX. It checks every row and reports every bad
// one as "FILE:LINE: reason", so that a person can fix a whole file in one pass; only
// a file without a bad row is handed to the store, which writes it in one transaction.
package importer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"loa"
	"loa/store"
)

// The kinds of import file.
const (
	Channels = "channels"
	Units    = "units"
	Quotas   = "quotas"
	Items    = "items"
	Themes   = "themes"
)

// Kinds lists the kinds of import file, in the order they are best imported: items
// name units, channels and themes, quotas name units.
var Kinds = []string{Channels, Units, Quotas, Themes, Items}

// columns are each kind's required columns, then its optional ones.
var columns = map[string]struct{ required, optional []string }{
	Channels: {[]string{"code", "name", "type"}, []string{"url"}},
	Units:    {[]string{"code", "name", "kind"}, []string{"parent_code", "valid_from", "valid_to", "successor_code"}},
	Quotas:   {[]string{"unit_code", "period", "kind", "target"}, nil},
	Items:    {[]string{"item_ref", "title", "kind", "unit_code", "channel", "published_on"}, []string{"authors", "topic", "url", "theme"}},
	Themes:   {[]string{"code", "period", "title"}, []string{"day", "description"}},
}

// Problem is one bad row of a file (or a bad header, line 1).
type Problem struct {
	File   string
	Line   int
	Reason string
}

// String is the contract's form: "FILE:LINE: reason".
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason) }

// Problems are the bad rows of a refused file, in line order, one per row.
type Problems []Problem

// Error is the problems one per line, as the command prints them.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Row is one record of a file, by its line (CSV) or row number (XLSX).
type Row struct {
	Line  int
	Cells []string
}

// Table is a file as read: its header and its non-blank rows.
type Table struct {
	File     string
	Columns  []string // the header, trimmed and lower-cased
	Rows     []Row
	index    map[string]int
	xlsx     bool // date columns then also accept Excel's serial numbers
	date1904 bool
}

// setHeader records the header row; a repeated column name is a problem, since one
// of the two would be silently ignored.
func (t *Table) setHeader(rec []string) Problems {
	t.index = map[string]int{}
	var ps Problems
	for i, c := range rec {
		c = strings.ToLower(trimCell(strings.TrimPrefix(c, "\uFEFF")))
		t.Columns = append(t.Columns, c)
		if c == "" {
			continue
		}
		if _, dup := t.index[c]; dup {
			ps = append(ps, Problem{t.File, 1, fmt.Sprintf("cột %s có hai lần trong dòng tiêu đề", loa.QuoteShort(c))})
			continue
		}
		t.index[c] = i
	}
	return ps
}

// addRow keeps a row unless all its cells are blank: spreadsheets leave such rows.
func (t *Table) addRow(line int, rec []string) {
	for _, c := range rec {
		if trimCell(c) != "" {
			t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
			return
		}
	}
}

// Has reports whether the file has column c.
func (t *Table) Has(c string) bool { _, ok := t.index[c]; return ok }

// get returns the trimmed cell of column c in r, "" when the column or cell is missing.
func (t *Table) get(r Row, c string) string {
	i, ok := t.index[c]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return trimCell(r.Cells[i])
}

// require checks the header has kind's required columns: one problem per missing
// column, on line 1.
func (t *Table) require(kind string) Problems {
	var ps Problems
	for _, c := range columns[kind].required {
		if !t.Has(c) {
			ps = append(ps, Problem{t.File, 1, fmt.Sprintf("thiếu cột bắt buộc %q (các cột cần có: %s)", c, strings.Join(columns[kind].required, ","))})
		}
	}
	return ps
}

// present lists the columns of kind the file has, for store.ImportOptions.Columns.
func (t *Table) present(kind string) []string {
	var out []string
	for _, c := range append(slices.Clone(columns[kind].required), columns[kind].optional...) {
		if t.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

// rowProblems collects the reasons a row is bad; the row gives one Problem with
// them all, since the contract wants one line per bad row.
type rowProblems struct {
	t       *Table
	ps      Problems
	reasons []string
	more    int // bad rows past maxProblems, counted but not kept
	next    int // the line of the first of them
}

// maxProblems bounds the problems a refused file keeps: a hostile file of a million
// short bad lines would otherwise make a list a hundred times its size. Past it, one
// last line says how many more bad rows there are.
const maxProblems = 10000

func (rp *rowProblems) add(format string, args ...any) {
	rp.reasons = append(rp.reasons, fmt.Sprintf(format, args...))
}

// end closes the row at line and reports whether it was good.
func (rp *rowProblems) end(line int) bool {
	if len(rp.reasons) == 0 {
		return true
	}
	if len(rp.ps) >= maxProblems {
		if rp.more == 0 {
			rp.next = line
		}
		rp.more++
	} else {
		rp.ps = append(rp.ps, Problem{rp.t.File, line, strings.Join(rp.reasons, "; ")})
	}
	rp.reasons = nil
	return false
}

// validation adds the field messages of err, the record's own Validate (the web
// form's rules and limits, defined once in package loa), under the column each field
// comes from in cols; fields not in cols are the importer's to check, and a column
// that already has a reason in this row keeps only that one.
func (rp *rowProblems) validation(err error, cols map[string]string) {
	fields := loa.ErrorFields(err)
	names := slices.Sorted(maps.Keys(fields))
	for _, f := range names {
		col, ok := cols[f]
		if !ok || slices.ContainsFunc(rp.reasons, func(r string) bool { return strings.HasPrefix(r, col+":") }) {
			continue
		}
		rp.add("%s: %s", col, fields[f])
	}
}

// result sorts the problems by line (checks across rows add theirs late) and returns
// them as an error, or nil.
func (rp *rowProblems) result() error {
	if len(rp.ps) == 0 {
		return nil
	}
	// Merge the reasons of one line given by different passes.
	byLine := map[int]int{}
	var out Problems
	for _, p := range rp.ps {
		if i, ok := byLine[p.Line]; ok {
			out[i].Reason += "; " + p.Reason
			continue
		}
		byLine[p.Line] = len(out)
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	if rp.more > 0 {
		out = append(out, Problem{rp.t.File, rp.next, fmt.Sprintf("và %d dòng hỏng khác từ dòng này trở đi (chỉ ghi %d dòng đầu)", rp.more, maxProblems)})
	}
	return out
}

// Known are the codes already in the database that a file's rows may name.
type Known struct {
	Units    map[string]*loa.Unit // by code
	Channels map[string]bool      // codes
	Themes   map[string]bool      // codes
}

// LoadKnown reads the stored units and channels.
func LoadKnown(ctx context.Context, db *store.DB) (Known, error) {
	k := Known{Units: map[string]*loa.Unit{}, Channels: map[string]bool{}, Themes: map[string]bool{}}
	us, err := db.Units(ctx)
	if err != nil {
		return k, err
	}
	for _, u := range us {
		k.Units[u.Code] = u
	}
	cs, err := db.Channels(ctx)
	if err != nil {
		return k, err
	}
	for _, c := range cs {
		k.Channels[c.Code] = true
	}
	ts, err := db.Themes(ctx)
	if err != nil {
		return k, err
	}
	for _, t := range ts {
		if t.Code != "" {
			k.Themes[t.Code] = true
		}
	}
	return k, nil
}

const codeRule = "chỉ gồm chữ cái không dấu, chữ số, '-' và '_'"

func checkCode(rp *rowProblems, col, v string) {
	switch {
	case v == "":
		rp.add("%s: thiếu mã", col)
	case !loa.ValidCode(v):
		rp.add("%s: mã không hợp lệ %s (%s)", col, loa.QuoteShort(v), codeRule)
	}
}

func listOf[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// maxDateLen is more than any date or period needs; a longer cell is named cut short,
// not quoted whole by the parser's message.
const maxDateLen = 40

// date reads a date cell: YYYY-MM-DD or DD/MM/YYYY, or in XLSX a date cell (Excel's
// serial number). ok is false (and a reason added) for anything else.
func (t *Table) date(rp *rowProblems, col, v string) (loa.Date, bool) {
	if t.xlsx {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f < 2958466 && f == math.Trunc(f) {
			if tm, err := excelize.ExcelDateToTime(f, t.date1904); err == nil {
				return loa.NewDate(tm.Year(), tm.Month(), tm.Day()), true
			}
		}
	}
	if len(v) > maxDateLen {
		rp.add("%s: ngày không hợp lệ %s", col, loa.QuoteShort(v))
		return loa.Date{}, false
	}
	d, err := loa.ParseDate(v)
	if err != nil {
		rp.add("%s: %v", col, err)
		return loa.Date{}, false
	}
	return d, true
}

// ParseChannels checks a channels file.
func (t *Table) ParseChannels() ([]*loa.Channel, error) {
	if ps := t.require(Channels); ps != nil {
		return nil, ps
	}
	rp := &rowProblems{t: t}
	var out []*loa.Channel
	for _, r := range t.Rows {
		c := &loa.Channel{Code: t.get(r, "code"), Name: t.get(r, "name"), Type: loa.ChannelType(t.get(r, "type")), URL: t.get(r, "url")}
		checkCode(rp, "code", c.Code)
		if c.Name == "" {
			rp.add("name: thiếu tên kênh")
		}
		if !c.Type.Valid() {
			rp.add("type: loại kênh không có %s (%s)", loa.QuoteShort(string(c.Type)), listOf(loa.ChannelTypes))
		}
		rp.validation(c.Validate(), map[string]string{"name": "name", "url": "url"})
		if rp.end(r.Line) {
			out = append(out, c)
		}
	}
	if err := rp.result(); err != nil {
		return nil, err
	}
	return lastWins(out, func(c *loa.Channel) string { return c.Code }), nil
}

// ParseThemes checks a themes file: the back office's rules and limits (loa.Theme's
// Validate, with the default start of the year, as quotas are read), each named
// under its column.
func (t *Table) ParseThemes() ([]*loa.Theme, error) {
	if ps := t.require(Themes); ps != nil {
		return nil, ps
	}
	rp := &rowProblems{t: t}
	var out []*loa.Theme
	for _, r := range t.Rows {
		th := &loa.Theme{Code: t.get(r, "code"), Period: t.get(r, "period"), Title: t.get(r, "title"), Description: t.get(r, "description"),
			Line: r.Line}
		checkCode(rp, "code", th.Code)
		if len(th.Period) > maxDateLen {
			rp.add("period: kỳ không hợp lệ %s", loa.QuoteShort(th.Period))
		} else if _, err := loa.DefaultYearStart.ParsePeriod(th.Period); err != nil {
			rp.add("period: %s", loa.ErrorMessage(err))
		}
		if th.Title == "" {
			rp.add("title: thiếu tên chủ đề")
		}
		if v := t.get(r, "day"); v != "" {
			th.Day, _ = t.date(rp, "day", v)
		}
		rp.validation(th.Validate(loa.DefaultYearStart), map[string]string{"title": "title", "description": "description", "day": "day"})
		if rp.end(r.Line) {
			out = append(out, th)
		}
	}
	if err := rp.result(); err != nil {
		return nil, err
	}
	return lastWins(out, func(th *loa.Theme) string { return th.Code }), nil
}

// lastWins keeps, for each key, the last record, at the place of the key's first one:
// "within one file a key may repeat; the last row wins".
func lastWins[T any](xs []T, key func(T) string) []T {
	at := map[string]int{}
	var out []T
	for _, x := range xs {
		k := key(x)
		if i, ok := at[k]; ok {
			out[i] = x
			continue
		}
		at[k] = len(out)
		out = append(out, x)
	}
	return out
}

// ParseUnits checks a units file against the stored units: parents and successors
// may be stored or defined anywhere in the file, and the parent links that would
// result may not loop.
func (t *Table) ParseUnits(k Known) ([]*loa.Unit, error) {
	if ps := t.require(Units); ps != nil {
		return nil, ps
	}
	rp := &rowProblems{t: t}
	inFile := map[string]bool{}
	for _, r := range t.Rows {
		if c := t.get(r, "code"); loa.ValidCode(c) {
			inFile[c] = true
		}
	}
	known := func(code string) bool { return inFile[code] || k.Units[code] != nil }
	type unitRow struct {
		u    *loa.Unit
		line int
	}
	var good []unitRow
	for _, r := range t.Rows {
		u := &loa.Unit{Code: t.get(r, "code"), Name: t.get(r, "name"), Kind: loa.UnitKind(t.get(r, "kind")),
			ParentCode: t.get(r, "parent_code"), SuccessorCode: t.get(r, "successor_code")}
		checkCode(rp, "code", u.Code)
		if u.Name == "" {
			rp.add("name: thiếu tên đơn vị")
		}
		if !u.Kind.Valid() {
			rp.add("kind: loại đơn vị không có %s (%s)", loa.QuoteShort(string(u.Kind)), listOf(loa.UnitKinds))
		}
		switch {
		case u.ParentCode == "":
		case u.ParentCode == u.Code:
			rp.add("parent_code: đơn vị %s không thể là cấp trên của chính nó", loa.QuoteShort(u.Code))
		case !known(u.ParentCode):
			rp.add("parent_code: không có đơn vị cấp trên mã %s (trong cơ sở dữ liệu hay trong tệp)", loa.QuoteShort(u.ParentCode))
		}
		switch {
		case u.SuccessorCode == "":
		case u.SuccessorCode == u.Code:
			rp.add("successor_code: đơn vị %s không thể là đơn vị kế nhiệm của chính nó", loa.QuoteShort(u.Code))
		case !known(u.SuccessorCode):
			rp.add("successor_code: không có đơn vị kế nhiệm mã %s (trong cơ sở dữ liệu hay trong tệp)", loa.QuoteShort(u.SuccessorCode))
		}
		okFrom, okTo := true, true
		if v := t.get(r, "valid_from"); v != "" {
			u.ValidFrom, okFrom = t.date(rp, "valid_from", v)
		}
		if v := t.get(r, "valid_to"); v != "" {
			u.ValidTo, okTo = t.date(rp, "valid_to", v)
		}
		if okFrom && okTo && !u.ValidFrom.IsZero() && !u.ValidTo.IsZero() && u.ValidTo.Before(u.ValidFrom) {
			rp.add("valid_to: ngày kết thúc %s trước ngày bắt đầu %s", u.ValidTo.Display(), u.ValidFrom.Display())
		}
		rp.validation(u.Validate(), map[string]string{"name": "name"})
		if rp.end(r.Line) {
			good = append(good, unitRow{u, r.Line})
		}
	}
	good = lastWins(good, func(ur unitRow) string { return ur.u.Code })

	// The parent and successor links after the import: the stored ones, replaced by
	// the file's; neither may loop.
	parent, successor := map[string]string{}, map[string]string{}
	for c, u := range k.Units {
		parent[c], successor[c] = u.ParentCode, u.SuccessorCode
	}
	for _, ur := range good {
		if t.Has("parent_code") || k.Units[ur.u.Code] == nil {
			parent[ur.u.Code] = ur.u.ParentCode
		}
		if t.Has("successor_code") || k.Units[ur.u.Code] == nil {
			successor[ur.u.Code] = ur.u.SuccessorCode
		}
	}
	for _, ur := range good {
		if cycle := loa.UnitCycle(parent, ur.u.Code); cycle != "" {
			rp.ps = append(rp.ps, Problem{t.File, ur.line, "parent_code: vòng lặp đơn vị cấp trên " + cycle})
		}
		if cycle := loa.UnitCycle(successor, ur.u.Code); cycle != "" {
			rp.ps = append(rp.ps, Problem{t.File, ur.line, "successor_code: vòng lặp đơn vị kế nhiệm " + cycle})
		}
	}
	if err := rp.result(); err != nil {
		return nil, err
	}
	out := make([]*loa.Unit, len(good))
	for i, ur := range good {
		out[i] = ur.u
	}
	return out, nil
}

// ParseQuotas checks a quotas file against the stored units.
func (t *Table) ParseQuotas(k Known) ([]store.QuotaImport, error) {
	if ps := t.require(Quotas); ps != nil {
		return nil, ps
	}
	rp := &rowProblems{t: t}
	var out []store.QuotaImport
	for _, r := range t.Rows {
		q := store.QuotaImport{Line: r.Line, UnitCode: t.get(r, "unit_code"), Period: t.get(r, "period"), Kind: t.get(r, "kind")}
		switch {
		case q.UnitCode == "":
			rp.add("unit_code: thiếu mã đơn vị")
		case k.Units[q.UnitCode] == nil:
			rp.add("unit_code: không có đơn vị mã %s", loa.QuoteShort(q.UnitCode))
		}
		if len(q.Period) > maxDateLen {
			rp.add("period: kỳ không hợp lệ %s", loa.QuoteShort(q.Period))
		} else if _, err := loa.DefaultYearStart.ParsePeriod(q.Period); err != nil {
			rp.add("period: %s", loa.ErrorMessage(err))
		}
		if !loa.ValidQuotaKind(q.Kind) {
			rp.add("kind: loại chỉ tiêu không có %s (%s, %s)", loa.QuoteShort(q.Kind), loa.QuotaKindAny, listOf(loa.ItemKinds))
		}
		v := t.get(r, "target")
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || strings.ContainsAny(v, "+-") || n > 1_000_000 {
			rp.add("target: chỉ tiêu phải là số nguyên từ 0 trở lên, không phải %s", loa.QuoteShort(v))
		}
		q.Target = n
		if rp.end(r.Line) {
			out = append(out, q)
		}
	}
	if err := rp.result(); err != nil {
		return nil, err
	}
	return lastWins(out, func(q store.QuotaImport) string { return q.UnitCode + "\x00" + q.Period + "\x00" + q.Kind }), nil
}

// ParseItems checks an items file against the stored units and channels. Rows of one
// item_ref must agree on title, kind and unit with the ref's first row; each row that
// disagrees is named.
func (t *Table) ParseItems(k Known) ([]store.ItemImport, error) {
	if ps := t.require(Items); ps != nil {
		return nil, ps
	}
	rp := &rowProblems{t: t}
	type firstRow struct {
		line                     int
		title, kind, unit, theme string
	}
	firsts := map[string]firstRow{}
	out := make([]store.ItemImport, 0, len(t.Rows))
	for _, r := range t.Rows {
		it := store.ItemImport{Line: r.Line, Ref: t.get(r, "item_ref"), Title: t.get(r, "title"), Kind: loa.ItemKind(t.get(r, "kind")),
			UnitCode: t.get(r, "unit_code"), ChannelCode: t.get(r, "channel"), Topic: t.get(r, "topic"), URL: t.get(r, "url"),
			ThemeCode: t.get(r, "theme")}
		if it.ThemeCode != "" && !k.Themes[it.ThemeCode] {
			rp.add("theme: không có chủ đề mã %s", loa.QuoteShort(it.ThemeCode))
		}
		if it.Ref == "" {
			rp.add("item_ref: thiếu mã tin bài")
		}
		if it.Title == "" {
			rp.add("title: thiếu tiêu đề")
		}
		if !it.Kind.Valid() {
			rp.add("kind: loại tin bài không có %s (%s)", loa.QuoteShort(string(it.Kind)), listOf(loa.ItemKinds))
		}
		switch {
		case it.UnitCode == "":
			rp.add("unit_code: thiếu mã đơn vị")
		case k.Units[it.UnitCode] == nil:
			rp.add("unit_code: không có đơn vị mã %s", loa.QuoteShort(it.UnitCode))
		}
		switch {
		case it.ChannelCode == "":
			rp.add("channel: thiếu mã kênh")
		case !k.Channels[it.ChannelCode]:
			rp.add("channel: không có kênh mã %s", loa.QuoteShort(it.ChannelCode))
		}
		if v := t.get(r, "published_on"); v == "" {
			rp.add("published_on: thiếu ngày đăng")
		} else {
			it.PublishedOn, _ = t.date(rp, "published_on", v)
		}
		for _, a := range strings.Split(t.get(r, "authors"), ";") {
			if a = strings.TrimSpace(a); a != "" {
				it.Authors = append(it.Authors, a)
			}
		}
		// The item form's and the publication form's rules, with the same limits.
		authors := make([]loa.Author, len(it.Authors))
		for i, a := range it.Authors {
			authors[i] = loa.Author{Name: a}
		}
		rp.validation((&loa.Item{Ref: it.Ref, Title: it.Title, Kind: it.Kind, Topic: it.Topic, Authors: authors}).Validate(),
			map[string]string{"ref": "item_ref", "title": "title", "topic": "topic", "authors": "authors"})
		rp.validation((&loa.Publication{ItemID: 1, ChannelCode: it.ChannelCode, PublishedOn: it.PublishedOn, URL: it.URL}).Validate(),
			map[string]string{"url": "url"})
		if it.Ref != "" {
			f, ok := firsts[it.Ref]
			if !ok {
				firsts[it.Ref] = firstRow{r.Line, it.Title, string(it.Kind), it.UnitCode, it.ThemeCode}
			} else {
				for _, d := range []struct{ col, first, this string }{
					{"title", f.title, it.Title}, {"kind", f.kind, string(it.Kind)}, {"unit_code", f.unit, it.UnitCode}, {"theme", f.theme, it.ThemeCode},
				} {
					if d.first != d.this {
						rp.add("%s: %s khác dòng %d cùng item_ref %s (%s)", d.col, loa.QuoteShort(d.this), f.line, loa.QuoteShort(it.Ref), loa.QuoteShort(d.first))
					}
				}
			}
		}
		if rp.end(r.Line) {
			out = append(out, it)
		}
	}
	if err := rp.result(); err != nil {
		return nil, err
	}
	return out, nil
}

// Read reads the file at path as CSV or XLSX, by its extension. Problems for a file
// that cannot be read as such (named with line 1 or the line of a syntax error).
func Read(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Problems{{File: path, Line: 1, Reason: "không mở được tệp: " + errText(err)}}
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return ReadCSV(path, f)
	case ".xlsx":
		return ReadXLSX(path, f)
	}
	return nil, Problems{{File: path, Line: 1, Reason: "chỉ nhận tệp .csv hoặc .xlsx"}}
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Import reads the file at path as an import of kind, checks every row, and stores
// it in one transaction. Problems when the file is refused (nothing is stored); other
// errors come from the database. opt.Source and opt.Columns are filled in here.
func Import(ctx context.Context, db *store.DB, kind, path string, opt store.ImportOptions) (store.ImportSummary, error) {
	if _, ok := columns[kind]; !ok {
		return store.ImportSummary{}, loa.Errorf(loa.EINVALID, "loại tệp nhập không có %q (%s)", kind, strings.Join(Kinds, ", "))
	}
	t, err := Read(path)
	if err != nil {
		return store.ImportSummary{}, err
	}
	return t.Import(ctx, db, kind, opt)
}

// Import checks the table as an import of kind and stores it; see the function Import.
func (t *Table) Import(ctx context.Context, db *store.DB, kind string, opt store.ImportOptions) (store.ImportSummary, error) {
	sum, err := t.importKind(ctx, db, kind, opt)
	var rows store.RowErrors
	if errors.As(err, &rows) {
		// Rows the store refused (a closed period's figures): FILE:LINE: reason.
		ps := make(Problems, len(rows))
		for i, r := range rows {
			ps[i] = Problem{t.File, r.Line, r.Reason}
		}
		return sum, ps
	}
	return sum, err
}

func (t *Table) importKind(ctx context.Context, db *store.DB, kind string, opt store.ImportOptions) (store.ImportSummary, error) {
	opt.Source = t.File
	opt.Columns = t.present(kind)
	var k Known
	if kind != Channels && kind != Themes {
		var err error
		if k, err = LoadKnown(ctx, db); err != nil {
			return store.ImportSummary{}, err
		}
	}
	switch kind {
	case Channels:
		cs, err := t.ParseChannels()
		if err != nil {
			return store.ImportSummary{}, err
		}
		return db.ImportChannels(ctx, cs, opt)
	case Units:
		us, err := t.ParseUnits(k)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return db.ImportUnits(ctx, us, opt)
	case Quotas:
		qs, err := t.ParseQuotas(k)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return db.ImportQuotas(ctx, qs, opt)
	case Themes:
		ts, err := t.ParseThemes()
		if err != nil {
			return store.ImportSummary{}, err
		}
		return db.ImportThemes(ctx, ts, opt)
	case Items:
		is, err := t.ParseItems(k)
		if err != nil {
			return store.ImportSummary{}, err
		}
		return db.ImportItems(ctx, is, opt)
	}
	return store.ImportSummary{}, loa.Errorf(loa.EINVALID, "loại tệp nhập không có %q (%s)", kind, strings.Join(Kinds, ", "))
}

func itoa(n int) string { return strconv.Itoa(n) }

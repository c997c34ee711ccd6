package loa

import (
	"slices"
	"strings"
	"time"
)

// ReportQuery asks for a report over an inclusive range of dates.
type ReportQuery struct {
	From, To Date
	// Scope is a unit code: only that unit and the units below it are counted and
	// listed. Empty counts every unit.
	Scope string
	// YearStart names the periods, so that a range that is exactly a period finds
	// that period's quotas however it was asked for.
	YearStart YearStart
}

// Validate refuses a range without both ends or whose end is before its start.
func (q ReportQuery) Validate() error {
	if q.From.IsZero() || q.To.IsZero() {
		return Errorf(EINVALID, "thiếu ngày đầu hoặc ngày cuối của khoảng báo cáo")
	}
	if !SpanOK(q.From, q.To) {
		return reversedRange(q.From, q.To)
	}
	if q.Scope != "" && !ValidCode(q.Scope) {
		return Errorf(EINVALID, "mã đơn vị phạm vi không hợp lệ %q", q.Scope)
	}
	return nil
}

// Report is the result of the counting rules over a range (CONTRACTS.md "The report").
// Its JSON is a public contract: the field names and their presence rules are fixed.
type Report struct {
	From Date `json:"from"`
	To   Date `json:"to"`
	// Period is the named period whose dates are exactly From and To; absent otherwise.
	Period string `json:"period,omitempty"`
	// Scope is the unit code the report was restricted to; absent for the whole data.
	// (An addition to CONTRACTS.md's JSON, which allows additions.)
	Scope        string `json:"scope,omitempty"`
	Items        int    `json:"items"`
	Publications int    `json:"publications"`
	// ByKind counts items by kind and ByChannel publications by channel code; zero
	// counts are left out, and an empty map is "{}", never null.
	ByKind    map[string]int `json:"by_kind"`
	ByChannel map[string]int `json:"by_channel"`
	// ByTheme counts items by their theme's code, as ByKind does (a later addition:
	// an item on no theme, or on a theme given no code, is in no entry).
	ByTheme map[string]int `json:"by_theme"`
	Units   []*ReportUnit  `json:"units"`
	// BelowQuota lists, sorted, the codes of the units whose Met is false; never null.
	BelowQuota []string `json:"below_quota"`
	// Pending counts the declared publications dated in the range that await
	// confirmation: they count nowhere until confirmed. Views are the views of the
	// public pages of the units' items on the days of the range (an imported site's
	// earlier views never). ClosedAt says when the Board closed the period whose
	// dates the range is exactly; absent while it is open. (Later additions to the
	// contract's JSON.)
	Pending  int        `json:"pending"`
	Views    int64      `json:"views"`
	ClosedAt *time.Time `json:"closed_at,omitempty"`
}

// ReportUnit is one unit's line of a report. Units are counted flat: a department's
// items are not added to its parent's line.
type ReportUnit struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Kind helps exports (the province's name heads a spreadsheet); it is not part of
	// the JSON contract.
	Kind         UnitKind       `json:"-"`
	Items        int            `json:"items"`
	Publications int            `json:"publications"`
	ByKind       map[string]int `json:"by_kind"`
	// Quotas are the unit's quotas for the report's period, sorted by kind; empty
	// (never null) when the range is not a named period.
	Quotas []QuotaResult `json:"quotas"`
	// Met is true when the unit has quotas and meets them all, false when it misses
	// one, and null (nil) when it has none: a pointer, so that JSON can say null.
	Met     *bool `json:"met"`
	Pending int   `json:"pending"`
	Views   int64 `json:"views"`
}

// QuotaResult is one quota of a unit with what the unit achieved.
type QuotaResult struct {
	Kind   string `json:"kind"`
	Target int    `json:"target"`
	Done   int    `json:"done"`
	Met    bool   `json:"met"`
}

// UnitQuota is a target number of items of a kind (or "any") for a unit and a
// named period, as the quotas table keeps it.
type UnitQuota struct {
	UnitID int64
	Period string
	Kind   string
	Target int
}

// CountInput is every record the counting rules read, in memory. Count over it is the
// reference the store's SQL is tested against.
type CountInput struct {
	Units    []*Unit
	Channels []*Channel
	// Items need ID, UnitID, Kind and ThemeID; their FirstPub is ignored and
	// recomputed from the publications.
	Items []*Item
	// Themes name the items' ThemeID by code.
	Themes []*Theme
	// Publications need ItemID, ChannelID, PublishedOn, Withdrawn and Status.
	Publications []*Publication
	Quotas       []UnitQuota
	Views        []ItemViews
}

// ItemViews is the number of views of an item's public page on a day.
type ItemViews struct {
	ItemID int64
	Day    Date
	Views  int64
}

// Count applies the counting rules of CONTRACTS.md to the records in in, with plain
// loops and no shortcuts, so that it can serve as the oracle for faster code:
//
//   - an item counts in the range when its first publication (the earliest
//     published_on of its publications that count: Publication.Counts) falls in it;
//   - a publication counts when Publication.Counts and its own date falls in it;
//   - both count for the unit that submitted the item, and only for it.
//
// What it counts becomes the report through BuildReport, as the store's counts do.
// EINVALID for a bad query or an unknown scope.
func Count(in CountInput, q ReportQuery) (*Report, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	in2 := func(d Date) bool { return !d.IsZero() && !d.Before(q.From) && !d.After(q.To) }
	first := FirstPublications(in.Publications)
	itemUnit := map[int64]int64{}
	for _, it := range in.Items {
		itemUnit[it.ID] = it.UnitID
	}
	type kindKey struct {
		unit, theme int64
		kind        string
	}
	type channelKey struct{ unit, channel int64 }
	items, pubs := map[kindKey]int{}, map[channelKey]int{}
	for _, it := range in.Items {
		if in2(first[it.ID]) {
			items[kindKey{it.UnitID, it.ThemeID, string(it.Kind)}]++
		}
	}
	pending, views := map[int64]int64{}, map[int64]int64{}
	for _, p := range in.Publications {
		if p.Counts() && in2(p.PublishedOn) {
			pubs[channelKey{itemUnit[p.ItemID], p.ChannelID}]++
		}
		if p.Pending() && in2(p.PublishedOn) {
			pending[itemUnit[p.ItemID]]++
		}
	}
	for _, v := range in.Views {
		if in2(v.Day) {
			views[itemUnit[v.ItemID]] += v.Views
		}
	}
	c := ReportCounts{Units: in.Units, Channels: in.Channels, Themes: in.Themes, Quotas: in.Quotas}
	for u, n := range pending {
		c.Pending = append(c.Pending, UnitCount{UnitID: u, N: n})
	}
	for u, n := range views {
		c.Views = append(c.Views, UnitCount{UnitID: u, N: n})
	}
	for k, n := range items {
		c.Items = append(c.Items, KindCount{UnitID: k.unit, Kind: k.kind, ThemeID: k.theme, N: n})
	}
	for k, n := range pubs {
		c.Publications = append(c.Publications, ChannelCount{UnitID: k.unit, ChannelID: k.channel, N: n})
	}
	return BuildReport(c, q)
}

// FirstPublications returns each item's first publication: the earliest
// published_on of its publications that count (Publication.Counts). Items without one are
// absent. It is the rule the store's items.first_pub keeps (store.ItemChanged).
func FirstPublications(pubs []*Publication) map[int64]Date {
	first := map[int64]Date{}
	for _, p := range pubs {
		if !p.Counts() {
			continue
		}
		if f, ok := first[p.ItemID]; !ok || p.PublishedOn.Before(f) {
			first[p.ItemID] = p.PublishedOn
		}
	}
	return first
}

// KindCount is how many items of a kind a unit has in a report's range, on the theme
// ThemeID (0 for none).
type KindCount struct {
	UnitID  int64
	Kind    string
	ThemeID int64
	N       int
}

// ChannelCount is how many publications of a unit's items a channel has in a
// report's range.
type ChannelCount struct {
	UnitID, ChannelID int64
	N                 int
}

// UnitCount is a number of one unit in a report's range: its declared publications
// awaiting confirmation, or its items' views.
type UnitCount struct {
	UnitID int64
	N      int64
}

// ReportCounts are what a report is built from: every unit and channel, the counts
// of the range (already restricted to it, by first publication for items and by
// their own date for publications that count) and the quotas. Counts
// may come in any order and split in several rows; quotas of other periods are
// ignored.
type ReportCounts struct {
	Units        []*Unit
	Channels     []*Channel
	Themes       []*Theme // name KindCount.ThemeID by code
	Items        []KindCount
	Publications []ChannelCount
	Quotas       []UnitQuota
	Pending      []UnitCount // declared publications dated in the range
	Views        []UnitCount // views of the units' items on the days of the range
	// ClosedAt is when the period that is exactly the range was closed; zero when
	// the range is no closed period.
	ClosedAt time.Time
}

// BuildReport is the one place counts become a report (CONTRACTS.md "The report"):
//
//   - only the units in q's scope count; counts of other or unknown units are dropped;
//   - the units listed are those that existed on some day of the range and any other
//     with something counting in it, sorted by code (byte-wise, whatever the
//     database's collation);
//   - quotas apply only when the range is exactly a named period, and only those of
//     that period.
//
// EINVALID for an unknown scope; q is taken as valid.
func BuildReport(c ReportCounts, q ReportQuery) (*Report, error) {
	inScope, err := UnitsInScope(c.Units, q.Scope)
	if err != nil {
		return nil, err
	}
	channelCode := make(map[int64]string, len(c.Channels))
	for _, ch := range c.Channels {
		channelCode[ch.ID] = ch.Code
	}
	themeCode := make(map[int64]string, len(c.Themes))
	for _, t := range c.Themes {
		themeCode[t.ID] = t.Code
	}
	r := &Report{From: q.From, To: q.To, Scope: q.Scope, ByKind: map[string]int{}, ByChannel: map[string]int{},
		ByTheme: map[string]int{}, Units: []*ReportUnit{}, BelowQuota: []string{}}
	period, named := q.YearStart.NamedPeriod(q.From, q.To)
	if named {
		r.Period = period.Name
	}
	lines := make(map[int64]*ReportUnit, len(c.Units))
	for _, u := range c.Units {
		lines[u.ID] = &ReportUnit{Code: u.Code, Name: u.Name, Kind: u.Kind, ByKind: map[string]int{}, Quotas: []QuotaResult{}}
	}
	for _, k := range c.Items {
		if !inScope[k.UnitID] {
			continue
		}
		r.Items += k.N
		r.ByKind[k.Kind] += k.N
		if code := themeCode[k.ThemeID]; code != "" && k.N != 0 {
			r.ByTheme[code] += k.N
		}
		l := lines[k.UnitID]
		l.Items += k.N
		l.ByKind[k.Kind] += k.N
	}
	for _, p := range c.Publications {
		if !inScope[p.UnitID] {
			continue
		}
		r.Publications += p.N
		r.ByChannel[channelCode[p.ChannelID]] += p.N
		lines[p.UnitID].Publications += p.N
	}
	for _, p := range c.Pending {
		if inScope[p.UnitID] {
			r.Pending += int(p.N)
			lines[p.UnitID].Pending += int(p.N)
		}
	}
	for _, v := range c.Views {
		if inScope[v.UnitID] {
			r.Views += v.N
			lines[v.UnitID].Views += v.N
		}
	}
	if named && !c.ClosedAt.IsZero() {
		at := c.ClosedAt.UTC()
		r.ClosedAt = &at
	}
	listed := map[int64]bool{}
	for _, u := range c.Units {
		l := lines[u.ID]
		if inScope[u.ID] && (u.ActiveDuring(q.From, q.To) || l.Items > 0 || l.Publications > 0 || l.Pending > 0 || l.Views > 0) {
			listed[u.ID] = true
			r.Units = append(r.Units, l)
		}
	}
	if named {
		for _, qt := range c.Quotas {
			if qt.Period != period.Name || !listed[qt.UnitID] {
				continue
			}
			l := lines[qt.UnitID]
			done := l.Items
			if qt.Kind != QuotaKindAny {
				done = l.ByKind[qt.Kind]
			}
			l.Quotas = append(l.Quotas, QuotaResult{Kind: qt.Kind, Target: qt.Target, Done: done, Met: done >= qt.Target})
		}
	}
	for _, l := range r.Units {
		l.Finish()
		if l.Met != nil && !*l.Met {
			r.BelowQuota = append(r.BelowQuota, l.Code)
		}
	}
	slices.SortFunc(r.Units, func(a, b *ReportUnit) int { return strings.Compare(a.Code, b.Code) })
	slices.Sort(r.BelowQuota)
	return r, nil
}

// UnitsInScope returns the ids of the units a report counts: all, or the unit with
// code scope and every unit below it. EINVALID for an unknown code.
func UnitsInScope(units []*Unit, scope string) (map[int64]bool, error) {
	in := make(map[int64]bool, len(units))
	if scope == "" {
		for _, u := range units {
			in[u.ID] = true
		}
		return in, nil
	}
	children := map[int64][]int64{}
	var root int64
	for _, u := range units {
		if u.Code == scope {
			root = u.ID
		}
		if u.ParentID != 0 {
			children[u.ParentID] = append(children[u.ParentID], u.ID)
		}
	}
	if root == 0 {
		return nil, Errorf(EINVALID, "không có đơn vị mã %q", scope)
	}
	stack := []int64{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if in[id] {
			continue // a cycle the store should never hold must not hang a report
		}
		in[id] = true
		stack = append(stack, children[id]...)
	}
	return in, nil
}

// Finish sorts the unit's quotas by kind and sets Met from them: nil without quotas,
// else whether every one is met.
func (l *ReportUnit) Finish() {
	slices.SortFunc(l.Quotas, func(a, b QuotaResult) int { return strings.Compare(a.Kind, b.Kind) })
	l.Met = nil
	if len(l.Quotas) == 0 {
		return
	}
	met := true
	for _, q := range l.Quotas {
		met = met && q.Met
	}
	l.Met = &met
}

// ReportRange reads what a person asks a report for: a period name, or a from and a
// to date, but not both and not neither. EINVALID, with a message naming the
// mistake, for a malformed period or date, a range whose end is before its start, or
// a wrong combination; the command line turns these into usage errors and the API
// into 400.
func (ys YearStart) ReportRange(period, from, to string) (Date, Date, error) {
	switch {
	case period != "" && (from != "" || to != ""):
		return Date{}, Date{}, Errorf(EINVALID, "chỉ chọn một: kỳ (period) hoặc khoảng ngày (from/to), không cả hai")
	case period != "":
		p, err := ys.ParsePeriod(period)
		if err != nil {
			return Date{}, Date{}, err
		}
		return p.From, p.To, nil
	case from == "" && to == "":
		return Date{}, Date{}, Errorf(EINVALID, "thiếu kỳ báo cáo: cho period (ví dụ 2024-H1) hoặc from và to")
	case from == "" || to == "":
		return Date{}, Date{}, Errorf(EINVALID, "khoảng ngày cần cả from và to")
	}
	return ParseRange(from, to)
}

package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"loa"
)

// Dashboard is the Board's view of a period: every unit's items against its quotas,
// worst first, with the pace forecast, the trend by month and the splits by kind and
// channel. Its counts come from Report, so the dashboard and the report never
// disagree; only the monthly trend (and a unit's channel split) are queried here.
type Dashboard struct {
	Period loa.Period
	Today  loa.Date
	Report *loa.Report // the period's report, as CONTRACTS.md computes it
	Units  []*DashboardUnit
	Trend  []MonthCount
	// ByChannel is the period's publications by channel, largest first, with names.
	ByChannel []ChannelCount
	Overdue   []*loa.Assignment // open assignments past due, in the units shown
	// Below is the number of units that miss a quota; Targeted of those with quotas.
	Below, Targeted int
	// ClosedAt is when the period's figures were closed (zero when open): its
	// results are then final, not forecast.
	ClosedAt time.Time
}

// DashboardUnit is one unit's line of the dashboard.
type DashboardUnit struct {
	ID           int64
	Code, Name   string
	Items        int
	Publications int
	// Views are the views of the unit's items' public pages on the period's days.
	Views  int64
	ByKind map[string]int
	Quotas []DashboardQuota
	// Met is nil when the unit has no quota, as in the report.
	Met *bool
	// Share is the percentage done of the unit's worst quota (0–100+); -1 with none.
	Share int
	// Forecast is the pace forecast of the unit's worst quota; nil with none.
	Forecast *loa.Forecast
	// WorstKind is the kind of that quota, which Share and Forecast measure.
	WorstKind string
	Overdue   int // open assignments past due
}

// Below reports whether the unit misses one of its quotas.
func (u *DashboardUnit) Below() bool { return u.Met != nil && !*u.Met }

// DashboardQuota is a quota with what was done and where the pace leads.
type DashboardQuota struct {
	loa.QuotaResult
	Share    int // percentage done
	Forecast loa.Forecast
}

// MonthCount is the number of items first published in a month (its first day).
type MonthCount struct {
	Month loa.Date
	Items int
}

// ChannelCount is a channel's publications in a range.
type ChannelCount struct {
	Code, Name   string
	Publications int
}

// DashboardQuery asks for a dashboard.
type DashboardQuery struct {
	Period    loa.Period
	YearStart loa.YearStart
	// Scope limits the units to one unit code and those below it (a province); empty
	// is every unit.
	Scope string
	// UnitID, when set, keeps only that unit's line (a unit's own page).
	UnitID int64
	Today  loa.Date
}

// Dashboard computes the dashboard of q. A contributor in ctx sees only its unit.
// The work is a fixed number of aggregate queries whatever the number of units: two
// reports (the period, and the period up to today for the pace), the trend and the
// overdue assignments. EINVALID for a bad scope.
func (db *DB) Dashboard(ctx context.Context, q DashboardQuery) (_ *Dashboard, err error) {
	defer wrapErr(&err, "dashboard %s–%s", q.Period.From, q.Period.To)
	if unit := scopeUnit(ctx); unit != 0 {
		q.UnitID, q.Scope = unit, ""
	}
	if q.Today.IsZero() {
		q.Today = loa.Today()
	}
	d := &Dashboard{Period: q.Period, Today: q.Today}
	err = db.reportSnapshot(ctx, func(ctx context.Context) error {
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		byCode := make(map[string]*loa.Unit, len(units))
		for _, u := range units {
			byCode[u.Code] = u
		}
		if q.UnitID != 0 && q.Scope == "" {
			// A unit's own line is flat, so the report scoped to it holds it exactly.
			for _, u := range units {
				if u.ID == q.UnitID {
					q.Scope = u.Code
				}
			}
			if q.Scope == "" {
				return loa.Errorf(loa.ENOTFOUND, "Không tìm thấy đơn vị.")
			}
		}
		rq := loa.ReportQuery{From: q.Period.From, To: q.Period.To, Scope: q.Scope, YearStart: q.YearStart}
		if d.Report, err = db.Report(ctx, rq); err != nil {
			return err
		}
		// The pace reads the items counted from the start to today: the same report
		// cut at today, its items alone (no report at all before the period starts).
		soFar := map[string]*loa.ReportUnit{}
		switch {
		case q.Today.Before(q.Period.From):
		case q.Today.Before(q.Period.To):
			rq.To = q.Today
			r, err := db.reportOf(ctx, rq, true)
			if err != nil {
				return err
			}
			for _, l := range r.Units {
				soFar[l.Code] = l
			}
		default:
			for _, l := range d.Report.Units {
				soFar[l.Code] = l
			}
		}
		if d.ClosedAt, err = db.PeriodClosedAt(ctx, q.Period.Name); err != nil {
			return err
		}
		overdue, err := db.overdueAssignments(ctx, q.Today)
		if err != nil {
			return err
		}
		shown := map[int64]bool{}
		for _, l := range d.Report.Units {
			u := byCode[l.Code]
			if u == nil || (q.UnitID != 0 && u.ID != q.UnitID) {
				continue
			}
			shown[u.ID] = true
			d.Units = append(d.Units, dashboardUnit(u, l, soFar[l.Code], q.Period, q.Today, !d.ClosedAt.IsZero()))
		}
		for _, a := range overdue {
			if shown[a.UnitID] {
				d.Overdue = append(d.Overdue, a)
			}
		}
		for _, du := range d.Units {
			for _, a := range d.Overdue {
				if a.UnitID == du.ID {
					du.Overdue++
				}
			}
			if du.Met != nil {
				d.Targeted++
				if !*du.Met {
					d.Below++
				}
			}
		}
		sortWorstFirst(d.Units)
		if d.Trend, err = db.monthlyTrend(ctx, q.Period, shown, len(shown) == len(units)); err != nil {
			return err
		}
		if q.UnitID != 0 {
			d.ByChannel, err = db.unitChannels(ctx, q.Period, q.UnitID)
		} else {
			d.ByChannel, err = db.channelCounts(ctx, d.Report.ByChannel)
		}
		return err
	})
	return d, err
}

// dashboardUnit builds a unit's line from its report lines over the period (l) and
// up to today (soFar, nil when nothing counted yet). A closed period's results are
// final: what was done, no forecast.
func dashboardUnit(u *loa.Unit, l, soFar *loa.ReportUnit, p loa.Period, today loa.Date, closed bool) *DashboardUnit {
	du := &DashboardUnit{ID: u.ID, Code: l.Code, Name: l.Name, Items: l.Items, Publications: l.Publications,
		Views: l.Views, ByKind: l.ByKind, Met: l.Met, Share: -1}
	worst := -1.0
	for _, qr := range l.Quotas {
		done := 0
		if soFar != nil {
			done = soFar.Items
			if qr.Kind != loa.QuotaKindAny {
				done = soFar.ByKind[qr.Kind]
			}
		}
		dq := DashboardQuota{QuotaResult: qr, Share: share(qr.Done, qr.Target), Forecast: loa.Pace(done, qr.Target, p, today)}
		if closed {
			dq.Forecast.Done = qr.Done
			dq.Forecast.Finalize()
		}
		du.Quotas = append(du.Quotas, dq)
		// The worst quota is the one whose forecast falls furthest short; its share
		// and forecast stand for the unit.
		ratio := 1.0
		if qr.Target > 0 {
			ratio = float64(dq.Forecast.Projected) / float64(qr.Target)
		}
		if worst < 0 || ratio < worst {
			worst = ratio
			f := dq.Forecast
			du.Forecast, du.Share, du.WorstKind = &f, dq.Share, qr.Kind
		}
	}
	return du
}

func share(done, target int) int {
	if target <= 0 {
		return 100
	}
	return done * 100 / target
}

// sortWorstFirst puts units missing a quota first, by share done, then those meeting
// theirs, then those without quotas; ties by code.
func sortWorstFirst(us []*DashboardUnit) {
	rank := func(u *DashboardUnit) int {
		switch {
		case u.Met == nil:
			return 2
		case !*u.Met:
			return 0
		}
		return 1
	}
	slices.SortStableFunc(us, func(a, b *DashboardUnit) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a.Share != b.Share {
			return a.Share - b.Share
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// overdueAssignments lists the open assignments past due (scoped for a contributor).
func (db *DB) overdueAssignments(ctx context.Context, today loa.Date) ([]*loa.Assignment, error) {
	as, _, err := db.Assignments(ctx, AssignmentFilter{Overdue: true, Today: today, Page: Page{Size: 500}})
	return as, err
}

// monthlyTrend counts the items of the units in shown by the month of their first
// publication, the counting rule's date, over every month of p (zero months kept).
// It groups by day, the order of items_count, so the database counts without
// sorting (grouped by unit and month it sorted a year's items: issue 20), and keeps
// to the units shown unless they are all of them (every: len(shown) units in all).
func (db *DB) monthlyTrend(ctx context.Context, p loa.Period, shown map[int64]bool, every bool) ([]MonthCount, error) {
	query, args := `SELECT first_pub, COUNT(*) FROM items WHERE first_pub >= ? AND first_pub <= ?`, []any{p.From, p.To}
	if !every {
		ids := make([]any, 0, len(shown))
		for id := range shown {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			ids = append(ids, 0) // no unit: IN () is not SQL
		}
		query += " AND unit_id IN (" + marks(len(ids)) + ")"
		args = append(args, ids...)
	}
	rows, err := db.query(ctx, query+" GROUP BY first_pub", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byMonth := map[string]int{}
	for rows.Next() {
		var day string
		var n int
		if err := rows.Scan(&day, &n); err != nil {
			return nil, err
		}
		if len(day) >= 7 {
			byMonth[day[:7]] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []MonthCount
	for _, m := range p.Months() {
		out = append(out, MonthCount{Month: m, Items: byMonth[m.YearMonth()]})
	}
	return out, nil
}

// channelCounts names the report's publications by channel, largest first.
func (db *DB) channelCounts(ctx context.Context, byCode map[string]int) ([]ChannelCount, error) {
	chans, err := db.Channels(ctx)
	if err != nil {
		return nil, err
	}
	var out []ChannelCount
	for _, c := range chans {
		if n := byCode[c.Code]; n > 0 {
			out = append(out, ChannelCount{Code: c.Code, Name: c.Name, Publications: n})
		}
	}
	slices.SortStableFunc(out, func(a, b ChannelCount) int { return b.Publications - a.Publications })
	return out, nil
}

// unitChannels is one unit's publications by channel over p. The report totals its
// channels over a scope that takes in the units below, so a unit's own split (flat,
// as the counting rules count units) is this one query: a publication counts by its
// own date, when it was not withdrawn, as in Report.
func (db *DB) unitChannels(ctx context.Context, p loa.Period, unitID int64) ([]ChannelCount, error) {
	rows, err := db.query(ctx, `SELECT c.code, COUNT(*) FROM publications p JOIN items i ON i.id = p.item_id
		JOIN channels c ON c.id = p.channel_id WHERE i.unit_id = ? AND p.published_on >= ? AND p.published_on <= ?
		AND `+countedPub+` GROUP BY c.code`, unitID, p.From, p.To)
	if err != nil {
		return nil, err
	}
	byCode := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			rows.Close()
			return nil, err
		}
		byCode[code] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return db.channelCounts(ctx, byCode)
}

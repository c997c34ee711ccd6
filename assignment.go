package loa

import (
	"slices"
	"strings"
	"time"
)

// Plan is the Board's plan for a work year (Plan 14 of 15/02/2024 for 2024). The
// quotas of the year's periods belong to it; the quotas table keeps them by period.
type Plan struct {
	ID     int64
	Year   int    // the work year, as YearStart.WorkYear counts it
	Number string // "14/KH-VKS"
	Title  string
	Issued Date
	// DocumentID names the plan's entry in the documents register, 0 for none.
	DocumentID     int64
	DocumentNumber string // filled on reading, for display
	DocumentTitle  string
	Note           string
	Version        int
	UpdatedAt      time.Time
}

// Validate checks a plan's own fields.
func (p *Plan) Validate() error {
	var v Validation
	p.Title = strings.TrimSpace(p.Title)
	p.Number = strings.TrimSpace(p.Number)
	v.Check(p.Year >= minPeriodYear && p.Year <= maxPeriodYear, "year", "Năm công tác không hợp lệ.")
	v.Check(p.Title != "", "title", "Xin nhập tên kế hoạch.")
	v.Check(len(p.Title) <= 500, "title", "Tên quá dài.")
	return v.Err()
}

// Theme is an orientation of a period: an anniversary with its Day (26/7, the
// sector's founding) or a running subject without one (digital transformation).
type Theme struct {
	ID int64
	// Code names the theme in import files and the API (CONTRACTS.md "Import files":
	// the items file's theme column); "" for a theme given none yet.
	Code        string
	Period      string
	Title       string
	Description string
	Day         Date // zero when the theme has no day of its own
	Version     int
	UpdatedAt   time.Time
	// Line is the theme's row in an import file, for a refusal the store alone can
	// judge (a closed period's by_theme); 0 elsewhere.
	Line int `json:"-"`
}

// Validate checks a theme; the period's name is read with ys, and a day must fall in
// that period.
func (t *Theme) Validate(ys YearStart) error {
	var v Validation
	t.Code = strings.TrimSpace(t.Code)
	v.Check(t.Code == "" || ValidCode(t.Code), "code", "Mã chủ đề chỉ gồm chữ cái không dấu, chữ số, '-' và '_' (tối đa 64 ký tự).")
	t.Title = strings.TrimSpace(t.Title)
	v.Check(t.Title != "", "title", "Xin nhập tên chủ đề.")
	v.Check(len(t.Title) <= MaxThemeTitle, "title", "Tên quá dài.")
	v.Text("description", t.Description, MaxThemeDescription, "Mô tả quá dài.")
	p, err := ys.ParsePeriod(t.Period)
	if err != nil {
		v.Add("period", ErrorMessage(err))
	} else if !t.Day.IsZero() && !p.Contains(t.Day) {
		v.Add("day", "Ngày của chủ đề nằm ngoài kỳ "+t.Period+".")
	}
	return v.Err()
}

// AssignmentState is where an assignment stands. Overdue is not a state: it is derived
// from the due date (Assignment.Overdue), so it can never disagree with the calendar.
type AssignmentState string

// The assignment states, after newsroom planning tools.
const (
	AssignmentAssigned   AssignmentState = "assigned"
	AssignmentInProgress AssignmentState = "in_progress"
	AssignmentSubmitted  AssignmentState = "submitted"
	AssignmentDone       AssignmentState = "done"
	AssignmentCancelled  AssignmentState = "cancelled"
)

// AssignmentStates lists the states in the order work goes through them.
var AssignmentStates = []AssignmentState{AssignmentAssigned, AssignmentInProgress, AssignmentSubmitted, AssignmentDone, AssignmentCancelled}

// Valid reports whether s is a known state.
func (s AssignmentState) Valid() bool { return slices.Contains(AssignmentStates, s) }

// Closed reports whether nothing more is expected: done or cancelled.
func (s AssignmentState) Closed() bool { return s == AssignmentDone || s == AssignmentCancelled }

// rank orders the open states so that moves "forward" can be told from moves back.
func (s AssignmentState) rank() int { return slices.Index(AssignmentStates, s) }

// CanMove reports whether an assignment may go from s to to. Work goes forward
// (assigned → in progress → submitted → done, steps may be skipped, since a linked item
// can be published at once); a submitted one may go back to in progress when its item
// is returned; any open one may be cancelled; done and cancelled are final.
func (s AssignmentState) CanMove(to AssignmentState) bool {
	if !s.Valid() || !to.Valid() || s.Closed() || s == to {
		return false
	}
	if to == AssignmentCancelled || to.rank() > s.rank() {
		return true
	}
	return s == AssignmentSubmitted && to == AssignmentInProgress
}

// AfterItemEvent returns the state an assignment in state s moves to when its linked
// item is submitted ("submitted") or first published ("published"), and whether it
// moves at all: never backwards, never out of a closed state.
func (s AssignmentState) AfterItemEvent(event string) (AssignmentState, bool) {
	var to AssignmentState
	switch event {
	case "submitted":
		to = AssignmentSubmitted
	case "published":
		to = AssignmentDone
	default:
		return s, false
	}
	if s.Closed() || to.rank() <= s.rank() {
		return s, false
	}
	return to, true
}

// Assignment asks a unit (optionally a person of it) for an item of a kind on a theme
// by a due date; it is fulfilled by a linked item.
type Assignment struct {
	ID         int64
	ThemeID    int64
	ThemeTitle string
	UnitID     int64
	UnitCode   string
	UnitName   string
	PersonID   int64
	PersonName string
	Kind       ItemKind
	Title      string
	Note       string
	Due        Date
	State      AssignmentState
	ItemID     int64
	ItemTitle  string
	CreatedOn  Date // the day it was given, in Vietnam: the due date may not precede it
	CreatedBy  int64
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Validate checks a new or edited assignment. A due date before the day the
// assignment was given is refused: nobody can meet it.
func (a *Assignment) Validate() error {
	var v Validation
	a.Title = strings.TrimSpace(a.Title)
	v.Check(a.UnitID > 0, "unit_id", "Xin chọn đơn vị được giao.")
	v.Check(a.Kind.Valid(), "kind", "Loại tin bài không hợp lệ.")
	v.Check(a.Title != "", "title", "Xin nhập nội dung yêu cầu.")
	v.Check(len(a.Title) <= 500, "title", "Nội dung quá dài.")
	switch {
	case a.Due.IsZero():
		v.Add("due", "Xin nhập hạn hoàn thành.")
	case !a.CreatedOn.IsZero() && a.Due.Before(a.CreatedOn):
		v.Add("due", "Hạn hoàn thành trước ngày giao ("+a.CreatedOn.Display()+").")
	}
	v.Check(a.State == "" || a.State.Valid(), "state", "Trạng thái không hợp lệ.")
	return v.Err()
}

// Overdue reports whether the assignment is still open after its due date.
func (a *Assignment) Overdue(today Date) bool {
	return !a.State.Closed() && !a.Due.IsZero() && today.After(a.Due)
}

// DaysLeft is the number of days from today to the due date (negative when overdue).
func (a *Assignment) DaysLeft(today Date) int {
	return int((a.Due.Time().Unix() - today.Time().Unix()) / 86400)
}

// AssignmentEvent is one change in an assignment's history.
type AssignmentEvent struct {
	ID           int64
	AssignmentID int64
	At           time.Time
	ActorID      int64
	Actor        string
	From, To     AssignmentState // From is "" for the creation
	Note         string
}

// Forecast is where a quota is heading at the pace kept so far.
type Forecast struct {
	Done    int // counted from the period's start to today
	Target  int
	Elapsed int // days of the period gone by, today included
	Days    int // days in the period
	// Projected is Done extended to the whole period at the same daily rate, rounded
	// down: a forecast never promises more than the pace kept so far reaches. It is
	// Done when there is no forecast (Early or Final).
	Projected int
	// Expected is what an even pace would have reached by today (Target × Elapsed / Days).
	Expected int
	// Meets: Projected reaches Target (for Early or Final: Done already does).
	Meets bool
	// Early: too little of the period has gone by for a pace to mean anything
	// (fewer than MinForecastDays); no forecast is made.
	Early bool
	// Final: the period is over (or its figures closed): Done is the result.
	Final bool
	// MinDays is the number of days after which a forecast is made.
	MinDays int
}

// BelowPace reports whether fewer items were counted than an even pace would have.
func (f Forecast) BelowPace() bool { return f.Done < f.Expected }

// Forecasting reports whether f projects anything: neither early nor final.
func (f Forecast) Forecasting() bool { return !f.Early && !f.Final }

// MinForecastDays is how much of p must have gone by before its pace is projected:
// a sixth of it, and never less than 30 days (issue 14: one item on day two is no
// forecast of 182).
func MinForecastDays(p Period) int { return max(p.Days()/6, 30) }

// Pace forecasts a quota of target over p from done items counted from p's start to
// today, by linear pace. Before MinForecastDays have gone by there is no forecast
// (Early); after the period ends the result is final (Final). A closed period is
// made final by its caller (Finalize).
func Pace(done, target int, p Period, today Date) Forecast {
	f := Forecast{Done: done, Target: target, Days: p.Days(), MinDays: MinForecastDays(p), Projected: done}
	switch {
	case today.Before(p.From):
		f.Elapsed = 0
	case today.After(p.To):
		f.Elapsed = f.Days
	default:
		f.Elapsed = Period{From: p.From, To: today}.Days()
	}
	if f.Days > 0 {
		f.Expected = target * f.Elapsed / f.Days
	}
	switch {
	case today.After(p.To):
		f.Final = true
	case f.Elapsed < f.MinDays:
		f.Early = true
	default:
		f.Projected = done * f.Days / f.Elapsed
	}
	f.Meets = f.Projected >= target
	return f
}

// Finalize makes f the final result of a closed period: what was done, no forecast.
func (f *Forecast) Finalize() {
	f.Final, f.Early, f.Projected = true, false, f.Done
	f.Meets = f.Done >= f.Target
}

package loa

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// YearStart is the first day of the sector's work year (năm công tác). It is a setting
// (LOA_YEAR_START, "MM-DD") rather than a constant because the work year is the
// sector's convention, not the calendar's, and a deployment may want calendar years. The zero YearStart behaves as DefaultYearStart, so a
// configuration left unset follows the contract.
//
// Work year Y is the one that ends in calendar year Y. With a start of 01-01 that is
// calendar year Y itself; with any other start M-D, work year Y runs from M-D of year
// Y-1 to the day before M-D of year Y. So with the default 12-01, "2024" is
// 2023-12-01 … 2024-11-30; with 03-15, "2024" is 2023-03-15 … 2024-03-14.
type YearStart struct {
	Month time.Month
	Day   int
}

// DefaultYearStart is 1 December, the start of the procuracy sector's work year.
var DefaultYearStart = YearStart{time.December, 1}

// ParseYearStart reads "MM-DD" (two digits each, surrounding spaces ignored since the
// value comes from the environment). It refuses days that do not exist (02-30) and also
// 02-29, which exists only in leap years: a work year must start on the same day every
// year.
func ParseYearStart(s string) (YearStart, error) {
	v := strings.TrimSpace(s)
	bad := func() (YearStart, error) {
		return YearStart{}, Errorf(EINVALID, "ngày bắt đầu năm công tác không hợp lệ %q (dạng MM-DD, ví dụ 12-01)", s)
	}
	if len(v) != 5 || v[2] != '-' || !periodDigits(v[:2]) || !periodDigits(v[3:]) {
		return bad()
	}
	m := int(v[0]-'0')*10 + int(v[1]-'0')
	d := int(v[3]-'0')*10 + int(v[4]-'0')
	if m < 1 || m > 12 || d < 1 || d > monthDays(2023, time.Month(m)) { // 2023: not a leap year
		return bad()
	}
	return YearStart{time.Month(m), d}, nil
}

// String is the "MM-DD" form ParseYearStart reads.
func (ys YearStart) String() string {
	ys = ys.orDefault()
	return fmt.Sprintf("%02d-%02d", int(ys.Month), ys.Day)
}

func (ys YearStart) orDefault() YearStart {
	if ys == (YearStart{}) {
		return DefaultYearStart
	}
	return ys
}

// Period is a named range of days: a work year, one of its halves or quarters.
// From and To are inclusive, as everywhere in loa.
type Period struct {
	Name     string
	From, To Date
}

// Period names cover these work years: four-digit years, and nothing before the
// sector's records could exist.
const (
	minPeriodYear = 1900
	maxPeriodYear = 9999
)

// ParsePeriod reads a period name: "2024" (the work year), "2024-H1", "2024-H2" (its
// halves) or "2024-Q1" … "2024-Q4" (its quarters), for years 1900 to 9999. Names are
// exact and case-sensitive ("2024-h1" and " 2024" are refused) so that a name a person
// or a file gives is always the canonical one stored with quotas and shown in reports.
//
// Halves are six months from the start of the work year and quarters three; each ends
// the day before the next begins. A start day missing from a later month (a start on
// the 31st) is moved to that month's last day.
func (ys YearStart) ParsePeriod(name string) (Period, error) {
	bad := func() (Period, error) {
		return Period{}, Errorf(EINVALID, "kỳ không hợp lệ %q (dạng 2024, 2024-H1, 2024-H2, 2024-Q1 … 2024-Q4; năm từ %d đến %d)", name, minPeriodYear, maxPeriodYear)
	}
	if len(name) < 4 || !periodDigits(name[:4]) {
		return bad()
	}
	y := int(name[0]-'0')*1000 + int(name[1]-'0')*100 + int(name[2]-'0')*10 + int(name[3]-'0')
	if y < minPeriodYear || y > maxPeriodYear {
		return bad()
	}
	ps := ys.PeriodsOfYear(y)
	switch rest := name[4:]; {
	case rest == "":
		return ps[0], nil
	case len(rest) != 3 || rest[0] != '-':
		return bad()
	case rest[1] == 'H' && '1' <= rest[2] && rest[2] <= '2':
		return ps[int(rest[2]-'0')], nil
	case rest[1] == 'Q' && '1' <= rest[2] && rest[2] <= '4':
		return ps[2+int(rest[2]-'0')], nil
	}
	return bad()
}

// PeriodsOfYear returns the periods of work year y, in the order a pick-list shows
// them: the year, H1, H2, Q1, Q2, Q3, Q4.
func (ys YearStart) PeriodsOfYear(y int) []Period {
	name := strconv.Itoa(y)
	at := func(months int) Date { return ys.boundary(y, months) }
	p := func(suffix string, from, to int) Period {
		return Period{Name: name + suffix, From: at(from), To: at(to).AddDays(-1)}
	}
	return []Period{
		p("", 0, 12),
		p("-H1", 0, 6), p("-H2", 6, 12),
		p("-Q1", 0, 3), p("-Q2", 3, 6), p("-Q3", 6, 9), p("-Q4", 9, 12),
	}
}

// boundary returns the day that is the given number of months after the first day of
// work year y. boundary(y, 12) is boundary(y+1, 0), so periods tile without gaps.
func (ys YearStart) boundary(y, months int) Date {
	ys = ys.orDefault()
	cy := y - 1
	if ys.Month == time.January && ys.Day == 1 {
		cy = y // the only start whose year ends in the calendar year it begins
	}
	m := int(ys.Month) - 1 + months
	cy += m / 12
	m %= 12
	return clampedDate(cy, time.Month(m+1), ys.Day)
}

// WorkYear returns the work year that contains d: with the default start,
// 2024-11-30 is in 2024 and 2024-12-01 in 2025.
func (ys YearStart) WorkYear(d Date) int {
	y := d.Year()
	switch {
	case d.Before(ys.boundary(y, 0)):
		return y - 1
	case !d.Before(ys.boundary(y+1, 0)):
		return y + 1
	}
	return y
}

// HalfOf returns the half of the work year that contains d: the default period of
// the dashboard, the report page, the plans and the pace reminders.
func (ys YearStart) HalfOf(d Date) Period {
	ps := ys.PeriodsOfYear(ys.WorkYear(d))
	if ps[1].Contains(d) {
		return ps[1]
	}
	return ps[2]
}

// NamedPeriod returns the period whose dates are exactly from and to, if there is one,
// so that a report asked for by dates still finds the quotas of its period. A work
// year is preferred to a half and a half to a quarter, though with different lengths
// they never coincide.
func (ys YearStart) NamedPeriod(from, to Date) (Period, bool) {
	y := ys.WorkYear(from)
	if y < minPeriodYear || y > maxPeriodYear {
		return Period{}, false
	}
	for _, p := range ys.PeriodsOfYear(y) {
		if p.From.Equal(from) && p.To.Equal(to) {
			return p, true
		}
	}
	return Period{}, false
}

// Contains reports whether d falls in p, both ends included.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.From) && !d.After(p.To)
}

// Days is the number of days in p, both ends included; 0 when To is before From.
func (p Period) Days() int {
	if p.To.Before(p.From) {
		return 0
	}
	// Unix seconds rather than time.Duration, which saturates after 292 years.
	return int((p.To.Time().Unix()-p.From.Time().Unix())/86400) + 1
}

// Months returns the first day of each calendar month that p touches, in order, as
// the buckets of a monthly trend chart. A work year starting 12-01 gives 12 months,
// December first.
func (p Period) Months() []Date {
	if p.To.Before(p.From) {
		return nil
	}
	var ms []Date
	for m := NewDate(p.From.Year(), p.From.Month(), 1); !m.After(p.To); m = m.AddMonths(1) {
		ms = append(ms, m)
	}
	return ms
}

// ParseMonth reads a calendar month "YYYY-MM" (years 1900 to 9999, two-digit month)
// and returns its first and last days. EINVALID for anything else.
func ParseMonth(s string) (Date, Date, error) {
	if len(s) != 7 || s[4] != '-' || !periodDigits(s[:4]) || !periodDigits(s[5:]) {
		return Date{}, Date{}, badMonth(s)
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:])
	if y < minPeriodYear || y > maxPeriodYear || m < 1 || m > 12 {
		return Date{}, Date{}, badMonth(s)
	}
	first := NewDate(y, time.Month(m), 1)
	return first, first.AddMonths(1).AddDays(-1), nil
}

func badMonth(s string) error {
	return Errorf(EINVALID, "Tháng không hợp lệ %q (dạng YYYY-MM, ví dụ 2026-11).", s)
}

// YearMonth is d's month in the form ParseMonth reads: "2026-11".
func (d Date) YearMonth() string { return d.String()[:7] }

// ParseRange reads an inclusive range of dates given as ParseDate accepts them and
// refuses one whose end is before its start (a usage error in the command, 400 on the
// API).
func ParseRange(from, to string) (Date, Date, error) {
	f, err := ParseDate(from)
	if err != nil {
		return Date{}, Date{}, Errorf(EINVALID, "từ ngày: %v", err)
	}
	t, err := ParseDate(to)
	if err != nil {
		return Date{}, Date{}, Errorf(EINVALID, "đến ngày: %v", err)
	}
	if !SpanOK(f, t) {
		return Date{}, Date{}, reversedRange(f, t)
	}
	return f, t, nil
}

// reversedRange is the error of a report range whose end is before its start, as the
// command line and the API say it.
func reversedRange(from, to Date) error {
	return Errorf(EINVALID, "khoảng ngày không hợp lệ: đến ngày %s trước từ ngày %s", to.Display(), from.Display())
}

// clampedDate is y-m-d, with d moved back to the last day of the month when the month
// is shorter.
func clampedDate(y int, m time.Month, d int) Date {
	if n := monthDays(y, m); d > n {
		d = n
	}
	return NewDate(y, m, d)
}

// monthDays is the number of days of month m of year y.
func monthDays(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// periodDigits reports whether s is made of ASCII digits only, and is not empty.
func periodDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// PeriodWords names a period as official documents write it: "năm 2024", "6 tháng
// đầu năm 2024", "6 tháng cuối năm 2024", "quý I năm 2025"; a range that is no named
// period is "từ ngày 05/01/2024 đến ngày 31/01/2024". Lower case, for the middle of a
// sentence or a title; a caller starting a sentence capitalises it.
func PeriodWords(period string, from, to Date) string {
	if len(period) >= 4 && periodDigits(period[:4]) {
		y := period[:4]
		switch period[4:] {
		case "":
			return "năm " + y
		case "-H1":
			return "6 tháng đầu năm " + y
		case "-H2":
			return "6 tháng cuối năm " + y
		case "-Q1":
			return "quý I năm " + y
		case "-Q2":
			return "quý II năm " + y
		case "-Q3":
			return "quý III năm " + y
		case "-Q4":
			return "quý IV năm " + y
		}
	}
	return "từ ngày " + from.Display() + " đến ngày " + to.Display()
}

package loa

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on any host, even one without zoneinfo.
)

// Zone is Vietnam's time zone. Every calendar date in loa is a date in this zone.
var Zone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// Date is a calendar date in Vietnam, stored as "YYYY-MM-DD" text on both databases
// so that comparisons and ranges behave the same on SQLite and PostgreSQL.
// The zero Date means "no date" (an unbounded validity end, for example).
type Date struct{ t time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date in Vietnam of the instant t:
// 23:30 UTC on 30 June is 1 July in Vietnam.
func DateOf(t time.Time) Date {
	v := t.In(Zone)
	return NewDate(v.Year(), v.Month(), v.Day())
}

// Today is the current date in Vietnam.
func Today() Date { return DateOf(time.Now()) }

// ParseDate reads "YYYY-MM-DD" or "DD/MM/YYYY". It refuses dates that do not exist,
// such as 31/02/2024. An empty string is an error; use ParseOptionalDate for fields that
// may be empty.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	layout := "2006-01-02"
	if strings.Contains(s, "/") {
		layout = "2/1/2006"
	}
	t, err := time.Parse(layout, s)
	// Years outside 1800–9999 are typing mistakes here, and year 1 would collide with
	// the zero Date ("no date").
	if err != nil || t.Year() < 1800 || t.Year() > 9999 {
		return Date{}, Errorf(EINVALID, "ngày không hợp lệ %q (dạng YYYY-MM-DD hoặc DD/MM/YYYY)", s)
	}
	return Date{t}, nil
}

// ParseOptionalDate is ParseDate where an empty string gives the zero Date.
func ParseOptionalDate(s string) (Date, error) {
	if strings.TrimSpace(s) == "" {
		return Date{}, nil
	}
	return ParseDate(s)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight of d in UTC; use it for arithmetic, not for display.
func (d Date) Time() time.Time { return d.t }

// Year, Month and Day are the parts of d.
func (d Date) Year() int         { return d.t.Year() }
func (d Date) Month() time.Month { return d.t.Month() }
func (d Date) Day() int          { return d.t.Day() }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns d moved by n months (normalised as time.AddDate does).
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// Before, After and Equal compare dates.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }
func (d Date) After(e Date) bool  { return d.t.After(e.t) }
func (d Date) Equal(e Date) bool  { return d.t.Equal(e.t) }

// String is the ISO form "YYYY-MM-DD" used in storage, files and JSON; "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Display is the form people read in Vietnam: dd/mm/yyyy.
func (d Date) Display() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

// Value stores d as text, or NULL for the zero Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text (or as a time from a driver that converts it).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	case time.Time:
		*d = NewDate(v.Year(), v.Month(), v.Day())
		return nil
	}
	return fmt.Errorf("loa.Date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > 10 {
		s = s[:10]
	}
	p, err := ParseDate(s)
	*d = p
	return err
}

// MarshalText gives "YYYY-MM-DD" (JSON and forms).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText accepts what ParseOptionalDate accepts.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseOptionalDate(string(b))
	*d = p
	return err
}

// FormatTime shows an instant as people in Vietnam read it: dd/mm/yyyy HH:mm.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("02/01/2006 15:04")
}

// Official writes the date as administrative documents do (Nghị định 30/2020/NĐ-CP):
// "ngày 05 tháng 02 năm 2026", a zero before days under 10 and before months 1 and 2
// (so that no one can add a digit in front), none before the other months.
func (d Date) Official() string {
	month := fmt.Sprint(int(d.Month()))
	if d.Month() <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day(), month, d.Year())
}

// BadDateMessage is what a form shows next to a date it cannot read.
const BadDateMessage = "Ngày không hợp lệ (dd/mm/yyyy)."

// SpanMessage is what a form shows next to an end before its start.
const SpanMessage = "Ngày kết thúc trước ngày bắt đầu."

// SpanOK reports whether from … to is a span of days: the end, when given, is not
// before the start, when given. Records valid from a day "until further notice"
// leave the end empty; a filter may leave either end empty.
func SpanOK(from, to Date) bool {
	return from.IsZero() || to.IsZero() || !to.Before(from)
}

// CheckSpan records SpanMessage for field (the end's) when from … to is no span.
func (v *Validation) CheckSpan(from, to Date, field string) {
	v.Check(SpanOK(from, to), field, SpanMessage)
}

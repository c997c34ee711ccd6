package loa

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// periodDate builds a date from "YYYY-MM-DD" for test tables, failing the test on a typo.
func periodDate(t *testing.T, s string) Date {
	t.Helper()
	v, err := ParseDate(s)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return v
}

func TestParseYearStart(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     YearStart
	}{
		{"default", "12-01", YearStart{time.December, 1}},
		{"calendar year", "01-01", YearStart{time.January, 1}},
		{"mid month", "03-15", YearStart{time.March, 15}},
		{"end of a long month", "01-31", YearStart{time.January, 31}},
		{"last day of February", "02-28", YearStart{time.February, 28}},
		{"spaces around", " 12-01\n", YearStart{time.December, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseYearStart(tc.in)
			if err != nil {
				t.Fatalf("ParseYearStart(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseYearStart(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if got, want := got.String(), strings.TrimSpace(tc.in); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
	for _, in := range []string{"", "12", "12-1", "1-01", "12/01", "13-01", "00-10", "12-00", "02-30", "02-29", "04-31", "12-32", "ab-cd", "+1-01", "12-01-2024"} {
		t.Run("refused "+in, func(t *testing.T) {
			_, err := ParseYearStart(in)
			if err == nil {
				t.Fatalf("ParseYearStart(%q) accepted", in)
			}
			if got, want := ErrorCode(err), EINVALID; got != want {
				t.Errorf("code: got %q, want %q", got, want)
			}
		})
	}
	t.Run("zero value is the default", func(t *testing.T) {
		if got, want := (YearStart{}).String(), "12-01"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestParsePeriod(t *testing.T) {
	def := DefaultYearStart
	cal := YearStart{time.January, 1}
	mar := YearStart{time.March, 15}
	end := YearStart{time.August, 31}
	for _, tc := range []struct {
		name     string
		ys       YearStart
		in       string
		from, to string
	}{
		// The examples of CONTRACTS.md.
		{"default year", def, "2024", "2023-12-01", "2024-11-30"},
		{"default H1", def, "2024-H1", "2023-12-01", "2024-05-31"},
		{"default H2", def, "2024-H2", "2024-06-01", "2024-11-30"},
		{"default Q1 leap", def, "2024-Q1", "2023-12-01", "2024-02-29"},
		{"default Q2", def, "2024-Q2", "2024-03-01", "2024-05-31"},
		{"default Q3", def, "2024-Q3", "2024-06-01", "2024-08-31"},
		{"default Q4", def, "2024-Q4", "2024-09-01", "2024-11-30"},
		{"default Q1 not leap", def, "2025-Q1", "2024-12-01", "2025-02-28"},
		{"zero value is the default", YearStart{}, "2024-H1", "2023-12-01", "2024-05-31"},
		{"first year", def, "1900", "1899-12-01", "1900-11-30"},
		{"last year", def, "9999", "9998-12-01", "9999-11-30"},
		// Calendar years.
		{"calendar year", cal, "2024", "2024-01-01", "2024-12-31"},
		{"calendar H1", cal, "2024-H1", "2024-01-01", "2024-06-30"},
		{"calendar H2", cal, "2024-H2", "2024-07-01", "2024-12-31"},
		{"calendar Q1 leap", cal, "2024-Q1", "2024-01-01", "2024-03-31"},
		{"calendar Q4", cal, "2024-Q4", "2024-10-01", "2024-12-31"},
		{"calendar last year", cal, "9999", "9999-01-01", "9999-12-31"},
		// A start of 03-15: work year 2024 runs 2023-03-15 … 2024-03-14, ending in 2024.
		{"mid-month year", mar, "2024", "2023-03-15", "2024-03-14"},
		{"mid-month H1", mar, "2024-H1", "2023-03-15", "2023-09-14"},
		{"mid-month H2", mar, "2024-H2", "2023-09-15", "2024-03-14"},
		{"mid-month Q4", mar, "2024-Q4", "2023-12-15", "2024-03-14"},
		// A start on the 31st: later boundaries move to the last day of short months.
		{"31st year", end, "2024", "2023-08-31", "2024-08-30"},
		{"31st Q1", end, "2024-Q1", "2023-08-31", "2023-11-29"},
		{"31st Q2 leap", end, "2024-Q2", "2023-11-30", "2024-02-28"},
		{"31st Q3", end, "2024-Q3", "2024-02-29", "2024-05-30"},
		{"31st Q4", end, "2024-Q4", "2024-05-31", "2024-08-30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.ys.ParsePeriod(tc.in)
			if err != nil {
				t.Fatalf("ParsePeriod(%q): %v", tc.in, err)
			}
			want := Period{Name: tc.in, From: periodDate(t, tc.from), To: periodDate(t, tc.to)}
			if !samePeriod(got, want) {
				t.Errorf("ParsePeriod(%q) = %v, want %v", tc.in, got, want)
			}
		})
	}
}

func samePeriod(a, b Period) bool {
	return a.Name == b.Name && a.From.Equal(b.From) && a.To.Equal(b.To)
}

// Period names are case-sensitive and exact: "2024-h1" is refused, so the name stored
// with a quota is always the canonical one.
func TestParsePeriodRefuses(t *testing.T) {
	for _, in := range []string{
		"", "24", "202", "20245", "2024-", "2024-H", "2024-H0", "2024-H3", "2024-Q0", "2024-Q5",
		"2024-h1", "2024-q1", "2024H1", "2024-H1 ", " 2024", "2024-S1", "2024-Q10",
		"1899", "0999", "0000", "-2024", "+2024", "２０２４", "2024-Ｈ1", "2024\x00",
	} {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			_, err := DefaultYearStart.ParsePeriod(in)
			if err == nil {
				t.Fatalf("ParsePeriod(%q) accepted", in)
			}
			if got, want := ErrorCode(err), EINVALID; got != want {
				t.Errorf("code: got %q, want %q", got, want)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
				t.Errorf("message %q does not name %q", err, in)
			}
		})
	}
}

func TestPeriodsOfYear(t *testing.T) {
	got := DefaultYearStart.PeriodsOfYear(2024)
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	if want := []string{"2024", "2024-H1", "2024-H2", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}; !slices.Equal(names, want) {
		t.Errorf("names: got %q, want %q", names, want)
	}
}

// TestPeriodsTile checks, for several starts and years, that halves and quarters cover
// their year without gap or overlap, that each is named back by NamedPeriod, and that
// consecutive years follow each other.
func TestPeriodsTile(t *testing.T) {
	for _, ys := range []YearStart{DefaultYearStart, {time.January, 1}, {time.March, 15}, {time.August, 31}, {time.February, 28}, {time.December, 31}} {
		for _, y := range []int{1900, 1999, 2000, 2023, 2024, 2025, 2100, 9999} {
			t.Run(fmt.Sprintf("%v/%d", ys, y), func(t *testing.T) {
				ps := ys.PeriodsOfYear(y)
				year := ps[0]
				if got := year.To.Year(); got != y {
					t.Errorf("year %d ends in %d", y, got)
				}
				checkTiles(t, year, ps[1:3])
				checkTiles(t, year, ps[3:7])
				for _, p := range ps {
					got, ok := ys.NamedPeriod(p.From, p.To)
					if !ok || !samePeriod(got, p) {
						t.Errorf("NamedPeriod(%v, %v) = %v, %v; want %v", p.From, p.To, got, ok, p)
					}
					back, err := ys.ParsePeriod(p.Name)
					if err != nil || !samePeriod(back, p) {
						t.Errorf("ParsePeriod(%q) = %v, %v; want %v", p.Name, back, err, p)
					}
					if got := ys.WorkYear(p.From); got != y {
						t.Errorf("WorkYear(%v) = %d, want %d", p.From, got, y)
					}
					if got := ys.WorkYear(p.To); got != y {
						t.Errorf("WorkYear(%v) = %d, want %d", p.To, got, y)
					}
				}
				if y < 9999 {
					next := ys.PeriodsOfYear(y + 1)[0]
					if !next.From.Equal(year.To.AddDays(1)) {
						t.Errorf("year %d ends %v but %d starts %v", y, year.To, y+1, next.From)
					}
				}
			})
		}
	}
}

func checkTiles(t *testing.T, whole Period, parts []Period) {
	t.Helper()
	if !parts[0].From.Equal(whole.From) {
		t.Errorf("%s starts %v, not with %s at %v", parts[0].Name, parts[0].From, whole.Name, whole.From)
	}
	if last := parts[len(parts)-1]; !last.To.Equal(whole.To) {
		t.Errorf("%s ends %v, not with %s at %v", last.Name, last.To, whole.Name, whole.To)
	}
	days := 0
	for i, p := range parts {
		if p.To.Before(p.From) {
			t.Errorf("%s is empty: %v … %v", p.Name, p.From, p.To)
		}
		days += p.Days()
		if i > 0 && !p.From.Equal(parts[i-1].To.AddDays(1)) {
			t.Errorf("%s starts %v, not the day after %s ends %v", p.Name, p.From, parts[i-1].Name, parts[i-1].To)
		}
	}
	if got, want := days, whole.Days(); got != want {
		t.Errorf("parts of %s have %d days, want %d", whole.Name, got, want)
	}
}

func TestNamedPeriod(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to string
		want     string // "" when the range is no named period
	}{
		{"year", "2023-12-01", "2024-11-30", "2024"},
		{"H1 asked by dates", "2023-12-01", "2024-05-31", "2024-H1"},
		{"Q1 leap", "2023-12-01", "2024-02-29", "2024-Q1"},
		{"Q1 one day short", "2023-12-01", "2024-02-28", ""},
		{"calendar year is not a work year", "2024-01-01", "2024-12-31", ""},
		{"one day", "2024-01-01", "2024-01-01", ""},
		{"reversed", "2024-11-30", "2023-12-01", ""},
		{"before 1900", "1898-12-01", "1899-11-30", ""},
		{"zero dates", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var from, to Date
			if tc.from != "" {
				from, to = periodDate(t, tc.from), periodDate(t, tc.to)
			}
			got, ok := DefaultYearStart.NamedPeriod(from, to)
			if tc.want == "" {
				if ok {
					t.Errorf("NamedPeriod(%v, %v) = %v, want none", from, to, got)
				}
				return
			}
			if !ok || got.Name != tc.want {
				t.Errorf("NamedPeriod(%v, %v) = %q, %v; want %q", from, to, got.Name, ok, tc.want)
			}
		})
	}
}

func TestWorkYear(t *testing.T) {
	for _, tc := range []struct {
		name string
		ys   YearStart
		day  string
		want int
	}{
		{"30 November ends the year", DefaultYearStart, "2024-11-30", 2024},
		{"1 December starts the next", DefaultYearStart, "2024-12-01", 2025},
		{"31 December", DefaultYearStart, "2024-12-31", 2025},
		{"1 January", DefaultYearStart, "2025-01-01", 2025},
		{"leap day", DefaultYearStart, "2024-02-29", 2024},
		{"calendar 31 December", YearStart{time.January, 1}, "2024-12-31", 2024},
		{"calendar 1 January", YearStart{time.January, 1}, "2025-01-01", 2025},
		{"mid-month last day", YearStart{time.March, 15}, "2024-03-14", 2024},
		{"mid-month first day", YearStart{time.March, 15}, "2024-03-15", 2025},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ys.WorkYear(periodDate(t, tc.day)); got != tc.want {
				t.Errorf("WorkYear(%s) = %d, want %d", tc.day, got, tc.want)
			}
		})
	}
}

func TestPeriodMethods(t *testing.T) {
	year, err := DefaultYearStart.ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("contains both ends", func(t *testing.T) {
		for _, tc := range []struct {
			day  string
			want bool
		}{
			{"2023-11-30", false}, {"2023-12-01", true}, {"2024-02-29", true},
			{"2024-11-30", true}, {"2024-12-01", false},
		} {
			if got := year.Contains(periodDate(t, tc.day)); got != tc.want {
				t.Errorf("Contains(%s) = %v, want %v", tc.day, got, tc.want)
			}
		}
	})
	t.Run("days", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			p    Period
			want int
		}{
			{"leap work year", year, 366},
			{"ordinary work year", mustPeriod(t, "2025"), 365},
			{"leap Q1", mustPeriod(t, "2024-Q1"), 91},
			{"one day", Period{From: periodDate(t, "2024-01-01"), To: periodDate(t, "2024-01-01")}, 1},
			{"reversed", Period{From: periodDate(t, "2024-01-02"), To: periodDate(t, "2024-01-01")}, 0},
			{"eight thousand years", Period{From: periodDate(t, "1900-01-01"), To: periodDate(t, "9999-12-31")}, 2958464},
		} {
			if got := tc.p.Days(); got != tc.want {
				t.Errorf("%s: Days() = %d, want %d", tc.name, got, tc.want)
			}
		}
	})
	t.Run("months", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			p    Period
			want []string
		}{
			{"work year", year, []string{
				"2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01",
				"2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01", "2024-11-01",
			}},
			{"mid-month quarter touches four months", mustPeriodOf(t, YearStart{time.March, 15}, "2024-Q1"), []string{
				"2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01",
			}},
			{"one day", Period{From: periodDate(t, "2024-02-29"), To: periodDate(t, "2024-02-29")}, []string{"2024-02-01"}},
			{"reversed", Period{From: periodDate(t, "2024-03-01"), To: periodDate(t, "2024-02-01")}, nil},
		} {
			var got []string
			for _, m := range tc.p.Months() {
				got = append(got, m.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: Months() = %q, want %q", tc.name, got, tc.want)
			}
		}
	})
}

func mustPeriod(t *testing.T, name string) Period {
	t.Helper()
	return mustPeriodOf(t, DefaultYearStart, name)
}

func mustPeriodOf(t *testing.T, ys YearStart, name string) Period {
	t.Helper()
	p, err := ys.ParsePeriod(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseRange(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		wantFrom       string // "" when refused
		wantTo         string
	}{
		{"ISO", "2023-12-01", "2024-05-31", "2023-12-01", "2024-05-31"},
		{"Vietnamese form", "1/12/2023", "31/05/2024", "2023-12-01", "2024-05-31"},
		{"one day", "2024-02-29", "2024-02-29", "2024-02-29", "2024-02-29"},
		{"to before from", "2024-05-31", "2023-12-01", "", ""},
		{"bad from", "2024-02-30", "2024-05-31", "", ""},
		{"bad to", "2024-01-01", "31/02/2024", "", ""},
		{"empty", "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, err := ParseRange(tc.from, tc.to)
			if tc.wantFrom == "" {
				if err == nil {
					t.Fatalf("ParseRange(%q, %q) = %v, %v; want an error", tc.from, tc.to, from, to)
				}
				if got, want := ErrorCode(err), EINVALID; got != want {
					t.Errorf("code: got %q, want %q", got, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRange(%q, %q): %v", tc.from, tc.to, err)
			}
			if got, want := from.String()+" "+to.String(), tc.wantFrom+" "+tc.wantTo; got != want {
				t.Errorf("ParseRange(%q, %q) = %s, want %s", tc.from, tc.to, got, want)
			}
		})
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, name := range []string{"2024", "2024-H1", "2024-H2", "2024-Q1", "2024-Q4", "1900", "9999-Q4", "2024-H3", "2024-Q5", "24", "2024-h1", ""} {
		f.Add(name, uint8(12), uint8(1))
	}
	f.Add("2024-Q2", uint8(1), uint8(1))
	f.Add("2024-Q3", uint8(8), uint8(31))
	f.Add("2024", uint8(2), uint8(29))
	f.Fuzz(func(t *testing.T, name string, month, day uint8) {
		ys, err := ParseYearStart(fmt.Sprintf("%02d-%02d", month, day))
		if err != nil {
			ys = DefaultYearStart
		}
		p, err := ys.ParsePeriod(name)
		if err != nil {
			return
		}
		if p.Name != name {
			t.Fatalf("ParsePeriod(%q) named %q", name, p.Name)
		}
		if p.To.Before(p.From) {
			t.Fatalf("ParsePeriod(%q) with start %v: %v after %v", name, ys, p.From, p.To)
		}
		back, ok := ys.NamedPeriod(p.From, p.To)
		if !ok || !samePeriod(back, p) {
			t.Fatalf("ParsePeriod(%q) with start %v = %v, but NamedPeriod gives %v, %v", name, ys, p, back, ok)
		}
		if !p.Contains(p.From) || !p.Contains(p.To) || p.Contains(p.To.AddDays(1)) || p.Contains(p.From.AddDays(-1)) {
			t.Fatalf("ParsePeriod(%q) with start %v = %v: Contains is wrong at its ends", name, ys, p)
		}
	})
}

func TestPeriodWords(t *testing.T) {
	from, to := NewDate(2024, 1, 5), NewDate(2024, 1, 31)
	for p, want := range map[string]string{
		"2024": "năm 2024", "2024-H1": "6 tháng đầu năm 2024", "2024-H2": "6 tháng cuối năm 2024",
		"2025-Q1": "quý I năm 2025", "2025-Q4": "quý IV năm 2025", "": "từ ngày 05/01/2024 đến ngày 31/01/2024",
	} {
		if got := PeriodWords(p, from, to); got != want {
			t.Errorf("%q: %q, want %q", p, got, want)
		}
	}
	if got := NewDate(2024, 6, 5).Official(); got != "ngày 05 tháng 6 năm 2024" {
		t.Errorf("official %q", got)
	}
	if got := NewDate(2026, 2, 15).Official(); got != "ngày 15 tháng 02 năm 2026" {
		t.Errorf("official %q", got)
	}
}

func TestHalfOf(t *testing.T) {
	ys := DefaultYearStart
	for day, want := range map[string]string{
		"2023-12-01": "2024-H1", "2024-05-31": "2024-H1", "2024-06-01": "2024-H2", "2024-11-30": "2024-H2", "2024-12-01": "2025-H1",
	} {
		if got := ys.HalfOf(periodDate(t, day)).Name; got != want {
			t.Errorf("HalfOf(%s) = %s, want %s", day, got, want)
		}
	}
}

func TestParseMonth(t *testing.T) {
	from, to, err := ParseMonth("2024-02")
	if err != nil || from.String() != "2024-02-01" || to.String() != "2024-02-29" || from.YearMonth() != "2024-02" {
		t.Fatalf("2024-02: %v %v %v", from, to, err)
	}
	for _, bad := range []string{"", "2024-2", "2024-13", "2024-00", "1899-12", "24-02", "2024/02", "2024-02-01", "octobre", "+024-02"} {
		if _, _, err := ParseMonth(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseMonth(%q) = %v, want EINVALID", bad, err)
		}
	}
}

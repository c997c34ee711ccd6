package loa

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // ISO form; "" when refused
	}{
		{"ISO", "2024-07-01", "2024-07-01"},
		{"ISO leap day", "2024-02-29", "2024-02-29"},
		{"Vietnamese form", "01/07/2025", "2025-07-01"},
		{"Vietnamese form without zeros", "1/7/2025", "2025-07-01"},
		{"spaces around", " 2024-07-01 ", "2024-07-01"},
		{"31 February", "31/02/2024", ""},
		{"29 February of a common year", "29/02/2023", ""},
		{"ISO 30 February", "2024-02-30", ""},
		{"month 13", "2024-13-01", ""},
		{"month first", "07/31/2024", ""},
		{"two-digit year", "1/7/25", ""},
		{"empty", "", ""},
		{"words", "hôm nay", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if got.String() != tc.want {
				t.Errorf("ParseDate(%q) = %v, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestDateOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"23:30 UTC on 30 June is 1 July in Vietnam", time.Date(2025, time.June, 30, 23, 30, 0, 0, time.UTC), "2025-07-01"},
		{"16:59 UTC is still the same day", time.Date(2025, time.June, 30, 16, 59, 0, 0, time.UTC), "2025-06-30"},
		{"17:00 UTC is the next day", time.Date(2025, time.June, 30, 17, 0, 0, 0, time.UTC), "2025-07-01"},
		{"new year", time.Date(2024, time.December, 31, 20, 0, 0, 0, time.UTC), "2025-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DateOf(tc.at).String(); got != tc.want {
				t.Errorf("DateOf(%v) = %s, want %s", tc.at, got, tc.want)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "31/02/2024", "29/02/2023", "1/7/2025", "01/07/2025", " 2024-07-01 ", "", "2024-13-01", "9999-12-31", "1900-01-01", "0001-01-01", "01/01/1799"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			return
		}
		if got.IsZero() || got.Year() < 1800 || got.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v: outside 1800–9999 or the zero Date (\"no date\")", s, got)
		}
		for _, form := range []string{got.String(), got.Display()} {
			again, err := ParseDate(form)
			if err != nil {
				t.Fatalf("ParseDate(%q) = %v, but ParseDate(%q): %v", s, got, form, err)
			}
			if !again.Equal(got) {
				t.Fatalf("ParseDate(%q) = %v, but ParseDate(%q) = %v", s, got, form, again)
			}
		}
		if tm := got.Time(); tm.Hour() != 0 || tm.Minute() != 0 || tm.Second() != 0 || tm.Nanosecond() != 0 || tm.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) = %v: not midnight UTC", s, tm)
		}
	})
}

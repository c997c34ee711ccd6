package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// TestDashboardThroughAHalfYear (issue 14, "done when"): the Board's dashboard of a
// half-year opened on its first day (no forecast, the sentence saying why), mid-way
// (a linear forecast, the method in a sentence) and after the period was closed (the
// final "đạt" / "không đạt", no forecast), each a server whose clock is set to that
// day; on both databases.
func TestDashboardThroughAHalfYear(t *testing.T) {
	t.Parallel()
	p, err := loa.DefaultYearStart.ParsePeriod("2024-H1")
	if err != nil {
		t.Fatal(err)
	}
	// at is a server clock on day d, mid-morning in Vietnam.
	at := func(d loa.Date) func(*web.Config) {
		return func(c *web.Config) { c.Now = func() time.Time { return d.Time().Add(9 * time.Hour) } }
	}
	// dashboard starts a server at day with the quotas of 10 items for the
	// contributor's unit (Hưng Hà) and for Vũ Thư, and items published on the given
	// days after the period's start; closed closes the period before the page opens.
	dashboard := func(t *testing.T, db *store.DB, day loa.Date, hungHa, vuThu []int, closed bool) *site {
		s := newSite(t, db, at(day))
		ctx := context.Background()
		channels(t, db)
		other := &loa.Unit{Code: "TB-VUTHU", Name: "Viện kiểm sát nhân dân huyện Vũ Thư", Kind: loa.UnitDistrict}
		if err := db.SaveUnit(ctx, other); err != nil {
			t.Fatal(err)
		}
		var quotas []store.QuotaImport
		var items []store.ItemImport
		for _, u := range []struct {
			code string
			days []int
		}{{s.Unit.Code, hungHa}, {other.Code, vuThu}} {
			quotas = append(quotas, store.QuotaImport{Line: len(quotas) + 1, UnitCode: u.code, Period: p.Name, Kind: loa.QuotaKindAny, Target: 10})
			for i, d := range u.days {
				items = append(items, store.ItemImport{Line: len(items) + 1, Ref: fmt.Sprintf("%s-%d", u.code, i), Title: fmt.Sprintf("Tin số %d", i+1),
					Kind: loa.KindNews, UnitCode: u.code, ChannelCode: "site", PublishedOn: p.From.AddDays(d)})
			}
		}
		if _, err := db.ImportQuotas(ctx, quotas, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportItems(ctx, items, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if closed {
			if err := db.ClosePeriod(loa.WithUser(ctx, s.Users[loa.RoleSecretary]), p); err != nil {
				t.Fatal(err)
			}
		}
		s.login(loa.RoleLeader)
		path := "/app/dashboard" // the current period, while it runs
		if day.After(p.To) {
			// Over: the dashboard opens on the next half-year; the Board picks this one,
			// the first one the picker offers after the current.
			s.open(path, "select[name=period]")
			if opts := get(s, chromedp.Evaluate[[]string](`[...document.querySelectorAll('select[name=period] option')].slice(0, 2).map(o => o.value)`)); len(opts) != 2 || opts[1] != p.Name {
				t.Errorf("the period picker on %s starts %q, want the current half-year then %s", day, opts, p.Name)
			}
			path += "?period=" + p.Name
		}
		s.open(path, "#table-units")
		if title := s.text("h1.page-title"); !strings.Contains(title, "6 tháng đầu năm 2024") {
			t.Fatalf("the dashboard on %s opens on %q, want the half-year 2024-H1", day, title)
		}
		return s
	}
	// forecasts are the units' end-of-period cells, by unit code.
	forecasts := func(s *site) map[string]string {
		rows := get(s, chromedp.Evaluate[[][]string](`[...document.querySelectorAll('#table-units tbody tr')].map(r => [r.cells[0].querySelector('a').textContent.trim(), r.cells[r.cells.length-2].textContent.trim().replace(/\s+/g, ' ')])`))
		out := map[string]string{}
		for _, r := range rows {
			out[r[0]] = r[1]
		}
		return out
	}

	t.Run("first day", func(t *testing.T) {
		t.Parallel()
		dbtest.Each(t, func(t *testing.T, db *store.DB) {
			s := dashboard(t, db, p.From, []int{0}, nil, false)
			if m := s.text("#forecast-method"); !strings.Contains(m, "Chưa dự báo: mới qua 1 / ") || !strings.Contains(m, "dự báo bắt đầu khi đã qua") {
				t.Errorf("method sentence on the first day: %q", m)
			}
			for code, f := range forecasts(s) {
				if f != "chưa dự báo" {
					t.Errorf("%s on the first day: %q, want no forecast", code, f)
				}
			}
		})
	})

	t.Run("mid-way", func(t *testing.T) {
		t.Parallel()
		dbtest.Each(t, func(t *testing.T, db *store.DB) {
			day := p.From.AddDays(90)
			s := dashboard(t, db, day, []int{3, 20, 40, 60, 80, 85}, []int{10}, false)
			if m := s.text("#forecast-method"); !strings.Contains(m, "Cách dự báo: theo nhịp đều") {
				t.Errorf("method sentence mid-way: %q", m)
			}
			got := forecasts(s)
			for code, done := range map[string]int{s.Unit.Code: 6, "TB-VUTHU": 1} {
				f := loa.Pace(done, 10, p, day)
				verdict := "không kịp"
				if f.Meets {
					verdict = "kịp"
				}
				if want := fmt.Sprintf("%d / 10 %s", f.Projected, verdict); got[code] != want {
					t.Errorf("%s mid-way: %q, want %q", code, got[code], want)
				}
			}
			if got[s.Unit.Code] != "12 / 10 kịp" && got[s.Unit.Code] != "11 / 10 kịp" {
				t.Errorf("Hưng Hà's pace (6 items in 91 days) should reach its 10: %q", got[s.Unit.Code])
			}
		})
	})

	t.Run("after it closed", func(t *testing.T) {
		t.Parallel()
		dbtest.Each(t, func(t *testing.T, db *store.DB) {
			s := dashboard(t, db, p.To.AddDays(10), []int{1, 20, 40, 60, 80, 100, 120, 140, 160, 170, 180}, []int{5, 50, 150}, true)
			if m := s.text("#forecast-method"); !strings.Contains(m, "Kỳ đã kết thúc hoặc đã chốt số liệu") {
				t.Errorf("method sentence after the close: %q", m)
			}
			if note := s.text("main p.muted"); !strings.Contains(note, "đã chốt lúc") {
				t.Errorf("the dashboard does not say the period was closed: %q", note)
			}
			got := forecasts(s)
			if got[s.Unit.Code] != "11 / 10 đạt" || got["TB-VUTHU"] != "3 / 10 không đạt" {
				t.Errorf("final results %q, want Hưng Hà 11 / 10 đạt and Vũ Thư 3 / 10 không đạt", got)
			}
		})
	})
}

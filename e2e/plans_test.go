package e2e

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa"
)

// Plans of issue 5: the quota grid saves, the dashboard draws its charts, and an
// assignment is done once its linked item is published. SQLite only: the quota,
// dashboard and assignment hooks run on both engines in store's plans tests; here the
// subject is the pages, the charts' script and the forms.
func TestPlansInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	_, radio := channels(t, db)
	pub := publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Title: "Hưng Hà tuyên truyền Luật Phòng, chống ma tuý", Body: "<p>Tin.</p>"}, "", "")
	if err := db.AddPublication(ctx, &loa.Publication{ItemID: pub.ID, ChannelID: radio.ID, PublishedOn: loa.Today()}); err != nil {
		t.Fatal(err)
	}
	// A second kind: a split of one kind is a number on the dashboard, not a chart.
	publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Kind: loa.KindArticle, Title: "Bài viết về cải cách tư pháp", Body: "<p>Bài.</p>"}, "", "")
	unit := strconv.FormatInt(s.Unit.ID, 10)
	cell := func(kind string) string { return `input[name="q-` + unit + `-` + kind + `"]` }
	s.login(loa.RoleSecretary)

	var period string
	s.subtest(t, "quota grid saves", func(t *testing.T) {
		s.open("/app/quotas", cell("any"))
		period = get(s, chromedp.Value(css(`form[method="post"] input[name="period"]`)))
		s.run(
			chromedp.SetValue(css(cell("any")), "6"),
			chromedp.SetValue(css(cell("news")), "4"),
			chromedp.SetValue(css(cell("article")), "hai"),
		)
		s.load(chromedp.Click(css(`form[method="post"][action="/app/quotas"] button[type="submit"]`)))
		if got := get(s, chromedp.Evaluate[string](`(document.querySelector("ul.error") || document.querySelector("main")).textContent`)); !strings.Contains(got, "phải là số nguyên không âm") {
			t.Fatalf("a word as a quota was not refused:\n%.800s", got)
		}
		for kind, want := range map[string]string{"any": "6", "news": "4", "article": "hai"} {
			if got := get(s, chromedp.Value(css(cell(kind)))); got != want {
				t.Errorf("after the refusal cell %s = %q, want %q", kind, got, want)
			}
		}
		if qs, err := db.Quotas(ctx, period); err != nil || len(qs) != 0 {
			t.Fatalf("a refused grid saved %v (%v)", qs, err)
		}
		s.run(chromedp.SetValue(css(cell("article")), "1"))
		s.load(chromedp.Click(css(`form[method="post"][action="/app/quotas"] button[type="submit"]`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã lưu chỉ tiêu") {
			t.Fatalf("after saving: %q", got)
		}
		s.open("/app/quotas?period="+period, cell("any"))
		for kind, want := range map[string]string{"any": "6", "news": "4", "article": "1", "research": ""} {
			if got := get(s, chromedp.Value(css(cell(kind)))); got != want {
				t.Errorf("saved cell %s = %q, want %q", kind, got, want)
			}
		}
		qs, err := db.Quotas(ctx, period)
		if err != nil || len(qs) != 3 {
			t.Errorf("stored quotas %+v (%v), want 3", qs, err)
		}
	})

	s.subtest(t, "dashboard draws its charts", func(t *testing.T) {
		s.open("/app/dashboard?period="+period, "h1.page-title")
		n := get(s, chromedp.Poll[int](`(() => {
			const cs = [...document.querySelectorAll('canvas[data-chart]')];
			if (!window.Chart || cs.length === 0 || !cs.every(c => c.getAttribute('data-chart-ready') && window.Chart.getChart(c))) return 0;
			return cs.length;
		})()`, chromedp.WithPollingTimeout(10e9)))
		if n < 4 {
			t.Errorf("%d charts drawn, want 4 (shares, trend, channels, kinds)", n)
		}
		sizes := get(s, chromedp.Evaluate[[][]int](`[...document.querySelectorAll('canvas[data-chart]')].map(c => [c.width, c.height, c.getBoundingClientRect().width])`))
		for i, sz := range sizes {
			if sz[0] <= 0 || sz[1] <= 0 || sz[2] <= 0 {
				t.Errorf("chart %d has size %v", i, sz)
			}
		}
		if get(s, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
			t.Error("the dashboard scrolls sideways")
		}
		row := get(s, chromedp.Evaluate[string](`[...document.querySelectorAll('main table.data tbody tr')].map(r => r.textContent).find(t => t.includes('`+s.Unit.Code+`')) || ''`))
		if !regexp.MustCompile(`2 / 6`).MatchString(row) || !strings.Contains(row, "1 / 4") {
			t.Errorf("the unit's row does not show 2 of 6 and 1 of 4: %q", strings.Join(strings.Fields(row), " "))
		}
	})

	s.subtest(t, "assignment done when its item is published", func(t *testing.T) {
		due := loa.DateOf(loa.Today().Time().AddDate(0, 0, 14)).Display()
		const task = "Viết bài về ngày truyền thống ngành 26/7"
		s.open("/app/assignments/new", "#title")
		s.run(
			chromedp.SetValue(css(`#unit_id`), unit),
			chromedp.SendKeys(css(`#title`), task),
			chromedp.SetValue(css(`#kind`), string(loa.KindArticle)),
			chromedp.SetValue(css(`#due`), due),
		)
		s.load(chromedp.Submit(css(`#title`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã giao nhiệm vụ") {
			t.Fatalf("after assigning: %q\n%s", got, s.mainText())
		}
		loc := get(s, chromedp.Location())
		m := regexp.MustCompile(`/app/assignments/(\d+)$`).FindStringSubmatch(loc)
		if m == nil {
			t.Fatalf("after assigning the browser is at %s", loc)
		}
		assignment := "/app/assignments/" + m[1]
		state := func() string {
			return get(s, chromedp.Evaluate[string](`document.querySelector('main h1 + p .badge').className.replace('badge', '').trim()`))
		}
		if st := state(); st != "assigned" {
			t.Errorf("a new assignment is %q", st)
		}

		it := &loa.Item{Kind: loa.KindArticle, UnitID: s.Unit.ID, Title: "Tự hào truyền thống 65 năm ngành Kiểm sát nhân dân", Body: "<p>Bài viết.</p>"}
		if err := db.CreateItem(loa.WithUser(ctx, s.Users[loa.RoleContributor]), it); err != nil {
			t.Fatal(err)
		}
		s.as(loa.RoleContributor)
		s.open(assignment, "#item_id")
		s.run(chromedp.SetValue(css(`#item_id`), strconv.FormatInt(it.ID, 10)))
		s.load(chromedp.Click(css(`form[action$="/item"] button[type="submit"]`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã gắn tin bài") {
			t.Fatalf("after linking: %q", got)
		}
		if got := s.text("dl.props"); !strings.Contains(got, it.Title) {
			t.Errorf("the assignment does not name its item:\n%s", got)
		}
		s.open(itemURL(it.ID), "h1.page-title")
		s.step(loa.ActionSubmit)
		s.open(assignment, "h1.page-title")
		if st := state(); st != "submitted" {
			t.Errorf("after the item was submitted the assignment is %q", st)
		}

		s.as(loa.RoleEditor)
		s.open(itemURL(it.ID), "h1.page-title")
		s.step(loa.ActionApprove)
		s.open(assignment, "h1.page-title")
		if st := state(); st != "submitted" {
			t.Errorf("after approval the assignment is %q, want still submitted", st)
		}
		s.open(itemURL(it.ID), "h1.page-title")
		s.step(loa.ActionPublish)
		s.open(assignment, "h1.page-title")
		if st := state(); st != "done" {
			t.Errorf("after publishing the assignment is %q, want done", st)
		}
		s.open("/app/assignments", "main")
		if got := s.mainText(); !strings.Contains(got, task) {
			t.Errorf("the list of assignments lacks it:\n%.1000s", got)
		}
	})
}

package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"loa"
	"loa/store"
)

// The Board's work of issue 6, "done when": the emulation ranking after
// publications, an award entry made through its form, and a meeting with an action
// item made through the forms and marked done. SQLite only: the ranking's SQL runs on
// both engines in store's emulation tests; here the subject is the pages and forms.
func TestBoardWorkInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	_, radio := channels(t, db)
	today := loa.Today()
	year := today.Time().Year()

	// Two writers: Hoa wrote a research article (weight 3 on the form's defaults),
	// Nam a news item the radio also broadcast (1 + 1).
	research := publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Kind: loa.KindResearch, Title: "Bàn về thẩm quyền kiểm sát việc tạm giữ",
		Body: "<p>Bài nghiên cứu.</p>", Authors: []loa.Author{{Name: "Nguyễn Thị Hoa"}}}, "", "")
	news := publishItem(t, db, &loa.Item{UnitID: s.Unit.ID, Title: "Hưng Hà ra quân tuyên truyền pháp luật",
		Body: "<p>Tin.</p>", Authors: []loa.Author{{Name: "Trần Văn Nam"}}}, "", "")
	if err := db.AddPublication(ctx, &loa.Publication{ItemID: news.ID, ChannelID: radio.ID, PublishedOn: today, URL: "https://ptth.example/1"}); err != nil {
		t.Fatal(err)
	}
	head := &loa.Person{Name: "Phạm Quốc Hưng", Title: "Phó Viện trưởng"}
	member := &loa.Person{Name: "Đỗ Thu Trang"}
	for _, p := range []*loa.Person{head, member} {
		if err := db.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for p, role := range map[*loa.Person]loa.BoardRole{head: loa.BoardHead, member: loa.BoardMember} {
		if err := db.AddMembership(ctx, &loa.Membership{PersonID: p.ID, Role: role, Duties: "Tuyên truyền", From: loa.NewDate(year-1, 1, 1)}); err != nil {
			t.Fatal(err)
		}
	}
	s.login(loa.RoleSecretary)

	s.subtest(t, "emulation ranking", func(t *testing.T) {
		s.open("/app/emulation/new", "#name")
		s.run(
			chromedp.SendKeys(css(`#name`), fmt.Sprintf("Thi đua tuyên truyền năm %d", year)),
			chromedp.SendKeys(css(`#from`), fmt.Sprintf("01/01/%d", year)),
			chromedp.SendKeys(css(`#to`), fmt.Sprintf("31/12/%d", year)),
		)
		if w := get(s, chromedp.Value(css(`#weight_kind_research`))); w != "3" {
			t.Fatalf("the form's research weight is %q, the test counts on 3", w)
		}
		s.load(chromedp.Submit(css(`#name`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã lưu đợt thi đua") {
			t.Fatalf("after saving the period: %q", got)
		}
		rows := get(s, chromedp.Evaluate[[][]string](`[...document.querySelectorAll('main table.data')[0].tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()))`))
		if len(rows) != 2 {
			t.Fatalf("writers ranking has %d rows, want 2: %q", len(rows), rows)
		}
		if rows[0][0] != "1" || rows[0][1] != "Nguyễn Thị Hoa" || rows[0][2] != "3" || rows[1][0] != "2" || rows[1][1] != "Trần Văn Nam" || rows[1][2] != "2" {
			t.Errorf("writers ranking %q, want Hoa 3 then Nam 2", rows)
		}
		unitsText := get(s, chromedp.Evaluate[string](`document.querySelectorAll('main table.data')[1].tBodies[0].textContent`))
		if !strings.Contains(unitsText, s.Unit.Name) || !strings.Contains(unitsText, "5") {
			t.Errorf("units ranking %q lacks %s with 5 points", unitsText, s.Unit.Name)
		}
	})

	s.subtest(t, "award entry through the form", func(t *testing.T) {
		s.open("/app/awards/new", "#contest")
		s.run(
			chromedp.SetValue(css(`#contest`), store.ContestBuaLiemVang),
			chromedp.SendKeys(css(`#edition`), fmt.Sprintf("lần thứ IX năm %d", year)),
			chromedp.SendKeys(css(`#category`), "Báo in, báo điện tử"),
			chromedp.SendKeys(css(`#item`), strconv.FormatInt(research.ID, 10)+" — "+research.Title),
			chromedp.SendKeys(css(`#submitted_on`), today.Display()),
			chromedp.SendKeys(css(`#note`), "Gửi qua Báo Bảo vệ pháp luật"),
		)
		s.load(chromedp.Submit(css(`#contest`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã") {
			t.Fatalf("after saving the entry: %q\n%s", got, s.mainText())
		}
		if got := s.textContent("h1.page-title"); got != research.Title {
			t.Errorf("award entry page title %q", got)
		}
		props := s.text("dl.props")
		for _, want := range []string{store.ContestBuaLiemVang, fmt.Sprintf("năm %d", year), "Báo in, báo điện tử", "#" + strconv.FormatInt(research.ID, 10), s.Unit.Name, today.Display()} {
			if !strings.Contains(props, want) {
				t.Errorf("award entry lacks %q:\n%s", want, props)
			}
		}
		s.open("/app/awards", "main")
		if got := s.mainText(); !strings.Contains(got, research.Title) {
			t.Errorf("award list lacks the entry:\n%s", got)
		}
	})

	s.subtest(t, "meeting and action item", func(t *testing.T) {
		const (
			topic   = "Sơ kết công tác tuyên truyền 6 tháng đầu năm"
			minutes = "Đồng chí Trưởng ban quán triệt kế hoạch."
			task    = "Xây dựng chuyên mục Gương sáng Kiểm sát viên"
		)
		s.open("/app/meetings/new", "#held_on")
		s.run(chromedp.SetValue(css(`#held_on`), today.Display()))
		s.run(
			chromedp.SendKeys(css(`#place`), "Hội trường tầng 3"),
			chromedp.SendKeys(css(`#title`), topic),
			chromedp.SetValue(css(`#chair_id`), strconv.FormatInt(head.ID, 10)),
			chromedp.Click(css(`input[name="attendees"][value="`+strconv.FormatInt(head.ID, 10)+`"]`)),
			chromedp.Click(css(`input[name="attendees"][value="`+strconv.FormatInt(member.ID, 10)+`"]`)),
			chromedp.SendKeys(css(`#minutes`), minutes),
			chromedp.SendKeys(css(`#conclusions`), "Giao các đơn vị xây dựng chuyên mục."),
		)
		s.load(chromedp.Submit(css(`#title`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã lưu cuộc họp") {
			t.Fatalf("after saving the meeting: %q\n%s", got, s.mainText())
		}
		meetingURL := get(s, chromedp.Location())
		page := s.mainText()
		for _, want := range []string{topic, minutes, head.Name, member.Name, "Hội trường tầng 3"} {
			if !strings.Contains(page, want) {
				t.Errorf("meeting page lacks %q", want)
			}
		}
		due := loa.DateOf(today.Time().AddDate(0, 1, 0)).Display()
		s.run(
			chromedp.SendKeys(css(`form[action$="/actions"] #title`), task),
			chromedp.SetValue(css(`form[action$="/actions"] #unit_id`), strconv.FormatInt(s.Unit.ID, 10)),
			chromedp.SendKeys(css(`form[action$="/actions"] #due`), due),
		)
		s.load(chromedp.Submit(css(`form[action$="/actions"] #title`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã giao việc") {
			t.Fatalf("after adding the action item: %q\n%s", got, s.mainText())
		}
		row := s.text("#actions + .table-wrap tbody tr")
		for _, want := range []string{task, s.Unit.Name, due, "Đang thực hiện"} {
			if !strings.Contains(row, want) {
				t.Errorf("action row lacks %q: %q", want, row)
			}
		}
		s.run(chromedp.SendKeys(css(`#actions + .table-wrap input[name="done_on"]`), today.Display()))
		s.load(chromedp.Click(css(`#actions + .table-wrap button[value="done"]`)))
		if got := s.text(".flash"); !strings.Contains(got, "Đã cập nhật việc được giao") {
			t.Fatalf("after marking done: %q", got)
		}
		if loc := get(s, chromedp.Location()); !strings.HasPrefix(loc, strings.TrimSuffix(meetingURL, "#actions")) {
			t.Errorf("marking done went to %s, not back to the meeting", loc)
		}
		row = s.text("#actions + .table-wrap tbody tr")
		if !strings.Contains(row, "Đã xong") || !strings.Contains(row, today.Display()) {
			t.Errorf("action row after marking done: %q", row)
		}
		s.open("/app/actions", "main") // open ones by default
		if got := s.mainText(); strings.Contains(got, task) {
			t.Errorf("the done task is still listed as open:\n%s", got)
		}
		s.open("/app/actions?status=done", "main")
		if got := s.mainText(); !strings.Contains(got, task) {
			t.Errorf("the list of done action items lacks the task:\n%s", got)
		}
	})
}

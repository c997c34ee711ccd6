package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"loa"
	"loa/media"
	"loa/store"
)

// tinyPicture is a small real PNG, for many pictures at little cost.
func tinyPicture(t *testing.T, i int) *media.File {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for x := 0; x < 24; x++ {
		img.Set(x, x%16, color.RGBA{uint8(i), uint8(x * 10), 200, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	f, err := media.Picture(fmt.Sprintf("anh-%d.png", i), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Issue 9.4: what people type in items, the site, plans and the Board's work never
// runs. Every payload of the corpus goes into every field below, through the store
// (the body through its sanitizer), and every page that shows them is loaded. To keep
// the number of pages small, a field often holds a few payloads in a row (a title of
// three payloads, a meeting's minutes of twelve): escaping treats a run of hostile
// text no better than one. SQLite only, as TestHostileInputNeverRuns: escaping is no
// engine's business.
func TestHostileItemsNeverRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSQLite(t)
	s := newSite(t, db)
	ps := hostile(t)
	n := len(ps)
	p := func(i int) string { return ps[i%n] }
	// run is payloads k*c … k*c+c-1 (one chunk of c), shifted by off.
	run := func(k, c, off int) []string {
		out := make([]string, c)
		for j := range out {
			out[j] = p(k*c + j + off)
		}
		return out
	}
	// joined is a chunk in one field of at most max bytes: as many as fit.
	joined := func(k, c, off, max int) string {
		var b strings.Builder
		for _, x := range run(k, c, off) {
			if b.Len()+len(x)+1 > max {
				break
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(x)
		}
		return b.String()
	}
	chunks := func(c int) int { return (n + c - 1) / c }
	fail := func(what string, i int, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("chunk %d as %s: %v", i, what, err)
		}
	}
	editor := loa.WithUser(ctx, s.Users[loa.RoleEditor])
	secretary := loa.WithUser(ctx, s.Users[loa.RoleSecretary])
	channels(t, db)
	ys := loa.DefaultYearStart
	today := loa.Today()
	year := strconv.Itoa(ys.WorkYear(today))

	// Sections: their names are in every public page's menu.
	const big = 12
	for k := range chunks(big) {
		sec := &store.Section{Slug: fmt.Sprintf("muc-%d", k), Name: joined(k, big, 0, 200), Description: joined(k, big, 1, 2000),
			Kinds: loa.ItemKinds, OnHome: k < 3}
		fail("a section", k, db.SaveSection(ctx, sec))
	}
	// A channel per payload.
	chans := make([]*loa.Channel, n)
	for i := range n {
		c := &loa.Channel{Code: fmt.Sprintf("xss-%03d", i), Name: p(i), Type: loa.ChannelTypes[1+i%3]}
		fail("a channel name", i, db.SaveChannel(ctx, c))
		chans[i] = c
	}
	// Items: three payloads in each field, three authors, pictures, comments, returns
	// and publications each.
	const c = 3
	items := make([]*loa.Item, chunks(c))
	var pubIDs []int64
	for k := range items {
		ch := run(k, c, 0)
		it := &loa.Item{Kind: loa.ItemKinds[k%len(loa.ItemKinds)], UnitID: s.Unit.ID, Title: joined(k, c, 0, loa.MaxTitle),
			Summary: joined(k, c, 1, loa.MaxSummary), Topic: joined(k, c, 2, loa.MaxTopic),
			Body: "<p>" + ch[0] + "</p>" + ch[1] + "<blockquote>" + ch[2] + "</blockquote>"}
		for _, a := range run(k, c, 3) {
			it.Authors = append(it.Authors, loa.Author{Name: a})
		}
		fail("an item", k, db.CreateItem(ctx, it))
		it.Body, it.Summary = "<p>"+strings.Join(run(k, c, 4), "</p><p>")+"</p>", joined(k, c, 5, loa.MaxSummary) // a second revision: the diff
		fail("an item's new version", k, db.UpdateItem(ctx, it))
		for j := range c {
			_, err := db.AddMedia(ctx, it.ID, tinyPicture(t, k*c+j), p(k*c+j+6), p(k*c+j+7))
			fail("a caption", k, err)
			_, err = db.AddComment(editor, it.ID, p(k*c+j+8))
			fail("a comment", k, err)
			fail("a submission", k, db.Transition(ctx, it.ID, loa.ActionSubmit, ""))
			fail("a return's reason", k, db.Transition(ctx, it.ID, loa.ActionReturn, p(k*c+j+9)))
		}
		for _, a := range []loa.Action{loa.ActionSubmit, loa.ActionApprove, loa.ActionPublish} {
			fail("a "+string(a), k, db.Transition(ctx, it.ID, a, ""))
		}
		for j := range c {
			pub := &loa.Publication{ItemID: it.ID, ChannelID: chans[k*c+j].ID, PublishedOn: today, Note: p(k*c + j + 10),
				URL: fmt.Sprintf("https://bao.example/%d-%d", k, j)}
			fail("a publication note", k, db.AddPublication(ctx, pub))
			pubIDs = append(pubIDs, pub.ID)
		}
		items[k] = it
	}
	// A link is hostile too: refused, or shown harmless.
	for i, u := range []string{"javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "https://x.example/\"><script>alert(1)</script>"} {
		pub := &loa.Publication{ItemID: items[0].ID, ChannelID: chans[i+1].ID, PublishedOn: today, URL: u}
		if err := db.AddPublication(ctx, pub); err != nil {
			t.Logf("publication link %q refused: %v", u, err)
		}
	}
	// Items still waiting, for the queue and the home panel.
	for k := range chunks(big) {
		it := &loa.Item{Kind: loa.KindNews, UnitID: s.Unit.ID, Title: joined(k, big, 1, loa.MaxTitle), Body: p(k)}
		fail("a waiting item", k, db.CreateItem(ctx, it))
		fail("a submission", k, db.Transition(ctx, it.ID, loa.ActionSubmit, ""))
	}

	// Themes and assignments.
	var assignments []int64
	for k := range chunks(big) {
		th := &loa.Theme{Period: year, Title: joined(k, big, 0, 500), Description: strings.Join(run(k, big, 1), "\n")}
		fail("a theme", k, db.SaveTheme(ctx, ys, th))
		for j := range 2 {
			a := &loa.Assignment{ThemeID: th.ID, UnitID: s.Unit.ID, Kind: loa.KindNews, Title: joined(k, big, 2+6*j, 500),
				Note: strings.Join(run(k, big, 3+6*j), "\n"), Due: today.AddDays(k%20 + 1)}
			fail("an assignment", k, db.CreateAssignment(secretary, a))
			if j == 0 {
				fail("an assignment's item", k, db.LinkAssignmentItem(ctx, a.ID, items[(k*2)%len(items)].ID))
			}
			assignments = append(assignments, a.ID)
		}
	}

	// The Board: a head to chair; meetings with minutes, conclusions, action items.
	head := &loa.Person{Name: "Phạm Quốc Hưng"}
	fail("a person", 0, db.SavePerson(ctx, head))
	fail("a membership", 0, db.AddMembership(ctx, &loa.Membership{PersonID: head.ID, Role: loa.BoardHead, From: today.AddDays(-400)}))
	var meetings []int64
	for k := range chunks(big) {
		m := &store.Meeting{HeldOn: today.AddDays(-k), Title: joined(k, big, 0, 300), ChairID: head.ID, Place: joined(k, big, 1, 500),
			Minutes: strings.Join(run(k, big, 2), "\n\n"), Conclusions: strings.Join(run(k, big, 3), "\n\n"),
			Attendees: []store.Attendee{{PersonID: head.ID}}}
		fail("a meeting", k, db.SaveMeeting(ctx, m))
		for j, x := range run(k, big, 4) {
			fail("an action item", k, db.AddActionItem(ctx, &store.ActionItem{MeetingID: m.ID, Title: x, Note: p(k*big + j + 5),
				UnitID: s.Unit.ID, Due: m.HeldOn.AddDays(j % 4)}))
		}
		meetings = append(meetings, m.ID)
	}

	// Award entries (one per hostile item), and an emulation period whose ranking
	// shows the author names, with nominations.
	var awards []int64
	for k, it := range items {
		e := &store.AwardEntry{Contest: joined(k, c, 0, 300), Edition: joined(k, c, 1, 190) + " 2025", Category: joined(k, c, 2, 200),
			ItemID: it.ID, Note: joined(k, c, 3, 5000), SubmittedOn: today}
		fail("an award entry", k, db.SaveAwardEntry(ctx, e))
		awards = append(awards, e.ID)
	}
	ep := &loa.EmulationPeriod{Name: joined(0, c, 0, 200), From: today.AddDays(-30), To: today.AddDays(30), Note: strings.Join(run(0, big, 1), " "),
		ChannelWeights: map[string]float64{chans[0].Code: 2}}
	fail("an emulation period", 0, db.SaveEmulationPeriod(ctx, ep))
	var nominations []int64
	// One per hostile item, its evidence (an item supports one nomination of a period).
	for k, it := range items {
		nm := &loa.Nomination{PeriodID: ep.ID, Reward: joined(k, c, 0, 200), UnitID: s.Unit.ID, Reason: strings.Join(run(k, c, 1), " "),
			Note: strings.Join(run(k, c, 2), " "), Items: []int64{it.ID}}
		fail("a nomination", k, db.AddNomination(ctx, nm))
		nominations = append(nominations, nm.ID)
	}

	id := func(x int64) string { return strconv.FormatInt(x, 10) }
	pages := func(base string, total, size int) []string {
		var out []string
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		for pg := 1; pg <= (total+size-1)/size; pg++ {
			out = append(out, fmt.Sprintf("%s%spage=%d", base, sep, pg))
		}
		return out
	}

	s.subtest(t, "public site", func(t *testing.T) {
		paths := []string{"/", "/tim-kiem?q=alert", "/tim-kiem?q=img+svg", "/to-chuc", "/lien-he", "/gioi-thieu"}
		paths = append(paths, pages("/tin-moi", len(items), 15)...)
		paths = append(paths, pages("/don-vi/"+s.Unit.Code, len(items), 15)...)
		for k := range chunks(big) {
			paths = append(paths, fmt.Sprintf("/chuyen-muc/muc-%d", k))
		}
		for _, it := range items {
			paths = append(paths, "/tin/x-"+id(it.ID)) // redirected to the canonical slug
		}
		for i := 0; i < n; i += 6 {
			paths = append(paths, "/tim-kiem?q="+url.QueryEscape(p(i)))
		}
		s.assertClean(t, paths...)
	})

	s.login(loa.RoleAdmin)
	s.subtest(t, "the payloads are on the pages, as text", func(t *testing.T) {
		s.open(itemURL(items[0].ID), "h1.page-title")
		text := s.mainText()
		for what, x := range map[string]string{"title": items[0].Title, "comment": p(8), "caption": p(6), "reason": p(9), "author": p(3)} {
			if !strings.Contains(text, strings.TrimSpace(x)) {
				t.Errorf("the item page does not show the %s %q as text", what, x)
			}
		}
		s.open("/tin/x-"+id(items[0].ID), "#item-title")
		if got := s.textContent("#item-title"); got != items[0].Title {
			t.Errorf("public title %q, want %q", got, items[0].Title)
		}
	})
	s.subtest(t, "back office", func(t *testing.T) {
		paths := []string{"/app", "/app/items/panel", "/app/items/queue", "/app/channels", "/app/items/new",
			"/app/themes?period=" + year, "/app/calendar", "/app/dashboard", "/app/dashboard/units/" + id(s.Unit.ID),
			"/app/meetings/new", "/app/actions?status=all", "/app/awards/new?item=" + id(items[0].ID),
			"/app/emulation", "/app/emulation/" + id(ep.ID), "/app/emulation/" + id(ep.ID) + "/edit",
			"/app/assignments/new", "/app/audit", "/app/search?q=alert", "/app/search?q=script+img",
		}
		paths = append(paths, pages("/app/items", len(items)+chunks(big), 25)...)
		paths = append(paths, pages("/app/assignments", len(assignments), 25)...)
		paths = append(paths, pages("/app/meetings", len(meetings), 25)...)
		paths = append(paths, pages("/app/awards", len(awards), 50)...)
		for k, it := range items {
			paths = append(paths, itemURL(it.ID))
			if k%2 == 0 {
				paths = append(paths, itemURL(it.ID)+"/edit", "/app/publications/"+id(pubIDs[k*c])+"/edit", "/app/awards/"+id(awards[k]))
			} else {
				paths = append(paths, itemURL(it.ID)+"/diff", "/app/awards/"+id(awards[k])+"/edit")
			}
		}
		for k := range meetings {
			paths = append(paths, "/app/meetings/"+id(meetings[k]), "/app/assignments/"+id(assignments[2*k]), "/app/assignments/"+id(assignments[2*k+1]))
			if k%2 == 0 {
				paths = append(paths, "/app/meetings/"+id(meetings[k])+"/edit")
			}
		}
		for i := 0; i < n; i += 12 {
			paths = append(paths, "/app/nominations/"+id(nominations[i/c]), "/app/channels/"+id(chans[i].ID)+"/edit")
		}
		for i := 0; i < n; i += 6 {
			paths = append(paths, "/app/search?q="+url.QueryEscape(p(i+3)))
		}
		paths = append(paths, "/app/items?unit="+id(s.Unit.ID)+"&from="+url.QueryEscape(p(0)))
		s.assertClean(t, paths...)
	})

	s.as(loa.RoleContributor)
	s.subtest(t, "a contributor's pages", func(t *testing.T) {
		s.assertClean(t, "/app", "/app/assignments/mine", "/app/assignments", "/app/items", "/app/items/queue",
			itemURL(items[0].ID), "/app/assignments/"+id(assignments[0]), "/app/dashboard", "/app/search?q=alert")
	})
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"loa"
	"loa/store"
)

// The items feature: the back office's lists of items, the editor, the workflow,
// publications, pictures and files (served at /media/…), channels and the scheduled
// publishing job. Its files are items*.go; its pages are templates/app/item*.html.

// itemsPageSize is the length of a page of the back office's item lists.
const itemsPageSize = 25

// statusTab is one tab of the list: a status (or all) with its count.
type statusTab struct {
	Status  loa.Status
	Label   string
	Count   int
	URL     string
	Current bool
}

// itemFilterOf reads the list's filters from the query string.
func itemFilterOf(q url.Values) (store.ItemFilter, map[string]string) {
	errs := loa.RangeFieldErrors(q.Get("from"), q.Get("to"), true)
	if errs == nil {
		errs = map[string]string{}
	}
	f := store.ItemFilter{Kind: loa.ItemKind(q.Get("kind")), Sort: q.Get("sort")}
	if !f.Kind.Valid() {
		f.Kind = ""
	}
	f.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	f.ChannelID, _ = strconv.ParseInt(q.Get("channel"), 10, 64)
	f.ThemeID, _ = strconv.ParseInt(q.Get("theme"), 10, 64)
	if st := loa.Status(q.Get("status")); loa.StatusNames[st] != "" {
		f.Statuses = []loa.Status{st}
	}
	if len(errs) == 0 { // a wrong range filters nothing; the form says why
		f.From, _ = loa.ParseOptionalDate(q.Get("from"))
		f.To, _ = loa.ParseOptionalDate(q.Get("to"))
	}
	if _, ok := store.ItemSorts[f.Sort]; !ok {
		f.Sort = "updated"
	}
	return f, errs
}

// itemsList is every item (a contributor: its unit's), with filters, counts by
// status, sorting and pages.
func (s *Server) itemsList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f, errs := itemFilterOf(q)
	pg := pageOf(r, itemsPageSize)
	f.Page = store.Page{Number: pg.Number, Size: pg.Size}
	rows, total, err := s.db.Items(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	counts, err := s.db.CountItems(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, err := s.db.Units(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	channels, err := s.db.Channels(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	themes, err := s.themesAround(ctx, loa.Today(), f.ThemeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	lang := s.lang(r)
	tabURL := func(st loa.Status) string {
		c := cloneValues(q)
		c.Del("page")
		c.Del("status")
		if st != "" {
			c.Set("status", string(st))
		}
		return "/app/items?" + c.Encode()
	}
	current := loa.Status(q.Get("status"))
	tabs := []statusTab{{Label: T(lang, "Tất cả"), Count: counts.Total, URL: tabURL(""), Current: len(f.Statuses) == 0}}
	for _, st := range loa.Statuses {
		tabs = append(tabs, statusTab{Status: st, Label: T(lang, loa.StatusNames[st]), Count: counts.ByStatus[st], URL: tabURL(st), Current: st == current})
	}
	u := loa.UserFrom(ctx)
	leader, err := s.db.LeaderApproval(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/items", &Page{Title: T(lang, "Tin bài"), Form: &form{Values: q, Errors: errs}, Data: map[string]any{
		"Items": s.queueRows(r, rows, leader), "ChannelName": channelNames(channels), "Pager": pg, "Tabs": tabs, "ByKind": counts.ByKind, "Units": units, "Channels": channels,
		"Themes": themes, "Filter": f, "Sorts": itemSortNames, "CanCreate": loa.CanCreate(u, u.UnitID) == nil,
		"Scoped": u.ScopedToUnit(),
	}})
}

// itemSortNames are the list's orders as the sort menu shows them.
var itemSortNames = []struct{ Key, Label string }{
	{"updated", "Mới sửa trước"}, {"created", "Mới tạo trước"}, {"published", "Mới đăng trước"},
	{"title", "Theo tiêu đề"}, {"waiting", "Chờ lâu trước"},
}

// queueRow is an item waiting, with how long.
type queueRow struct {
	*store.ItemRow
	Waiting  string
	Long     bool         // waiting more than two days: shown in red
	WaitsFor string       // the next step it waits for (items_publish.go)
	Acts     []actionView // the steps the reader may take from the list
}

// waitingFor says how long since t, as people read it: "3 ngày 4 giờ".
func waitingFor(lang string, since, now time.Time) string {
	d := now.Sub(since)
	if d < time.Minute {
		return T(lang, "vừa xong")
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%d %s %d %s", days, T(lang, "ngày"), hours, T(lang, "giờ"))
	case hours > 0:
		return fmt.Sprintf("%d %s %d %s", hours, T(lang, "giờ"), mins, T(lang, "phút"))
	}
	return fmt.Sprintf("%d %s", mins, T(lang, "phút"))
}

func (s *Server) queueRows(r *http.Request, rows []*store.ItemRow, leaderApproval bool) []queueRow {
	now := time.Now()
	lang, u := s.lang(r), loa.UserFrom(r.Context())
	out := make([]queueRow, len(rows))
	for i, row := range rows {
		out[i] = queueRow{ItemRow: row, Waiting: waitingFor(lang, row.StatusAt, now), Long: now.Sub(row.StatusAt) > 48*time.Hour,
			WaitsFor: waitsFor(lang, row, leaderApproval), Acts: rowActs(lang, u, row, leaderApproval)}
	}
	return out
}

// itemsQueue lists the items waiting for the signed-in user's next step, those
// waiting longest first, with the time they have waited.
func (s *Server) itemsQueue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := pageOf(r, itemsPageSize)
	rows, total, err := s.db.ItemsWaitingFor(ctx, store.Page{Number: pg.Number, Size: pg.Size})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	leader, err := s.db.LeaderApproval(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	s.render(w, r, "app/items_queue", &Page{Title: T(s.lang(r), "Chờ xử lý"), Data: map[string]any{
		"Rows": s.queueRows(r, rows, leader), "Pager": pg, "LeaderApproval": leader}})
}

// itemsPanel is the home page's panel (loaded by htmx): what waits for the user,
// and for a contributor its unit's drafts and returned items.
func (s *Server) itemsPanel(w http.ResponseWriter, r *http.Request) {
	u := loa.UserFrom(r.Context())
	var rows []*store.ItemRow
	var total int
	var err error
	// The panel lists only items the reader has a step to take on: the secretary
	// follows the editors' backlog on the queue page but takes none of its steps.
	if !u.Is(loa.RoleSecretary) {
		if rows, total, err = s.db.ItemsWaitingFor(r.Context(), store.Page{Number: 1, Size: 8}); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	leader, err := s.db.LeaderApproval(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	acting := rows[:0]
	for _, row := range rows {
		if hasAct(u, row, leader) {
			acting = append(acting, row)
		} else {
			total--
		}
	}
	p := &Page{Title: T(s.lang(r), "Chờ xử lý"), Data: map[string]any{"Rows": s.queueRows(r, acting, leader), "Total": total}}
	if r.Header.Get("HX-Request") == "" {
		s.render(w, r, "app/items_panel", p)
		return
	}
	s.fillPage(r, p)
	t, err := s.views.lookup(p.Lang, "app/items_panel")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "panel", p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// itemsSettings turns the leader's second approval on or off (admin).
func (s *Server) itemsSettings(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	if err := s.db.SetLeaderApproval(r.Context(), f.Get("leader_approval") == "1"); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/items/queue", "Đã lưu cài đặt.")
}

// itemURL is the back office's page of an item.
func itemURL(id int64) string { return "/app/items/" + strconv.FormatInt(id, 10) }

// channelNames maps channel codes to names: lists show names, never codes.
func channelNames(chs []*loa.Channel) map[string]string {
	out := make(map[string]string, len(chs))
	for _, c := range chs {
		out[c.Code] = c.Name
	}
	return out
}

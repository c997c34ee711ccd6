package web

import (
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"loa"
	"loa/store"
)

// actionView is a workflow step the user may take on the item shown.
type actionView struct {
	Action      loa.Action
	Label       string
	NeedsReason bool
	Danger      bool
}

// eventView is a line of the status history.
type eventView struct {
	*store.ItemEvent
	Label string
}

// pubView is a publication with whether the user may change it.
type pubView struct {
	*loa.Publication
	CanEdit bool
	Address string // the public page's address, for the site's own publication
}

// itemView is what the item's page shows.
type itemView struct {
	Item           *store.ItemRow
	Pictures       []*loa.Media
	Attachments    []*loa.Media
	Publications   []pubView
	Channels       []*loa.Channel // those the user may record a publication on
	Comments       []*store.Comment
	Events         []eventView
	Reasons        []eventView // the steps taken with a reason (returned, withdrawn): editorial opinions too
	Revisions      []*store.Revision
	Actions        []actionView
	CanEdit        bool
	CanDelete      bool
	CanComment     bool
	CanSchedule    bool
	CanApprovePub  bool   // approve and publish in one act
	PublicURL      string // the public page of a published item
	LeaderApproval bool
	Today          string
	ScheduledLocal string     // the scheduled time for a datetime-local input
	Views          *itemViews // for a published item
}

var eventLabels = map[string]string{"create": "Tạo bản nháp", "schedule": "Hẹn giờ đăng"}

func (s *Server) itemShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderItem(w, r, id, nil, 0)
}

// renderItem shows the item's page; f and status re-show a refused step, comment or
// publication with what was typed.
func (s *Server) renderItem(w http.ResponseWriter, r *http.Request, id int64, f *form, status int) {
	ctx := r.Context()
	u := loa.UserFrom(ctx)
	lang := s.lang(r)
	it, err := s.db.Item(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &itemView{Item: it, Today: loa.Today().Display()}
	if v.Pictures, v.Attachments, err = s.db.ItemMedia(ctx, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.LeaderApproval, err = s.db.LeaderApproval(ctx); err != nil {
		s.renderError(w, r, err)
		return
	}
	pubs, err := s.db.Publications(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	channels, err := s.db.Channels(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	chType := map[int64]loa.ChannelType{}
	for _, c := range channels {
		chType[c.ID] = c.Type
		if loa.CanRecordPublication(u, it.UnitID, c.Type) == nil {
			v.Channels = append(v.Channels, c)
		}
	}
	for _, p := range pubs {
		pv := pubView{Publication: p, CanEdit: loa.CanRecordPublication(u, it.UnitID, chType[p.ChannelID]) == nil, Address: p.URL}
		if chType[p.ChannelID] == loa.ChannelSite && pv.Address == "" {
			pv.Address = s.absURL(r, itemPath(&it.Item))
		}
		v.Publications = append(v.Publications, pv)
	}
	if v.Comments, err = s.db.Comments(ctx, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.db.ItemEvents(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, e := range events {
		label := eventLabels[e.Action]
		if label == "" {
			label = loa.ActionNames[loa.Action(e.Action)]
		}
		v.Events = append(v.Events, eventView{ItemEvent: e, Label: T(lang, label)})
		if e.Reason != "" {
			v.Reasons = append(v.Reasons, v.Events[len(v.Events)-1])
		}
	}
	if v.Revisions, err = s.db.Revisions(ctx, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	if !it.PublishedAt.IsZero() {
		if v.Views, err = s.itemViews(ctx, id, lang); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	for _, tr := range loa.Workflow {
		if loa.CanTransition(u, it.State(), tr.Action, v.LeaderApproval) == nil {
			v.Actions = append(v.Actions, actionView{Action: tr.Action, Label: T(lang, loa.ActionNames[tr.Action]), NeedsReason: tr.Reason,
				Danger: tr.Action == loa.ActionReturn || tr.Action == loa.ActionWithdraw})
		}
	}
	v.CanEdit = loa.CanEdit(u, it.UnitID, it.Status) == nil
	v.CanDelete = v.CanEdit && it.Status == loa.StatusDraft && len(pubs) == 0
	v.CanComment = loa.CanComment(u, it.UnitID)
	v.CanSchedule = loa.CanSchedule(u) && it.Status == loa.StatusApproved
	v.CanApprovePub = loa.CanSchedule(u) && canApprovePublish(u, it.State(), v.LeaderApproval)
	if it.Status == loa.StatusPublished {
		v.PublicURL = itemPath(&it.Item)
	}
	if !it.ScheduledAt.IsZero() {
		v.ScheduledLocal = it.ScheduledAt.In(loa.Zone).Format("2006-01-02T15:04")
	}
	if f == nil {
		f = &form{Errors: map[string]string{}}
	}
	p := &Page{Title: it.Title, Form: f, Status: status, Data: v}
	if f.Error != "" {
		p.Flash = &flash{Kind: "error", Message: f.Error}
	}
	s.render(w, r, "app/item", p)
}

// stepFailed answers a refused step on the item's page: a missing item is a 404
// page; anything else re-shows the item with the reason, under the error's status.
func (s *Server) stepFailed(w http.ResponseWriter, r *http.Request, id int64, f *form, err error) {
	if loa.ErrorCode(err) == loa.ENOTFOUND || loa.ErrorCode(err) == loa.EINTERNAL {
		s.renderError(w, r, err)
		return
	}
	f.fail(err)
	s.renderItem(w, r, id, f, Status(err))
}

var actionDone = map[loa.Action]string{
	loa.ActionSubmit: "Đã gửi duyệt.", loa.ActionReturn: "Đã trả lại tin bài.", loa.ActionApprove: "Đã duyệt tin bài.",
	loa.ActionSignOff: "Lãnh đạo đã duyệt tin bài.", loa.ActionPublish: "Đã đăng lên trang.", loa.ActionWithdraw: "Đã gỡ tin bài khỏi trang.",
}

func (s *Server) itemTransition(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	a := loa.Action(f.Get("action"))
	if err := s.db.Transition(r.Context(), id, a, f.Get("reason")); err != nil {
		s.stepFailed(w, r, id, f, err)
		return
	}
	s.redirect(w, r, backTo(f.Get("back"), itemURL(id)), actionDone[a])
}

// parseLocalTime reads a datetime-local value ("2024-06-06T15:24") or "dd/mm/yyyy
// HH:MM" as a time in Vietnam.
func parseLocalTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2/1/2006 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loa.Zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, loa.Errorf(loa.EINVALID, "Thời điểm không hợp lệ.")
}

func (s *Server) itemSchedule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	var at time.Time
	if f.Get("clear") == "" {
		if at, err = parseLocalTime(f.Get("scheduled_at")); err != nil {
			f.Errors["scheduled_at"] = "Thời điểm không hợp lệ."
			s.stepFailed(w, r, id, f, &loa.Error{Code: loa.EINVALID, Message: "Thời điểm không hợp lệ.", Fields: f.Errors})
			return
		}
	}
	if err := s.db.ScheduleItem(r.Context(), id, at); err != nil {
		s.stepFailed(w, r, id, f, err)
		return
	}
	msg := "Đã bỏ hẹn giờ đăng."
	if !at.IsZero() {
		msg = "Đã hẹn giờ đăng."
	}
	s.redirect(w, r, itemURL(id), msg)
}

func (s *Server) itemComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	if _, err := s.db.AddComment(r.Context(), id, f.Get("comment")); err != nil {
		s.stepFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, itemURL(id)+"#comments", http.StatusSeeOther)
}

// diffRow is one row of the body's comparison: a line kept, removed, added, or
// changed (then Parts holds the word diff of the old and new line).
type diffRow struct {
	Kind  string // same, del, ins, change
	Text  string
	Parts []loa.DiffPart
}

// blockBreak matches where a body's HTML starts a new line of text.
var blockBreak = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|h[1-6]|li|blockquote|pre|tr|figcaption|figure|table)>`)

var anyTag = regexp.MustCompile(`<[^>]*>`)

// bodyLines turns a body's HTML into its lines of text, to compare revisions as
// people read them rather than as markup.
func bodyLines(body string) string {
	text := blockBreak.ReplaceAllString(body, "\n")
	text = html.UnescapeString(anyTag.ReplaceAllString(text, ""))
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// diffRows compares two bodies line by line; a run of removed lines followed by
// added ones is shown as changed lines, word by word.
func diffRows(a, b string) []diffRow {
	parts := loa.DiffLines(bodyLines(a), bodyLines(b))
	var out []diffRow
	for i := 0; i < len(parts); {
		if parts[i].Kind == loa.DiffEqual {
			out = append(out, diffRow{Kind: "same", Text: parts[i].Text})
			i++
			continue
		}
		var dels, ins []string
		for ; i < len(parts) && parts[i].Kind == loa.DiffDelete; i++ {
			dels = append(dels, parts[i].Text)
		}
		for ; i < len(parts) && parts[i].Kind == loa.DiffInsert; i++ {
			ins = append(ins, parts[i].Text)
		}
		n := min(len(dels), len(ins))
		for j := 0; j < n; j++ {
			out = append(out, diffRow{Kind: "change", Parts: loa.DiffWords(dels[j], ins[j])})
		}
		for _, d := range dels[n:] {
			out = append(out, diffRow{Kind: "del", Text: d})
		}
		for _, in := range ins[n:] {
			out = append(out, diffRow{Kind: "ins", Text: in})
		}
	}
	return out
}

// itemDiff shows the differences between two revisions of an item (?from=&to=,
// by default the last two).
func (s *Server) itemDiff(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	it, err := s.db.Item(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	revs, err := s.db.Revisions(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(revs) == 0 {
		// An imported item has no revision to compare.
		s.renderError(w, r, loa.Errorf(loa.ENOTFOUND, "Tin bài này chưa có phiên bản nào để so sánh."))
		return
	}
	q := r.URL.Query()
	to, err := strconv.Atoi(q.Get("to"))
	if err != nil || to <= 0 {
		to = revs[0].Version
	}
	from, err := strconv.Atoi(q.Get("from"))
	if err != nil || from <= 0 {
		from = max(to-1, 1)
	}
	a, err := s.db.Revision(ctx, id, from)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	b, err := s.db.Revision(ctx, id, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/item_diff", &Page{Title: T(s.lang(r), "So sánh phiên bản") + " · " + it.Title, Data: map[string]any{
		"Item": it, "Revisions": revs, "From": a, "To": b,
		"Title": loa.DiffWords(a.Title, b.Title), "Summary": loa.DiffWords(a.Summary, b.Summary), "Body": diffRows(a.Body, b.Body),
		"Same": a.Title == b.Title && a.Summary == b.Summary && bodyLines(a.Body) == bodyLines(b.Body),
	}})
}

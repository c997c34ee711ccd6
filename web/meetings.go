package web

import (
	"net/http"
	"strconv"

	"loa"
	"loa/store"
)

func (s *Server) meetingList(w http.ResponseWriter, r *http.Request) {
	pg := pageOf(r, 30)
	ms, total, err := s.db.Meetings(r.Context(), store.Page{Number: pg.Number, Size: pg.Size})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	s.render(w, r, "app/meeting_list", &Page{Title: T(s.lang(r), "Họp Ban tuyên truyền"), Data: map[string]any{"Meetings": ms, "Pager": pg}})
}

func (s *Server) meetingNew(w http.ResponseWriter, r *http.Request) {
	f := &form{Values: map[string][]string{"held_on": {loa.Today().Display()}}, Errors: map[string]string{}}
	s.renderMeetingForm(w, r, f, 0, 0)
}

func (s *Server) meetingEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.db.Meeting(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"held_on": {m.HeldOn.Display()}, "title": {m.Title}, "chair_id": {strconv.FormatInt(m.ChairID, 10)}, "place": {m.Place},
		"minutes": {m.Minutes}, "conclusions": {m.Conclusions}, "version": {strconv.Itoa(m.Version)},
	}}
	for _, a := range m.Attendees {
		f.Values.Add("attendees", strconv.FormatInt(a.PersonID, 10))
	}
	s.renderMeetingForm(w, r, f, id, 0)
}

// renderMeetingForm offers as chair and attendees the Board's members on the day typed
// (today when the date cannot be read), and anyone already ticked.
func (s *Server) renderMeetingForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	day, err := loa.ParseDate(f.Get("held_on"))
	if err != nil {
		day = loa.Today()
	}
	members, err := s.db.BoardMembersOn(r.Context(), day)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ticked := map[string]bool{}
	for _, v := range f.Values["attendees"] {
		ticked[v] = true
	}
	title := "Thêm cuộc họp"
	if id != 0 {
		title = "Sửa cuộc họp"
	}
	s.render(w, r, "app/meeting_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status, Data: map[string]any{
		"ID": id, "Members": members, "Ticked": ticked}})
}

func (s *Server) meetingCreate(w http.ResponseWriter, r *http.Request) { s.meetingSave(w, r, 0) }

func (s *Server) meetingUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.meetingSave(w, r, id)
}

func (s *Server) meetingSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	v, _ := strconv.Atoi(f.Get("version"))
	m := &store.Meeting{ID: id, HeldOn: f.date("held_on"), Title: f.Get("title"), ChairID: f.id("chair_id"), Place: f.Get("place"),
		Minutes: f.Get("minutes"), Conclusions: f.Get("conclusions"), Version: v}
	for _, a := range f.Values["attendees"] {
		if pid, err := strconv.ParseInt(a, 10, 64); err == nil {
			m.Attendees = append(m.Attendees, store.Attendee{PersonID: pid})
		}
	}
	if f.ok() {
		err := s.db.SaveMeeting(r.Context(), m)
		if err == nil {
			s.redirect(w, r, "/app/meetings/"+strconv.FormatInt(m.ID, 10), "Đã lưu cuộc họp.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	} else {
		f.Error = "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu."
	}
	s.renderMeetingForm(w, r, f, id, http.StatusBadRequest)
}

func (s *Server) meetingShow(w http.ResponseWriter, r *http.Request) { s.renderMeeting(w, r, nil, 0) }

// renderMeeting shows a meeting with its action items and the form to add one; f
// re-shows a refused action item.
func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.db.Meeting(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data := map[string]any{"Meeting": m, "Today": loa.Today()}
	if loa.UserFrom(ctx).ManagesOrganisation() {
		units, err := s.db.Units(ctx)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		people, err := s.pickPeople(ctx)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		data["Units"], data["People"] = activeUnits(units, m.HeldOn), people
	}
	if f == nil {
		f = &form{Values: map[string][]string{}, Errors: map[string]string{}}
	}
	s.render(w, r, "app/meeting", &Page{Title: m.Title, Form: f, Status: status, Data: data})
}

// activeUnits keeps the units that existed on day d: work is given to living units.
func activeUnits(units []*loa.Unit, d loa.Date) []*loa.Unit {
	var out []*loa.Unit
	for _, u := range units {
		if u.ActiveOn(d) || u.ActiveOn(loa.Today()) {
			out = append(out, u)
		}
	}
	return out
}

func (s *Server) actionCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	a := &store.ActionItem{MeetingID: id, Title: f.Get("title"), UnitID: f.id("unit_id"), PersonID: f.id("person_id"), Due: f.date("due"), Note: f.Get("note")}
	if f.ok() {
		err := s.db.AddActionItem(r.Context(), a)
		if err == nil {
			s.redirect(w, r, "/app/meetings/"+strconv.FormatInt(id, 10)+"#actions", "Đã giao việc.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	} else {
		f.Error = "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu."
	}
	s.renderMeeting(w, r, f, http.StatusBadRequest)
}

func (s *Server) actionStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	back := safeNext(f.Get("back"))
	on := f.date("done_on")
	if !f.ok() {
		s.refuseBack(w, r, back, loa.FieldError("done_on", f.Errors["done_on"]))
		return
	}
	if err := s.db.SetActionStatus(r.Context(), id, store.ActionStatus(f.Get("status")), on, f.Get("note")); err != nil {
		s.refuseBack(w, r, back, err)
		return
	}
	s.redirect(w, r, back, "Đã cập nhật việc được giao.")
}

// actionList lists action items by unit, open ones unless ?status= asks otherwise;
// overdue ones are marked. A contributor sees its own unit's open items only.
func (s *Server) actionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	status := store.ActionStatus(q.Get("status"))
	f := store.ActionFilter{UnitID: unitID, Status: status}
	if q.Get("status") == "all" {
		f.Status, f.AnyStatus = "", true
	} else if !status.Valid() {
		f.Status = store.ActionOpen
	}
	items, err := s.db.ActionItems(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var units []*loa.Unit
	if !loa.UserFrom(ctx).ScopedToUnit() {
		if units, err = s.db.Units(ctx); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	// Group by unit for the page: the list is sorted by unit name already.
	type group struct {
		Unit  string
		Items []*store.ActionItem
	}
	var groups []*group
	for _, a := range items {
		if len(groups) == 0 || groups[len(groups)-1].Unit != a.UnitName {
			groups = append(groups, &group{Unit: a.UnitName})
		}
		groups[len(groups)-1].Items = append(groups[len(groups)-1].Items, a)
	}
	s.render(w, r, "app/action_list", &Page{Title: T(s.lang(r), "Việc được giao"), Data: map[string]any{
		"Groups": groups, "Units": units, "Unit": unitID, "Status": q.Get("status"), "Today": loa.Today(),
		"Back": r.URL.RequestURI()}})
}

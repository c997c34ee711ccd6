package web

import (
	"context"
	"net/http"
	"strconv"

	"loa"
	"loa/store"
)

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := pageOf(r, 50)
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	people, total, err := s.db.People(r.Context(), store.PeopleFilter{Query: q.Get("q"), UnitID: unitID, Page: store.Page{Number: pg.Number, Size: pg.Size}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	s.render(w, r, "app/people", &Page{Title: T(s.lang(r), "Cán bộ"), Data: map[string]any{
		"People": people, "Pager": pg, "Q": q.Get("q"), "Unit": unitID, "Units": units}})
}

// pickPeople lists the people a form's select offers, by name. A select holds a
// province's staff; nationally (20,000 people) forms need a search box instead.
func (s *Server) pickPeople(ctx context.Context) ([]*loa.Person, error) {
	people, _, err := s.db.People(ctx, store.PeopleFilter{Page: store.Page{Size: 500}})
	return people, err
}

func (s *Server) personShow(w http.ResponseWriter, r *http.Request) {
	s.renderPerson(w, r, nil, 0)
}

// renderPerson shows a person with postings and a form to add one; f re-shows a
// refused posting.
func (s *Server) renderPerson(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.Person(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	postings, err := s.db.Postings(ctx, id, 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, err := s.db.Units(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if f == nil {
		f = &form{Errors: map[string]string{}}
	}
	s.render(w, r, "app/person", &Page{Title: p.Name, Form: f, Status: status, Data: map[string]any{"Person": p, "Postings": postings, "Units": units, "Today": loa.Today()}})
}

func (s *Server) personNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "app/person_form", &Page{Title: T(s.lang(r), "Thêm cán bộ"), Form: &form{Errors: map[string]string{}}, Data: map[string]any{"ID": 0}})
}

func (s *Server) personEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.Person(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{"name": {p.Name}, "title": {p.Title}, "phone": {p.Phone}, "email": {p.Email}, "version": {strconv.Itoa(p.Version)}}}
	s.render(w, r, "app/person_form", &Page{Title: T(s.lang(r), "Sửa thông tin cán bộ"), Form: f, Data: map[string]any{"ID": id}})
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) { s.personSave(w, r, 0) }

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.personSave(w, r, id)
}

func (s *Server) personSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	v, _ := strconv.Atoi(f.Get("version"))
	p := &loa.Person{ID: id, Name: f.Get("name"), Title: f.Get("title"), Phone: f.Get("phone"), Email: f.Get("email"), Version: v}
	err := s.db.SavePerson(r.Context(), p)
	if err == nil {
		s.redirect(w, r, "/app/people/"+strconv.FormatInt(p.ID, 10), "Đã lưu thông tin cán bộ.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	title := "Thêm cán bộ"
	if id != 0 {
		title = "Sửa thông tin cán bộ"
	}
	s.render(w, r, "app/person_form", &Page{Title: T(s.lang(r), title), Form: f, Status: http.StatusBadRequest, Data: map[string]any{"ID": id}})
}

func (s *Server) postingCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	p := &loa.Posting{PersonID: id, UnitID: f.id("unit_id"), Position: f.Get("position"), From: f.date("from"), To: f.date("to")}
	if f.ok() {
		if err = s.db.AddPosting(r.Context(), p); err == nil {
			s.redirect(w, r, "/app/people/"+strconv.FormatInt(id, 10), "Đã thêm quá trình công tác.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderPerson(w, r, f, http.StatusBadRequest)
}

// endRecord answers the "end" buttons of postings, memberships and contacts: one
// date field, then back to the page it came from.
func (s *Server) endRecord(w http.ResponseWriter, r *http.Request, end func(id int64, to loa.Date) error, back string) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	to := f.date("to")
	if to.IsZero() {
		to = loa.Today()
	}
	if !f.ok() {
		s.refuseBack(w, r, back, loa.FieldError("to", f.Errors["to"]))
		return
	}
	if err := end(id, to); err != nil {
		s.refuseBack(w, r, back, err)
		return
	}
	s.redirect(w, r, back, "Đã ghi ngày kết thúc.")
}

func (s *Server) postingEnd(w http.ResponseWriter, r *http.Request) {
	back := safeNext(r.FormValue("back"))
	s.endRecord(w, r, func(id int64, to loa.Date) error { return s.db.EndPosting(r.Context(), id, to) }, back)
}

func (s *Server) boardList(w http.ResponseWriter, r *http.Request) { s.renderBoard(w, r, nil, 0) }

func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	all := r.URL.Query().Get("all") == "1"
	ms, err := s.db.Memberships(ctx, !all)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	people, err := s.pickPeople(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if f == nil {
		f = &form{Errors: map[string]string{}}
	}
	s.render(w, r, "app/board", &Page{Title: T(s.lang(r), "Ban tuyên truyền"), Form: f, Status: status, Data: map[string]any{"Members": ms, "All": all, "People": people, "Today": loa.Today()}})
}

func (s *Server) membershipCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	m := &loa.Membership{PersonID: f.id("person_id"), Role: loa.BoardRole(f.Get("role")), Duties: f.Get("duties"), From: f.date("from"), To: f.date("to")}
	if f.ok() {
		err := s.db.AddMembership(r.Context(), m)
		if err == nil {
			s.redirect(w, r, "/app/board", "Đã thêm thành viên Ban.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderBoard(w, r, f, http.StatusBadRequest)
}

func (s *Server) membershipEnd(w http.ResponseWriter, r *http.Request) {
	s.endRecord(w, r, func(id int64, to loa.Date) error { return s.db.EndMembership(r.Context(), id, to) }, "/app/board")
}

func (s *Server) contactsList(w http.ResponseWriter, r *http.Request) { s.renderContacts(w, r, nil, 0) }

func (s *Server) renderContacts(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	all := r.URL.Query().Get("all") == "1"
	cs, err := s.db.Contacts(ctx, !all)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data := map[string]any{"Contacts": cs, "All": all, "Today": loa.Today()}
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
		data["Units"], data["People"] = units, people
	}
	if f == nil {
		f = &form{Errors: map[string]string{}}
	}
	s.render(w, r, "app/contacts", &Page{Title: T(s.lang(r), "Đầu mối tuyên truyền"), Form: f, Status: status, Data: data})
}

func (s *Server) contactCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	c := &loa.Contact{UnitID: f.id("unit_id"), PersonID: f.id("person_id"), Phone: f.Get("phone"), Email: f.Get("email"), From: f.date("from")}
	if f.ok() {
		err := s.db.SetContact(r.Context(), c)
		if err == nil {
			s.redirect(w, r, "/app/contacts", "Đã cập nhật đầu mối.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderContacts(w, r, f, http.StatusBadRequest)
}

func (s *Server) contactEnd(w http.ResponseWriter, r *http.Request) {
	s.endRecord(w, r, func(id int64, to loa.Date) error { return s.db.EndContact(r.Context(), id, to) }, "/app/contacts")
}

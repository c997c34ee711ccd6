package web

import (
	"bytes"
	"net/http"
	"strconv"

	"loa"
	"loa/store"
)

var assignmentStateNames = map[loa.AssignmentState]string{
	loa.AssignmentAssigned: "Đã giao", loa.AssignmentInProgress: "Đang thực hiện", loa.AssignmentSubmitted: "Đã gửi bài",
	loa.AssignmentDone: "Hoàn thành", loa.AssignmentCancelled: "Đã huỷ",
}

// assignmentView is an assignment with what the pages derive from today.
type assignmentView struct {
	*loa.Assignment
	Overdue   bool
	DaysLeft  int
	StateName string
}

func (s *Server) viewAssignments(r *http.Request, as []*loa.Assignment) []assignmentView {
	today := loa.Today()
	out := make([]assignmentView, len(as))
	for i, a := range as {
		out[i] = assignmentView{Assignment: a, Overdue: a.Overdue(today), DaysLeft: a.DaysLeft(today),
			StateName: T(s.lang(r), assignmentStateNames[a.State])}
	}
	return out
}

func (s *Server) assignmentsList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := pageOf(r, 50)
	f := store.AssignmentFilter{State: loa.AssignmentState(q.Get("state")), Page: store.Page{Number: pg.Number, Size: pg.Size}}
	if f.State != "" && !f.State.Valid() {
		f.State = ""
	}
	switch q.Get("show") {
	case "open":
		f.Open = true
	case "overdue":
		f.Overdue, f.Today = true, loa.Today()
	}
	f.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	f.ThemeID, _ = strconv.ParseInt(q.Get("theme"), 10, 64)
	list, total, err := s.db.Assignments(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	units, err := s.db.Units(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/assignments", &Page{Title: T(s.lang(r), "Nhiệm vụ tuyên truyền"), Data: map[string]any{
		"Assignments": s.viewAssignments(r, list), "Pager": pg, "Query": q, "Units": units,
		"States": loa.AssignmentStates, "StateNames": assignmentStateNames,
	}})
}

// assignmentsMine is the panel of the home page (loaded by htmx) and a page of its
// own: a contributor's unit's open assignments, or for the Board the open ones that
// are overdue or due within two weeks.
func (s *Server) assignmentsMine(w http.ResponseWriter, r *http.Request) {
	u := loa.UserFrom(r.Context())
	f := store.AssignmentFilter{Open: true, Page: store.Page{Size: 20}}
	if !u.ScopedToUnit() {
		f.DueTo = loa.Today().AddDays(14)
	}
	list, total, err := s.db.Assignments(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := &Page{Title: T(s.lang(r), "Nhiệm vụ của đơn vị"), Data: map[string]any{
		"Assignments": s.viewAssignments(r, list), "Total": total, "Scoped": u.ScopedToUnit()}}
	if r.Header.Get("HX-Request") == "true" {
		s.renderFragment(w, r, "app/assignments_mine", "panel", p)
		return
	}
	s.render(w, r, "app/assignments_mine", p)
}

// renderFragment writes one named template of a page without its layout: the part
// htmx swaps into a page already shown.
func (s *Server) renderFragment(w http.ResponseWriter, r *http.Request, page, block string, p *Page) {
	s.fillPage(r, p)
	t, err := s.views.lookup(p.Lang, page)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (s *Server) assignmentNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := &form{Values: map[string][]string{"theme_id": {q.Get("theme")}, "unit_id": {q.Get("unit")},
		"due": {loa.Today().AddDays(14).Display()}, "kind": {string(loa.KindArticle)}}, Errors: map[string]string{}}
	s.renderAssignmentForm(w, r, f, 0)
}

func (s *Server) renderAssignmentForm(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	units, err := s.db.Units(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := loa.Today()
	var active []*loa.Unit
	for _, n := range unitTree(units) {
		if n.ActiveOn(today) {
			active = append(active, n.Unit)
		}
	}
	themes, err := s.db.Themes(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	people, err := s.pickPeople(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/assignment_form", &Page{Title: T(s.lang(r), "Giao nhiệm vụ"), Form: f, Status: status, Data: map[string]any{
		"Units": active, "Themes": themes, "People": people}})
}

func (s *Server) assignmentCreate(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	a := &loa.Assignment{ThemeID: f.id("theme_id"), UnitID: f.id("unit_id"), PersonID: f.id("person_id"),
		Kind: loa.ItemKind(f.Get("kind")), Title: f.Get("title"), Note: f.Get("note"), Due: f.date("due")}
	if f.ok() {
		err := s.db.CreateAssignment(r.Context(), a)
		if err == nil {
			s.redirect(w, r, "/app/assignments/"+strconv.FormatInt(a.ID, 10), "Đã giao nhiệm vụ.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderAssignmentForm(w, r, f, http.StatusBadRequest)
}

func (s *Server) assignmentShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := s.db.Assignment(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.db.AssignmentEvents(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := loa.UserFrom(ctx)
	var items []store.ItemChoice
	if assignees.Allows(u) && !a.State.Closed() {
		if items, err = s.db.AssignmentItemChoices(ctx, id); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	// The moves this user may make from here.
	var moves []loa.AssignmentState
	if assignees.Allows(u) {
		for _, st := range loa.AssignmentStates {
			if a.State.CanMove(st) && (st != loa.AssignmentCancelled || planners.Allows(u)) {
				moves = append(moves, st)
			}
		}
	}
	views := s.viewAssignments(r, []*loa.Assignment{a})
	s.render(w, r, "app/assignment", &Page{Title: a.Title, Data: map[string]any{
		"A": views[0], "Events": events, "Items": items, "Moves": moves, "StateNames": assignmentStateNames}})
}

func (s *Server) assignmentMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	version, _ := strconv.Atoi(f.Get("version"))
	err = s.db.MoveAssignment(r.Context(), id, loa.AssignmentState(f.Get("state")), f.Get("note"), version)
	s.afterAssignmentChange(w, r, id, err, "Đã cập nhật trạng thái nhiệm vụ.")
}

func (s *Server) assignmentLink(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	err = s.db.LinkAssignmentItem(r.Context(), id, f.id("item_id"))
	s.afterAssignmentChange(w, r, id, err, "Đã gắn tin bài với nhiệm vụ.")
}

// afterAssignmentChange sends the user back to the assignment, with the refusal as a
// flash when the change was refused for a reason the user can act on.
func (s *Server) afterAssignmentChange(w http.ResponseWriter, r *http.Request, id int64, err error, ok string) {
	to := "/app/assignments/" + strconv.FormatInt(id, 10)
	if err != nil {
		s.refuseBack(w, r, to, err)
		return
	}
	s.redirect(w, r, to, ok)
}

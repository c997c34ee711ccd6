package web

import (
	"net/http"
	"strconv"

	"loa"
)

// unitNode is a unit with its children, for the tree view.
type unitNode struct {
	*loa.Unit
	Depth    int
	Children []*unitNode
}

// unitTree orders units as a tree, depth first, children by code; a unit whose
// parent is missing is a root.
func unitTree(units []*loa.Unit) []*unitNode {
	byID := map[int64]*unitNode{}
	for _, u := range units {
		byID[u.ID] = &unitNode{Unit: u}
	}
	var roots []*unitNode
	for _, u := range units {
		n := byID[u.ID]
		if p, ok := byID[u.ParentID]; ok && u.ParentID != u.ID {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var out []*unitNode
	seen := map[int64]bool{}
	var walk func(n *unitNode, depth int)
	walk = func(n *unitNode, depth int) {
		if seen[n.ID] {
			return
		}
		seen[n.ID] = true
		n.Depth = depth
		out = append(out, n)
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

func (s *Server) unitsList(w http.ResponseWriter, r *http.Request) {
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	showEnded := r.URL.Query().Get("ended") == "1"
	today := loa.Today()
	var tree []*unitNode
	for _, n := range unitTree(units) {
		if showEnded || n.ActiveOn(today) {
			tree = append(tree, n)
		}
	}
	s.render(w, r, "app/units", &Page{Title: T(s.lang(r), "Đơn vị"), Data: map[string]any{"Units": tree, "ShowEnded": showEnded, "Today": today}})
}

func (s *Server) unitShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.db.Unit(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	postings, err := s.db.Postings(ctx, 0, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	contacts, err := s.db.Contacts(ctx, false)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var mine []*loa.Contact
	for _, c := range contacts {
		if c.UnitID == id {
			mine = append(mine, c)
		}
	}
	s.render(w, r, "app/unit", &Page{Title: u.Name, Data: map[string]any{"Unit": u, "Postings": postings, "Contacts": mine}})
}

func (s *Server) unitNew(w http.ResponseWriter, r *http.Request) {
	f := &form{Values: r.URL.Query(), Errors: map[string]string{}}
	s.renderUnitForm(w, r, f, 0, 0)
}

func (s *Server) unitEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.db.Unit(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"code": {u.Code}, "name": {u.Name}, "kind": {string(u.Kind)}, "parent_code": {u.ParentCode},
		"successor_code": {u.SuccessorCode}, "valid_from": {u.ValidFrom.Display()}, "valid_to": {u.ValidTo.Display()},
		"address": {u.Address}, "phone": {u.Phone}, "email": {u.Email}, "version": {strconv.Itoa(u.Version)},
	}}
	s.renderUnitForm(w, r, f, id, 0)
}

func (s *Server) renderUnitForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := "Thêm đơn vị"
	if id != 0 {
		title = "Sửa đơn vị"
	}
	s.render(w, r, "app/unit_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status, Data: map[string]any{"ID": id, "Units": units}})
}

func (s *Server) unitFromForm(f *form) *loa.Unit {
	v, _ := strconv.Atoi(f.Get("version"))
	return &loa.Unit{
		Code: f.Get("code"), Name: f.Get("name"), Kind: loa.UnitKind(f.Get("kind")),
		ParentCode: f.Get("parent_code"), SuccessorCode: f.Get("successor_code"),
		ValidFrom: f.date("valid_from"), ValidTo: f.date("valid_to"),
		Address: f.Get("address"), Phone: f.Get("phone"), Email: f.Get("email"), Version: v,
	}
}

func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request) { s.unitSave(w, r, 0) }

func (s *Server) unitUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.unitSave(w, r, id)
}

func (s *Server) unitSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	u := s.unitFromForm(f)
	u.ID = id
	if f.ok() {
		err := s.db.SaveUnit(r.Context(), u)
		if err == nil {
			s.redirect(w, r, "/app/units/"+strconv.FormatInt(u.ID, 10), "Đã lưu đơn vị.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	}
	s.renderUnitForm(w, r, f, id, http.StatusBadRequest)
}

func (s *Server) unitDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteUnit(r.Context(), id); err != nil {
		s.refuseBack(w, r, "/app/units/"+strconv.FormatInt(id, 10), err)
		return
	}
	s.redirect(w, r, "/app/units", "Đã xoá đơn vị.")
}

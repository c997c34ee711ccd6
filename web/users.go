package web

import (
	"net/http"
	"strconv"

	"loa"
	"loa/store"
)

func (s *Server) usersList(w http.ResponseWriter, r *http.Request) {
	users, err := s.db.Users(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/users", &Page{Title: T(s.lang(r), "Tài khoản"), Data: map[string]any{"Users": users}})
}

func (s *Server) userNew(w http.ResponseWriter, r *http.Request) {
	s.renderUserForm(w, r, &form{Errors: map[string]string{}, Values: map[string][]string{"active": {"1"}}}, 0, 0)
}

func (s *Server) userEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.db.User(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	active := ""
	if u.Active {
		active = "1"
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{"email": {u.Email}, "name": {u.Name}, "role": {string(u.Role)},
		"unit_id": {strconv.FormatInt(u.UnitID, 10)}, "lang": {u.Lang}, "active": {active}}}
	s.renderUserForm(w, r, f, id, 0)
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := "Thêm tài khoản"
	if id != 0 {
		title = "Sửa tài khoản"
	}
	f.Values.Del("password")
	s.render(w, r, "app/user_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status, Data: map[string]any{"ID": id, "Units": units}})
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) { s.userSave(w, r, 0) }

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.userSave(w, r, id)
}

func (s *Server) userSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	u := &loa.User{ID: id, Email: f.Get("email"), Name: f.Get("name"), Role: loa.Role(f.Get("role")), UnitID: f.id("unit_id"),
		Lang: f.Get("lang"), Active: f.Get("active") == "1"}
	me := loa.UserFrom(r.Context())
	if id == me.ID && (!u.Active || u.Role != loa.RoleAdmin) {
		f.Errors["role"] = "Không thể tự bỏ quyền quản trị hay khoá tài khoản của chính mình."
		s.renderUserForm(w, r, f, id, http.StatusBadRequest)
		return
	}
	password := f.Values.Get("password")
	var err error
	if id == 0 {
		err = s.db.CreateUser(r.Context(), u, password)
	} else {
		err = s.db.UpdateUser(r.Context(), u, password)
	}
	if err == nil {
		// A new password ends every session of the user: the admin's own goes on
		// when it reset its own password.
		if id == me.ID && password != "" {
			if err := s.signIn(r.Context(), id); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		s.redirect(w, r, "/app/users", "Đã lưu tài khoản.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	s.renderUserForm(w, r, f, id, http.StatusBadRequest)
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := pageOf(r, 50)
	entityID, _ := strconv.ParseInt(q.Get("id"), 10, 64)
	entries, total, err := s.db.AuditLog(r.Context(), store.AuditFilter{Entity: q.Get("entity"), EntityID: entityID, Page: store.Page{Number: pg.Number, Size: pg.Size}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	s.render(w, r, "app/audit", &Page{Title: T(s.lang(r), "Nhật ký thay đổi"), Data: map[string]any{"Entries": auditRows(s.lang(r), entries), "Pager": pg, "Entity": q.Get("entity")}})
}

// appHome is the first page after login. Features add their panels to it.
func (s *Server) appHome(w http.ResponseWriter, r *http.Request) {
	data, err := s.homeData(r) // web/home.go
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/home", &Page{Title: T(s.lang(r), "Trang làm việc"), Data: data})
}

package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

// The back office of the public site: sections, the menu and the about page, managed
// by the secretary or the admin; every change is audited by the store and clears the
// page caches of every instance.

func (s *Server) siteAdmin(w http.ResponseWriter, r *http.Request) {
	s.renderSiteAdmin(w, r, nil)
}

func (s *Server) renderSiteAdmin(w http.ResponseWriter, r *http.Request, f *form) {
	ctx := r.Context()
	sections, err := s.db.Sections(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	menu, err := s.db.MenuLinks(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	showViews, err := s.db.ShowViews(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := &Page{Title: T(s.lang(r), "Trang tin điện tử"), Form: f, Data: map[string]any{"Sections": sections, "Menu": menu,
		"KindNames": loa.KindNames, "ShowViews": showViews}}
	if f == nil {
		p.Form = &form{Values: map[string][]string{}, Errors: map[string]string{}}
	} else {
		p.Status = http.StatusBadRequest
	}
	s.render(w, r, "app/site_index", p)
}

func (s *Server) sectionNew(w http.ResponseWriter, r *http.Request) {
	s.renderSectionForm(w, r, &form{Values: map[string][]string{"on_home": {"1"}}, Errors: map[string]string{}}, 0)
}

func (s *Server) sectionEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sec, err := s.db.Section(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"name": {sec.Name}, "slug": {sec.Slug}, "description": {sec.Description}, "topics": {strings.Join(sec.Topics, "\n")},
		"position": {strconv.Itoa(sec.Position)}, "version": {strconv.Itoa(sec.Version)},
	}}
	for _, k := range sec.Kinds {
		f.Values.Add("kinds", string(k))
	}
	if sec.OnHome {
		f.Values.Set("on_home", "1")
	}
	s.renderSectionForm(w, r, f, id)
}

func (s *Server) renderSectionForm(w http.ResponseWriter, r *http.Request, f *form, id int64) {
	title := T(s.lang(r), "Thêm chuyên mục")
	if id != 0 {
		title = T(s.lang(r), "Sửa chuyên mục")
	}
	kinds := map[string]bool{}
	for _, k := range f.Values["kinds"] {
		kinds[k] = true
	}
	p := &Page{Title: title, Form: f, Data: map[string]any{"ID": id, "Kinds": kinds}}
	if !f.ok() || f.Error != "" {
		p.Status = http.StatusBadRequest
	}
	s.render(w, r, "app/sections_form", p)
}

func sectionFromForm(f *form) *store.Section {
	sec := &store.Section{Name: f.Get("name"), Slug: f.Get("slug"), Description: f.Get("description"), OnHome: f.Get("on_home") == "1",
		Topics: strings.Split(f.Get("topics"), "\n")}
	for _, k := range f.Values["kinds"] {
		sec.Kinds = append(sec.Kinds, loa.ItemKind(k))
	}
	sec.Position, _ = strconv.Atoi(f.Get("position"))
	sec.Version, _ = strconv.Atoi(f.Get("version"))
	return sec
}

func (s *Server) saveSection(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	sec := sectionFromForm(f)
	sec.ID = id
	if err := s.db.SaveSection(r.Context(), sec); err != nil {
		if Status(err) == http.StatusInternalServerError || Status(err) == http.StatusNotFound {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderSectionForm(w, r, f, id)
		return
	}
	s.redirect(w, r, "/app/site", "Đã lưu chuyên mục.")
}

func (s *Server) sectionCreate(w http.ResponseWriter, r *http.Request) { s.saveSection(w, r, 0) }

func (s *Server) sectionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.saveSection(w, r, id)
}

func (s *Server) sectionDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteSection(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/site", "Đã xoá chuyên mục.")
}

func (s *Server) saveMenu(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	m := &store.MenuLink{ID: id, Label: f.Get("label"), Href: f.Get("href")}
	m.Position, _ = strconv.Atoi(f.Get("position"))
	if err := s.db.SaveMenuLink(r.Context(), m); err != nil {
		if Status(err) == http.StatusInternalServerError || Status(err) == http.StatusNotFound {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderSiteAdmin(w, r, f)
		return
	}
	s.redirect(w, r, "/app/site", "Đã lưu trình đơn.")
}

func (s *Server) menuCreate(w http.ResponseWriter, r *http.Request) { s.saveMenu(w, r, 0) }

func (s *Server) menuUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.saveMenu(w, r, id)
}

func (s *Server) menuDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteMenuLink(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/app/site", "Đã xoá mục trình đơn.")
}

// The about form holds the about page and the agency's information Decree 42/2022
// asks for (store.OrgInfo): both are saved in one transaction.
func (s *Server) aboutForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := &form{Values: map[string][]string{"title": {T(s.lang(r), "Giới thiệu")}}, Errors: map[string]string{}}
	p, err := s.db.SitePageBySlug(ctx, aboutSlug)
	switch {
	case err == nil:
		f.Values = map[string][]string{"title": {p.Title}, "body": {p.Body}, "version": {strconv.Itoa(p.Version)}}
	case loa.ErrorCode(err) != loa.ENOTFOUND:
		s.renderError(w, r, err)
		return
	}
	org, err := s.db.OrgInfo(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for k, v := range map[string]string{"functions": org.Functions, "functions_en": org.FunctionsEN, "about_en": org.AboutEN,
		"address": org.Address, "phone": org.Phone, "fax": org.Fax, "email": org.Email, "links": store.FormatOrgLinks(org.Links)} {
		f.Values[k] = []string{v}
	}
	if org.Spokesperson != 0 {
		f.Values["spokesperson"] = []string{strconv.FormatInt(org.Spokesperson, 10)}
	}
	s.renderAboutForm(w, r, f, http.StatusOK)
}

func (s *Server) renderAboutForm(w http.ResponseWriter, r *http.Request, f *form, status int) {
	people, _, err := s.db.People(r.Context(), store.PeopleFilter{Page: store.Page{Number: 1, Size: 500}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/site_about", &Page{Title: T(s.lang(r), "Trang giới thiệu"), Form: f, Status: status, Data: map[string]any{"People": people}})
}

func (s *Server) aboutSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := newForm(r)
	p := &store.SitePage{Slug: aboutSlug, Title: f.Get("title"), Body: f.Get("body")}
	p.Version, _ = strconv.Atoi(f.Get("version"))
	org := &store.OrgInfo{Functions: f.Get("functions"), FunctionsEN: f.Get("functions_en"), AboutEN: f.Get("about_en"),
		Address: f.Get("address"), Phone: f.Get("phone"), Fax: f.Get("fax"), Email: f.Get("email")}
	org.Spokesperson, _ = strconv.ParseInt(f.Get("spokesperson"), 10, 64)
	links, err := store.ParseOrgLinks(f.Get("links"))
	if err == nil {
		org.Links = links
		err = s.db.WithTx(ctx, func(ctx context.Context) error {
			if err := s.db.SaveSitePage(ctx, p); err != nil {
				return err
			}
			return s.db.SaveOrgInfo(ctx, org)
		})
	} else {
		err = loa.FieldError("links", loa.ErrorMessage(err))
	}
	if err != nil {
		if Status(err) == http.StatusInternalServerError {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.renderAboutForm(w, r, f, Status(err))
		return
	}
	s.redirect(w, r, "/app/site", "Đã lưu trang giới thiệu.")
}

package web

import (
	"context"
	"net/http"
	"strconv"

	"loa"
)

// idString is an id as a form value: "" for none.
func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// themesAround are the themes an item may be put on: those of the work years around
// day (last year's, this year's, next year's, with their halves and quarters), and
// the theme keep it is on already, whatever its period.
func (s *Server) themesAround(ctx context.Context, day loa.Date, keep int64) ([]*loa.Theme, error) {
	y := s.cfg.YearStart.WorkYear(day)
	var names []string
	for yr := y - 1; yr <= y+1; yr++ {
		for _, p := range s.cfg.YearStart.PeriodsOfYear(yr) {
			names = append(names, p.Name)
		}
	}
	themes, err := s.db.Themes(ctx, names...)
	if err != nil || keep == 0 {
		return themes, err
	}
	for _, t := range themes {
		if t.ID == keep {
			return themes, nil
		}
	}
	t, err := s.db.Theme(ctx, keep)
	if err != nil {
		return nil, err
	}
	return append(themes, t), nil
}

// themeShow is a theme's page: what each unit wrote for it and how much of it is
// published, each line one click from the items themselves.
func (s *Server) themeShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t, err := s.db.Theme(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderTheme(w, r, t, &form{Values: map[string][]string{"code": {t.Code}}, Errors: map[string]string{}}, 0)
}

// renderTheme shows theme t's page with its code form f.
func (s *Server) renderTheme(w http.ResponseWriter, r *http.Request, t *loa.Theme, f *form, status int) {
	counts, err := s.db.ThemeCounts(r.Context(), t.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	items, published := 0, 0
	for _, c := range counts {
		items += c.Items
		published += c.Published
	}
	s.render(w, r, "app/theme", &Page{Title: T(s.lang(r), "Chủ đề") + " " + t.Title, Form: f, Status: status, Data: map[string]any{
		"Theme": t, "Counts": counts, "Items": items, "Published": published,
		"CanEdit": planners.Allows(loa.UserFrom(r.Context())),
	}})
}

// themeSetCode gives a theme its code (or changes it), the code files and the API
// name it by.
func (s *Server) themeSetCode(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t, err := s.db.Theme(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	stored := t.Code
	t.Code = f.Get("code")
	err = s.db.SaveTheme(r.Context(), s.cfg.YearStart, t)
	if err == nil {
		s.redirect(w, r, "/app/themes/"+strconv.FormatInt(id, 10), "Đã lưu mã chủ đề.")
		return
	}
	if s.failForm(w, r, f, err) {
		t.Code = stored
		s.renderTheme(w, r, t, f, http.StatusBadRequest)
	}
}

package web

import (
	"net/http"
	"strconv"

	"loa/store"
)

// awardHint is the eligibility rule shown on the award pages.
const awardHint = "Giải Búa liềm vàng: tác phẩm đăng, phát từ 01/11 năm trước đến 31/10 năm xét giải; gửi dự giải chậm nhất ngày 10/11."

func (s *Server) awardList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := pageOf(r, 50)
	f := store.AwardFilter{Contest: q.Get("contest"), Edition: q.Get("edition"), Status: store.AwardStatus(q.Get("status")),
		Page: store.Page{Number: pg.Number, Size: pg.Size}}
	if !f.Status.Valid() {
		f.Status = ""
	}
	entries, total, err := s.db.AwardEntries(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	contests, editions, err := s.db.AwardEditions(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pg.Total = total
	s.render(w, r, "app/award_list", &Page{Title: T(s.lang(r), "Tác phẩm dự giải"), Data: map[string]any{
		"Entries": entries, "Pager": pg, "Filter": f, "Contests": contests, "Editions": editions,
		"Statuses": store.AwardStatuses, "Hint": awardHint}})
}

func (s *Server) awardShow(w http.ResponseWriter, r *http.Request) { s.renderAward(w, r, nil, 0) }

func (s *Server) renderAward(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.AwardEntry(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	history, _, err := s.db.AuditLog(ctx, store.AuditFilter{Entity: "award_entry", EntityID: id, Page: store.Page{Size: 100}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if f == nil {
		f = &form{Values: map[string][]string{"prize": {e.Prize}}, Errors: map[string]string{}}
	}
	from, to, deadline, hasWindow := e.Window()
	s.render(w, r, "app/award", &Page{Title: e.ItemTitle, Form: f, Status: status, Data: map[string]any{
		"Entry": e, "History": statusHistory(history), "HasWindow": hasWindow, "From": from, "To": to, "Deadline": deadline}})
}

func (s *Server) awardNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := &form{Values: map[string][]string{"contest": {store.ContestBuaLiemVang}, "item": {q.Get("item")}}, Errors: map[string]string{}}
	s.renderAwardForm(w, r, f, 0, 0)
}

func (s *Server) awardEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.AwardEntry(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"contest": {e.Contest}, "edition": {e.Edition}, "category": {e.Category}, "item": {strconv.FormatInt(e.ItemID, 10) + " — " + e.ItemTitle},
		"submitted_on": {e.SubmittedOn.Display()}, "note": {e.Note}, "version": {strconv.Itoa(e.Version)},
	}}
	s.renderAwardForm(w, r, f, id, 0)
}

// renderAwardForm offers the latest published items as a pick-list; the field takes
// an id or words of a title, so older items can be found too.
func (s *Server) renderAwardForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	ctx := r.Context()
	items, err := s.db.AwardCandidates(ctx, "", 300)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	contests, editions, err := s.db.AwardEditions(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := "Thêm tác phẩm dự giải"
	if id != 0 {
		title = "Sửa tác phẩm dự giải"
	}
	s.render(w, r, "app/award_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status, Data: map[string]any{
		"ID": id, "Items": items, "Contests": contests, "Editions": editions, "Hint": awardHint}})
}

func (s *Server) awardCreate(w http.ResponseWriter, r *http.Request) { s.awardSave(w, r, 0) }

func (s *Server) awardUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.awardSave(w, r, id)
}

func (s *Server) awardSave(w http.ResponseWriter, r *http.Request, id int64) {
	ctx := r.Context()
	f := newForm(r)
	v, _ := strconv.Atoi(f.Get("version"))
	e := &store.AwardEntry{ID: id, Contest: f.Get("contest"), Edition: f.Get("edition"), Category: f.Get("category"),
		SubmittedOn: f.date("submitted_on"), Note: f.Get("note"), Version: v}
	item, err := s.db.FindAwardCandidate(ctx, f.Get("item"))
	switch {
	case err == nil:
		e.ItemID = item.ID
	case !s.failForm(w, r, f, err):
		return
	}
	if f.ok() {
		err := s.db.SaveAwardEntry(ctx, e)
		if err == nil {
			msg := "Đã lưu tác phẩm dự giải."
			if len(e.Warnings()) > 0 {
				msg = "Đã lưu tác phẩm dự giải; xin xem lại cảnh báo về thời gian."
			}
			s.redirect(w, r, "/app/awards/"+strconv.FormatInt(e.ID, 10), msg)
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	} else if f.Error == "" {
		f.Error = "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu."
	}
	s.renderAwardForm(w, r, f, id, http.StatusBadRequest)
}

func (s *Server) awardStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	err = s.db.SetAwardStatus(r.Context(), id, store.AwardStatus(f.Get("status")), f.Get("prize"))
	if err == nil {
		s.redirect(w, r, "/app/awards/"+strconv.FormatInt(id, 10), "Đã cập nhật trạng thái.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	s.renderAward(w, r, f, http.StatusBadRequest)
}

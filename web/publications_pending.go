package web

import (
	"fmt"
	"net/http"
	"strconv"

	"loa"
)

// confirmers confirm or refuse the publications contributors declare
// (loa.ConfirmsPublications): the Board's secretary, the editors and admins.
var confirmers = roles(loa.RoleAdmin, loa.RoleSecretary, loa.RoleEditor)

// publicationsPending is the secretary's queue: every declaration awaiting
// confirmation, its evidence (link, file, note) beside it, to confirm or refuse
// (with a reason the contributor sees) one by one or ticked in bulk.
func (s *Server) publicationsPending(w http.ResponseWriter, r *http.Request) {
	s.renderPending(w, r, nil, 0)
}

func (s *Server) renderPending(w http.ResponseWriter, r *http.Request, f *form, status int) {
	rows, err := s.db.PendingPublications(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ticked := map[int64]bool{}
	if f != nil {
		for _, v := range f.Values["id"] {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				ticked[id] = true
			}
		}
	}
	s.render(w, r, "app/publications_pending", &Page{Title: T(s.lang(r), "Kết quả đăng chờ xác nhận"), Form: f, Status: status,
		Data: map[string]any{"Rows": rows, "Ticked": ticked}})
}

// publicationsDecide confirms or refuses the ticked declarations (one transaction:
// all or none). A refusal without a reason, or a declaration someone decided first,
// re-shows the queue with the ticks and the reason kept.
func (s *Server) publicationsDecide(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	var ids []int64
	for _, v := range f.Values["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.renderError(w, r, loa.Errorf(loa.EINVALID, "Mã kết quả đăng không hợp lệ."))
			return
		}
		ids = append(ids, id)
	}
	var err error
	msg := T(s.lang(r), "Đã xác nhận %d kết quả đăng; từ nay chúng được tính vào số liệu.")
	if f.Get("decision") == "refuse" {
		err = s.db.RefusePublications(r.Context(), ids, f.Get("reason"))
		msg = T(s.lang(r), "Đã không xác nhận %d kết quả đăng; đơn vị thấy lý do trên trang tin bài.")
	} else {
		err = s.db.ConfirmPublications(r.Context(), ids)
	}
	if err != nil {
		switch loa.ErrorCode(err) {
		case loa.EINVALID, loa.ECONFLICT, loa.EFORBIDDEN:
			f.fail(err)
			s.renderPending(w, r, f, Status(err))
		default:
			s.renderError(w, r, err)
		}
		return
	}
	s.setFlash(r, "success", fmt.Sprintf(msg, len(ids)))
	http.Redirect(w, r, "/app/publications/pending", http.StatusSeeOther)
}

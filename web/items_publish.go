package web

import (
	"net/http"
	"strings"
	"time"

	"loa"
	"loa/store"
)

// approvePublish approves a submitted item and publishes it in one act (editors and
// admins): now, or at the time given (store.ApproveAndPublish).
func (s *Server) approvePublish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	f.Values.Set("action", "approve_publish") // re-opens the form when refused
	var at time.Time
	if f.Get("when") == "later" {
		if at, err = parseLocalTime(f.Get("publish_at")); err != nil {
			f.Errors["publish_at"] = "Thời điểm không hợp lệ."
			s.stepFailed(w, r, id, f, &loa.Error{Code: loa.EINVALID, Message: "Thời điểm không hợp lệ.", Fields: f.Errors})
			return
		}
	}
	if err := s.db.ApproveAndPublish(r.Context(), id, at); err != nil {
		if loa.ErrorCode(err) == loa.EINVALID && loa.ErrorFields(err)["scheduled_at"] != "" {
			f.Errors["publish_at"] = loa.ErrorFields(err)["scheduled_at"]
		}
		s.stepFailed(w, r, id, f, err)
		return
	}
	msg := "Đã duyệt và đăng lên trang."
	if !at.IsZero() {
		msg = "Đã duyệt và hẹn giờ đăng."
	}
	s.redirect(w, r, backTo(f.Get("back"), itemURL(id)), msg)
}

// backTo is where a step done from a list returns: back, when it is one of the back
// office's item pages, else def (never another site: an open redirect).
func backTo(back, def string) string {
	if strings.HasPrefix(back, "/app/items") && !strings.HasPrefix(back, "//") && !strings.ContainsAny(back, "\\\r\n") {
		return back
	}
	return def
}

// canApprovePublish reports whether u may approve the item and then publish it.
func canApprovePublish(u *loa.User, st loa.ItemState, leaderApproval bool) bool {
	if loa.CanTransition(u, st, loa.ActionApprove, leaderApproval) != nil {
		return false
	}
	// The state the approval leads to: a leader's approval is the sign-off too.
	next := loa.ItemState{UnitID: st.UnitID, Status: loa.StatusApproved, SignedOff: u.Is(loa.RoleLeader)}
	return loa.CanTransition(u, next, loa.ActionPublish, leaderApproval) == nil
}

// waitsFor says what an item waits for, as its lists show it.
func waitsFor(lang string, it *store.ItemRow, leaderApproval bool) string {
	switch it.Status {
	case loa.StatusDraft:
		return T(lang, "Đơn vị viết xong, gửi duyệt")
	case loa.StatusReturned:
		return T(lang, "Đơn vị sửa theo ý kiến, gửi duyệt lại")
	case loa.StatusSubmitted:
		return T(lang, "Biên tập viên duyệt")
	case loa.StatusApproved:
		switch {
		case leaderApproval && !it.SignedOff:
			return T(lang, "Lãnh đạo Ban duyệt lần hai")
		case !it.ScheduledAt.IsZero():
			return T(lang, "Tự đăng lúc") + " " + loa.FormatTime(it.ScheduledAt)
		}
		return T(lang, "Biên tập viên đăng lên trang")
	}
	return ""
}

// rowActs are the steps u may take on an item straight from a list: those that need
// no reason (returning and withdrawing are asked on the item's page).
func rowActs(lang string, u *loa.User, it *store.ItemRow, leaderApproval bool) []actionView {
	var out []actionView
	for _, tr := range loa.Workflow {
		if !tr.Reason && loa.CanTransition(u, it.State(), tr.Action, leaderApproval) == nil {
			out = append(out, actionView{Action: tr.Action, Label: T(lang, loa.ActionNames[tr.Action])})
		}
	}
	return out
}

// hasAct reports whether u has a step to take on the item: a workflow step, or, for
// its unit's drafts and returned items, writing (the submit step covers both).
func hasAct(u *loa.User, it *store.ItemRow, leaderApproval bool) bool {
	for _, tr := range loa.Workflow {
		if loa.CanTransition(u, it.State(), tr.Action, leaderApproval) == nil {
			return true
		}
	}
	return false
}

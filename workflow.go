package loa

import (
	"slices"
	"strings"
)

// Action is a step of the site's editorial workflow (DESIGN.md "The model, in words").
type Action string

// The workflow's actions.
const (
	ActionSubmit   Action = "submit"   // a unit sends its item to the editors
	ActionReturn   Action = "return"   // an editor sends it back, with a reason
	ActionApprove  Action = "approve"  // an editor accepts it for the site
	ActionSignOff  Action = "sign_off" // the leader's second approval, when the setting asks for it
	ActionPublish  Action = "publish"  // it appears on the site
	ActionWithdraw Action = "withdraw" // it leaves the site, with a reason
)

// Actions lists every action in workflow order.
var Actions = []Action{ActionSubmit, ActionReturn, ActionApprove, ActionSignOff, ActionPublish, ActionWithdraw}

// Valid reports whether a is a known action.
func (a Action) Valid() bool { return slices.Contains(Actions, a) }

// Transition is one row of the workflow table: an action, the statuses it starts
// from, the status it leads to, who may take it and whether a reason is required.
type Transition struct {
	Action Action
	From   []Status
	To     Status
	Roles  []Role // a contributor among them acts on its own unit's items only
	Reason bool
}

// Workflow is the transition table. Roles follow DESIGN.md "Who uses it": a
// contributor (its own unit only), the secretary (who enters items for any unit) and
// the editors submit; editors return, approve and publish; the leader reads
// everything and gives the final approval, so it may also approve or return; the
// admin may do everything. A viewer only reads. A withdrawn item stays withdrawn: it
// is kept with its publications, for the record.
var Workflow = []Transition{
	{Action: ActionSubmit, From: []Status{StatusDraft, StatusReturned}, To: StatusSubmitted,
		Roles: []Role{RoleAdmin, RoleSecretary, RoleEditor, RoleContributor}},
	{Action: ActionReturn, From: []Status{StatusSubmitted, StatusApproved}, To: StatusReturned,
		Roles: []Role{RoleAdmin, RoleLeader, RoleEditor}, Reason: true},
	{Action: ActionApprove, From: []Status{StatusSubmitted}, To: StatusApproved,
		Roles: []Role{RoleAdmin, RoleLeader, RoleEditor}},
	{Action: ActionSignOff, From: []Status{StatusApproved}, To: StatusApproved,
		Roles: []Role{RoleAdmin, RoleLeader}},
	{Action: ActionPublish, From: []Status{StatusApproved}, To: StatusPublished,
		Roles: []Role{RoleAdmin, RoleEditor}},
	{Action: ActionWithdraw, From: []Status{StatusPublished}, To: StatusWithdrawn,
		Roles: []Role{RoleAdmin, RoleLeader, RoleEditor}, Reason: true},
}

// TransitionOf returns the table row of a, or nil for an unknown action.
func TransitionOf(a Action) *Transition {
	for i := range Workflow {
		if Workflow[i].Action == a {
			return &Workflow[i]
		}
	}
	return nil
}

// ItemState is what the workflow rules read of an item: its unit, its status and
// whether the leader has signed it off (the second approval).
type ItemState struct {
	UnitID    int64
	Status    Status
	SignedOff bool
}

// CanTransition reports whether u may take action a on an item in state it.
// leaderApproval is the setting that asks for the leader's second approval before
// publishing. It returns nil when allowed; EFORBIDDEN when u's role may not take the
// action (or u is a contributor of another unit); ECONFLICT when the item's status
// does not allow it (someone acted first, or the step is not due).
func CanTransition(u *User, it ItemState, a Action, leaderApproval bool) error {
	tr := TransitionOf(a)
	if tr == nil {
		return Errorf(EINVALID, "Thao tác không hợp lệ.")
	}
	if u == nil || !slices.Contains(tr.Roles, u.Role) {
		return Errorf(EFORBIDDEN, "Tài khoản của bạn không được %s tin bài.", actionVerbs[a])
	}
	if u.ScopedToUnit() && u.UnitID != it.UnitID {
		return Errorf(EFORBIDDEN, "Bạn chỉ xử lý được tin bài của đơn vị mình.")
	}
	if !slices.Contains(tr.From, it.Status) {
		return Errorf(ECONFLICT, "Tin bài đang ở trạng thái “%s”, không thể %s.", StatusNames[it.Status], actionVerbs[a])
	}
	switch a {
	case ActionSignOff:
		if !leaderApproval {
			return Errorf(ECONFLICT, "Không cần lãnh đạo duyệt lần hai: chức năng này đang tắt.")
		}
		if it.SignedOff {
			return Errorf(ECONFLICT, "Tin bài đã được lãnh đạo duyệt.")
		}
	case ActionPublish:
		if leaderApproval && !it.SignedOff {
			return Errorf(ECONFLICT, "Tin bài cần lãnh đạo duyệt trước khi đăng.")
		}
	}
	return nil
}

// NeedsReason reports whether action a must carry a reason (returning, withdrawing).
func NeedsReason(a Action) bool {
	tr := TransitionOf(a)
	return tr != nil && tr.Reason
}

// ActionNames are the actions as buttons read.
var ActionNames = map[Action]string{
	ActionSubmit: "Gửi duyệt", ActionReturn: "Trả lại", ActionApprove: "Duyệt",
	ActionSignOff: "Lãnh đạo duyệt", ActionPublish: "Đăng lên trang", ActionWithdraw: "Gỡ khỏi trang",
}

var actionVerbs = map[Action]string{
	ActionSubmit: "gửi duyệt", ActionReturn: "trả lại", ActionApprove: "duyệt",
	ActionSignOff: "duyệt lần hai", ActionPublish: "đăng", ActionWithdraw: "gỡ",
}

// CanRead reports whether u may read an item of unit unitID that is not published:
// every role, a contributor only for its own unit. The public (nil) reads only
// published items.
func CanRead(u *User, unitID int64) bool {
	if u == nil {
		return false
	}
	return !u.ScopedToUnit() || u.UnitID == unitID
}

// CanCreate returns nil when u may create an item for unit unitID: a contributor
// for its own unit; the secretary, editors and the admin for any unit.
func CanCreate(u *User, unitID int64) error {
	if !u.Is(RoleAdmin, RoleSecretary, RoleEditor, RoleContributor) {
		return Errorf(EFORBIDDEN, "Tài khoản của bạn không được tạo tin bài.")
	}
	if u.ScopedToUnit() && u.UnitID != unitID {
		return &Error{Code: EFORBIDDEN, Message: "Bạn chỉ tạo được tin bài của đơn vị mình.",
			Fields: map[string]string{"unit_id": "Bạn chỉ tạo được tin bài của đơn vị mình."}}
	}
	return nil
}

// CanEdit returns nil when u may change the content of an item of unit unitID in
// status st: a contributor its own unit's items while draft or returned; the
// secretary any unit's while draft or returned; editors and the admin any item
// that is not withdrawn (editors correct what the site shows). The leader and
// viewers read only. EFORBIDDEN for the role or unit, ECONFLICT for the status.
func CanEdit(u *User, unitID int64, st Status) error {
	switch {
	case u.Is(RoleAdmin, RoleEditor):
		if st == StatusWithdrawn {
			return Errorf(ECONFLICT, "Tin bài đã gỡ không sửa được nữa.")
		}
		return nil
	case u.Is(RoleSecretary, RoleContributor):
		if u.ScopedToUnit() && u.UnitID != unitID {
			return Errorf(EFORBIDDEN, "Bạn chỉ sửa được tin bài của đơn vị mình.")
		}
		if st != StatusDraft && st != StatusReturned {
			return Errorf(ECONFLICT, "Tin bài đang ở trạng thái “%s”: chỉ sửa được khi còn là nháp hoặc bị trả lại.", StatusNames[st])
		}
		return nil
	}
	return Errorf(EFORBIDDEN, "Tài khoản của bạn không được sửa tin bài.")
}

// CanComment reports whether u may write an editorial comment on an item of unitID:
// everyone who works on items (not viewers), contributors on their own unit's.
func CanComment(u *User, unitID int64) bool {
	return u.Is(RoleAdmin, RoleLeader, RoleSecretary, RoleEditor, RoleContributor) && CanRead(u, unitID)
}

// CanSchedule reports whether u may set the time an approved item goes on the site.
func CanSchedule(u *User) bool { return u.Is(RoleAdmin, RoleEditor) }

// CanRecordPublication returns nil when u may add, change or delete a publication of
// an item of unit unitID on a channel of type ct: editors, the secretary and the
// admin for any unit and channel; a contributor only its own unit's items and only
// on outside channels (the site's publication comes from publishing).
func CanRecordPublication(u *User, unitID int64, ct ChannelType) error {
	switch {
	case u.Is(RoleAdmin, RoleSecretary, RoleEditor):
		return nil
	case u.Is(RoleContributor):
		if u.UnitID != unitID {
			return Errorf(EFORBIDDEN, "Bạn chỉ ghi được kết quả đăng của tin bài đơn vị mình.")
		}
		if ct == ChannelSite {
			return &Error{Code: EFORBIDDEN, Message: "Việc đăng trên Trang thông tin điện tử do biên tập viên thực hiện.",
				Fields: map[string]string{"channel_id": "Chọn một kênh bên ngoài (báo, đài, trang tin khác)."}}
		}
		return nil
	}
	return Errorf(EFORBIDDEN, "Tài khoản của bạn không được ghi kết quả đăng.")
}

// ManagesChannels reports whether u may create and edit channels.
func (u *User) ManagesChannels() bool { return u.Is(RoleAdmin, RoleSecretary) }

// Limits of an item's fields.
const (
	MaxTitle   = 500
	MaxSummary = 2000
	MaxTopic   = 300
	MaxBody    = 1 << 20 // bytes of sanitized HTML
	MaxAuthors = 20
	MaxAuthor  = 200 // characters of one author's name
	MaxRef     = 200 // characters of an item_ref (imports only)
)

// Validate checks an item's own fields (trimmed in place); the store checks the unit
// and the authors' people.
func (it *Item) Validate() error {
	var v Validation
	it.Title = strings.TrimSpace(it.Title)
	it.Summary = strings.TrimSpace(it.Summary)
	it.Topic = strings.TrimSpace(it.Topic)
	v.Check(it.Title != "", "title", "Xin nhập tiêu đề.")
	v.Text("ref", it.Ref, MaxRef, "Mã tin bài quá dài.")
	v.Text("title", it.Title, MaxTitle, "Tiêu đề quá dài.")
	v.Text("summary", it.Summary, MaxSummary, "Sa pô (tóm tắt) quá dài.")
	v.Text("topic", it.Topic, MaxTopic, "Chủ đề quá dài.")
	v.Text("body", it.Body, 0, "")
	v.Check(len(it.Body) <= MaxBody, "body", "Nội dung quá dài.")
	v.Check(it.Kind.Valid(), "kind", "Xin chọn thể loại.")
	v.Check(it.UnitID > 0, "unit_id", "Xin chọn đơn vị.")
	v.Check(len(it.Authors) <= MaxAuthors, "authors", "Quá nhiều tác giả.")
	authors := it.Authors[:0]
	for _, a := range it.Authors {
		a.Name = strings.TrimSpace(a.Name)
		if a.Name == "" && a.PersonID == 0 {
			continue
		}
		v.Text("authors", a.Name, MaxAuthor, "Tên tác giả quá dài.")
		authors = append(authors, a)
	}
	it.Authors = authors
	return v.Err()
}

// Validate checks a publication's own fields.
func (p *Publication) Validate() error {
	var v Validation
	p.URL = strings.TrimSpace(p.URL)
	p.Note = strings.TrimSpace(p.Note)
	v.Check(p.ItemID > 0, "item_id", "Thiếu tin bài.")
	v.Check(p.ChannelID > 0 || p.ChannelCode != "", "channel_id", "Xin chọn kênh đăng.")
	v.Check(!p.PublishedOn.IsZero(), "published_on", "Xin nhập ngày đăng.")
	v.Check(p.URL == "" || strings.HasPrefix(p.URL, "http://") || strings.HasPrefix(p.URL, "https://"),
		"url", "Đường dẫn phải bắt đầu bằng http:// hoặc https://.")
	v.Text("url", p.URL, MaxURL, "Đường dẫn quá dài.")
	v.Text("note", p.Note, 1000, "Ghi chú quá dài.")
	return v.Err()
}

package web

import (
	"loa"
	"loa/store"
)

// The audit log's actions and kinds of record as people read them; the code stays
// beside the name (for those who filter by it), and an unknown code is shown alone.
var (
	auditActionNames = map[string]string{
		"create": "Tạo mới", "update": "Sửa", "delete": "Xoá", "status": "Đổi trạng thái", "schedule": "Hẹn giờ đăng",
		"password": "Đổi mật khẩu", "import": "Nhập từ tệp", "revoke": "Thu hồi", "close": "Chốt số liệu", "reopen": "Mở lại kỳ",
	}
	auditEntityNames = map[string]string{
		"channel": "Kênh đăng", "posting": "Công tác", "assignment": "Nhiệm vụ", "period": "Kỳ", "api_token": "Mã truy cập API",
		"setting": "Thiết lập", "site": "Trang tin", "user": "Tài khoản", "menu_link": "Liên kết trình đơn",
		"report_rollup": "Báo cáo tỉnh gửi lên", "media": "Ảnh, tệp", "document": "Văn bản", "comment": "Ý kiến biên tập",
		"action_item": "Việc được giao", "site_page": "Trang giới thiệu", "section": "Chuyên mục", "publication": "Lượt đăng",
		"meeting": "Cuộc họp", "award_entry": "Tác phẩm dự giải", "org_info": "Thông tin cơ quan", "theme": "Chủ đề",
		"password_reset": "Đường dẫn đặt lại mật khẩu", "nomination": "Đề nghị khen thưởng", "person": "Cán bộ",
		"unit": "Đơn vị", "item": "Tin bài", "reminder": "Nhắc việc", "plan": "Kế hoạch", "emulation_period": "Đợt thi đua",
		"contact": "Đầu mối", "quota": "Chỉ tiêu", "membership": "Thành viên Ban",
	}
)

// auditRow is an audit entry with the names of its action and kind of record.
type auditRow struct {
	store.AuditEntry
	ActionName, EntityName string // "" when the code has none
}

// auditRows names the entries' codes in lang: the audit's own actions, else the
// workflow's (submit, approve …).
func auditRows(lang string, entries []store.AuditEntry) []auditRow {
	out := make([]auditRow, len(entries))
	for i, e := range entries {
		out[i] = auditRow{AuditEntry: e}
		if n, ok := auditActionNames[e.Action]; ok {
			out[i].ActionName = T(lang, n)
		} else if n, ok := loa.ActionNames[loa.Action(e.Action)]; ok {
			out[i].ActionName = T(lang, n)
		}
		if n, ok := auditEntityNames[e.Entity]; ok {
			out[i].EntityName = T(lang, n)
		}
	}
	return out
}

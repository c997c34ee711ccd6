package web

import (
	"net/http"

	"loa/docx"
)

// docSettingField is one field of the document settings form: its stored value and
// the default a blank value falls back to, shown as the placeholder.
type docSettingField struct {
	Key, Label, Hint string
	Value, Default   string
	Lines            bool // a textarea: one recipient a line
}

// docSettingLabels name the settings of docx.SettingKeys, in the form's order.
var docSettingLabels = []docSettingField{
	{Key: "agency", Label: "Cơ quan ban hành"},
	{Key: "parent_agency", Label: "Cơ quan chủ quản"},
	{Key: "symbol", Label: "Ký hiệu cơ quan", Hint: "Phần sau loại văn bản trong số, ký hiệu: BC-VKSTB."},
	{Key: "number", Label: "Số văn bản", Hint: "Thường để trống để văn thư ghi số khi ký."},
	{Key: "place", Label: "Địa danh"},
	{Key: "authority", Label: "Quyền hạn ký", Hint: "Ví dụ: KT. VIỆN TRƯỞNG; để trống khi người đứng đầu ký."},
	{Key: "signer_title", Label: "Chức vụ người ký"},
	{Key: "signer_name", Label: "Họ tên người ký"},
	{Key: "recipients", Label: "Nơi nhận", Hint: "Mỗi dòng một nơi nhận.", Lines: true},
}

// docSettingsFields are the form's fields with the stored values (or those typed, on
// a refused form) and the defaults.
func (s *Server) docSettingsFields(stored map[string]string) []docSettingField {
	def := docx.SettingsFrom(nil, s.cfg.SiteName)
	defaults := map[string]string{"agency": def.Agency, "parent_agency": def.ParentAgency, "symbol": def.Symbol,
		"number": def.Number, "place": def.Place, "authority": def.Authority, "signer_title": def.SignerTitle,
		"signer_name": def.SignerName}
	for i, r := range def.Recipients {
		if i > 0 {
			defaults["recipients"] += "\n"
		}
		defaults["recipients"] += r
	}
	out := make([]docSettingField, len(docSettingLabels))
	for i, f := range docSettingLabels {
		f.Value, f.Default = stored[f.Key], defaults[f.Key]
		out[i] = f
	}
	return out
}

// docSettingsForm shows the settings every official document carries (agency,
// symbol, signer, recipients); a blank field uses the default shown in it.
func (s *Server) docSettingsForm(w http.ResponseWriter, r *http.Request) {
	stored, err := s.db.DocSettings(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/doc_settings", &Page{Title: T(s.lang(r), "Thông tin văn bản"), Form: &form{Errors: map[string]string{}},
		Data: s.docSettingsFields(stored)})
}

// docSettingsSave stores the settings (audited by the store); a blank one is removed.
func (s *Server) docSettingsSave(w http.ResponseWriter, r *http.Request) {
	f := newForm(r)
	values := map[string]string{}
	for _, k := range docx.SettingKeys {
		values[k] = f.Get(k)
	}
	if err := s.db.SetDocSettings(r.Context(), values); err != nil {
		if Status(err) == http.StatusInternalServerError {
			s.renderError(w, r, err)
			return
		}
		f.fail(err)
		s.render(w, r, "app/doc_settings", &Page{Title: T(s.lang(r), "Thông tin văn bản"), Form: f,
			Data: s.docSettingsFields(values), Status: Status(err)})
		return
	}
	s.redirect(w, r, "/app/settings/documents", "Đã lưu thông tin văn bản.")
}

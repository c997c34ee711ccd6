package web

import (
	"net/http"

	"loa"
)

// Channels (kênh đăng) are managed by the Board's secretary (and the admin): the
// site itself, the sector's outlets, radio-TV and newspapers.

// channelTypeView is a channel type with its name, for lists and menus.
type channelTypeView struct {
	Type  loa.ChannelType
	Label string
}

func (s *Server) channelTypes(r *http.Request) []channelTypeView {
	out := make([]channelTypeView, len(loa.ChannelTypes))
	for i, t := range loa.ChannelTypes {
		out[i] = channelTypeView{Type: t, Label: T(s.lang(r), loa.ChannelTypeNames[t])}
	}
	return out
}

func (s *Server) channelsList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	channels, err := s.db.Channels(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	use, err := s.db.ChannelUse(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	names := map[loa.ChannelType]string{}
	for _, t := range s.channelTypes(r) {
		names[t.Type] = t.Label
	}
	s.render(w, r, "app/channels", &Page{Title: T(s.lang(r), "Kênh đăng"), Data: map[string]any{
		"Channels": channels, "Use": use, "TypeNames": names}})
}

func (s *Server) channelNew(w http.ResponseWriter, r *http.Request) {
	s.renderChannelForm(w, r, &form{Errors: map[string]string{}, Values: map[string][]string{"type": {string(loa.ChannelPress)}}}, 0, 0)
}

func (s *Server) channelEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	c, err := s.db.Channel(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &form{Errors: map[string]string{}, Values: map[string][]string{"code": {c.Code}, "name": {c.Name}, "type": {string(c.Type)}, "url": {c.URL}}}
	s.renderChannelForm(w, r, f, id, 0)
}

func (s *Server) renderChannelForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	title := "Thêm kênh đăng"
	if id != 0 {
		title = "Sửa kênh đăng"
	}
	s.render(w, r, "app/channel_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status,
		Data: map[string]any{"ID": id, "Types": s.channelTypes(r)}})
}

func (s *Server) channelCreate(w http.ResponseWriter, r *http.Request) { s.channelSave(w, r, 0) }

func (s *Server) channelUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.channelSave(w, r, id)
}

func (s *Server) channelSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	c := &loa.Channel{ID: id, Code: f.Get("code"), Name: f.Get("name"), Type: loa.ChannelType(f.Get("type")), URL: f.Get("url")}
	var err error
	if id == 0 {
		err = s.db.CreateChannel(r.Context(), c)
	} else {
		err = s.db.UpdateChannel(r.Context(), c)
	}
	if err == nil {
		s.redirect(w, r, "/app/channels", "Đã lưu kênh đăng.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	s.renderChannelForm(w, r, f, id, http.StatusBadRequest)
}

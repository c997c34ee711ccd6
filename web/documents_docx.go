package web

import (
	"bytes"
	"fmt"
	"net/http"

	"loa"
	"loa/docx"
)

// The official documents of the Board as files: each is built by package docx from
// the data with the document settings, and sent as Word, or as PDF (?format=pdf)
// where LibreOffice is installed.

// sendDocument writes d as name.docx, or name.pdf when the request asks for PDF.
func (s *Server) sendDocument(w http.ResponseWriter, r *http.Request, d *docx.Doc, name string) {
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		s.renderError(w, r, err)
		return
	}
	body, ctype, ext := buf.Bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
	if r.URL.Query().Get("format") == "pdf" {
		if docx.Converter() == "" {
			s.renderError(w, r, loa.Errorf(loa.ENOTFOUND, "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; xin tải bản Word."))
			return
		}
		pdf, err := docx.PDF(r.Context(), body)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		body, ctype, ext = pdf, "application/pdf", ".pdf"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+ext))
	w.Write(body)
}

// docSettings are the stored document settings over their defaults.
func (s *Server) docSettings(r *http.Request) (docx.Settings, error) {
	return docx.Load(r.Context(), s.db, s.cfg.SiteName)
}

// meetingConclusion sends the Thông báo kết luận of a Board meeting.
func (s *Server) meetingConclusion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.db.Meeting(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	set, err := s.docSettings(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.sendDocument(w, r, docx.Conclusion(m, set, loa.Today()), fmt.Sprintf("thong-bao-ket-luan-%s", m.HeldOn))
}

// emulationDocument sends the reward proposal (Tờ trình) or decision of an
// emulation period's approved nominations.
func (s *Server) emulationDocument(build func(*loa.EmulationPeriod, []*loa.Nomination, docx.Settings, loa.Date) *docx.Doc, name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		p, err := s.db.EmulationPeriod(r.Context(), id)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		ns, err := s.db.Nominations(r.Context(), id)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		set, err := s.docSettings(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.sendDocument(w, r, build(p, ns, set, loa.Today()), fmt.Sprintf("%s-%d", name, id))
	}
}

// boardDecision sends the decision consolidating the Board as it stands on ?on
// (dd/mm/yyyy or yyyy-mm-dd; today by default).
func (s *Server) boardDecision(w http.ResponseWriter, r *http.Request) {
	on, err := loa.ParseOptionalDate(r.URL.Query().Get("on"))
	if err != nil {
		s.renderError(w, r, loa.Errorf(loa.EINVALID, "Ngày không hợp lệ (dd/mm/yyyy)."))
		return
	}
	if on.IsZero() {
		on = loa.Today()
	}
	ms, err := s.db.BoardMembersOn(r.Context(), on)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	set, err := s.docSettings(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.sendDocument(w, r, docx.BoardDecision(ms, on, set, loa.Today()), "quyet-dinh-kien-toan-"+on.String())
}

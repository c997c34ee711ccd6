package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"loa"
	"loa/store"
)

func (s *Server) emulationList(w http.ResponseWriter, r *http.Request) {
	periods, err := s.db.EmulationPeriods(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, "app/emulation_list", &Page{Title: T(s.lang(r), "Thi đua, khen thưởng"), Data: map[string]any{"Periods": periods}})
}

func (s *Server) emulationNew(w http.ResponseWriter, r *http.Request) {
	f := &form{Values: map[string][]string{}, Errors: map[string]string{}}
	// The weights the Board usually gives, as a starting point.
	f.Values.Set("weight_kind_research", "3")
	f.Values.Set("weight_kind_article", "2")
	f.Values.Set("weight_type_sector", "1,5")
	s.renderEmulationForm(w, r, f, 0, 0)
}

func (s *Server) emulationEdit(w http.ResponseWriter, r *http.Request) {
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
	f := &form{Errors: map[string]string{}, Values: map[string][]string{
		"name": {p.Name}, "from": {p.From.Display()}, "to": {p.To.Display()}, "note": {p.Note}, "version": {strconv.Itoa(p.Version)},
	}}
	for k, v := range p.KindWeights {
		f.Values.Set("weight_kind_"+string(k), loa.FormatScore(v))
	}
	for t, v := range p.ChannelTypeWeights {
		f.Values.Set("weight_type_"+string(t), loa.FormatScore(v))
	}
	for c, v := range p.ChannelWeights {
		f.Values.Set("weight_channel_"+c, loa.FormatScore(v))
	}
	if p.ViewsWeight != 0 {
		f.Values.Set("weight_views", loa.FormatScore(p.ViewsWeight))
	}
	s.renderEmulationForm(w, r, f, id, 0)
}

func (s *Server) renderEmulationForm(w http.ResponseWriter, r *http.Request, f *form, id int64, status int) {
	channels, err := s.db.Channels(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title := "Thêm đợt thi đua"
	if id != 0 {
		title = "Sửa đợt thi đua"
	}
	s.render(w, r, "app/emulation_form", &Page{Title: T(s.lang(r), title), Form: f, Status: status, Data: map[string]any{
		"ID": id, "Channels": channels, "ChannelTypes": loa.ChannelTypes, "Kinds": loa.ItemKinds}})
}

func (s *Server) emulationCreate(w http.ResponseWriter, r *http.Request) { s.emulationSave(w, r, 0) }

func (s *Server) emulationUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.emulationSave(w, r, id)
}

// emulationFromForm reads a period and its weights; a weight that is not a number
// from 0 to 100 is an error on its own field, and an empty one means 1.
func emulationFromForm(f *form) *loa.EmulationPeriod {
	v, _ := strconv.Atoi(f.Get("version"))
	p := &loa.EmulationPeriod{Name: f.Get("name"), From: f.date("from"), To: f.date("to"), Note: f.Get("note"), Version: v,
		KindWeights: map[loa.ItemKind]float64{}, ChannelTypeWeights: map[loa.ChannelType]float64{}, ChannelWeights: map[string]float64{}}
	weight := func(field string) (float64, bool) {
		w, ok, err := loa.ParseWeight(f.Get(field))
		if err != nil {
			f.Errors[field] = loa.ErrorMessage(err)
		}
		return w, ok
	}
	for _, k := range loa.ItemKinds {
		if w, ok := weight("weight_kind_" + string(k)); ok {
			p.KindWeights[k] = w
		}
	}
	for _, t := range loa.ChannelTypes {
		if w, ok := weight("weight_type_" + string(t)); ok {
			p.ChannelTypeWeights[t] = w
		}
	}
	for field := range f.Values {
		if code, ok := strings.CutPrefix(field, "weight_channel_"); ok {
			if w, ok := weight(field); ok {
				p.ChannelWeights[code] = w
			}
		}
	}
	// Views weigh nothing unless the Board types a weight: empty is 0, not 1.
	p.ViewsWeight, _ = weight("weight_views")
	return p
}

func (s *Server) emulationSave(w http.ResponseWriter, r *http.Request, id int64) {
	f := newForm(r)
	p := emulationFromForm(f)
	p.ID = id
	// Check the fields the form could read too, so every mistake shows at once.
	if err := p.Validate(); err != nil {
		for k, v := range loa.ErrorFields(err) {
			if f.Errors[k] == "" {
				f.Errors[k] = v
			}
		}
	}
	if f.ok() {
		err := s.db.SaveEmulationPeriod(r.Context(), p)
		if err == nil {
			s.redirect(w, r, "/app/emulation/"+strconv.FormatInt(p.ID, 10), "Đã lưu đợt thi đua.")
			return
		}
		if !s.failForm(w, r, f, err) {
			return
		}
	} else {
		f.Error = "Dữ liệu chưa hợp lệ, xin xem lại các ô được đánh dấu."
	}
	s.renderEmulationForm(w, r, f, id, http.StatusBadRequest)
}

// emulationShow shows a period. Its nomination form may come back here by GET with
// what was typed (the "choose the evidence" button): the nominee's items are then
// offered as evidence, all of them ticked.
func (s *Server) emulationShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := &form{Values: map[string][]string{"nominee": {q.Get("nominee")}, "reward": {"Giấy khen"}}, Errors: map[string]string{}}
	for _, k := range []string{"reward", "reason", "note"} {
		if q.Has(k) {
			f.Values.Set(k, q.Get(k))
		}
	}
	s.renderEmulation(w, r, f, 0)
}

// evidenceIDs reads the ticked evidence items of a nomination form.
func evidenceIDs(f *form) []int64 {
	var out []int64
	for _, v := range f.Values["evidence"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// renderEmulation shows a period: its weights, both rankings and the nominations,
// with the form to propose one (f re-shows a refused proposal).
func (s *Server) renderEmulation(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.db.EmulationPeriod(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writers, units, err := s.db.EmulationRanking(ctx, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	noms, err := s.db.Nominations(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data := map[string]any{"Period": p, "Writers": writers, "Units": units, "Nominations": noms, "Kinds": loa.ItemKinds,
		"Rewards": loa.Rewards}
	if loa.UserFrom(ctx).ManagesOrganisation() {
		people, err := s.pickPeople(ctx)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		allUnits, err := s.db.Units(ctx)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		data["People"], data["AllUnits"] = people, allUnits
		// The evidence the chosen nominee may link to; ticked as typed, or all of
		// them when the form is fresh.
		personID, unitID := nominee(f.Get("nominee"))
		candidates, err := s.db.NominationCandidates(ctx, p, personID, unitID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		chosen := map[int64]bool{}
		for _, id := range evidenceIDs(f) {
			chosen[id] = true
		}
		if status == 0 {
			for _, c := range candidates {
				chosen[c.ID] = true
			}
		}
		data["Candidates"], data["Chosen"] = candidates, chosen
	}
	s.render(w, r, "app/emulation", &Page{Title: p.Name, Form: f, Status: status, Data: data})
}

// nominee reads the "nominee" pick: "p12" is person 12, "u3" unit 3.
func nominee(v string) (personID, unitID int64) {
	if len(v) < 2 {
		return 0, 0
	}
	id, _ := strconv.ParseInt(v[1:], 10, 64)
	switch v[0] {
	case 'p':
		return id, 0
	case 'u':
		return 0, id
	}
	return 0, 0
}

func (s *Server) nominationCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	personID, unitID := nominee(f.Get("nominee"))
	n := &loa.Nomination{PeriodID: id, Reward: f.Get("reward"), Reason: f.Get("reason"), Note: f.Get("note"), PersonID: personID, UnitID: unitID,
		Items: evidenceIDs(f)}
	err = s.db.AddNomination(r.Context(), n)
	if err == nil {
		s.redirect(w, r, "/app/emulation/"+strconv.FormatInt(id, 10)+"#nominations", "Đã ghi đề nghị khen thưởng.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	s.renderEmulation(w, r, f, http.StatusBadRequest)
}

func (s *Server) nominationShow(w http.ResponseWriter, r *http.Request) {
	s.renderNomination(w, r, nil, 0)
}

func (s *Server) renderNomination(w http.ResponseWriter, r *http.Request, f *form, status int) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	n, err := s.db.Nomination(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	history, _, err := s.db.AuditLog(ctx, store.AuditFilter{Entity: "nomination", EntityID: id, Page: store.Page{Size: 100}})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	review, err := s.db.ReviewNomination(ctx, n)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if f == nil {
		f = &form{Values: map[string][]string{"note": {n.Note}}, Errors: map[string]string{}}
	}
	s.render(w, r, "app/nomination", &Page{Title: T(s.lang(r), "Đề nghị khen thưởng"), Form: f, Status: status,
		Data: map[string]any{"Nomination": n, "History": statusHistory(history), "Review": review, "Kinds": loa.ItemKinds}})
}

// historyStep is one step of a record's history, read from the audit log.
type historyStep struct {
	store.AuditEntry
	Status string // the status after the step, when the step set one
	Note   string
}

// statusHistory turns audit entries into steps, oldest first; the entries' JSON has
// the status and note after each change.
func statusHistory(entries []store.AuditEntry) []historyStep {
	out := make([]historyStep, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		var after struct {
			Status string
			Note   string
			Prize  string
		}
		json.Unmarshal([]byte(e.After), &after) // a step without JSON shows no status
		note := after.Note
		if after.Prize != "" {
			note = after.Prize
		}
		out = append(out, historyStep{AuditEntry: e, Status: after.Status, Note: note})
	}
	return out
}

func (s *Server) nominationStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newForm(r)
	err = s.db.SetNominationStatus(r.Context(), id, loa.NominationStatus(f.Get("status")), f.Get("note"))
	if err == nil {
		s.redirect(w, r, "/app/nominations/"+strconv.FormatInt(id, 10), "Đã cập nhật trạng thái.")
		return
	}
	if !s.failForm(w, r, f, err) {
		return
	}
	s.renderNomination(w, r, f, http.StatusBadRequest)
}

package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"loa"
	"loa/docx"
	"loa/export"
)

// reportRequest reads the report a page asks for: ?period=P or ?from=D&to=D, and an
// optional scope; neither period nor range is the current half-year.
func (s *Server) reportRequest(r *http.Request) (loa.ReportQuery, error) {
	q := r.URL.Query()
	period, from, to := strings.TrimSpace(q.Get("period")), strings.TrimSpace(q.Get("from")), strings.TrimSpace(q.Get("to"))
	ys := s.cfg.YearStart
	rq := loa.ReportQuery{Scope: strings.TrimSpace(q.Get("scope")), YearStart: ys}
	if period == "" && from == "" && to == "" {
		p := ys.HalfOf(loa.Today())
		rq.From, rq.To = p.From, p.To
		return rq, rq.Validate()
	}
	f, t, err := ys.ReportRange(period, from, to)
	if err != nil {
		return rq, err
	}
	rq.From, rq.To = f, t
	return rq, rq.Validate()
}

// reportParams is the query string that asks for the same report again.
func reportParams(r *loa.Report) url.Values {
	v := url.Values{}
	if r.Period != "" {
		v.Set("period", r.Period)
	} else {
		v.Set("from", r.From.String())
		v.Set("to", r.To.String())
	}
	if r.Scope != "" {
		v.Set("scope", r.Scope)
	}
	return v
}

// downloads are the links to the same report as files, by format.
func downloads(params url.Values) map[string]template.URL {
	out := map[string]template.URL{}
	for _, f := range []string{"csv", "xlsx", "json"} {
		q := cloneValues(params)
		q.Set("format", f)
		out[f] = template.URL("/app/reports/export?" + q.Encode())
	}
	out["docx"] = template.URL("/app/reports/docx?" + params.Encode())
	return out
}

// reportTitle is the title of the printed report (export.Title).
func reportTitle(r *loa.Report) string { return export.Title(r) }

// periodPhrase names a period as a report does (loa.PeriodWords).
func periodPhrase(period string, from, to loa.Date) string { return loa.PeriodWords(period, from, to) }

// placeOf is the place named before the date of a report (docx.PlaceOf).
func placeOf(agency string) string { return docx.PlaceOf(agency) }

// officialDate writes a date as administrative documents do (loa.Date.Official).
func officialDate(d loa.Date) string { return d.Official() }

// reportKindColumn is a column of the unit table: an item kind that counts somewhere.
type reportKindColumn struct {
	Kind     string
	ItemKind loa.ItemKind // the same, typed, to index a ranking's ByKind
	Label    string
	Total    int
}

// htmlEscape escapes text and quoted attribute values as html/template does (its
// htmlReplacementTable; template.HTMLEscapeString leaves '+' alone, html/template
// does not), so that what Go writes matches what a template would.
var htmlEscape = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// reportLines writes the unit table's lines, the national table's 2,000 of them, in
// Go: as template actions (eight a line, each a reflected field lookup through the
// embedded unit and an escaping) they were a fifth of the page's CPU and a tenth of
// its garbage (issue 20). The output is the template's, byte for byte: text and
// quoted attributes are escaped as html/template escapes them (htmlEscape). One
// value a line, each a slice of one string: printed whole, the table's 0.9 MB went
// through fmt's buffer, which grows by doubling and is not pooled past 64 KB.
func reportLines(units []*loa.ReportUnit, kinds []reportKindColumn, below, rolled map[string]bool, lang string) []template.HTML {
	esc := htmlEscape.Replace
	kindLabel := quotaKindLabel(lang)
	met, notMet := esc(T(lang, "Đạt")), esc(T(lang, "Chưa đạt"))
	var b strings.Builder
	b.Grow(len(units) * (320 + 40*len(kinds)))
	cell := func(class string, n int) {
		b.WriteString(`<td class="`)
		b.WriteString(class)
		b.WriteString(`">`)
		b.WriteString(formatNumber(n))
		b.WriteString(`</td>`)
	}
	ends := make([]int, len(units))
	for i, l := range units {
		code := esc(l.Code)
		b.WriteString(`<tr`)
		if below[l.Code] {
			b.WriteString(` class="below"`)
		}
		b.WriteString(` data-code="`)
		b.WriteString(code)
		b.WriteString("\">\n  <td>")
		b.WriteString(esc(l.Name))
		if rolled[l.Code] {
			b.WriteString(` <sup>(*)</sup>`)
		}
		b.WriteString(` <small class="muted">`)
		b.WriteString(code)
		b.WriteString("</small></td>\n  ")
		cell("num", l.Items)
		cell("num", l.Publications)
		cell("num", int(l.Views))
		for _, k := range kinds {
			cell("num col-secondary", l.ByKind[k.Kind]) // hidden on a phone, as its header
		}
		b.WriteString("\n  <td class=\"col-secondary\">")
		for j, q := range l.Quotas {
			if j > 0 {
				b.WriteString("; ")
			}
			b.WriteString(esc(kindLabel(q.Kind)))
			b.WriteString(": ")
			b.WriteString(strconv.Itoa(q.Done))
			b.WriteByte('/')
			b.WriteString(strconv.Itoa(q.Target))
		}
		b.WriteString("</td>\n  <td>")
		switch {
		case l.Met == nil:
			b.WriteString("—")
		case below[l.Code]:
			b.WriteString(`<strong class="below-quota">`)
			b.WriteString(notMet)
			b.WriteString(`</strong>`)
		default:
			b.WriteString(met)
		}
		b.WriteString("</td>\n</tr>")
		ends[i] = b.Len()
	}
	all, lines, start := b.String(), make([]template.HTML, len(units)), 0
	for i, end := range ends {
		lines[i], start = template.HTML(all[start:end]), end
	}
	return lines
}

// reportPage is the report laid out like an official one, printable on A4: the
// header block (agency and Board left, the national motto right, place and date),
// the title from the period, the totals, the unit table with quotas and the units
// below quota marked, the totals by channel and by kind, and the same report to
// download as CSV, XLSX or JSON.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	s.renderReportPage(w, r, nil, 0)
}

// renderReportPage shows the report of r's query; f and status re-show a refused
// closing or reopening with what was typed.
func (s *Server) renderReportPage(w http.ResponseWriter, r *http.Request, act *form, status int) {
	lang := s.lang(r)
	q := r.URL.Query()
	f := &form{Values: q, Errors: map[string]string{}}
	if act != nil {
		// A refused closing or reopening: its fields and message beside the query's.
		for k, v := range act.Values {
			f.Values[k] = v
		}
		for k, v := range act.Errors {
			f.Errors[k] = v
		}
		f.Error = act.Error
	}
	rq, err := s.reportRequest(r)
	if err != nil {
		if !s.failForm(w, r, f, err) {
			return
		}
		// A wrong range keeps the form and says what is wrong beside the field; the
		// page below shows the current half-year meanwhile.
		if errs := loa.RangeFieldErrors(q.Get("from"), q.Get("to"), q.Get("period") != ""); errs != nil {
			f.Errors = errs
		}
		status = http.StatusBadRequest
		p := s.cfg.YearStart.HalfOf(loa.Today())
		rq = loa.ReportQuery{Scope: strings.TrimSpace(q.Get("scope")), YearStart: s.cfg.YearStart, From: p.From, To: p.To}
	}
	rep, rolled, err := s.db.RolledUpReportCodes(r.Context(), rq)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	channels, err := s.db.Channels(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	channelName := map[string]string{}
	for _, c := range channels {
		channelName[c.Code] = c.Name
	}
	type channelLine struct {
		Code, Name   string
		Publications int
	}
	var byChannel []channelLine
	for code, n := range rep.ByChannel {
		name := channelName[code]
		if name == "" {
			name = code
		}
		byChannel = append(byChannel, channelLine{Code: code, Name: name, Publications: n})
	}
	slices.SortFunc(byChannel, func(a, b channelLine) int {
		if c := cmp.Compare(b.Publications, a.Publications); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	var kinds []reportKindColumn
	for _, k := range loa.ItemKinds {
		if n := rep.ByKind[string(k)]; n > 0 {
			kinds = append(kinds, reportKindColumn{Kind: string(k), ItemKind: k, Label: T(lang, loa.KindNames[k]), Total: n})
		}
	}
	names := map[string]string{}
	for _, l := range rep.Units {
		names[l.Code] = l.Name
	}
	var below []string
	belowSet := map[string]bool{}
	for _, c := range rep.BelowQuota {
		below = append(below, names[c])
		belowSet[c] = true
	}
	anyQuota := false
	for _, l := range rep.Units {
		anyQuota = anyQuota || len(l.Quotas) > 0
	}
	isRolled := map[string]bool{}
	for _, c := range rolled {
		isRolled[c] = true
	}
	rows := reportLines(rep.Units, kinds, belowSet, isRolled, lang)
	scopeName := ""
	if rep.Scope != "" {
		if u, err := s.db.UnitByCode(r.Context(), rep.Scope); err == nil {
			scopeName = u.Name
		}
	}
	scopes, err := s.db.ScopeUnits(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	params := reportParams(rep)
	today := loa.Today()
	// The agency as configured for documents, so the page and the files agree.
	set, err := docx.Load(r.Context(), s.db, s.cfg.SiteName)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	closed, err := s.periodClosing(r, rep.Period)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := &Page{Title: reportTitle(rep), Form: f, Status: status}
	if f.Error != "" && len(f.Errors) == 0 {
		page.Flash = &flash{Kind: "error", Message: f.Error}
	}
	page.Data = map[string]any{
		"Closing": closed,
		"R":       rep, "Title": reportTitle(rep), "Range": "Từ ngày " + rep.From.Display() + " đến ngày " + rep.To.Display(),
		"Agency": strings.ToUpper(set.Agency), "PlaceDate": set.Place + ", " + officialDate(today),
		"Kinds": kinds, "ByChannel": byChannel, "Below": below, "Rows": rows, "AnyRolled": len(rolled) > 0,
		"ScopeName": scopeName, "Scopes": scopes, "Periods": s.pastPeriodChoices(),
		"Downloads": downloads(params), "Named": rep.Period != "", "AnyQuota": anyQuota, "Doc": set,
	}
	s.render(w, r, "app/report_print", page)
}

// reportExport sends the report of the page as a file: ?format=csv, xlsx or json
// (default csv), with the page's period or range and scope.
func (s *Server) reportExport(w http.ResponseWriter, r *http.Request) {
	rq, err := s.reportRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" && format != "json" {
		s.renderError(w, r, loa.Errorf(loa.EINVALID, "Định dạng tải về là csv, xlsx hoặc json."))
		return
	}
	rep, err := s.db.RolledUpReport(r.Context(), rq)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	var ctype string
	switch format {
	case "csv":
		ctype = "text/csv; charset=utf-8"
		err = export.CSV(&buf, rep)
	case "xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		set, serr := docx.Load(r.Context(), s.db, s.cfg.SiteName)
		if serr != nil {
			s.renderError(w, r, serr)
			return
		}
		opt := export.XLSXOptions{Agency: set.Agency, ChannelNames: map[string]string{}}
		cs, cerr := s.db.Channels(r.Context())
		if cerr != nil {
			s.renderError(w, r, cerr)
			return
		}
		for _, c := range cs {
			opt.ChannelNames[c.Code] = c.Name
		}
		err = export.XLSX(&buf, rep, opt)
	case "json":
		ctype = "application/json; charset=utf-8"
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", reportFileName(rep)+"."+format))
	w.Write(buf.Bytes())
}

// reportFileName names a downloaded report: bao-cao-2024-H1, bao-cao-2023-12-01_2024-01-31,
// with the scope after it.
func reportFileName(r *loa.Report) string {
	name := "bao-cao-" + r.Period
	if r.Period == "" {
		name = "bao-cao-" + r.From.String() + "_" + r.To.String()
	}
	if r.Scope != "" {
		name += "-" + r.Scope
	}
	return name
}

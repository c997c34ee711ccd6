package web

import (
	"net/http"
	"strconv"
	"strings"

	"loa"
)

// rankingPage is the monthly ranking notice (Thông báo) the Board publishes: units
// and writers ranked by the number of items first published in the month (the
// report's counting rule), with the items by kind; ?month=2026-10, by default the
// month before this one. Printable like the report.
func (s *Server) rankingPage(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	month := strings.TrimSpace(r.URL.Query().Get("month"))
	if month == "" {
		month = loa.Today().AddDays(-loa.Today().Day()).YearMonth()
	}
	from, to, err := loa.ParseMonth(month)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rk, err := s.db.MonthlyRanking(r.Context(), from, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var kinds []reportKindColumn
	for _, k := range loa.ItemKinds {
		if n := rk.ByKind[k]; n > 0 {
			kinds = append(kinds, reportKindColumn{Kind: string(k), ItemKind: k, Label: T(lang, loa.KindNames[k]), Total: n})
		}
	}
	monthPhrase := "tháng " + strconv.Itoa(int(from.Month())) + " năm " + strconv.Itoa(from.Year())
	s.render(w, r, "app/ranking", &Page{Title: T(lang, "Thông báo xếp hạng") + " " + from.Display()[3:], Data: map[string]any{
		"R": rk, "Month": month, "Kinds": kinds, "MonthPhrase": monthPhrase, "MonthShort": from.Display()[3:],
		"Agency": strings.ToUpper(s.cfg.SiteName), "PlaceDate": placeOf(s.cfg.SiteName) + ", " + officialDate(loa.Today()),
	}})
}

package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"loa"
)

// TestReportLinesAsTemplate: the unit table's lines written in Go (reportLines) are
// what the template they replaced wrote, byte for byte, in both languages, through
// every branch: below quota, rolled up, no quota (Met nil), several quotas, and
// names and codes that need escaping.
func TestReportLinesAsTemplate(t *testing.T) {
	const old = `{{ range .Rows }}<tr{{ if .Below }} class="below"{{ end }} data-code="{{ .Code }}">
  <td>{{ .Name }}{{ if .Rolled }} <sup>(*)</sup>{{ end }} <small class="muted">{{ .Code }}</small></td>
  {{ .Figures }}
  <td class="col-secondary">{{ range $j, $q := .Quotas }}{{ if $j }}; {{ end }}{{ call $.KL $q.Kind }}: {{ $q.Done }}/{{ $q.Target }}{{ end }}</td>
  <td>{{ if not .Met }}—{{ else if .Below }}<strong class="below-quota">{{ t "Chưa đạt" }}</strong>{{ else }}{{ t "Đạt" }}{{ end }}</td>
</tr>{{ end }}`
	yes, no := true, false
	units := []*loa.ReportUnit{
		{Code: "HN", Name: "Viện kiểm sát nhân dân thành phố Hà Nội", Items: 1234, Publications: 2345678, Views: 9,
			ByKind: map[string]int{"news": 1000, "article": 234},
			Quotas: []loa.QuotaResult{{Kind: "any", Target: 10, Done: 1234, Met: true}, {Kind: "news", Target: 5, Done: 1000, Met: true}}, Met: &yes},
		{Code: "A&B<1>", Name: `Đơn vị "thử" + 'nháy' & <b>`, Items: 3, ByKind: map[string]int{"news": 3},
			Quotas: []loa.QuotaResult{{Kind: "news", Target: 5, Done: 3}}, Met: &no},
		{Code: "ROLL", Name: "Tỉnh tổng hợp", Items: 7},
	}
	kinds := []reportKindColumn{{Kind: "news", ItemKind: "news", Total: 1003}, {Kind: "article", ItemKind: "article", Total: 234}}
	below := map[string]bool{"A&B<1>": true}
	rolled := map[string]bool{"ROLL": true}
	type row struct {
		*loa.ReportUnit
		Below, Rolled bool
		Figures       template.HTML
	}
	for _, lang := range []string{"vi", "en"} {
		tp := template.Must(template.New("rows").Funcs(template.FuncMap{"t": func(s string) string { return T(lang, s) }}).Parse(old))
		var rows []row
		for _, l := range units {
			figures := ""
			for _, c := range []struct {
				class string
				n     int
			}{{"num", l.Items}, {"num", l.Publications}, {"num", int(l.Views)}, {"num col-secondary", l.ByKind["news"]}, {"num col-secondary", l.ByKind["article"]}} {
				figures += `<td class="` + c.class + `">` + formatNumber(c.n) + `</td>`
			}
			rows = append(rows, row{ReportUnit: l, Below: below[l.Code], Rolled: rolled[l.Code], Figures: template.HTML(figures)})
		}
		var want strings.Builder
		if err := tp.Execute(&want, map[string]any{"Rows": rows, "KL": quotaKindLabel(lang)}); err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, l := range reportLines(units, kinds, below, rolled, lang) {
			got += string(l)
		}
		if got != want.String() {
			t.Errorf("%s: reportLines wrote\n%s\nthe template\n%s", lang, got, want.String())
		}
	}
	if en := string(reportLines(units[1:2], kinds, below, rolled, "en")[0]); strings.Contains(en, "Chưa đạt") {
		t.Errorf("English lines kept the Vietnamese word: %s", en)
	}
}

// TestRelatedLinesAsTemplate: the related items' list written in Go (relatedLines) is
// what the template it replaced wrote, byte for byte, titles that need escaping
// included.
func TestRelatedLinesAsTemplate(t *testing.T) {
	const old = `{{ range . }}<li data-id="{{ .ID }}"><a href="{{ .URL }}">{{ .Title }}</a> <span class="meta">({{ .When }})</span></li>{{ end }}`
	var items []*siteItem
	for i, title := range []string{"Hội nghị tuyên truyền pháp luật", `<script>alert("x")</script> & 'nháy' + 1`, "Bàn về chứng cứ điện tử"} {
		it := &loa.Item{ID: int64(299945 + i), Title: title, Slug: loa.Slug(title, 80)}
		it.PublishedAt = time.Date(2026, 11, 20, 13, 44, 0, 0, time.UTC)
		items = append(items, toSiteItem(it))
	}
	var want strings.Builder
	if err := template.Must(template.New("related").Parse(old)).Execute(&want, items); err != nil {
		t.Fatal(err)
	}
	if got := string(relatedLines(items)); got != want.String() {
		t.Errorf("relatedLines wrote\n%s\nthe template\n%s", got, want.String())
	}
	if strings.Contains(string(relatedLines(items)), "<script>") {
		t.Error("a title's markup is not escaped")
	}
}

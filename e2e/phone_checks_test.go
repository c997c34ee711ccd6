package e2e

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// phoneMatrices are the tables that may scroll inside their own box at phone width,
// each with why; any other table must fit its box (a list table becomes cards).
var phoneMatrices = map[string]string{
	"#table-units":                       "the dashboard's units against their quotas: every column stays visible",
	"#table-trend":                       "the dashboard's trend, a column a month",
	"table.report-units":                 "the report's units: the figures stay, the kinds and quota details are hidden",
	"#item-body table, .item-body table": "a table an author wrote in an item's body scrolls on its own",
}

// phoneProblem is what is wrong with the page shown at phone width ("" when none):
// sideways scrolling; a table wider than its box, unless one of phoneMatrices; a
// list table whose cells are not labelled with their column's header (the labels a
// card shows); a column of the dashboard's table hidden; English words of the agreed list.
// TestAccessibility's walk checks every page as every role with it (issue 16).
func phoneProblem(s *site) string {
	w := get(s, chromedp.Evaluate[[]int](`[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]`))
	var out []string
	if w[0] > w[1] {
		wide := get(s, chromedp.Evaluate[[]string](`(() => { const cw = document.documentElement.clientWidth, out = e => e.getBoundingClientRect().right > cw + 1;
  return [...document.querySelectorAll('body *')].filter(e => out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)) })()`))
		out = append(out, "scrolls sideways: "+strings.Join(wide, " | "))
	}
	out = append(out, get(s, chromedp.Evaluate[[]string](tableProblemsJS))...)
	// Codes set apart (<code>: a channel's code, a value to type in an import file,
	// the audit log's record kinds) are data, not the interface's words.
	text := get(s, chromedp.Evaluate[string](`(() => { const st = document.createElement('style'); st.textContent = 'code { display: none !important }';
  document.head.append(st); const t = document.body.innerText; st.remove(); return t })()`))
	if m := englishWords.FindAllString(text, -1); len(m) > 0 {
		out = append(out, "English words: "+strings.Join(m, ", "))
	}
	return strings.Join(out, "; ")
}

// tableProblemsJS lists the tables of the page that phoneProblem finds wrong.
var tableProblemsJS = `(() => {
  const matrices = ` + mustJSON(slices.Sorted(maps.Keys(phoneMatrices))) + `, out = [];
  const norm = x => (x || '').replace(/\s+/g, ' ').trim();
  const name = t => 'table' + (t.id ? '#' + t.id : '') + (t.className ? '.' + t.className.trim().replace(/ +/g, '.') : '') +
    ' "' + norm(t.tHead ? t.tHead.textContent : t.textContent).slice(0, 40) + '"';
  for (const t of document.querySelectorAll('table')) {
    const box = t.parentElement, width = Math.max(t.scrollWidth, t.getBoundingClientRect().width);
    if (t.offsetParent !== null && width > box.clientWidth + 1 && !matrices.some(m => t.matches(m)))
      out.push(name(t) + ' is ' + Math.round(width) + ' px wide in a ' + box.clientWidth + ' px box: make it cards or list it in phoneMatrices');
    if (!t.matches('table.data:not(.matrix)')) continue;
    if (!t.tHead) { out.push(name(t) + ' has no header row to label its cards'); continue; }
    const heads = [...t.tHead.rows[0].cells].map(c => norm(c.textContent));
    for (const row of [...t.tBodies].flatMap(b => [...b.rows])) {
      let col = 0;
      for (const c of row.cells) {
        const want = heads[col] || '', got = norm(c.dataset.label);
        col += c.colSpan;
        if (c.tagName !== 'TD' || c.colSpan > 1 || got === want) continue;
        out.push(name(t) + ': a cell of column "' + want + '" is labelled "' + got + '"');
        break;
      }
    }
  }
  // The dashboard keeps every column of its units' table in sight (issue 16).
  for (const th of document.querySelectorAll('#table-units th'))
    if (th.offsetWidth === 0) out.push('the dashboard hides its column "' + norm(th.textContent) + '"');
  return [...new Set(out)].slice(0, 10);
})()`

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

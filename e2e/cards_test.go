package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"loa"
)

// TestListTablesAreCardsOnAPhone: at 390 px a list table shows as cards (each row a
// block, each cell labelled with its column's header), and is still a table to a
// screen reader: Chromium's accessibility tree keeps the table, its column headers
// and its cells, and a cell's name does not repeat the label drawn beside it.
func TestListTablesAreCardsOnAPhone(t *testing.T) {
	t.Parallel()
	s := newSite(t, openSQLite(t))
	s.login(loa.RoleAdmin)
	for _, w := range []int64{1280, 390} {
		s.run(chromedp.EmulateViewport(w, 900), chromedp.Navigate(s.URL+"/app/units"), chromedp.WaitVisible(css(`table.data`)))
		type look struct {
			Table, Row, Label string // computed display of the table and its first row; the first cell's drawn label
		}
		got := get(s, chromedp.Evaluate[look](`(() => { const t = document.querySelector('table.data'), td = t.tBodies[0].rows[0].cells[0];
  return {table: getComputedStyle(t).display, row: getComputedStyle(t.tBodies[0].rows[0]).display,
    label: getComputedStyle(td, '::before').content} })()`))
		cards := w == 390
		if want := map[bool]string{true: "block", false: "table"}[cards]; got.Table != want {
			t.Errorf("%d px: the units' table shows as %q, want %q", w, got.Table, want)
		}
		if cards && (got.Row != "block" || !strings.Contains(got.Label, "Mã")) {
			t.Errorf("%d px: a row shows as %q with the label %s, want a card labelled Mã", w, got.Row, got.Label)
		}
		if !cards && got.Label != "none" {
			t.Errorf("%d px: a cell draws the label %s on a wide screen", w, got.Label)
		}

		nodes := get(s, chromedp.Nodes(css(`table.data`)))
		root := accessibility.QueryAXTreeParams{BackendNodeID: nodes[0].BackendNodeID}
		count := func(role string) []*accessibility.Node {
			root.Role = role
			res, err := chromedp.Call(s.ctx, accessibility.QueryAXTree, root)
			if err != nil {
				t.Fatal(err)
			}
			return res.Nodes
		}
		if n := len(count("table")); n != 1 {
			t.Errorf("%d px: the accessibility tree holds %d tables where the page has one", w, n)
		}
		if n := len(count("columnheader")); n != 5 {
			t.Errorf("%d px: %d column headers, want the table's 5", w, n)
		}
		cells := count("cell")
		if len(cells) == 0 {
			t.Fatalf("%d px: no cell in the accessibility tree", w)
		}
		var name string
		if cells[0].Name != nil {
			json.Unmarshal(cells[0].Name.Value, &name)
		}
		if name != s.Unit.Code {
			t.Errorf("%d px: the first cell is read as %q, want %q (its label is for the eyes only)", w, name, s.Unit.Code)
		}
	}
}

// TestPhoneProblemSees proves phoneProblem's table checks can see: on a page that
// passes them, a planted table wider than its box and a cell labelled with another
// column's header are both reported.
func TestPhoneProblemSees(t *testing.T) {
	t.Parallel()
	s := newSite(t, openSQLite(t))
	s.login(loa.RoleAdmin)
	s.run(chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/app/units"), chromedp.WaitVisible(css(`table.data`)))
	if p := phoneProblem(s); p != "" {
		t.Fatalf("the units' page at 390 px: %s", p)
	}
	s.run(chromedp.Evaluate[chromedp.Void](`document.querySelector('table.data td').dataset.label = 'Tên đơn vị'`))
	if p := phoneProblem(s); !strings.Contains(p, `a cell of column "Mã" is labelled "Tên đơn vị"`) {
		t.Errorf("a mislabelled cell is not reported: %q", p)
	}
	s.run(chromedp.Navigate(s.URL+"/app/units"), chromedp.WaitVisible(css(`table.data`)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('main').insertAdjacentHTML('beforeend',
  '<div class="table-wrap"><table class="data matrix" id="planted"><tr><td style="min-width: 60rem">rộng</td></tr></table></div>')`))
	if p := phoneProblem(s); !strings.Contains(p, "table#planted.data.matrix") || strings.Contains(p, "scrolls sideways") {
		t.Errorf("a matrix wider than its box is not reported (or the page scrolls): %q", p)
	}
}

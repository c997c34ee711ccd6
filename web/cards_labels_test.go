package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// On a phone a list table (table.data, not .matrix) becomes cards, each cell
// labelled by its data-label (app.css): every <td> of such a table in every
// template carries one, so a new table or column cannot show an unlabelled cell on a
// page the phone tests do not reach in that state (a form's table shown only after a
// choice, say). A cell without a name says so: data-label="".
func TestListTableCellsAreLabelled(t *testing.T) {
	table := regexp.MustCompile(`(?s)<table class="([^"]*)".*?</table>`)
	td := regexp.MustCompile(`<td\b[^>]*>`)
	checked := 0
	err := fs.WalkDir(embedded, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		src, err := fs.ReadFile(embedded, path)
		if err != nil {
			return err
		}
		for _, m := range table.FindAllStringSubmatch(string(src), -1) {
			classes := strings.Fields(m[1])
			if !slices.Contains(classes, "data") || slices.Contains(classes, "matrix") {
				continue
			}
			checked++
			for _, cell := range td.FindAllString(m[0], -1) {
				// An action column (class="actions", or data-label="" said on
				// purpose) and a row-wide message (colspan) have no column name.
				if !strings.Contains(cell, "data-label=") && !strings.Contains(cell, `class="actions"`) && !strings.Contains(cell, "colspan=") {
					t.Errorf("%s: %s in a list table has no data-label (its card would show the value without its column's name)", path, cell)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 40 {
		t.Fatalf("only %d list tables found in the templates: the scan no longer sees them", checked)
	}
}

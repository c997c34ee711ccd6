package web

import (
	"testing"

	"loa/importer"
)

// TestImportGuidesInEnglish: the import page's kinds and column hints are shown
// through t from data, out of TestEnglishCatalog's sight; each has its English.
func TestImportGuidesInEnglish(t *testing.T) {
	for _, g := range importer.Guides() {
		for _, msg := range []string{g.Name} {
			if _, ok := catalogs["en"][msg]; !ok {
				t.Errorf("no English for the kind %q", msg)
			}
		}
		for _, c := range g.Columns {
			if _, ok := catalogs["en"][c.Hint]; !ok {
				t.Errorf("no English for %s's hint %q", c.Name, c.Hint)
			}
		}
	}
}

// TestAuditWordsInEnglish: the audit log's names of actions and records have their
// English (they are shown through T from data).
func TestAuditWordsInEnglish(t *testing.T) {
	for _, names := range []map[string]string{auditActionNames, auditEntityNames} {
		for code, n := range names {
			if _, ok := catalogs["en"][n]; !ok {
				t.Errorf("no English for %s (%q)", code, n)
			}
		}
	}
}

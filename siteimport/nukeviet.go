package siteimport

import (
	"context"

	"loa/store"
)

// NukeVietOptions add the database's table prefix and language to Options.
type NukeVietOptions struct {
	Options
	Prefix string // nv4
	Lang   string // vi
}

// ImportNukeViet brings the news module of the NukeViet 4 site whose database is dsn.
func ImportNukeViet(ctx context.Context, db *store.DB, dsn string, opt NukeVietOptions) (*store.SiteImportSummary, error) {
	return nil, &Error{Source: "nukeviet", Reason: "chưa hỗ trợ"}
}

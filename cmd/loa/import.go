package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"

	"loa/importer"
	"loa/store"
)

// progressMin is the number of rows from which an import shows a progress bar: a
// smaller file is written before a bar would be worth reading.
const progressMin = 5000

// runImport is `loa import channels|units|quotas|themes|items FILE` (CONTRACTS.md "Import
// files"). A refused file prints one "FILE:LINE: reason" line per bad row on stderr
// and exits 1 with nothing stored.
func runImport(ctx context.Context, e *Env) error {
	if len(e.Args) > 0 && e.Args[0] == siteKind { // its own flags: import_site.go
		return runImportSite(ctx, e, e.Args[1:])
	}
	fs := flags("import")
	unit := fs.String("unit", "", "")
	pos, err := parse(fs, e.Args, -1)
	if err != nil {
		return err
	}
	if len(pos) > 0 && pos[0] == reportKind {
		return runImportReport(ctx, e, pos[1:], *unit)
	}
	if *unit != "" {
		return usagef("import: --unit chỉ dùng với import report")
	}
	switch {
	case len(pos) == 0:
		return usagef("import: thiếu loại tệp (%s) và tệp", strings.Join(append(slices.Clone(importer.Kinds), reportKind), "|"))
	case !slices.Contains(importer.Kinds, pos[0]):
		return usagef("import: loại tệp không có %q (%s)", pos[0], strings.Join(append(slices.Clone(importer.Kinds), reportKind), "|"))
	case len(pos) == 1:
		return usagef("import %s: thiếu tệp", pos[0])
	case len(pos) > 2:
		return usagef("import: chỉ nhận một tệp, có %d", len(pos)-1)
	}
	kind, path := pos[0], pos[1]
	// Read the file before opening the database, so that a missing or malformed
	// file costs nothing.
	t, err := importer.Read(path)
	if err != nil {
		return reportProblems(e, err)
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var opt store.ImportOptions
	if len(t.Rows) >= progressMin {
		bar := progressbar.NewOptions(len(t.Rows), progressbar.OptionSetWriter(e.Stderr),
			progressbar.OptionSetDescription("import "+kind), progressbar.OptionClearOnFinish(),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(200_000_000))
		opt.Progress = func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}
		defer bar.Finish()
	}
	sum, err := t.Import(ctx, db, kind, opt)
	if err != nil {
		return reportProblems(e, err)
	}
	fmt.Fprintln(e.Stdout, importSummaryLine(path, kind, sum))
	return nil
}

// reportProblems prints a refused file's lines and returns errReported; any other
// error is returned as is.
func reportProblems(e *Env, err error) error {
	var ps importer.Problems
	if !errors.As(err, &ps) {
		return err
	}
	for _, p := range ps {
		fmt.Fprintln(e.Stderr, p.String())
	}
	return errReported
}

// importSummaryLine is the one line a successful import prints.
func importSummaryLine(path, kind string, s store.ImportSummary) string {
	what := map[string]string{importer.Channels: "kênh", importer.Units: "đơn vị", importer.Quotas: "chỉ tiêu", importer.Themes: "chủ đề", importer.Items: "tin bài"}[kind]
	line := fmt.Sprintf("%s: %d dòng; %s: %d mới, %d cập nhật, %d không đổi", path, s.Rows, what, s.Created, s.Updated, s.Unchanged)
	if kind == importer.Items {
		line += fmt.Sprintf("; lượt đăng: %d mới, %d cập nhật", s.PublicationsCreated, s.PublicationsUpdated)
	}
	return line
}

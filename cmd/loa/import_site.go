package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"loa/siteimport"
	"loa/store"
)

// siteKind is `loa import site …`: an existing site rather than an exchange file.
const siteKind = "site"

// runImportSite is `loa import site wordpress FILE.xml | nukeviet DSN [--prefix nv4]
// [--uploads DIR] [--unit CODE] [--no-count]` (CONTRACTS.md). A refused run prints
// one line, "SOURCE:LINE: reason", and exits 1 with nothing stored.
func runImportSite(ctx context.Context, e *Env, args []string) error {
	fs := flags("import site")
	uploads := fs.String("uploads", "", "")
	unit := fs.String("unit", "", "")
	prefix := fs.String("prefix", "nv4", "")
	lang := fs.String("lang", "vi", "")
	noCount := fs.Bool("no-count", false, "")
	pos, err := parse(fs, args, -1)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "wordpress" && pos[0] != "nukeviet" {
		return usagef("import site: cần wordpress TỆP.xml hoặc nukeviet DSN")
	}
	opt := siteimport.Options{Uploads: *uploads, UnitCode: *unit, NoCount: *noCount}
	// A progress bar on a terminal only: a script's log gets the summary alone.
	if f, ok := e.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(e.Stderr),
			progressbar.OptionSetDescription("import site "+pos[0]), progressbar.OptionClearOnFinish(),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(200_000_000))
		opt.Progress = func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}
		defer bar.Finish()
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var sum *store.SiteImportSummary
	if pos[0] == "wordpress" {
		sum, err = siteimport.ImportWordPress(ctx, db, pos[1], pos[1], opt)
	} else {
		sum, err = siteimport.ImportNukeViet(ctx, db, pos[1], siteimport.NukeVietOptions{Options: opt, Prefix: *prefix, Lang: *lang})
	}
	if err != nil {
		return siteProblem(e, err)
	}
	for _, line := range siteimport.Summary(sum) {
		fmt.Fprintln(e.Stdout, line)
	}
	return nil
}

// siteProblem prints a refused run's one line.
func siteProblem(e *Env, err error) error {
	var se *siteimport.Error
	if !errors.As(err, &se) {
		return err
	}
	fmt.Fprintln(e.Stderr, se.Error())
	return errReported
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"loa"
	"loa/docx"
	"loa/export"
)

// runReport is `loa report --period P | --from D --to D [--scope CODE]
// [--format json|csv|xlsx|docx] [-o FILE]` (CONTRACTS.md "The report"). docx is the
// official Báo cáo (package docx), its agency from the document settings, else
// LOA_SITE_NAME as the web application names it.
func runReport(ctx context.Context, e *Env) error {
	fs := flags("report")
	period := fs.String("period", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	scope := fs.String("scope", "", "")
	format := fs.String("format", "json", "")
	out := fs.String("o", "", "")
	if _, err := parse(fs, e.Args, 0); err != nil {
		return err
	}
	f, t, err := e.YearStart.ReportRange(*period, *from, *to)
	if err != nil {
		return usagef("report: %s", loa.ErrorMessage(err))
	}
	if *scope != "" && !loa.ValidCode(*scope) {
		return usagef("report: --scope: mã đơn vị không hợp lệ %q", *scope)
	}
	switch *format {
	case "json", "csv":
	case "xlsx", "docx":
		if *out == "" {
			return usagef("report: --format %s cần -o FILE", *format)
		}
	default:
		return usagef("report: --format là json, csv, xlsx hoặc docx, không phải %q", *format)
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.RolledUpReport(ctx, loa.ReportQuery{From: f, To: t, Scope: *scope, YearStart: e.YearStart})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		err = enc.Encode(r)
	case "csv":
		err = export.CSV(&buf, r)
	case "xlsx":
		set, serr := docx.Load(ctx, db, os.Getenv("LOA_SITE_NAME"))
		if serr != nil {
			return serr
		}
		opt := export.XLSXOptions{Agency: set.Agency, ChannelNames: map[string]string{}}
		cs, cerr := db.Channels(ctx)
		if cerr != nil {
			return cerr
		}
		for _, c := range cs {
			opt.ChannelNames[c.Code] = c.Name
		}
		err = export.XLSX(&buf, r, opt)
	case "docx":
		d, derr := docx.ReportFrom(ctx, db, r, os.Getenv("LOA_SITE_NAME"))
		if derr != nil {
			return derr
		}
		err = docx.Write(&buf, d)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = io.Copy(e.Stdout, &buf)
		return err
	}
	return writeFileAtomic(*out, buf.Bytes())
}

// writeFileAtomic writes b to path through a temporary file and a rename, so that a
// failed run never leaves a truncated report under a name someone would send on.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".loa-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

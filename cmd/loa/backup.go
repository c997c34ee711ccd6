package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

func runBackup(ctx context.Context, e *Env) error {
	pos, err := parse(flags("backup"), e.Args, 1)
	if err != nil {
		return err
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// Write to a temporary file and rename: a failed backup never leaves a truncated
	// file under the name an operator would trust.
	tmp, err := os.CreateTemp(filepath.Dir(pos[0]), ".loa-backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := db.Backup(ctx, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "backup written to %s\n", pos[0])
	return nil
}

func runRestore(ctx context.Context, e *Env) error {
	fs := flags("restore")
	force := fs.Bool("force", false, "")
	pos, err := parse(fs, e.Args, 1)
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Restore(ctx, f, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "restored from %s\n", pos[0])
	return nil
}

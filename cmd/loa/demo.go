package main

import (
	"context"
	"fmt"

	"loa/demo"
)

func runDemo(ctx context.Context, e *Env) error {
	fs := flags("demo")
	scale := fs.String("scale", "small", "")
	if _, err := parse(fs, e.Args, 0); err != nil {
		return err
	}
	switch demo.Scale(*scale) {
	case demo.Small, demo.Province, demo.National:
	default:
		return usagef("demo: --scale là small, province hoặc national, không phải %q", *scale)
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	has, err := db.HasData(ctx)
	if err != nil {
		return err
	}
	if has {
		return fmt.Errorf("the database already holds data; demo data loads only into an empty database")
	}
	logins, err := demo.Load(ctx, db, demo.Scale(*scale), e.Stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "demo data (%s) loaded\n", *scale)
	for _, l := range logins {
		fmt.Fprintf(e.Stdout, "  %-12s %-28s password: %s\n", l.Role, l.Email, l.Password)
	}
	return nil
}

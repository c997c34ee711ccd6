package main

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"
)

const tokenUsage = "token: dùng: loa token create --user EMAIL [--name NHÃN] | loa token list [--user EMAIL] | loa token revoke ID"

// runToken is `loa token create|list|revoke`: the API tokens that let a script read
// GET /api/v1/report as a user (Authorization: Bearer TOKEN).
func runToken(ctx context.Context, e *Env) error {
	if len(e.Args) == 0 {
		return usagef("%s", tokenUsage)
	}
	switch e.Args[0] {
	case "create":
		return runTokenCreate(ctx, e)
	case "list":
		return runTokenList(ctx, e)
	case "revoke":
		return runTokenRevoke(ctx, e)
	}
	return usagef("%s", tokenUsage)
}

// runTokenCreate prints the new token alone on standard output, so that a script can
// capture it; it is never shown again.
func runTokenCreate(ctx context.Context, e *Env) error {
	fs := flags("token create")
	email := fs.String("user", "", "")
	name := fs.String("name", "", "")
	if _, err := parse(fs, e.Args[1:], 0); err != nil {
		return err
	}
	if *email == "" {
		return usagef("token create: cần --user EMAIL")
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	token, t, err := db.CreateToken(ctx, u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, token)
	fmt.Fprintf(e.Stderr, "loa: mã truy cập số %d cho %s; mã chỉ hiện lần này, hãy lưu lại ngay\n", t.ID, t.UserEmail)
	return nil
}

func runTokenList(ctx context.Context, e *Env) error {
	fs := flags("token list")
	email := fs.String("user", "", "")
	if _, err := parse(fs, e.Args[1:], 0); err != nil {
		return err
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var userID int64
	if *email != "" {
		u, err := db.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		userID = u.ID
	}
	ts, err := db.Tokens(ctx, userID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tLAST_USED\tREVOKED")
	for _, t := range ts {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.UserEmail, orDash(t.Name), t.CreatedAt.Format(time.RFC3339),
			timeOrDash(t.LastUsedAt), timeOrDash(t.RevokedAt))
	}
	return tw.Flush()
}

func runTokenRevoke(ctx context.Context, e *Env) error {
	pos, err := parse(flags("token revoke"), e.Args[1:], 1)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("token revoke: ID là một số, không phải %q", pos[0])
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.RevokeToken(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "token %d of %s revoked\n", t.ID, t.UserEmail)
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func timeOrDash(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}

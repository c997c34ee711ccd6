package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"loa"
)

func runUser(ctx context.Context, e *Env) error {
	if len(e.Args) == 0 || e.Args[0] != "add" {
		return usagef("user: dùng: loa user add --email E --name N --role R [--unit CODE]")
	}
	fs := flags("user add")
	email := fs.String("email", "", "")
	name := fs.String("name", "", "")
	role := fs.String("role", "", "")
	unit := fs.String("unit", "", "")
	if _, err := parse(fs, e.Args[1:], 0); err != nil {
		return err
	}
	if *email == "" || *name == "" || *role == "" {
		return usagef("user add: cần --email, --name và --role")
	}
	if !loa.Role(*role).Valid() {
		return usagef("user add: vai trò không có %q (admin, leader, secretary, editor, contributor, viewer)", *role)
	}
	password := os.Getenv("LOA_PASSWORD")
	if password == "" {
		fmt.Fprint(e.Stderr, "Mật khẩu: ")
		line, err := bufio.NewReader(e.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("no password: set LOA_PASSWORD or type it")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &loa.User{Email: *email, Name: *name, Role: loa.Role(*role)}
	if *unit != "" {
		un, err := db.UnitByCode(ctx, *unit)
		if err != nil {
			return err
		}
		u.UnitID = un.ID
	}
	if err := db.CreateUser(ctx, u, password); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "user %s created (id %d, role %s)\n", u.Email, u.ID, u.Role)
	return nil
}

package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"loa/demo"
	"loa/mail"
	"loa/web"
)

func runServe(ctx context.Context, e *Env) error {
	fs := flags("serve")
	addr := fs.String("addr", envOr("LOA_ADDR", ":8080"), "")
	withDemo := fs.Bool("demo", false, "")
	dev := fs.String("templates", "", "")
	if _, err := parse(fs, e.Args, 0); err != nil {
		return err
	}
	start := time.Now()
	// Every setting is read and checked once, before anything starts: a malformed one
	// stops loa with one line naming it, rather than a warning every five minutes.
	mailCfg, err := mail.ConfigFromEnv()
	if err != nil {
		return err
	}
	// A province runs loa on a small server: unless the operator says otherwise
	// (GOMEMLIMIT), the Go heap is kept near 64 MiB by collecting sooner, which
	// costs a little CPU under a crowd and keeps memory steady. 64, not 100: SQLite's
	// page caches and statements live outside Go's heap (35–40 MB with eight readers)
	// and the binary's mapped code adds 25 MB, so at 100 the process peaked at
	// 147 MB against the 150 MB of issue 20, at 64 at 129–131 MB, and the
	// collector's share of the CPU went from 5 % to 8 % under the back office's
	// heaviest mix (BENCHMARKS.md, third pass). The live heap is ~19 MB (the
	// templates most of it) plus the page cache, which web bounds to a quarter of
	// the limit for that reason (fourth pass).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(web.MemoryLimit)
	}
	db, err := e.Open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var logins []demo.Login
	if *withDemo {
		if logins, err = demo.LoadIfEmpty(ctx, db, demo.Small, e.Stderr); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	srv, err := web.New(db, web.Config{YearStart: e.YearStart, SecureCookies: os.Getenv("LOA_SECURE_COOKIES") == "1",
		TrustProxy:   os.Getenv("LOA_TRUST_PROXY") == "1",
		TemplatesDir: *dev, BaseURL: os.Getenv("LOA_BASE_URL"), SiteName: os.Getenv("LOA_SITE_NAME"), Mail: mailCfg, Logger: e.Log})
	if err != nil {
		return err
	}
	defer srv.Close()
	return srv.Run(ctx, *addr, func(bound string) {
		e.Log.Info("loa serving", "addr", bound, "db", redact(e.DSN), "startup", time.Since(start).String())
		if *withDemo {
			fmt.Fprintf(e.Stdout, "loa: http://localhost%s/  (back office: /app)\n", portOf(bound))
			if len(logins) == 0 {
				fmt.Fprintln(e.Stdout, "The database already held data: demo not loaded; existing logins apply.")
			}
			for _, l := range logins {
				fmt.Fprintf(e.Stdout, "  %-12s %-28s password: %s\n", l.Role, l.Email, l.Password)
			}
		}
	})
}

func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i:]
		}
	}
	return addr
}

// redact hides a password in a PostgreSQL URL before it is logged.
func redact(dsn string) string {
	for i := 0; i+2 < len(dsn); i++ {
		if dsn[i:i+3] == "://" {
			rest := dsn[i+3:]
			at := -1
			for j := 0; j < len(rest) && rest[j] != '/'; j++ {
				if rest[j] == '@' {
					at = j
				}
			}
			if at > 0 {
				return dsn[:i+3] + "***" + rest[at:]
			}
			break
		}
	}
	return dsn
}

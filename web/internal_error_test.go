package web_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"loa"
	"loa/internal/dbtest"
	"loa/store"
	"loa/web"
)

// logBuffer is a log destination that the server's goroutines may write while the
// test reads it.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// internalLines returns the "internal error" lines logged so far.
func (l *logBuffer) internalLines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range strings.Split(l.b.String(), "\n") {
		if strings.Contains(line, `msg="internal error"`) {
			out = append(out, line)
		}
	}
	return out
}

// An internal error is logged once, with the route that served the request and the
// store operation it interrupted, named once; the page shows none of its text
// (issue 12). Once on a page of the back office (a table gone), once on a site page
// (the database closed).
func TestInternalErrorLoggedOnceWithRoute(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		app := newTestApp(t, db)
		logs := &logBuffer{}
		srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(logs, nil)), BaseURL: "http://loa.test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		logged := *app
		logged.HTTP = httptest.NewServer(srv.Handler())
		t.Cleanup(logged.HTTP.Close)
		admin := logged.as(loa.RoleAdmin)
		anon := logged.anon()

		check := func(t *testing.T, res *response, route, op string) {
			t.Helper()
			if res.StatusCode != http.StatusInternalServerError {
				t.Fatalf("status %d, want 500", res.StatusCode)
			}
			for _, leak := range []string{"store:", op, "sql", "closed", "audit_log"} {
				if strings.Contains(res.Body, leak) {
					t.Errorf("the page shows %q of the internal error", leak)
				}
			}
			lines := logs.internalLines()
			if len(lines) != 1 {
				t.Fatalf("logged %d internal errors, want 1: %q", len(lines), lines)
			}
			line := lines[0]
			if !strings.Contains(line, `route="`+route+`"`) || !strings.Contains(line, `err="store: `+op+`: `) || strings.Count(line, "store:") != 1 {
				t.Errorf("log line %q: want route %q and the error named %q once", line, route, "store: "+op)
			}
		}

		dbtest.Exec(t, db, "DROP TABLE audit_log")
		check(t, admin.get("/app/audit"), "GET /app/audit", "read audit log")

		logs.mu.Lock()
		logs.b.Reset()
		logs.mu.Unlock()
		db.Close()
		check(t, anon.get("/van-ban/7/tep"), "GET /van-ban/{id}/tep", "read file of document 7")
	})
}

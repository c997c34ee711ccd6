package web_test

import (
	"encoding/base64"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"loa"
	"loa/internal/dbtest"
	"loa/mail"
	"loa/store"
	"loa/web"
)

// inbox is an in-process SMTP server that keeps what it receives (as mail's tests do).
type inbox struct {
	mu   sync.Mutex
	mail []string
}

func (in *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }

type inboxSession struct{ in *inbox }

func (s *inboxSession) Reset()                               {}
func (s *inboxSession) Logout() error                        { return nil }
func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *inboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.in.mu.Lock()
	s.in.mail = append(s.in.mail, string(b))
	s.in.mu.Unlock()
	return err
}

func (in *inbox) received() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.mail...)
}

// startInbox starts the SMTP server on a free local port and returns its config.
func startInbox(t *testing.T) (*inbox, mail.Config) {
	t.Helper()
	in := &inbox{}
	srv := smtp.NewServer(in)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return in, mail.Config{Host: host, Port: p, From: "loa@vks.example", Timeout: 5 * time.Second}
}

// withMail serves app with cfg as its mail server.
func withMail(t *testing.T, app *testApp, cfg mail.Config) {
	t.Helper()
	srv, err := web.New(app.DB, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://loa.test", Mail: cfg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	app.Srv, app.HTTP = srv, httptest.NewServer(srv.Handler())
	t.Cleanup(app.HTTP.Close)
}

var resetLink = regexp.MustCompile(`http://loa\.test/dat-lai-mat-khau\?t=([A-Za-z0-9_-]+)`)

// mailedToken reads the reset link's token from a received message.
func mailedToken(t *testing.T, raw string) string {
	t.Helper()
	m, err := netmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var body io.Reader = m.Body
	switch strings.ToLower(m.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, _ := io.ReadAll(body)
	found := resetLink.FindStringSubmatch(string(b))
	if found == nil {
		t.Fatalf("no reset link in %q", b)
	}
	return found[1]
}

// TestPasswordResetByMail: where mail is set up, "Quên mật khẩu" mails a link that
// sets a new password once, within the hour, ends the account's other sessions and
// is audited; an unknown address gets the same answer and no mail.
func TestPasswordResetByMail(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		in, cfg := startInbox(t)
		withMail(t, app, cfg)
		user := app.Users[loa.RoleContributor]
		other := app.as(loa.RoleContributor) // a session elsewhere, to be ended
		anon := app.anon()
		if page := anon.get("/login").Body; !strings.Contains(page, `href="/quen-mat-khau"`) {
			t.Fatal("the login page has no way to a forgotten password")
		}
		res := anon.post("/quen-mat-khau", url.Values{"email": {"khong-co@loa.test"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="reset-sent"`) || len(in.received()) != 0 {
			t.Fatalf("unknown address: %d, %d mails", res.StatusCode, len(in.received()))
		}
		res = anon.post("/quen-mat-khau", url.Values{"email": {strings.ToUpper(user.Email)}})
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="reset-sent"`) {
			t.Fatalf("request: %d", res.StatusCode)
		}
		mails := in.received()
		if len(mails) != 1 || !strings.Contains(mails[0], user.Email) {
			t.Fatalf("%d mails", len(mails))
		}
		token := mailedToken(t, mails[0])
		// Only the token's hash is stored: a statement that looks for the token itself
		// finds nothing to spoil, and the link still works below.
		dbtest.Exec(t, app.DB, "UPDATE password_resets SET used_at = ? WHERE token_hash = ?", time.Now().UTC(), token)
		if res := anon.get("/dat-lai-mat-khau?t=" + token); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `name="new"`) {
			t.Fatalf("reset form: %d", res.StatusCode)
		}
		if res := anon.post("/dat-lai-mat-khau", url.Values{"t": {token}, "new": {"ngan"}, "confirm": {"ngan"}}); res.StatusCode != http.StatusBadRequest {
			t.Fatalf("a short password: %d", res.StatusCode)
		}
		const pw = "mat-khau-moi-2026"
		res = anon.post("/dat-lai-mat-khau", url.Values{"t": {token}, "new": {pw}, "confirm": {pw}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/app" {
			t.Fatalf("reset: %d %s", res.StatusCode, excerpt(res.Body))
		}
		if res := anon.get("/app"); res.StatusCode != http.StatusOK {
			t.Errorf("not signed in after the reset: %d", res.StatusCode)
		}
		if res := other.get("/app"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the other session goes on after the reset: %d", res.StatusCode)
		}
		if _, err := app.DB.Authenticate(t.Context(), user.Email, pw); err != nil {
			t.Errorf("the new password does not sign in: %v", err)
		}
		if res := app.anon().post("/dat-lai-mat-khau", url.Values{"t": {token}, "new": {"mat-khau-lan-hai-99"}, "confirm": {"mat-khau-lan-hai-99"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("the link works twice: %d", res.StatusCode)
		}
		entries := auditSince(t, app.DB, 0)
		var created, reset bool
		for _, e := range entries {
			created = created || (e.Entity == "password_reset" && e.Action == "create")
			reset = reset || (e.Entity == "user" && e.Action == "password" && e.ActorID == user.ID && strings.Contains(e.After, "PasswordReset"))
		}
		if !created || !reset {
			t.Errorf("audit: link %v, reset %v", created, reset)
		}

		// An expired link does not work.
		token2, _, err := app.DB.CreatePasswordReset(t.Context(), user.Email)
		if err != nil {
			t.Fatal(err)
		}
		dbtest.Exec(t, app.DB, "UPDATE password_resets SET expires_at = ? WHERE used_at IS NULL", time.Now().UTC().Add(-time.Minute))
		if res := anon.get("/dat-lai-mat-khau?t=" + token2); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Body, "quá một giờ") {
			t.Errorf("expired link: %d", res.StatusCode)
		}
		if _, err := app.DB.ResetPassword(t.Context(), token2, "mat-khau-qua-han-1"); loa.ErrorCode(err) != loa.EINVALID {
			t.Errorf("expired link: %v", err)
		}
		_ = store.PasswordResetTTL
	})
}

// TestPasswordResetWithoutMail: without mail the page tells the user to ask the
// admin, and sends nothing.
func TestPasswordResetWithoutMail(t *testing.T) {
	t.Parallel()
	eachApp(t, func(t *testing.T, app *testApp) {
		for _, res := range []*response{app.anon().get("/quen-mat-khau"), app.anon().post("/quen-mat-khau", url.Values{"email": {app.Users[loa.RoleViewer].Email}})} {
			if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="ask-admin"`) || strings.Contains(res.Body, `name="email"`) {
				t.Errorf("%d: no word to ask the admin", res.StatusCode)
			}
		}
		for _, e := range auditSince(t, app.DB, 0) {
			if e.Entity == "password_reset" {
				t.Errorf("a link was made without mail: %+v", e)
			}
		}
	})
}

package mail_test

import (
	"context"
	"io"
	"net"
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
)

// inbox is an in-process SMTP server that keeps what it receives.
type inbox struct {
	mu   sync.Mutex
	mail []received
	addr string
}

type received struct {
	To   []string
	Data string
}

func (in *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{in: in}, nil }

type session struct {
	in *inbox
	to []string
}

func (s *session) Reset()                                    { s.to = nil }
func (s *session) Logout() error                             { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.in.mu.Lock()
	s.in.mail = append(s.in.mail, received{To: s.to, Data: string(b)})
	s.in.mu.Unlock()
	return nil
}

func (in *inbox) received() []received {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]received(nil), in.mail...)
}

// startInbox starts an SMTP server on a free local port for the test.
func startInbox(t *testing.T) *inbox {
	t.Helper()
	in := &inbox{}
	srv := smtp.NewServer(in)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return in
}

func smtpConfig(t *testing.T, addr string) mail.Config {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	return mail.Config{Host: host, Port: p, From: "loa@vks-thaibinh.example", DaysBefore: 3, Timeout: 5 * time.Second}
}

// downAddr is a local address where nothing listens.
func downAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

type fixture struct {
	db         *store.DB
	hungha, vt *loa.Unit
	soon, late *loa.Assignment
	now        time.Time
	today      loa.Date
}

// newFixture makes two units with contacts, one assignment due in two days and one
// overdue, on 27/11/2026 at 08:00 in Vietnam.
func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, loa.Zone)
	f := &fixture{db: db, now: now, today: loa.DateOf(now),
		hungha: &loa.Unit{Code: "TB-HUNGHA", Name: "Viện kiểm sát nhân dân huyện Hưng Hà", Kind: loa.UnitDistrict},
		vt:     &loa.Unit{Code: "TB-VUTHU", Name: "Viện kiểm sát nhân dân huyện Vũ Thư", Kind: loa.UnitDistrict}}
	for i, u := range []*loa.Unit{f.hungha, f.vt} {
		if err := db.SaveUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		p := &loa.Person{Name: "Đầu mối " + u.Code}
		if err := db.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		c := &loa.Contact{UnitID: u.ID, PersonID: p.ID, Email: "daumoi" + strconv.Itoa(i+1) + "@vks.example", From: loa.NewDate(2024, 1, 1)}
		if err := db.SetContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	f.soon = &loa.Assignment{UnitID: f.hungha.ID, Kind: loa.KindArticle, Title: "Bài về chuyển đổi số", Due: f.today.AddDays(2),
		CreatedOn: f.today.AddDays(-10)}
	f.late = &loa.Assignment{UnitID: f.vt.ID, Kind: loa.KindNews, Title: "Tin Ngày Pháp luật 9/11", Due: loa.NewDate(2026, 11, 9),
		CreatedOn: loa.NewDate(2026, 10, 20)}
	for _, a := range []*loa.Assignment{f.soon, f.late} {
		if err := db.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) reminders(cfg mail.Config) *mail.Reminders {
	return &mail.Reminders{DB: f.db, Sender: mail.SMTP{Config: cfg}, YearStart: loa.DefaultYearStart, DaysBefore: 3,
		BaseURL: "http://loa.test"}
}

func TestRemindersArriveOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		in := startInbox(t)
		rm := f.reminders(smtpConfig(t, in.addr))
		// Two instances at once, then again later the same day: still one mail each.
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if err := rm.Run(ctx, f.now); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if err := rm.Run(ctx, f.now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got := in.received()
		if len(got) != 2 {
			t.Fatalf("got %d mails, want 2: %+v", len(got), got)
		}
		byTo := map[string]string{}
		for _, m := range got {
			byTo[strings.Join(m.To, ",")] = m.Data
		}
		for _, tc := range []struct{ to, want string }{
			{"daumoi1@vks.example", "/app/assignments/" + strconv.FormatInt(f.soon.ID, 10)},
			{"daumoi2@vks.example", "/app/assignments/" + strconv.FormatInt(f.late.ID, 10)},
		} {
			t.Run("to "+tc.to, func(t *testing.T) {
				data, ok := byTo[tc.to]
				if !ok {
					t.Fatalf("no mail to %s; got %v", tc.to, got)
				}
				if !strings.Contains(data, tc.want) {
					t.Fatalf("mail to %s lacks %q:\n%s", tc.to, tc.want, data)
				}
			})
		}
		sent, err := db.Reminders(ctx, store.ReminderSent, store.Page{})
		if err != nil || len(sent) != 2 {
			t.Fatalf("sent reminders: %d, %v", len(sent), err)
		}
		kinds := map[string]bool{}
		for _, r := range sent {
			kinds[r.Kind] = true
			if r.Attempts != 1 {
				t.Errorf("%s: %d attempts, want 1", r.Key, r.Attempts)
			}
		}
		if !kinds[store.ReminderDueSoon] || !kinds[store.ReminderOverdue] {
			t.Fatalf("kinds %v, want due_soon and overdue", kinds)
		}
	})
}

func TestReminderRetriedWhenTheServerIsDown(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		down := f.reminders(smtpConfig(t, downAddr(t)))
		if err := down.Run(ctx, f.now); err == nil {
			t.Fatal("got no error from a server that is down")
		}
		failed, err := db.Reminders(ctx, store.ReminderFailed, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if len(failed) != 1 || failed[0].Attempts != 1 || !failed[0].NextTry.After(f.now) || failed[0].LastError == "" {
			t.Fatalf("failed reminders %+v, want one with a later try and its error", failed)
		}
		pending, _ := db.Reminders(ctx, store.ReminderPending, store.Page{})
		if len(pending) != 1 {
			t.Fatalf("got %d pending, want the other one left for the next run", len(pending))
		}
		in := startInbox(t)
		up := f.reminders(smtpConfig(t, in.addr))
		t.Run("not before its next try", func(t *testing.T) {
			if err := up.Run(ctx, f.now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if got := len(in.received()); got != 1 { // the one never tried goes; the failed one waits
				t.Fatalf("got %d mails, want 1", got)
			}
		})
		t.Run("then sent once", func(t *testing.T) {
			for range 2 {
				if err := up.Run(ctx, f.now.Add(time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			if got := len(in.received()); got != 2 {
				t.Fatalf("got %d mails, want 2", got)
			}
			sent, _ := db.Reminders(ctx, store.ReminderSent, store.Page{})
			if len(sent) != 2 {
				t.Fatalf("got %d sent, want 2", len(sent))
			}
		})
	})
}

func TestPaceNoteMonthly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		// Both assignments done: only the pace note is left to send.
		for _, a := range []*loa.Assignment{f.soon, f.late} {
			if err := db.MoveAssignment(ctx, a.ID, loa.AssignmentCancelled, "", 0); err != nil {
				t.Fatal(err)
			}
		}
		err := db.SetQuotas(ctx, loa.DefaultYearStart, "2026-H2", []store.QuotaCell{{UnitID: f.hungha.ID, Kind: "any", Target: 12}})
		if err != nil {
			t.Fatal(err)
		}
		in := startInbox(t)
		rm := f.reminders(smtpConfig(t, in.addr))
		for _, at := range []time.Time{f.now, f.now.AddDate(0, 0, 1), f.now.AddDate(0, 0, -20)} {
			if err := rm.Run(ctx, at); err != nil {
				t.Fatal(err)
			}
		}
		got := in.received()
		// November twice (one note), then 7 November, which is November too.
		if len(got) != 1 || got[0].To[0] != "daumoi1@vks.example" {
			t.Fatalf("got %+v, want one note to Hưng Hà's contact", got)
		}
		if err := rm.Run(ctx, time.Date(2026, 10, 15, 8, 0, 0, 0, loa.Zone)); err != nil {
			t.Fatal(err)
		}
		if n := len(in.received()); n != 2 {
			t.Fatalf("got %d mails after October's run, want 2", n)
		}
	})
}

func TestConfigFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantErr bool
		port    int
		days    int
	}{
		{"nothing set: sending off", map[string]string{}, false, 587, 3},
		{"a server", map[string]string{"LOA_SMTP_HOST": "smtp.example", "LOA_SMTP_PORT": "2525", "LOA_SMTP_FROM": "loa@x.vn", "LOA_REMINDER_DAYS": "5"}, false, 2525, 5},
		{"a bad port", map[string]string{"LOA_SMTP_PORT": "abc"}, true, 0, 0},
		{"a host without a sender", map[string]string{"LOA_SMTP_HOST": "smtp.example"}, true, 0, 0},
		{"bad days", map[string]string{"LOA_REMINDER_DAYS": "-1"}, true, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"LOA_SMTP_HOST", "LOA_SMTP_PORT", "LOA_SMTP_USER", "LOA_SMTP_PASSWORD", "LOA_SMTP_FROM", "LOA_REMINDER_DAYS"} {
				t.Setenv(k, tc.env[k])
			}
			c, err := mail.ConfigFromEnv()
			if (err != nil) != tc.wantErr {
				t.Fatalf("got %v, want error %v", err, tc.wantErr)
			}
			if !tc.wantErr && (c.Port != tc.port || c.DaysBefore != tc.days) {
				t.Fatalf("got port %d days %d, want %d %d", c.Port, c.DaysBefore, tc.port, tc.days)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		attempts int
		want     time.Duration
	}{{1, 5 * time.Minute}, {2, 10 * time.Minute}, {3, 20 * time.Minute}, {8, 6 * time.Hour}, {30, 6 * time.Hour}} {
		if got := mail.Backoff(tc.attempts); got != tc.want {
			t.Errorf("Backoff(%d) = %v, want %v", tc.attempts, got, tc.want)
		}
	}
}

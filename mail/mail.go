// Package mail sends loa's reminders by e-mail over SMTP (github.com/wneessen/go-mail):
// to a unit's contact person a few days before an assignment is due and once it is
// overdue, and a monthly note to units below their pace. Reminders are queued in the
// database first, each under a unique key, and sent from there, so each goes out
// once, a failed send is tried again later, and several instances share the work.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"loa"
	"loa/store"
)

// Config is how to reach the SMTP server, read from the environment.
type Config struct {
	Host     string // LOA_SMTP_HOST; empty turns sending off
	Port     int    // LOA_SMTP_PORT, default 587
	User     string // LOA_SMTP_USER; empty for no authentication
	Password string // LOA_SMTP_PASSWORD
	From     string // LOA_SMTP_FROM, the sender's address
	// DaysBefore is how many days before the due date the first reminder goes
	// (LOA_REMINDER_DAYS, default 3).
	DaysBefore int
	// Timeout bounds one connection, so a server that hangs cannot hold a reminder run.
	Timeout time.Duration
}

// Enabled reports whether an SMTP server is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// ConfigFromEnv reads the LOA_SMTP_* settings and LOA_REMINDER_DAYS. EINVALID for a
// port or a number of days that is not a number, or a host without a sender.
func ConfigFromEnv() (Config, error) {
	c := Config{Host: strings.TrimSpace(os.Getenv("LOA_SMTP_HOST")), Port: 587, User: os.Getenv("LOA_SMTP_USER"),
		Password: os.Getenv("LOA_SMTP_PASSWORD"), From: strings.TrimSpace(os.Getenv("LOA_SMTP_FROM")), DaysBefore: 3,
		Timeout: 20 * time.Second}
	if v := strings.TrimSpace(os.Getenv("LOA_SMTP_PORT")); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p <= 0 || p > 65535 {
			return c, loa.Errorf(loa.EINVALID, "LOA_SMTP_PORT không hợp lệ %q", v)
		}
		c.Port = p
	}
	if v := strings.TrimSpace(os.Getenv("LOA_REMINDER_DAYS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 60 {
			return c, loa.Errorf(loa.EINVALID, "LOA_REMINDER_DAYS không hợp lệ %q (0 đến 60)", v)
		}
		c.DaysBefore = n
	}
	if c.Host != "" && !strings.Contains(c.From, "@") {
		return c, loa.Errorf(loa.EINVALID, "LOA_SMTP_FROM phải là một địa chỉ thư khi có LOA_SMTP_HOST")
	}
	return c, nil
}

// Sender sends one message.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// SMTP sends through the server of its Config, one connection per message: reminders
// are few, and a fresh connection never trips on one the server dropped.
type SMTP struct{ Config Config }

// Send sends a plain-text message to one recipient.
func (s SMTP) Send(ctx context.Context, to, subject, body string) error {
	m := gomail.NewMsg()
	if err := m.From(s.Config.From); err != nil {
		return err
	}
	if err := m.To(to); err != nil {
		return err
	}
	m.Subject(subject)
	m.SetDate()
	m.SetMessageID()
	m.SetBodyString(gomail.TypeTextPlain, body)
	opts := []gomail.Option{gomail.WithPort(s.Config.Port), gomail.WithTimeout(s.Config.Timeout),
		gomail.WithTLSPolicy(gomail.TLSOpportunistic)}
	if s.Config.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.Config.User),
			gomail.WithPassword(s.Config.Password))
	}
	c, err := gomail.NewClient(s.Config.Host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, m)
}

// Reminders queues the reminders that are due and sends those waiting.
type Reminders struct {
	DB        *store.DB
	Sender    Sender
	YearStart loa.YearStart
	// DaysBefore is the notice before a due date, in days.
	DaysBefore int
	// BaseURL starts the links in the messages ("https://loa.example"); may be empty.
	BaseURL string
	Log     *slog.Logger
}

// Run queues, as of now, a due-soon reminder for each open assignment due within
// DaysBefore days, an overdue one for each past due, and in each month a pace note
// for each unit whose forecast misses a quota of the current half-year; then it sends
// every reminder waiting. Queuing is idempotent (unique keys) and sending claims each
// reminder first, so Run may run on every instance, as often as liked. A send that
// fails is recorded and tried again later; Run returns the first error it met, after
// trying the rest.
func (rm *Reminders) Run(ctx context.Context, now time.Time) error {
	qerr := rm.queue(ctx, now)
	serr := rm.send(ctx, now)
	return errors.Join(qerr, serr)
}

func (rm *Reminders) queue(ctx context.Context, now time.Time) error {
	today := loa.DateOf(now)
	emails, err := rm.DB.UnitContactEmails(ctx, today)
	if err != nil {
		return err
	}
	due, err := rm.DB.AssignmentsToRemind(ctx, today.AddDays(rm.DaysBefore))
	if err != nil {
		return err
	}
	for _, a := range due {
		to := emails[a.UnitID]
		if to == "" {
			continue // no contact yet: queued on a later run, once one is named
		}
		kind := store.ReminderDueSoon
		if a.Overdue(today) {
			kind = store.ReminderOverdue
		}
		subject, body := rm.assignmentMessage(a, kind, today)
		r := &store.Reminder{Key: fmt.Sprintf("assignment:%d:%s", a.ID, kind), Kind: kind, AssignmentID: a.ID, UnitID: a.UnitID,
			Recipient: to, Subject: subject, Body: body}
		if _, err := rm.DB.QueueReminder(ctx, r, now); err != nil {
			return err
		}
	}
	return rm.queuePace(ctx, now, emails)
}

// queuePace queues the monthly note to the units whose pace misses a quota of the
// current half-year, computed by the dashboard (so by the report's rules).
func (rm *Reminders) queuePace(ctx context.Context, now time.Time, emails map[int64]string) error {
	today := loa.DateOf(now)
	ys := rm.YearStart
	half := ys.HalfOf(today)
	d, err := rm.DB.Dashboard(ctx, store.DashboardQuery{Period: half, YearStart: ys, Today: today})
	if err != nil {
		return err
	}
	month := today.YearMonth()
	for _, u := range d.Units {
		// Only a real forecast (loa.MinForecastDays in, period not over): on its first
		// days every unit is "behind".
		if u.Forecast == nil || u.Forecast.Meets || !u.Forecast.Forecasting() || emails[u.ID] == "" {
			continue
		}
		subject := fmt.Sprintf("[loa] %s: tiến độ tin bài kỳ %s chưa đạt", u.Name, half.Name)
		var b strings.Builder
		fmt.Fprintf(&b, "Kính gửi đầu mối tuyên truyền của %s,\n\n", u.Name)
		fmt.Fprintf(&b, "Đến ngày %s, kỳ %s (%s – %s):\n", today.Display(), half.Name, half.From.Display(), half.To.Display())
		for _, q := range u.Quotas {
			fmt.Fprintf(&b, "- %s: đã có %d/%d tin bài; theo nhịp hiện nay dự kiến đạt %d đến cuối kỳ.\n",
				loa.QuotaKindName(q.Kind), q.Done, q.Target, q.Forecast.Projected)
		}
		b.WriteString("\nĐề nghị đơn vị đẩy mạnh viết và gửi tin bài để hoàn thành chỉ tiêu.\n")
		if rm.BaseURL != "" {
			fmt.Fprintf(&b, "\nChi tiết: %s/app/dashboard/units/%d\n", rm.BaseURL, u.ID)
		}
		r := &store.Reminder{Key: fmt.Sprintf("pace:%d:%s", u.ID, month), Kind: store.ReminderPace, UnitID: u.ID,
			Recipient: emails[u.ID], Subject: subject, Body: b.String()}
		if _, err := rm.DB.QueueReminder(ctx, r, now); err != nil {
			return err
		}
	}
	return nil
}

func (rm *Reminders) assignmentMessage(a *loa.Assignment, kind string, today loa.Date) (string, string) {
	var subject string
	if kind == store.ReminderOverdue {
		subject = fmt.Sprintf("[loa] Quá hạn: %s (hạn %s)", a.Title, a.Due.Display())
	} else {
		subject = fmt.Sprintf("[loa] Sắp đến hạn %s: %s", a.Due.Display(), a.Title)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi đầu mối tuyên truyền của %s,\n\n", a.UnitName)
	if kind == store.ReminderOverdue {
		fmt.Fprintf(&b, "Nhiệm vụ sau đã quá hạn %d ngày:\n\n", -a.DaysLeft(today))
	} else {
		fmt.Fprintf(&b, "Nhiệm vụ sau còn %d ngày đến hạn:\n\n", a.DaysLeft(today))
	}
	fmt.Fprintf(&b, "  %s\n  Loại: %s\n  Hạn: %s\n", a.Title, loa.QuotaKindName(string(a.Kind)), a.Due.Display())
	if a.ThemeTitle != "" {
		fmt.Fprintf(&b, "  Chủ đề: %s\n", a.ThemeTitle)
	}
	if a.PersonName != "" {
		fmt.Fprintf(&b, "  Người thực hiện: %s\n", a.PersonName)
	}
	if rm.BaseURL != "" {
		fmt.Fprintf(&b, "\nChi tiết: %s/app/assignments/%d\n", rm.BaseURL, a.ID)
	}
	return subject, b.String()
}

// send sends the reminders waiting, each claimed just before it is sent. A failure is
// recorded with the next try: 5 minutes after the first, doubling up to 6 hours; and
// the run stops there, leaving the rest for the next run rather than trying each of
// them against a server that is failing.
func (rm *Reminders) send(ctx context.Context, now time.Time) error {
	for {
		batch, err := rm.DB.ClaimReminders(ctx, now, 10*time.Minute, 1)
		if err != nil || len(batch) == 0 {
			return err
		}
		r := batch[0]
		sendErr := rm.Sender.Send(ctx, r.Recipient, r.Subject, r.Body)
		if err := rm.DB.ReminderDone(ctx, r.ID, sendErr, now.Add(Backoff(r.Attempts))); err != nil {
			return errors.Join(sendErr, err)
		}
		if sendErr != nil {
			if rm.Log != nil {
				rm.Log.Warn("reminder not sent", "key", r.Key, "attempt", r.Attempts, "err", sendErr)
			}
			return fmt.Errorf("reminder %s to %s: %w", r.Key, r.Recipient, sendErr)
		}
	}
}

// Backoff is the wait before the next try after attempts failed sends.
func Backoff(attempts int) time.Duration {
	d := 5 * time.Minute
	for i := 1; i < attempts && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

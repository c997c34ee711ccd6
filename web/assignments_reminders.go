package web

import (
	"context"
	"time"

	"loa/mail"
)

// remindersEvery is how often an instance queues and sends reminders: often enough
// that a failed send is retried close to its next try, rarely enough to cost nothing.
const remindersEvery = 5 * time.Minute

// RunReminders queues the reminders due as of now (assignments due within
// LOA_REMINDER_DAYS days, overdue ones, the monthly pace notes) and sends those
// waiting through the SMTP server of Config.Mail. Without a mail host it does
// nothing. It never runs inside a request, so an SMTP server that is down delays the
// reminders (they are retried later) and blocks no page. Safe to call from every
// instance: each reminder is queued once and claimed by one instance before it is sent.
func (s *Server) RunReminders(ctx context.Context, now time.Time) error {
	cfg := s.cfg.Mail
	if !cfg.Enabled() {
		return nil
	}
	rm := &mail.Reminders{DB: s.db, Sender: mail.SMTP{Config: cfg}, YearStart: s.cfg.YearStart, DaysBefore: cfg.DaysBefore,
		BaseURL: s.cfg.BaseURL, Log: s.log}
	return rm.Run(ctx, now)
}

package web

import (
	"context"
	"time"

	"loa/mail"
)

func init() {
	backgroundJobs = append(backgroundJobs, func(s *Server, ctx context.Context) { s.RemindersEvery(ctx, remindersEvery) })
}

// remindersEvery is how often an instance queues and sends reminders: often enough
// that a failed send is retried close to its next try, rarely enough to cost nothing.
const remindersEvery = 5 * time.Minute

// RunReminders queues the reminders due as of now (assignments due within
// LOA_REMINDER_DAYS days, overdue ones, the monthly pace notes) and sends those
// waiting through the SMTP server of mail.ConfigFromEnv. Without LOA_SMTP_HOST it does
// nothing. It never runs inside a request, so an SMTP server that is down delays the
// reminders (they are retried later) and blocks no page. Safe to call from every
// instance: each reminder is queued once and claimed by one instance before it is sent.
func (s *Server) RunReminders(ctx context.Context, now time.Time) error {
	cfg, err := mail.ConfigFromEnv()
	if err != nil || !cfg.Enabled() {
		return err
	}
	rm := &mail.Reminders{DB: s.db, Sender: mail.SMTP{Config: cfg}, YearStart: s.cfg.YearStart, DaysBefore: cfg.DaysBefore,
		BaseURL: s.cfg.BaseURL, Log: s.log}
	return rm.Run(ctx, now)
}

// RemindersEvery runs RunReminders now and then every interval until ctx ends,
// logging what fails; every instance runs it as a background job.
func (s *Server) RemindersEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.RunReminders(ctx, time.Now()); err != nil && ctx.Err() == nil {
			s.log.Warn("reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

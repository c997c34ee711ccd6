package web

import (
	"context"
	"time"
)

func init() {
	backgroundJobs = append(backgroundJobs, (*Server).runScheduled)
}

// scheduledEvery is how often an instance looks for items due on the site.
const scheduledEvery = 30 * time.Second

// runScheduled publishes approved items whose scheduled time has come, every
// scheduledEvery, until ctx ends. Every instance runs it; store.PublishDue claims
// each item with one UPDATE, so an item is published once however many run.
func (s *Server) runScheduled(ctx context.Context) {
	t := time.NewTicker(scheduledEvery)
	defer t.Stop()
	for {
		n, err := s.db.PublishDue(ctx, time.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("scheduled publishing", "err", err)
		case n > 0:
			s.log.Info("scheduled publishing", "published", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

package web

import (
	"context"
	"time"
)

// scheduledEvery is how often an instance looks for items due on the site.
const scheduledEvery = 30 * time.Second

// publishScheduled publishes approved items whose scheduled time has come; it is a
// job of every instance (server.go). store.PublishDue claims each item with one
// UPDATE, so an item is published once however many instances run.
func (s *Server) publishScheduled(ctx context.Context) error {
	n, err := s.db.PublishDue(ctx, time.Now())
	if n > 0 {
		s.log.Info("scheduled publishing", "published", n)
	}
	return err
}

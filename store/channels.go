package store

import (
	"context"
	"fmt"

	"loa"
)

// Channels returns every channel, sorted by code.
func (db *DB) Channels(ctx context.Context) (_ []*loa.Channel, err error) {
	defer wrapErr(&err, "list channels")
	rows, err := db.query(ctx, "SELECT id, code, name, type, url FROM channels ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Channel
	for rows.Next() {
		var c loa.Channel
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Type, &c.URL); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// SaveChannel creates or updates a channel by its code (the import's key).
func (db *DB) SaveChannel(ctx context.Context, c *loa.Channel) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save channel %q", c.Code), func(ctx context.Context) error {
		var before *loa.Channel
		var old loa.Channel
		err := db.row(ctx, "kênh", "SELECT id, code, name, type, url FROM channels WHERE code = ?", []any{c.Code}, &old.ID, &old.Code, &old.Name, &old.Type, &old.URL)
		switch {
		case err == nil:
			before = &old
		case loa.ErrorCode(err) != loa.ENOTFOUND:
			return err
		}
		id, err := db.insert(ctx, `INSERT INTO channels (code, name, type, url) VALUES (?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, url = excluded.url`, c.Code, c.Name, c.Type, c.URL)
		if err != nil {
			return err
		}
		c.ID = id
		if before != nil && *before == *c {
			return nil // an import of the same file twice changes nothing, and logs nothing
		}
		action := "create"
		if before != nil {
			action = "update"
		}
		return db.audit(ctx, action, "channel", id, before, c)
	})
}

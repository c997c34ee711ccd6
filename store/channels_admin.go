package store

import (
	"context"
	"fmt"

	"loa"
)

// Channel returns the channel with id. ENOTFOUND when there is none.
func (db *DB) Channel(ctx context.Context, id int64) (_ *loa.Channel, err error) {
	defer wrapErr(&err, "read channel %d", id)
	var c loa.Channel
	err = db.row(ctx, "kênh", "SELECT id, code, name, type, url FROM channels WHERE id = ?", []any{id}, &c.ID, &c.Code, &c.Name, &c.Type, &c.URL)
	return &c, err
}

// CreateChannel adds a channel; a code already used is refused (EINVALID on code),
// unlike SaveChannel, which updates by code for imports. Admin and secretary only.
func (db *DB) CreateChannel(ctx context.Context, c *loa.Channel) error {
	if u := loa.UserFrom(ctx); u != nil && !u.ManagesChannels() {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Thư ký Ban và quản trị hệ thống quản lý kênh đăng.")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("create channel %q", c.Code), func(ctx context.Context) error {
		id, err := db.insert(ctx, "INSERT INTO channels (code, name, type, url) VALUES (?, ?, ?, ?)", c.Code, c.Name, c.Type, c.URL)
		if err != nil {
			return conflictField(err, "code", "Mã kênh đã có.")
		}
		c.ID = id
		return db.audit(ctx, "create", "channel", id, nil, c)
	})
}

// UpdateChannel changes a channel by id, its code included (publications refer to
// the id, so they follow). Admin and secretary only.
func (db *DB) UpdateChannel(ctx context.Context, c *loa.Channel) error {
	if u := loa.UserFrom(ctx); u != nil && !u.ManagesChannels() {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Thư ký Ban và quản trị hệ thống quản lý kênh đăng.")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("update channel %d", c.ID), func(ctx context.Context) error {
		before, err := db.Channel(ctx, c.ID)
		if err != nil {
			return err
		}
		if *before == *c {
			return nil
		}
		if _, err := db.exec(ctx, "UPDATE channels SET code = ?, name = ?, type = ?, url = ? WHERE id = ?", c.Code, c.Name, c.Type, c.URL, c.ID); err != nil {
			return conflictField(err, "code", "Mã kênh đã có.")
		}
		return db.audit(ctx, "update", "channel", c.ID, before, c)
	})
}

// ChannelUse is how many publications each channel has, by channel id.
func (db *DB) ChannelUse(ctx context.Context) (_ map[int64]int, err error) {
	defer wrapErr(&err, "count channel use")
	rows, err := db.query(ctx, "SELECT channel_id, COUNT(*) FROM publications GROUP BY channel_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

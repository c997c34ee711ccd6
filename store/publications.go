package store

import (
	"context"

	"loa"
)

// A publication says that an item appeared on a channel on a date (CONTRACTS.md
// counts from these alone). The site's publication comes from the workflow
// (Transition publish); the others are recorded here by the people who saw them:
// a unit's contact for its own items, the secretary and editors for any.

const publicationCols = `p.id, p.item_id, p.channel_id, c.code, c.name, p.published_on, p.url, p.note, p.withdrawn`

func scanPublication(sc interface{ Scan(...any) error }) (*loa.Publication, error) {
	var p loa.Publication
	err := sc.Scan(&p.ID, &p.ItemID, &p.ChannelID, &p.ChannelCode, &p.ChannelName, &p.PublishedOn, &p.URL, &p.Note, &p.Withdrawn)
	return &p, err
}

// Publications returns an item's publications, by date then channel, withdrawn
// ones included. ENOTFOUND when the user may not read the item.
func (db *DB) Publications(ctx context.Context, itemID int64) ([]*loa.Publication, error) {
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, "SELECT "+publicationCols+` FROM publications p JOIN channels c ON c.id = p.channel_id
		WHERE p.item_id = ? ORDER BY p.published_on, c.code, p.id`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Publication
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Publication returns the publication with id. ENOTFOUND when there is none or the
// user may not read its item.
func (db *DB) Publication(ctx context.Context, id int64) (*loa.Publication, error) {
	p, err := scanPublication(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+publicationCols+
		" FROM publications p JOIN channels c ON c.id = p.channel_id WHERE p.id = ?"), id))
	if err != nil {
		return nil, notFound(err, "kết quả đăng")
	}
	if _, err := db.Item(ctx, p.ItemID); err != nil {
		return nil, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy kết quả đăng.")
	}
	return p, nil
}

// channelFor resolves a publication's channel by id or code and fills both.
func (db *DB) channelFor(ctx context.Context, p *loa.Publication) (loa.ChannelType, error) {
	var ct loa.ChannelType
	q, arg := "SELECT id, code, name, type FROM channels WHERE id = ?", any(p.ChannelID)
	if p.ChannelID == 0 {
		q, arg = "SELECT id, code, name, type FROM channels WHERE code = ?", p.ChannelCode
	}
	err := db.row(ctx, "kênh", q, []any{arg}, &p.ChannelID, &p.ChannelCode, &p.ChannelName, &ct)
	if loa.ErrorCode(err) == loa.ENOTFOUND {
		return "", loa.FieldError("channel_id", "Không có kênh này.")
	}
	return ct, err
}

// checkPublication checks who may record p (on its item and channel).
func (db *DB) checkPublication(ctx context.Context, p *loa.Publication) error {
	it, err := db.Item(ctx, p.ItemID)
	if err != nil {
		return err
	}
	ct, err := db.channelFor(ctx, p)
	if err != nil {
		return err
	}
	if u := loa.UserFrom(ctx); u != nil {
		return loa.CanRecordPublication(u, it.UnitID, ct)
	}
	return nil
}

// AddPublication records that an item appeared on a channel on a date, with its
// link and a note. The same item, channel and date twice is refused (EINVALID on
// published_on); EFORBIDDEN when the user may not record it (loa.CanRecordPublication).
func (db *DB) AddPublication(ctx context.Context, p *loa.Publication) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		if err := db.checkPublication(ctx, p); err != nil {
			return err
		}
		id, err := db.insert(ctx, `INSERT INTO publications (item_id, channel_id, published_on, url, note, withdrawn) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ItemID, p.ChannelID, p.PublishedOn, p.URL, p.Note, p.Withdrawn)
		if err != nil {
			return conflictField(err, "published_on", "Tin bài đã có kết quả đăng trên kênh này vào ngày này.")
		}
		p.ID = id
		if err := db.audit(ctx, "create", "publication", id, nil, p); err != nil {
			return err
		}
		if !p.Withdrawn {
			// An outside publication fulfils the item's assignment as the site's does.
			if err := db.AssignmentItemEvent(ctx, p.ItemID, "published"); err != nil {
				return err
			}
		}
		return db.ItemChanged(ctx, p.ItemID)
	})
}

// UpdatePublication corrects a publication: channel, date, link, note, withdrawn.
// The user must be allowed both the stored and the new channel.
func (db *DB) UpdatePublication(ctx context.Context, p *loa.Publication) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := db.Publication(ctx, p.ID)
		if err != nil {
			return err
		}
		p.ItemID = before.ItemID
		if err := db.checkPublication(ctx, before); err != nil {
			return err
		}
		if err := db.checkPublication(ctx, p); err != nil {
			return err
		}
		if _, err := db.exec(ctx, "UPDATE publications SET channel_id = ?, published_on = ?, url = ?, note = ?, withdrawn = ? WHERE id = ?",
			p.ChannelID, p.PublishedOn, p.URL, p.Note, p.Withdrawn, p.ID); err != nil {
			return conflictField(err, "published_on", "Tin bài đã có kết quả đăng trên kênh này vào ngày này.")
		}
		if err := db.audit(ctx, "update", "publication", p.ID, before, p); err != nil {
			return err
		}
		return db.ItemChanged(ctx, p.ItemID)
	})
}

// DeletePublication deletes a publication entered by mistake (the audit log keeps
// it). The site's publication of a published item is withdrawn through the
// workflow instead, and refused here.
func (db *DB) DeletePublication(ctx context.Context, id int64) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		p, err := db.Publication(ctx, id)
		if err != nil {
			return err
		}
		if err := db.checkPublication(ctx, p); err != nil {
			return err
		}
		var ct loa.ChannelType
		var status loa.Status
		if err := db.row(ctx, "kênh", "SELECT c.type, i.status FROM channels c, items i WHERE c.id = ? AND i.id = ?",
			[]any{p.ChannelID, p.ItemID}, &ct, &status); err != nil {
			return err
		}
		if ct == loa.ChannelSite && status == loa.StatusPublished && !p.Withdrawn {
			return loa.Errorf(loa.ECONFLICT, "Tin bài đang hiện trên trang: hãy gỡ tin bài (có lý do) thay vì xoá kết quả đăng.")
		}
		if _, err := db.exec(ctx, "DELETE FROM publications WHERE id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, "delete", "publication", id, p, nil); err != nil {
			return err
		}
		return db.ItemChanged(ctx, p.ItemID)
	})
}

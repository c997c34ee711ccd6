package store

import (
	"context"
	"fmt"
	"time"

	"loa"
	"loa/media"
)

// Pictures and attached files live in the media table, their bytes included (and a
// copy of each large picture sized for the site), so that a backup or a second
// instance needs nothing else. Lists never read the bytes.

const mediaCols = `m.id, m.item_id, m.kind, m.filename, m.content_type, m.size, m.width, m.height, m.site_width, m.site_height,
	m.caption, m.credit, m.position, m.created_at`

func scanMedia(sc interface{ Scan(...any) error }) (*loa.Media, error) {
	var m loa.Media
	err := sc.Scan(&m.ID, &m.ItemID, &m.Kind, &m.Filename, &m.ContentType, &m.Size, &m.Width, &m.Height, &m.SiteWidth, &m.SiteHeight,
		&m.Caption, &m.Credit, &m.Position, &m.CreatedAt)
	m.CreatedAt = m.CreatedAt.UTC()
	return &m, err
}

// ItemMedia returns an item's pictures and attached files, each in order, in one
// query. ENOTFOUND when the user may not read the item.
func (db *DB) ItemMedia(ctx context.Context, itemID int64) (pictures, attachments []*loa.Media, err error) {
	defer wrapErr(&err, "list media of item %d", itemID)
	if _, err := db.Item(ctx, itemID); err != nil {
		return nil, nil, err
	}
	// A publication's evidence (a scan, a screenshot) belongs to the declaration, not to
	// the item's text: it is shown beside the publication only.
	rows, err := db.query(ctx, "SELECT "+mediaCols+" FROM media m WHERE m.item_id = ? AND NOT "+isEvidence+" ORDER BY m.position, m.id", itemID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, nil, err
		}
		if m.Kind == loa.MediaPicture {
			pictures = append(pictures, m)
		} else {
			attachments = append(attachments, m)
		}
	}
	return pictures, attachments, rows.Err()
}

// editableItem returns the item when the user may change it (its media included).
func (db *DB) editableItem(ctx context.Context, itemID int64) (*ItemRow, error) {
	cur, err := db.Item(ctx, itemID)
	if err != nil {
		return nil, err
	}
	if u := loa.UserFrom(ctx); u != nil {
		if err := loa.CanEdit(u, cur.UnitID, cur.Status); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// AddMedia stores a checked upload (media.Picture or media.Attachment) as the last
// picture or file of the item. Who may edit the item may add to it.
func (db *DB) AddMedia(ctx context.Context, itemID int64, f *media.File, caption, credit string) (*loa.Media, error) {
	m := mediaOf(itemID, f, caption, credit)
	if err := m.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, fmt.Sprintf("add media to item %d", itemID), func(ctx context.Context) error {
		if _, err := db.editableItem(ctx, itemID); err != nil {
			return err
		}
		pos, err := db.count(ctx, "SELECT COALESCE(MAX(position), 0) FROM media WHERE item_id = ? AND kind = ?", itemID, f.Kind)
		if err != nil {
			return err
		}
		m.Position = pos + 1
		if err := db.insertMedia(ctx, m, f); err != nil {
			return err
		}
		if err := db.audit(ctx, "create", "media", m.ID, nil, m); err != nil {
			return err
		}
		return db.ItemChanged(ctx, itemID)
	})
	return m, err
}

// mediaOf is the record of a checked upload f for the item.
func mediaOf(itemID int64, f *media.File, caption, credit string) *loa.Media {
	return &loa.Media{ItemID: itemID, Kind: f.Kind, Filename: f.Filename, ContentType: f.ContentType, Size: int64(len(f.Data)),
		Width: f.Width, Height: f.Height, SiteWidth: f.SiteWidth, SiteHeight: f.SiteHeight, Caption: caption, Credit: credit}
}

// insertMedia writes m (validated, its Position set) with f's data; the caller audits.
func (db *DB) insertMedia(ctx context.Context, m *loa.Media, f *media.File) error {
	m.CreatedAt = clock(ctx)
	uid, _ := actor(ctx)
	var site any
	if f.Site != nil {
		site = f.Site
	}
	var err error
	m.ID, err = db.insert(ctx, `INSERT INTO media (item_id, kind, filename, content_type, size, data, width, height,
		site_data, site_type, site_width, site_height, caption, credit, position, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ItemID, m.Kind, m.Filename, m.ContentType, m.Size, f.Data,
		m.Width, m.Height, site, f.SiteType, m.SiteWidth, m.SiteHeight, m.Caption, m.Credit, m.Position, nullID(uid), m.CreatedAt)
	return err
}

// UpdateMedia changes the caption, credit and position of a picture or file.
func (db *DB) UpdateMedia(ctx context.Context, m *loa.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("update media %d", m.ID), func(ctx context.Context) error {
		before, err := db.mediaByID(ctx, m.ID)
		if err != nil {
			return err
		}
		if _, err := db.editableItem(ctx, before.ItemID); err != nil {
			return err
		}
		if before.Caption == m.Caption && before.Credit == m.Credit && (m.Position == 0 || before.Position == m.Position) {
			return nil
		}
		if m.Position == 0 {
			m.Position = before.Position
		}
		if _, err := db.exec(ctx, "UPDATE media SET caption = ?, credit = ?, position = ? WHERE id = ?", m.Caption, m.Credit, m.Position, m.ID); err != nil {
			return err
		}
		after := *before
		after.Caption, after.Credit, after.Position = m.Caption, m.Credit, m.Position
		if err := db.audit(ctx, "update", "media", m.ID, before, &after); err != nil {
			return err
		}
		return db.ItemChanged(ctx, before.ItemID)
	})
}

// DeleteMedia removes a picture or file from its item.
func (db *DB) DeleteMedia(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete media %d", id), func(ctx context.Context) error {
		before, err := db.mediaByID(ctx, id)
		if err != nil {
			return err
		}
		if _, err := db.editableItem(ctx, before.ItemID); err != nil {
			return err
		}
		if _, err := db.exec(ctx, "DELETE FROM media WHERE id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, "delete", "media", id, before, nil); err != nil {
			return err
		}
		return db.ItemChanged(ctx, before.ItemID)
	})
}

// isEvidence is the SQL condition, on media aliased m, of a file that is a
// publication's evidence.
const isEvidence = "EXISTS (SELECT 1 FROM publications e WHERE e.evidence_media_id = m.id)"

func (db *DB) mediaByID(ctx context.Context, id int64) (*loa.Media, error) {
	m, err := scanMedia(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+mediaCols+" FROM media m WHERE m.id = ?"), id))
	return m, notFound(err, "tệp")
}

// MediaFile returns a picture or file with its bytes (the site's copy when site and
// there is one), and whether the public may see it: the media of a published item
// are public; the others only to who may read the item. ENOTFOUND otherwise, so an
// id tells nothing about what is not public.
func (db *DB) MediaFile(ctx context.Context, id int64, site bool) (m *loa.Media, data []byte, public bool, err error) {
	defer wrapErr(&err, "read media file %d", id)
	var unitID int64
	var status loa.Status
	var pubAt *time.Time
	var siteData []byte
	var siteType string
	var evidence bool
	m = &loa.Media{}
	err = db.row(ctx, "tệp", `SELECT m.id, m.item_id, m.kind, m.filename, m.content_type, m.size, m.width, m.height, m.site_width, m.site_height,
		m.caption, m.credit, m.position, m.created_at, m.data, m.site_data, m.site_type, i.unit_id, i.status, i.published_at,
		`+isEvidence+`
		FROM media m JOIN items i ON i.id = m.item_id WHERE m.id = ?`, []any{id},
		&m.ID, &m.ItemID, &m.Kind, &m.Filename, &m.ContentType, &m.Size, &m.Width, &m.Height, &m.SiteWidth, &m.SiteHeight,
		&m.Caption, &m.Credit, &m.Position, &m.CreatedAt, &data, &siteData, &siteType, &unitID, &status, &pubAt, &evidence)
	if err != nil {
		return nil, nil, false, err
	}
	// A publication's evidence is never public: only who may read the item sees it.
	public = status == loa.StatusPublished && pubAt != nil && !pubAt.After(time.Now()) && !evidence
	if !public && !loa.CanRead(loa.UserFrom(ctx), unitID) {
		return nil, nil, false, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy tệp.")
	}
	if site && siteData != nil {
		m.ContentType, data = siteType, siteData
	}
	return m, data, public, nil
}

package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loa"
	"loa/media"
)

// A publication says that an item appeared on a channel on a date (CONTRACTS.md
// counts from these alone). The site's publication comes from the workflow
// (Transition publish); the others are recorded here by the people who saw them:
// a unit's contact for its own items, the secretary and editors for any.

const publicationCols = `p.id, p.item_id, p.channel_id, c.code, c.name, p.published_on, p.url, p.note, p.withdrawn,
	p.status, COALESCE(p.evidence_media_id, 0), p.refusal, p.decided_by, p.decided_at`

func scanPublication(sc interface{ Scan(...any) error }) (*loa.Publication, error) {
	var p loa.Publication
	var decided *time.Time
	err := sc.Scan(&p.ID, &p.ItemID, &p.ChannelID, &p.ChannelCode, &p.ChannelName, &p.PublishedOn, &p.URL, &p.Note, &p.Withdrawn,
		&p.Status, &p.EvidenceMediaID, &p.Refusal, &p.DecidedBy, &decided)
	if decided != nil {
		p.DecidedAt = *decided
	}
	return &p, err
}

// countedPub is the SQL condition, on publications aliased p, of a publication that
// counts (CONTRACTS.md "Counting rules"): confirmed and not withdrawn. Every query
// that counts publications, or items by their first publication, uses it.
const countedPub = "p.status = 'confirmed' AND p.withdrawn = FALSE"

// pendingPub is the condition of a declaration awaiting confirmation (the report's
// "pending"), on publications aliased p.
const pendingPub = "p.status = 'declared' AND p.withdrawn = FALSE"

// Publications returns an item's publications, by date then channel, withdrawn
// ones included. ENOTFOUND when the user may not read the item.
func (db *DB) Publications(ctx context.Context, itemID int64) (_ []*loa.Publication, err error) {
	defer wrapErr(&err, "list publications of item %d", itemID)
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
func (db *DB) Publication(ctx context.Context, id int64) (_ *loa.Publication, err error) {
	defer wrapErr(&err, "read publication %d", id)
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

// checkPublicationDate refuses a date recorded through a form: after today, or
// before p's item was written in loa.
func (db *DB) checkPublicationDate(ctx context.Context, p *loa.Publication) error {
	it, err := db.Item(ctx, p.ItemID)
	if err != nil {
		return err
	}
	return loa.CheckPublicationDate(p.PublishedOn, loa.DateOf(clock(ctx)), loa.DateOf(it.CreatedAt))
}

// recordedStatus is the status of a publication recorded by ctx's user: declared for
// a contributor, confirmed for the secretary, editors, the admin and the system.
func recordedStatus(ctx context.Context) loa.PublicationStatus {
	if loa.ConfirmsPublications(loa.UserFrom(ctx)) {
		return loa.PublicationConfirmed
	}
	return loa.PublicationDeclared
}

// AddPublication records that an item appeared on a channel on a date, with its
// link and a note. The same item, channel and date twice is refused (EINVALID on
// published_on); EFORBIDDEN when the user may not record it (loa.CanRecordPublication).
func (db *DB) AddPublication(ctx context.Context, p *loa.Publication) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add publication of item %d", p.ItemID), func(ctx context.Context) error {
		if err := db.checkPublication(ctx, p); err != nil {
			return err
		}
		if err := db.checkPublicationDate(ctx, p); err != nil {
			return err
		}
		p.Status, p.Refusal, p.DecidedBy, p.DecidedAt = recordedStatus(ctx), "", "", time.Time{}
		if p.Status == loa.PublicationDeclared && strings.TrimSpace(p.URL) == "" && strings.TrimSpace(p.Note) == "" && p.EvidenceMediaID == 0 {
			return loa.FieldError("evidence", "Xin kèm minh chứng của kết quả đăng: đường dẫn, tệp (ảnh chụp, bản quét) hoặc ghi chú (ví dụ: bản tin thời sự 19 giờ).")
		}
		if err := db.checkEvidence(ctx, p); err != nil {
			return err
		}
		return db.guardItem(ctx, p.ItemID, func(ctx context.Context) error {
			id, err := db.insert(ctx, `INSERT INTO publications (item_id, channel_id, published_on, url, note, withdrawn, status, evidence_media_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ItemID, p.ChannelID, p.PublishedOn, p.URL, p.Note, p.Withdrawn, p.Status, nullID(p.EvidenceMediaID))
			if err != nil {
				return conflictField(err, "published_on", "Tin bài đã có kết quả đăng trên kênh này vào ngày này.")
			}
			p.ID = id
			if err := db.audit(ctx, "create", "publication", id, nil, p); err != nil {
				return err
			}
			if !p.Withdrawn && p.Status == loa.PublicationConfirmed {
				// An outside publication fulfils the item's assignment as the site's does.
				if err := db.AssignmentItemEvent(ctx, p.ItemID, "published"); err != nil {
					return err
				}
			}
			return db.ItemChanged(ctx, p.ItemID)
		})
	})
}

// AddPublicationEvidence records p as AddPublication does, with f (a checked
// media.Attachment, or nil) stored as its evidence file in the same transaction:
// the file is the item's, shown beside the publication only, never on the site.
func (db *DB) AddPublicationEvidence(ctx context.Context, p *loa.Publication, f *media.File) error {
	if f == nil {
		return db.AddPublication(ctx, p)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add evidence to publication %d", p.ID), func(ctx context.Context) error {
		if err := db.checkPublication(ctx, p); err != nil {
			return err
		}
		m := mediaOf(p.ItemID, f, "", "")
		if err := m.Validate(); err != nil {
			return err
		}
		pos, err := db.count(ctx, "SELECT COALESCE(MAX(position), 0) FROM media WHERE item_id = ? AND kind = ?", p.ItemID, f.Kind)
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
		p.EvidenceMediaID = m.ID
		return db.AddPublication(ctx, p)
	})
}

// UpdatePublication corrects a publication: channel, date, link, note, withdrawn.
// The user must be allowed both the stored and the new channel.
func (db *DB) UpdatePublication(ctx context.Context, p *loa.Publication) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("update publication %d", p.ID), func(ctx context.Context) error {
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
		if !p.PublishedOn.Equal(before.PublishedOn) {
			if err := db.checkPublicationDate(ctx, p); err != nil {
				return err
			}
		}
		// CONTRACTS.md: a publication dated in a closed period is not edited at all.
		if err := db.refuseClosed(ctx, before.PublishedOn, p.PublishedOn); err != nil {
			return err
		}
		p.Status, p.Refusal, p.DecidedBy, p.DecidedAt = before.Status, before.Refusal, before.DecidedBy, before.DecidedAt
		if p.EvidenceMediaID == 0 {
			p.EvidenceMediaID = before.EvidenceMediaID // a form that does not show the file keeps it
		}
		if !loa.ConfirmsPublications(loa.UserFrom(ctx)) && (p.Status == loa.PublicationRefused ||
			p.ChannelID != before.ChannelID || !p.PublishedOn.Equal(before.PublishedOn) || p.Withdrawn != before.Withdrawn) {
			// A contributor's correction is a new declaration, to be confirmed again.
			p.Status, p.Refusal, p.DecidedBy, p.DecidedAt = loa.PublicationDeclared, "", "", time.Time{}
		}
		if err := db.checkEvidence(ctx, p); err != nil {
			return err
		}
		return db.guardItem(ctx, p.ItemID, func(ctx context.Context) error {
			if _, err := db.exec(ctx, `UPDATE publications SET channel_id = ?, published_on = ?, url = ?, note = ?, withdrawn = ?,
				status = ?, evidence_media_id = ?, refusal = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
				p.ChannelID, p.PublishedOn, p.URL, p.Note, p.Withdrawn, p.Status, nullID(p.EvidenceMediaID), p.Refusal, p.DecidedBy,
				nullTime(p.DecidedAt), p.ID); err != nil {
				return conflictField(err, "published_on", "Tin bài đã có kết quả đăng trên kênh này vào ngày này.")
			}
			if err := db.audit(ctx, "update", "publication", p.ID, before, p); err != nil {
				return err
			}
			return db.ItemChanged(ctx, p.ItemID)
		})
	})
}

// DeletePublication deletes a publication entered by mistake (the audit log keeps
// it). The site's publication of a published item is withdrawn through the
// workflow instead, and refused here.
func (db *DB) DeletePublication(ctx context.Context, id int64) error {
	return db.inTx(ctx, fmt.Sprintf("delete publication %d", id), func(ctx context.Context) error {
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
		return db.guardItem(ctx, p.ItemID, func(ctx context.Context) error {
			if _, err := db.exec(ctx, "DELETE FROM publications WHERE id = ?", id); err != nil {
				return err
			}
			if err := db.audit(ctx, "delete", "publication", id, p, nil); err != nil {
				return err
			}
			return db.ItemChanged(ctx, p.ItemID)
		})
	})
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// checkEvidence checks that p's evidence file is an attached file of p's item.
func (db *DB) checkEvidence(ctx context.Context, p *loa.Publication) error {
	if p.EvidenceMediaID == 0 {
		return nil
	}
	n, err := db.count(ctx, "SELECT COUNT(*) FROM media WHERE id = ? AND item_id = ?", p.EvidenceMediaID, p.ItemID)
	if err != nil {
		return err
	}
	if n == 0 {
		return loa.FieldError("evidence_media_id", "Tệp minh chứng không thuộc tin bài này.")
	}
	return nil
}

// ConfirmPublications confirms declared publications: from then on they count. One
// transaction: all or none. EFORBIDDEN unless the user is the secretary, an editor or
// the admin; ECONFLICT for one that is not declared (someone decided first) or dated
// in a closed period.
func (db *DB) ConfirmPublications(ctx context.Context, ids []int64) error {
	return db.decidePublications(ctx, ids, loa.PublicationConfirmed, "")
}

// RefusePublications refuses declared publications with a reason the contributor
// sees on the item. EINVALID without a reason; otherwise as ConfirmPublications.
func (db *DB) RefusePublications(ctx context.Context, ids []int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return loa.FieldError("reason", "Xin ghi lý do không xác nhận.")
	}
	if len([]rune(reason)) > 1000 {
		return loa.FieldError("reason", "Lý do quá dài.")
	}
	return db.decidePublications(ctx, ids, loa.PublicationRefused, reason)
}

func (db *DB) decidePublications(ctx context.Context, ids []int64, to loa.PublicationStatus, reason string) error {
	if !loa.ConfirmsPublications(loa.UserFrom(ctx)) {
		return loa.Errorf(loa.EFORBIDDEN, "Chỉ Thư ký Ban, biên tập viên và quản trị hệ thống xác nhận được kết quả đăng.")
	}
	if len(ids) == 0 {
		return loa.Errorf(loa.EINVALID, "Chưa chọn kết quả đăng nào.")
	}
	action := "confirm"
	if to == loa.PublicationRefused {
		action = "refuse"
	}
	return db.inTx(ctx, fmt.Sprintf("%s publications %v", action, ids), func(ctx context.Context) error {
		for _, id := range ids {
			before, err := db.Publication(ctx, id)
			if err != nil {
				return err
			}
			if before.Status != loa.PublicationDeclared {
				return loa.Errorf(loa.ECONFLICT, "Kết quả đăng ngày %s trên %s đã được xử lý; xin tải lại trang.", before.PublishedOn.Display(), before.ChannelName)
			}
			after := *before
			after.Status, after.Refusal, after.DecidedBy, after.DecidedAt = to, reason, actorName(ctx), clock(ctx).UTC().Truncate(time.Microsecond)
			if err := db.guardItem(ctx, before.ItemID, func(ctx context.Context) error {
				if _, err := db.exec(ctx, "UPDATE publications SET status = ?, refusal = ?, decided_by = ?, decided_at = ? WHERE id = ?",
					after.Status, after.Refusal, after.DecidedBy, after.DecidedAt, id); err != nil {
					return err
				}
				if err := db.audit(ctx, action, "publication", id, before, &after); err != nil {
					return err
				}
				if to == loa.PublicationConfirmed && !after.Withdrawn {
					if err := db.AssignmentItemEvent(ctx, after.ItemID, "published"); err != nil {
						return err
					}
				}
				return db.ItemChanged(ctx, after.ItemID)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// PendingPublication is a declaration awaiting confirmation, with what the queue
// shows beside it.
type PendingPublication struct {
	loa.Publication
	ItemTitle    string
	UnitName     string
	EvidenceName string // the evidence file's name, "" without one
}

// PendingPublications lists the declarations awaiting confirmation, oldest date
// first; a contributor sees only its unit's.
func (db *DB) PendingPublications(ctx context.Context) (_ []*PendingPublication, err error) {
	defer wrapErr(&err, "list pending publications")
	return db.declarations(ctx, "p.status = 'declared'")
}

// UnitDeclarations lists a unit's publications dated in [from, to] that do not
// count for want of confirmation: declared (awaiting it) and refused (with the
// reason), for the unit's dashboard.
func (db *DB) UnitDeclarations(ctx context.Context, unitID int64, from, to loa.Date) (_ []*PendingPublication, err error) {
	defer wrapErr(&err, "list declarations of unit %d", unitID)
	return db.declarations(ctx, "p.status IN ('declared', 'refused') AND p.withdrawn = FALSE AND i.unit_id = ? AND p.published_on >= ? AND p.published_on <= ?",
		unitID, from, to)
}

// declarations lists publications matching where (on p, i), with the item, unit and
// evidence file, by date; a contributor sees only its unit's.
func (db *DB) declarations(ctx context.Context, where string, args ...any) ([]*PendingPublication, error) {
	scope, scopeArgs := itemUnitScope(ctx)
	rows, err := db.query(ctx, "SELECT "+publicationCols+`, i.title, u.name, COALESCE(m.filename, '')
		FROM publications p JOIN channels c ON c.id = p.channel_id JOIN items i ON i.id = p.item_id JOIN units u ON u.id = i.unit_id
		LEFT JOIN media m ON m.id = p.evidence_media_id AND m.item_id = p.item_id
		WHERE `+where+scope+` ORDER BY p.published_on, p.id LIMIT 1000`, append(args, scopeArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*PendingPublication
	for rows.Next() {
		var pp PendingPublication
		var decided *time.Time
		p := &pp.Publication
		if err := rows.Scan(&p.ID, &p.ItemID, &p.ChannelID, &p.ChannelCode, &p.ChannelName, &p.PublishedOn, &p.URL, &p.Note, &p.Withdrawn,
			&p.Status, &p.EvidenceMediaID, &p.Refusal, &p.DecidedBy, &decided, &pp.ItemTitle, &pp.UnitName, &pp.EvidenceName); err != nil {
			return nil, err
		}
		if decided != nil {
			p.DecidedAt = *decided
		}
		out = append(out, &pp)
	}
	return out, rows.Err()
}

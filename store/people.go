package store

import (
	"context"
	"fmt"

	"loa"
)

// PeopleFilter narrows the list of people.
type PeopleFilter struct {
	Query  string // folded substring of the name
	UnitID int64  // current posting in this unit
	Page   Page
}

// currentPosting is the SQL for a person's posting that has not ended, the latest first.
var currentUnit = `(SELECT po.unit_id FROM postings po WHERE po.person_id = pe.id AND ` + notEnded("po") + `
	ORDER BY po.date_from DESC, po.id DESC LIMIT 1)`

// People returns one page of people with their current unit, sorted by name, and the total.
func (db *DB) People(ctx context.Context, f PeopleFilter) (_ []*loa.Person, _ int, err error) {
	defer wrapErr(&err, "list people")
	today := loa.Today()
	where, args := " WHERE 1=1", []any{}
	if f.Query != "" {
		where += ` AND pe.name_fold LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(loa.Fold(f.Query))+"%")
	}
	if f.UnitID != 0 {
		where += " AND " + currentUnit + " = ?"
		args = append(args, today, f.UnitID)
	}
	total, err := db.count(ctx, "SELECT COUNT(*) FROM people pe"+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT pe.id, pe.name, pe.title, pe.phone, pe.email, pe.version, COALESCE(u.id, 0), COALESCE(u.name, '')
		FROM people pe LEFT JOIN units u ON u.id = `+currentUnit+where+" ORDER BY pe.name, pe.id"+f.Page.sql(),
		append([]any{today}, args...)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*loa.Person
	for rows.Next() {
		var p loa.Person
		if err := rows.Scan(&p.ID, &p.Name, &p.Title, &p.Phone, &p.Email, &p.Version, &p.UnitID, &p.UnitName); err != nil {
			return nil, 0, err
		}
		out = append(out, &p)
	}
	return out, total, rows.Err()
}

// Person returns the person with id. ENOTFOUND when there is none.
func (db *DB) Person(ctx context.Context, id int64) (_ *loa.Person, err error) {
	defer wrapErr(&err, "read person %d", id)
	var p loa.Person
	err = db.row(ctx, "người", `SELECT id, name, title, phone, email, version FROM people WHERE id = ?`, []any{id},
		&p.ID, &p.Name, &p.Title, &p.Phone, &p.Email, &p.Version)
	return &p, err
}

// SavePerson creates (ID 0) or updates a person, with optimistic locking on Version.
func (db *DB) SavePerson(ctx context.Context, p *loa.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save person %d", p.ID), func(ctx context.Context) error {
		if p.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO people (name, name_fold, title, phone, email, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				p.Name, loa.Fold(p.Name), p.Title, p.Phone, p.Email, now())
			if err != nil {
				return err
			}
			p.ID, p.Version = id, 1
			return db.audit(ctx, "create", "person", id, nil, p)
		}
		before, err := db.Person(ctx, p.ID)
		if err != nil {
			return err
		}
		res, err := db.exec(ctx, `UPDATE people SET name = ?, name_fold = ?, title = ?, phone = ?, email = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, p.Name, loa.Fold(p.Name), p.Title, p.Phone, p.Email, now(), p.ID, p.Version)
		if err != nil {
			return err
		}
		if err := changed(res); err != nil {
			return err
		}
		p.Version++
		return db.audit(ctx, "update", "person", p.ID, before, p)
	})
}

// Postings returns a person's postings (personID != 0) or a unit's (unitID != 0),
// newest first, ended ones included: that is the history of rotation.
func (db *DB) Postings(ctx context.Context, personID, unitID int64) (_ []*loa.Posting, err error) {
	defer wrapErr(&err, "list postings of person %d unit %d", personID, unitID)
	where, arg := "po.person_id = ?", personID
	if personID == 0 {
		where, arg = "po.unit_id = ?", unitID
	}
	rows, err := db.query(ctx, `SELECT po.id, po.person_id, pe.name, po.unit_id, u.name, po.position, po.date_from, po.date_to
		FROM postings po JOIN people pe ON pe.id = po.person_id JOIN units u ON u.id = po.unit_id
		WHERE `+where+` ORDER BY po.date_from DESC, po.id DESC`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Posting
	for rows.Next() {
		var p loa.Posting
		if err := rows.Scan(&p.ID, &p.PersonID, &p.PersonName, &p.UnitID, &p.UnitName, &p.Position, &p.From, &p.To); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// AddPosting starts a posting. A person moved to another unit (rotation) has the
// open posting elsewhere ended the day before the new one starts.
func (db *DB) AddPosting(ctx context.Context, p *loa.Posting) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add posting of person %d", p.PersonID), func(ctx context.Context) error {
		if _, err := db.Person(ctx, p.PersonID); err != nil {
			return err
		}
		if _, err := db.Unit(ctx, p.UnitID); err != nil {
			return err
		}
		open, err := db.Postings(ctx, p.PersonID, 0)
		if err != nil {
			return err
		}
		for _, o := range open {
			if o.To.IsZero() && o.From.Before(p.From) {
				if err := db.EndPosting(ctx, o.ID, p.From.AddDays(-1)); err != nil {
					return err
				}
			}
		}
		id, err := db.insert(ctx, `INSERT INTO postings (person_id, unit_id, position, date_from, date_to) VALUES (?, ?, ?, ?, ?)`,
			p.PersonID, p.UnitID, p.Position, p.From, p.To)
		if err != nil {
			return err
		}
		p.ID = id
		return db.audit(ctx, "create", "posting", id, nil, p)
	})
}

// EndPosting sets the last day of a posting; the posting stays as history.
func (db *DB) EndPosting(ctx context.Context, id int64, to loa.Date) (err error) {
	defer wrapErr(&err, "end posting %d", id)
	return db.endPeriod(ctx, "postings", "posting", id, to)
}

// endPeriod ends a dated record (posting, membership, contact) on day to.
func (db *DB) endPeriod(ctx context.Context, table, entity string, id int64, to loa.Date) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		var from, was loa.Date
		if err := db.row(ctx, "bản ghi", "SELECT date_from, date_to FROM "+table+" WHERE id = ?", []any{id}, &from, &was); err != nil {
			return err
		}
		if to.IsZero() || !loa.SpanOK(from, to) {
			return &loa.Error{Code: loa.EINVALID, Message: "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
				Fields: map[string]string{"to": "Ngày kết thúc phải từ ngày bắt đầu (" + from.Display() + ") trở đi."}}
		}
		if _, err := db.exec(ctx, "UPDATE "+table+" SET date_to = ? WHERE id = ?", to, id); err != nil {
			return err
		}
		return db.audit(ctx, "end", entity, id, map[string]any{"to": was}, map[string]any{"to": to})
	})
}

// Memberships returns the Board's memberships; current only, or the whole history.
func (db *DB) Memberships(ctx context.Context, currentOnly bool) (_ []*loa.Membership, err error) {
	defer wrapErr(&err, "list board memberships")
	today := loa.Today()
	where, args := "", []any{today}
	if currentOnly {
		where = " WHERE " + validOn("m")
		args = append(args, today, today)
	}
	rows, err := db.query(ctx, `SELECT m.id, m.person_id, pe.name, COALESCE(u.name, ''), m.role, m.duties, m.date_from, m.date_to
		FROM board_memberships m JOIN people pe ON pe.id = m.person_id LEFT JOIN units u ON u.id = `+currentUnit+where+`
		ORDER BY CASE m.role WHEN 'head' THEN 1 WHEN 'deputy' THEN 2 WHEN 'secretary' THEN 3 ELSE 4 END, m.date_from DESC, pe.name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Membership
	for rows.Next() {
		var m loa.Membership
		if err := rows.Scan(&m.ID, &m.PersonID, &m.PersonName, &m.UnitName, &m.Role, &m.Duties, &m.From, &m.To); err != nil {
			return nil, err
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// AddMembership gives a person a seat on the Board.
func (db *DB) AddMembership(ctx context.Context, m *loa.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("add board membership of person %d", m.PersonID), func(ctx context.Context) error {
		if _, err := db.Person(ctx, m.PersonID); err != nil {
			return err
		}
		id, err := db.insert(ctx, `INSERT INTO board_memberships (person_id, role, duties, date_from, date_to) VALUES (?, ?, ?, ?, ?)`,
			m.PersonID, m.Role, m.Duties, m.From, m.To)
		if err != nil {
			return err
		}
		m.ID = id
		return db.audit(ctx, "create", "membership", id, nil, m)
	})
}

// EndMembership ends a seat on the Board on day to; it stays as history.
func (db *DB) EndMembership(ctx context.Context, id int64, to loa.Date) (err error) {
	defer wrapErr(&err, "end board membership %d", id)
	return db.endPeriod(ctx, "board_memberships", "membership", id, to)
}

// Contacts returns the contact persons, current only or the whole history, by unit code.
func (db *DB) Contacts(ctx context.Context, currentOnly bool) (_ []*loa.Contact, err error) {
	defer wrapErr(&err, "list contacts")
	where, args := "", []any{}
	if currentOnly {
		today := loa.Today()
		where = " WHERE " + validOn("c")
		args = append(args, today, today)
	}
	rows, err := db.query(ctx, `SELECT c.id, c.unit_id, u.code, u.name, c.person_id, pe.name, c.phone, c.email, c.date_from, c.date_to
		FROM contacts c JOIN units u ON u.id = c.unit_id JOIN people pe ON pe.id = c.person_id`+where+
		` ORDER BY u.code, c.date_from DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*loa.Contact
	for rows.Next() {
		var c loa.Contact
		if err := rows.Scan(&c.ID, &c.UnitID, &c.UnitCode, &c.UnitName, &c.PersonID, &c.PersonName, &c.Phone, &c.Email, &c.From, &c.To); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// SetContact names a unit's contact person from a date; the unit's current contact,
// if another, is ended the day before, so the history shows who it was when.
func (db *DB) SetContact(ctx context.Context, c *loa.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("set contact of unit %d", c.UnitID), func(ctx context.Context) error {
		if _, err := db.Unit(ctx, c.UnitID); err != nil {
			return err
		}
		if _, err := db.Person(ctx, c.PersonID); err != nil {
			return err
		}
		open, err := db.queryIDs(ctx, "SELECT id FROM contacts WHERE unit_id = ? AND date_to IS NULL AND date_from < ?", c.UnitID, c.From)
		if err != nil {
			return err
		}
		for _, id := range open {
			if err := db.endPeriod(ctx, "contacts", "contact", id, c.From.AddDays(-1)); err != nil {
				return err
			}
		}
		id, err := db.insert(ctx, `INSERT INTO contacts (unit_id, person_id, phone, email, date_from, date_to) VALUES (?, ?, ?, ?, ?, ?)`,
			c.UnitID, c.PersonID, c.Phone, c.Email, c.From, c.To)
		if err != nil {
			return err
		}
		c.ID = id
		return db.audit(ctx, "create", "contact", id, nil, c)
	})
}

// EndContact ends a contact's term on day to.
func (db *DB) EndContact(ctx context.Context, id int64, to loa.Date) (err error) {
	defer wrapErr(&err, "end contact %d", id)
	return db.endPeriod(ctx, "contacts", "contact", id, to)
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"loa"
)

// What Decree 42/2022/NĐ-CP asks a state agency's site to carry about the agency:
// its functions, duties and powers, its address, telephone, fax and e-mail, its
// spokesperson, links to related agencies. They are settings under "org." keys (one
// row each, no table of their own), edited by the admin or the secretary with the
// about page and audited as entity "org_info".

const orgPrefix = "org."

// OrgLink is a link to a related agency (the Supreme Procuracy's portal, the
// province's portal), shown in the public site's footer.
type OrgLink struct {
	Label string
	URL   string
}

// OrgInfo is the agency's information for the public site.
type OrgInfo struct {
	Functions   string // functions, duties and powers: plain text, blank lines between paragraphs
	FunctionsEN string
	AboutEN     string // the about page in English (its Vietnamese text is the site page)
	Address     string
	Phone       string
	Fax         string
	Email       string
	// Spokesperson is the person who speaks for the agency (người phát ngôn); the
	// site shows their name, position, unit, telephone and e-mail from the people
	// records, so a rotation shows at once.
	Spokesperson int64
	Links        []OrgLink
}

// orgKeys are the settings' keys (after "org.") of OrgInfo's text fields.
var orgKeys = []string{"functions", "functions_en", "about_en", "address", "phone", "fax", "email", "spokesperson", "links"}

func (o *OrgInfo) field(k string) *string {
	switch k {
	case "functions":
		return &o.Functions
	case "functions_en":
		return &o.FunctionsEN
	case "about_en":
		return &o.AboutEN
	case "address":
		return &o.Address
	case "phone":
		return &o.Phone
	case "fax":
		return &o.Fax
	case "email":
		return &o.Email
	}
	return nil
}

// ParseOrgLinks reads links written one a line as "Label | https://…". A line
// that is not one is an EINVALID error naming the line.
func ParseOrgLinks(text string) ([]OrgLink, error) {
	var out []OrgLink
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		label, url, ok := strings.Cut(line, "|")
		label, url = strings.TrimSpace(label), strings.TrimSpace(url)
		if !ok || label == "" || len(label) > 200 || len(url) > 500 ||
			!(strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) || strings.ContainsAny(url, " \t\"<>") {
			return nil, loa.Errorf(loa.EINVALID, "Dòng %d: viết \"Tên cơ quan | https://địa-chỉ\".", i+1)
		}
		out = append(out, OrgLink{Label: label, URL: url})
	}
	return out, nil
}

// FormatOrgLinks writes links as ParseOrgLinks reads them.
func FormatOrgLinks(links []OrgLink) string {
	var b strings.Builder
	for _, l := range links {
		b.WriteString(l.Label + " | " + l.URL + "\n")
	}
	return b.String()
}

// OrgInfo returns the agency's information; what was never stored is empty.
func (db *DB) OrgInfo(ctx context.Context) (_ *OrgInfo, err error) {
	defer wrapErr(&err, "read agency information")
	stored, err := db.settingsWithPrefix(ctx, orgPrefix)
	if err != nil {
		return nil, err
	}
	o := &OrgInfo{}
	for k, v := range stored {
		switch k {
		case "spokesperson":
			o.Spokesperson, _ = strconv.ParseInt(v, 10, 64)
		case "links":
			o.Links, _ = ParseOrgLinks(v) // stored only after ParseOrgLinks accepted it
		default:
			if f := o.field(k); f != nil {
				*f = v
			}
		}
	}
	return o, nil
}

// Validate checks the agency's information.
func (o *OrgInfo) Validate() error {
	var v loa.Validation
	for _, k := range orgKeys {
		if f := o.field(k); f != nil {
			*f = strings.TrimSpace(*f)
			limit := 300
			if strings.HasPrefix(k, "functions") || k == "about_en" {
				limit = 100000
			}
			v.Check(len(*f) <= limit, k, "Nội dung quá dài.")
		}
	}
	v.Check(o.Email == "" || (strings.Count(o.Email, "@") == 1 && !strings.ContainsAny(o.Email, " <>\"")), "email", "Thư điện tử không hợp lệ.")
	return v.Err()
}

// SaveOrgInfo stores the agency's information, audited, and clears the site's page
// caches. ENOTFOUND when the spokesperson is no person.
func (db *DB) SaveOrgInfo(ctx context.Context, o *OrgInfo) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "save agency information", func(ctx context.Context) error {
		if o.Spokesperson != 0 {
			if _, err := db.Person(ctx, o.Spokesperson); err != nil {
				return loa.Errorf(loa.EINVALID, "Người phát ngôn không có trong danh sách cán bộ.")
			}
		}
		before, err := db.OrgInfo(ctx)
		if err != nil {
			return err
		}
		for _, k := range orgKeys {
			var v string
			switch k {
			case "spokesperson":
				if o.Spokesperson != 0 {
					v = strconv.FormatInt(o.Spokesperson, 10)
				}
			case "links":
				v = strings.TrimSpace(FormatOrgLinks(o.Links))
			default:
				v = *o.field(k)
			}
			if err := db.putSetting(ctx, orgPrefix+k, v); err != nil {
				return err
			}
		}
		if err := db.audit(ctx, "update", "org_info", 0, before, o); err != nil {
			return err
		}
		return db.SiteChanged(ctx)
	})
}

// LastChanged is when a record of one of the entities (audit log names: "unit",
// "person", "contact" …) was last changed, zero when never: the "last updated" date
// of a public page that is not an article.
func (db *DB) LastChanged(ctx context.Context, entities ...string) (_ time.Time, err error) {
	defer wrapErr(&err, "read last change of %v", entities)
	args := make([]any, len(entities))
	for i, e := range entities {
		args[i] = e
	}
	// The latest entry by id (entries are written in time order): SQLite's MAX(at)
	// would lose the column's type and answer text.
	var t time.Time
	err = db.q(ctx).QueryRowContext(ctx, db.dialect.rebind(`SELECT at FROM audit_log WHERE id =
		(SELECT MAX(id) FROM audit_log WHERE entity IN (`+marks(len(entities))+`))`), args...).Scan(&t)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	return t.UTC(), err
}

// OrgPerson is a person as the public contact pages show them: name, current
// position and unit (from the postings), telephone and e-mail.
type OrgPerson struct {
	PersonID int64
	Name     string
	Position string
	UnitCode string
	UnitName string
	Phone    string
	Email    string
	Title    string // the person's rank or title (Kiểm sát viên …), when no posting says more
}

// currentPosition is the SQL of the position of person pe's posting of today, the
// latest first, ” when none; its two ? are today.
const currentPosition = `COALESCE((SELECT po.position FROM postings po WHERE po.person_id = pe.id AND po.date_from <= ?
	AND (po.date_to IS NULL OR po.date_to >= ?) ORDER BY po.date_from DESC, po.id DESC LIMIT 1), '')`

// SitePerson returns a person as OrgPerson, with the unit and position of their
// current posting (empty when they have none). ENOTFOUND when there is no such person.
func (db *DB) SitePerson(ctx context.Context, id int64) (_ *OrgPerson, err error) {
	defer wrapErr(&err, "read site person %d", id)
	today := loa.Today()
	var p OrgPerson
	var code, name *string
	err = db.row(ctx, "cán bộ", `SELECT pe.id, pe.name, pe.title, pe.phone, pe.email,
		`+currentPosition+`,
		(SELECT u.code FROM postings po JOIN units u ON u.id = po.unit_id WHERE po.person_id = pe.id AND po.date_from <= ? AND (po.date_to IS NULL OR po.date_to >= ?)
			ORDER BY po.date_from DESC, po.id DESC LIMIT 1),
		(SELECT u.name FROM postings po JOIN units u ON u.id = po.unit_id WHERE po.person_id = pe.id AND po.date_from <= ? AND (po.date_to IS NULL OR po.date_to >= ?)
			ORDER BY po.date_from DESC, po.id DESC LIMIT 1)
		FROM people pe WHERE pe.id = ?`, []any{today, today, today, today, today, today, id},
		&p.PersonID, &p.Name, &p.Title, &p.Phone, &p.Email, &p.Position, &code, &name)
	if err != nil {
		return nil, err
	}
	if code != nil {
		p.UnitCode, p.UnitName = *code, *name
	}
	return &p, nil
}

// leadersSQL reads today's postings of n positions with their people.
func leadersSQL(n int) string {
	return `SELECT po.id, po.person_id, pe.name, po.unit_id, po.position FROM postings po JOIN people pe ON pe.id = po.person_id
		WHERE po.position IN (` + marks(n) + `) AND po.date_from <= ? AND (po.date_to IS NULL OR po.date_to >= ?) ORDER BY po.unit_id, po.id`
}

// UnitLeaders returns, by unit id, the people whose posting of today is a leader's
// position (loa.LeaderPosition), in the order of their postings.
func (db *DB) UnitLeaders(ctx context.Context) (_ map[int64][]*loa.Posting, err error) {
	defer wrapErr(&err, "list unit leaders")
	today := loa.Today()
	// The positions that make a leader first (a handful, read from postings_position
	// alone), then their postings: all of today's postings were 20,000 rows read and
	// folded on the national set, 40 ms of the organisation pages' 50 on a miss
	// (issue 20).
	rows, err := db.query(ctx, "SELECT DISTINCT position FROM postings")
	if err != nil {
		return nil, err
	}
	var args []any
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, err
		}
		if loa.LeaderPosition(p) {
			args = append(args, p)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return map[int64][]*loa.Posting{}, nil
	}
	rows, err = db.query(ctx, leadersSQL(len(args)), append(args, today, today)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]*loa.Posting{}
	for rows.Next() {
		var p loa.Posting
		if err := rows.Scan(&p.ID, &p.PersonID, &p.PersonName, &p.UnitID, &p.Position); err != nil {
			return nil, err
		}
		out[p.UnitID] = append(out[p.UnitID], &p)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa"
)

// AwardStatus is where an entry in a contest stands.
type AwardStatus string

// The statuses of an award entry: preparing → submitted → shortlisted → prize or
// no_prize (an entry may also end without a prize straight after submission).
const (
	AwardPreparing   AwardStatus = "preparing"
	AwardSubmitted   AwardStatus = "submitted"
	AwardShortlisted AwardStatus = "shortlisted"
	AwardPrize       AwardStatus = "prize"
	AwardNoPrize     AwardStatus = "no_prize"
)

// AwardStatuses lists the statuses in the order of the flow.
var AwardStatuses = []AwardStatus{AwardPreparing, AwardSubmitted, AwardShortlisted, AwardPrize, AwardNoPrize}

var awardNext = map[AwardStatus][]AwardStatus{
	AwardPreparing:   {AwardSubmitted},
	AwardSubmitted:   {AwardShortlisted, AwardNoPrize},
	AwardShortlisted: {AwardPrize, AwardNoPrize},
}

// Valid reports whether s is a known status.
func (s AwardStatus) Valid() bool { return slices.Contains(AwardStatuses, s) }

// Next lists the statuses s may move to; prize and no_prize are final.
func (s AwardStatus) Next() []AwardStatus { return awardNext[s] }

// Label is the status as people read it (Vietnamese; the web layer translates).
func (s AwardStatus) Label() string {
	return map[AwardStatus]string{AwardPreparing: "Đang chuẩn bị", AwardSubmitted: "Đã gửi dự thi", AwardShortlisted: "Vào chung khảo",
		AwardPrize: "Đoạt giải", AwardNoPrize: "Không đoạt giải"}[s]
}

// ContestBuaLiemVang is the national press award on Party building, the contest the
// Board most often enters.
const ContestBuaLiemVang = "Giải Búa liềm vàng"

// AwardEntry is an item entered in a contest, in an edition and a category.
type AwardEntry struct {
	ID           int64
	Contest      string
	Edition      string // "lần thứ IX năm 2024"
	Category     string
	ItemID       int64
	ItemTitle    string
	ItemKind     loa.ItemKind
	ItemFirstPub loa.Date
	UnitName     string
	SubmittedOn  loa.Date
	Status       AwardStatus
	Prize        string
	Note         string
	Version      int
	UpdatedAt    time.Time
}

var editionYear = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)

// EditionYear is the year named in an edition ("lần thứ IX năm 2024" → 2024), 0 when
// it names none.
func EditionYear(edition string) int {
	m := editionYear.FindAllStringSubmatch(edition, -1)
	if len(m) == 0 {
		return 0
	}
	y, _ := strconv.Atoi(m[len(m)-1][1])
	return y
}

// AwardWindow is the eligibility window of an edition held in year y, after the Búa
// liềm vàng rules: works published from 1/11 of the year before to 31/10 of year y,
// entries sent by 10/11 of year y.
func AwardWindow(y int) (from, to, deadline loa.Date) {
	return loa.NewDate(y-1, time.November, 1), loa.NewDate(y, time.October, 31), loa.NewDate(y, time.November, 10)
}

// Window returns the entry's eligibility window; ok is false when its edition names
// no year.
func (e *AwardEntry) Window() (from, to, deadline loa.Date, ok bool) {
	y := EditionYear(e.Edition)
	if y == 0 {
		return loa.Date{}, loa.Date{}, loa.Date{}, false
	}
	from, to, deadline = AwardWindow(y)
	return from, to, deadline, true
}

// Warnings are what the Board should look at again before sending the entry: an item
// first published outside the edition's window, or an entry sent after the deadline.
// They warn and never refuse: the rules of a contest may change from one edition to
// the next, and the Board knows them better than loa.
func (e *AwardEntry) Warnings() []string {
	from, to, deadline, ok := e.Window()
	if !ok {
		return nil
	}
	var out []string
	if !e.ItemFirstPub.IsZero() && (e.ItemFirstPub.Before(from) || e.ItemFirstPub.After(to)) {
		out = append(out, "Tác phẩm đăng lần đầu ngày "+e.ItemFirstPub.Display()+", ngoài thời gian xét giải ("+from.Display()+" – "+to.Display()+").")
	}
	if !e.SubmittedOn.IsZero() && e.SubmittedOn.After(deadline) {
		out = append(out, "Ngày gửi "+e.SubmittedOn.Display()+" sau hạn nhận tác phẩm ("+deadline.Display()+").")
	}
	return out
}

// Validate checks an entry's own fields; the store checks the item.
func (e *AwardEntry) Validate() error {
	var v loa.Validation
	e.Contest = strings.TrimSpace(e.Contest)
	e.Edition = strings.TrimSpace(e.Edition)
	e.Category = strings.TrimSpace(e.Category)
	e.Prize = strings.TrimSpace(e.Prize)
	v.Check(e.Contest != "", "contest", "Xin nhập tên giải.")
	v.Check(len(e.Contest) <= 300, "contest", "Tên giải quá dài.")
	v.Check(len(e.Edition) <= 200, "edition", "Quá dài.")
	v.Check(len(e.Category) <= 200, "category", "Quá dài.")
	v.Check(e.ItemID > 0, "item", "Xin chọn tác phẩm.")
	if e.Status == "" {
		e.Status = AwardPreparing
	}
	v.Check(e.Status.Valid(), "status", "Trạng thái không hợp lệ.")
	v.Check(e.Status != AwardPrize || e.Prize != "", "prize", "Xin ghi giải đạt được.")
	return v.Err()
}

// AwardFilter narrows the list of award entries.
type AwardFilter struct {
	Contest string
	Edition string
	Status  AwardStatus
	Page    Page
}

const awardSelect = `SELECT e.id, e.contest, e.edition, e.category, e.item_id, i.title, i.kind, i.first_pub, u.name,
	e.submitted_on, e.status, e.prize, e.note, e.version, e.updated_at
	FROM award_entries e JOIN items i ON i.id = e.item_id JOIN units u ON u.id = i.unit_id`

func scanAward(sc interface{ Scan(...any) error }) (*AwardEntry, error) {
	var e AwardEntry
	err := sc.Scan(&e.ID, &e.Contest, &e.Edition, &e.Category, &e.ItemID, &e.ItemTitle, &e.ItemKind, &e.ItemFirstPub, &e.UnitName,
		&e.SubmittedOn, &e.Status, &e.Prize, &e.Note, &e.Version, &e.UpdatedAt)
	return &e, err
}

// AwardEntries returns one page of entries, the latest edition first, and the total.
func (db *DB) AwardEntries(ctx context.Context, f AwardFilter) (_ []*AwardEntry, _ int, err error) {
	defer wrapErr(&err, "list award entries")
	where, args := " WHERE 1=1", []any{}
	if f.Contest != "" {
		where += " AND e.contest = ?"
		args = append(args, f.Contest)
	}
	if f.Edition != "" {
		where += " AND e.edition = ?"
		args = append(args, f.Edition)
	}
	if f.Status != "" {
		where += " AND e.status = ?"
		args = append(args, f.Status)
	}
	total, err := db.count(ctx, "SELECT COUNT(*) FROM award_entries e"+where, args...)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, awardSelect+where+" ORDER BY e.contest, e.edition DESC, e.category, e.id"+f.Page.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*AwardEntry
	for rows.Next() {
		e, err := scanAward(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// AwardEditions returns the contests and editions entered so far, for the filters.
func (db *DB) AwardEditions(ctx context.Context) (contests, editions []string, err error) {
	defer wrapErr(&err, "list award editions")
	for _, col := range []string{"contest", "edition"} {
		rows, err := db.query(ctx, "SELECT DISTINCT "+col+" FROM award_entries WHERE "+col+" <> '' ORDER BY "+col)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if col == "contest" {
				contests = append(contests, s)
			} else {
				editions = append(editions, s)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return contests, editions, nil
}

// AwardEntry returns the entry with id. ENOTFOUND when none.
func (db *DB) AwardEntry(ctx context.Context, id int64) (_ *AwardEntry, err error) {
	defer wrapErr(&err, "read award entry %d", id)
	rows, err := db.query(ctx, awardSelect+" WHERE e.id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, loa.Errorf(loa.ENOTFOUND, "Không tìm thấy tác phẩm dự giải.")
	}
	return scanAward(rows)
}

// AwardCandidate is an item that may be entered in a contest.
type AwardCandidate struct {
	ID       int64
	Title    string
	Kind     loa.ItemKind
	UnitName string
	FirstPub loa.Date
}

// AwardCandidates returns up to limit items that have a publication, the latest first;
// query, when given, is an id or words of the title (diacritics ignored).
func (db *DB) AwardCandidates(ctx context.Context, query string, limit int) (_ []*AwardCandidate, err error) {
	defer wrapErr(&err, "list award candidates")
	where, args := " WHERE i.first_pub IS NOT NULL", []any{}
	query = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(query), "#"))
	if id, err := strconv.ParseInt(query, 10, 64); err == nil {
		where += " AND i.id = ?"
		args = append(args, id)
	} else if q := loa.Fold(query); q != "" {
		for _, w := range strings.Fields(q) {
			where += ` AND i.search_text LIKE ? ESCAPE '\'`
			args = append(args, "%"+likeEscape(w)+"%")
		}
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := db.query(ctx, `SELECT i.id, i.title, i.kind, u.name, i.first_pub FROM items i JOIN units u ON u.id = i.unit_id`+
		where+" ORDER BY i.first_pub DESC, i.id DESC LIMIT "+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*AwardCandidate
	for rows.Next() {
		var p AwardCandidate
		if err := rows.Scan(&p.ID, &p.Title, &p.Kind, &p.UnitName, &p.FirstPub); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// FindAwardCandidate resolves what a person typed to pick an item: an id ("42",
// "#42", or "42 — title" as the pick-list shows it) or words of the title that match
// exactly one published item. EINVALID on the field "item" otherwise.
func (db *DB) FindAwardCandidate(ctx context.Context, typed string) (*AwardCandidate, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil, loa.FieldError("item", "Xin chọn tác phẩm.")
	}
	q := strings.TrimPrefix(typed, "#")
	if head, _, ok := strings.Cut(q, " "); ok {
		// Not err: the error returned below is AwardCandidates' alone, named there.
		if _, perr := strconv.ParseInt(head, 10, 64); perr == nil {
			q = head
		}
	}
	found, err := db.AwardCandidates(ctx, q, 2)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, loa.FieldError("item", "Không có tin bài đã đăng nào như vậy.")
	case 1:
		return found[0], nil
	}
	return nil, loa.FieldError("item", "Có nhiều tin bài khớp; xin ghi số (ID) của tin bài.")
}

// SaveAwardEntry creates (ID 0) or updates an entry's contest, edition, category, item,
// submission date and note, with optimistic locking on Version; the status moves only
// through SetAwardStatus. EINVALID for an unknown or unpublished item.
func (db *DB) SaveAwardEntry(ctx context.Context, e *AwardEntry) error {
	if e.ID == 0 {
		e.Status, e.Prize = AwardPreparing, ""
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, fmt.Sprintf("save award entry %d of item %d", e.ID, e.ItemID), func(ctx context.Context) error {
		items, err := db.AwardCandidates(ctx, strconv.FormatInt(e.ItemID, 10), 1)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return loa.FieldError("item", "Không có tin bài đã đăng nào như vậy.")
		}
		if e.ID == 0 {
			id, err := db.insert(ctx, `INSERT INTO award_entries (contest, edition, category, item_id, submitted_on, status, prize, note, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Contest, e.Edition, e.Category, e.ItemID, e.SubmittedOn, e.Status, e.Prize, e.Note, now())
			if err != nil {
				return err
			}
			e.ID, e.Version = id, 1
		} else {
			before, err := db.AwardEntry(ctx, e.ID)
			if err != nil {
				return err
			}
			res, err := db.exec(ctx, `UPDATE award_entries SET contest = ?, edition = ?, category = ?, item_id = ?, submitted_on = ?, note = ?,
				version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
				e.Contest, e.Edition, e.Category, e.ItemID, e.SubmittedOn, e.Note, now(), e.ID, e.Version)
			if err != nil {
				return err
			}
			if err := changed(res); err != nil {
				return err
			}
			e.Version++
			e.Status, e.Prize = before.Status, before.Prize
			if err := db.audit(ctx, "update", "award_entry", e.ID, before, e); err != nil {
				return err
			}
		}
		e.ItemTitle, e.ItemKind, e.ItemFirstPub, e.UnitName = items[0].Title, items[0].Kind, items[0].FirstPub, items[0].UnitName
		if e.Version == 1 {
			return db.audit(ctx, "create", "award_entry", e.ID, nil, e)
		}
		return nil
	})
}

// SetAwardStatus moves an entry along its flow; a prize needs its name. Sending an
// entry without a submission date records today. EINVALID for a move the flow does
// not allow.
func (db *DB) SetAwardStatus(ctx context.Context, id int64, to AwardStatus, prize string) error {
	prize = strings.TrimSpace(prize)
	return db.inTx(ctx, fmt.Sprintf("set award entry %d to %s", id, to), func(ctx context.Context) error {
		e, err := db.AwardEntry(ctx, id)
		if err != nil {
			return err
		}
		if !slices.Contains(e.Status.Next(), to) {
			return loa.FieldError("status", "Không thể chuyển từ “"+e.Status.Label()+"” sang trạng thái này.")
		}
		if to == AwardPrize && prize == "" {
			return loa.FieldError("prize", "Xin ghi giải đạt được.")
		}
		if to != AwardPrize {
			prize = ""
		}
		submitted := e.SubmittedOn
		if to == AwardSubmitted && submitted.IsZero() {
			submitted = loa.Today()
		}
		if _, err := db.exec(ctx, "UPDATE award_entries SET status = ?, prize = ?, submitted_on = ?, version = version + 1, updated_at = ? WHERE id = ?",
			to, prize, submitted, now(), id); err != nil {
			return err
		}
		return db.audit(ctx, "status", "award_entry", id, map[string]any{"status": e.Status, "prize": e.Prize},
			map[string]any{"status": to, "prize": prize})
	})
}

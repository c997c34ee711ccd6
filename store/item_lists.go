package store

import (
	"context"
	"strings"

	"loa"
)

// ItemFilter narrows the back office's list of items. A contributor's lists are
// always limited to its own unit, whatever the filter says.
type ItemFilter struct {
	UnitID    int64
	Kind      loa.ItemKind
	Statuses  []loa.Status
	ChannelID int64 // items with a publication (not withdrawn) on this channel
	// From and To bound the first publication (the counting rules' date); with
	// ChannelID, the date of the publication on that channel. Either may be zero.
	From, To loa.Date
	// WaitingFor lists the items waiting for a role's next step (ItemsWaitingFor).
	WaitingFor loa.Role
	Sort       string // one of ItemSorts; "" is "updated"
	Page       Page
}

// ItemSorts are the orders a list may take, by name.
var ItemSorts = map[string]string{
	"updated":   "i.updated_at DESC, i.id DESC",
	"created":   "i.created_at DESC, i.id DESC",
	"published": "i.first_pub DESC NULLS LAST, i.id DESC",
	"title":     "i.title, i.id",
	"waiting":   "i.status_at, i.id", // longest waiting first
}

// where builds the WHERE clause of f. skipStatus and skipKind leave those filters
// out, for the counts by status and by kind.
func (f ItemFilter) where(ctx context.Context, leaderApproval, skipStatus, skipKind bool) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds = append(conds, c); args = append(args, a...) }
	if u := loa.UserFrom(ctx); u.ScopedToUnit() {
		add("i.unit_id = ?", u.UnitID)
	}
	if f.UnitID != 0 {
		add("i.unit_id = ?", f.UnitID)
	}
	if f.Kind != "" && !skipKind {
		add("i.kind = ?", f.Kind)
	}
	if len(f.Statuses) > 0 && !skipStatus {
		a := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			a[i] = string(s)
		}
		add("i.status IN ("+itemMarks(len(a))+")", a...)
	}
	if f.ChannelID != 0 {
		c := "EXISTS (SELECT 1 FROM publications p WHERE p.item_id = i.id AND p.channel_id = ? AND p.withdrawn = ?"
		a := []any{f.ChannelID, false}
		if !f.From.IsZero() {
			c += " AND p.published_on >= ?"
			a = append(a, f.From)
		}
		if !f.To.IsZero() {
			c += " AND p.published_on <= ?"
			a = append(a, f.To)
		}
		add(c+")", a...)
	} else {
		if !f.From.IsZero() {
			add("i.first_pub >= ?", f.From)
		}
		if !f.To.IsZero() {
			add("i.first_pub <= ?", f.To)
		}
	}
	if f.WaitingFor != "" {
		c, a := waitingCond(f.WaitingFor, leaderApproval)
		add(c, a...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// waitingCond is what waits for a role's next step (the queue, "Chờ xử lý"):
//   - contributor: its unit's drafts and returned items, to finish and (re)submit;
//   - editor, admin: submitted items to review, approved ones to publish (those the
//     leader signed off, when the setting asks for the sign-off);
//   - leader: approved items awaiting the sign-off when the setting is on, else the
//     submitted items, which the leader may approve too;
//   - secretary: the editors' backlog (submitted and approved), to follow up on;
//   - viewer: nothing.
func waitingCond(r loa.Role, leaderApproval bool) (string, []any) {
	sub, appr := string(loa.StatusSubmitted), string(loa.StatusApproved)
	switch r {
	case loa.RoleContributor:
		return "i.status IN (?, ?)", []any{string(loa.StatusDraft), string(loa.StatusReturned)}
	case loa.RoleEditor, loa.RoleAdmin:
		if leaderApproval {
			return "(i.status = ? OR (i.status = ? AND i.signed_off_at IS NOT NULL))", []any{sub, appr}
		}
		return "i.status IN (?, ?)", []any{sub, appr}
	case loa.RoleLeader:
		if leaderApproval {
			return "(i.status = ? AND i.signed_off_at IS NULL)", []any{appr}
		}
		return "i.status = ?", []any{sub}
	case loa.RoleSecretary:
		return "i.status IN (?, ?)", []any{sub, appr}
	}
	return "1 = 0", nil
}

// Items returns one page of the items matching f, sorted, with their authors and
// the channels they appeared on, and how many match in all.
func (db *DB) Items(ctx context.Context, f ItemFilter) ([]*ItemRow, int, error) {
	leader, err := db.LeaderApproval(ctx)
	if err != nil {
		return nil, 0, err
	}
	where, args := f.where(ctx, leader, false, false)
	total, err := db.count(ctx, "SELECT COUNT(*) FROM items i"+where, args...)
	if err != nil {
		return nil, 0, err
	}
	if total == 0 {
		return nil, 0, nil
	}
	order, ok := ItemSorts[f.Sort]
	if !ok {
		order = ItemSorts["updated"]
	}
	rows, err := db.query(ctx, "SELECT "+itemRowCols+" FROM items i JOIN units u ON u.id = i.unit_id"+where+" ORDER BY "+order+f.Page.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*ItemRow
	byID := map[int64]*ItemRow{}
	for rows.Next() {
		r, err := scanItemRow(rows, false)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, r)
		byID[r.ID] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(out))
	for i, r := range out {
		ids[i] = r.ID
	}
	authors, err := db.itemAuthors(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range out {
		r.Authors = authors[r.ID]
	}
	if len(ids) > 0 {
		crows, err := db.query(ctx, `SELECT DISTINCT p.item_id, c.code FROM publications p JOIN channels c ON c.id = p.channel_id
			WHERE p.withdrawn = ? AND p.item_id IN (`+itemMarks(len(ids))+`) ORDER BY p.item_id, c.code`, append([]any{false}, int64Args(ids)...)...)
		if err != nil {
			return nil, 0, err
		}
		defer crows.Close()
		for crows.Next() {
			var id int64
			var code string
			if err := crows.Scan(&id, &code); err != nil {
				return nil, 0, err
			}
			byID[id].Channels = append(byID[id].Channels, code)
		}
		if err := crows.Err(); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// ItemCounts are the numbers of items matching a filter, by status (whatever the
// filter's statuses) and by kind (whatever its kind), for the list's tabs.
type ItemCounts struct {
	Total    int // matching every filter but status
	ByStatus map[loa.Status]int
	ByKind   map[loa.ItemKind]int
}

// CountItems counts the items matching f by status and by kind.
func (db *DB) CountItems(ctx context.Context, f ItemFilter) (ItemCounts, error) {
	c := ItemCounts{ByStatus: map[loa.Status]int{}, ByKind: map[loa.ItemKind]int{}}
	leader, err := db.LeaderApproval(ctx)
	if err != nil {
		return c, err
	}
	where, args := f.where(ctx, leader, true, false)
	rows, err := db.query(ctx, "SELECT i.status, COUNT(*) FROM items i"+where+" GROUP BY i.status", args...)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var s loa.Status
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			rows.Close()
			return c, err
		}
		c.ByStatus[s] = n
		c.Total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	where, args = f.where(ctx, leader, false, true)
	rows, err = db.query(ctx, "SELECT i.kind, COUNT(*) FROM items i"+where+" GROUP BY i.kind", args...)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var k loa.ItemKind
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return c, err
		}
		c.ByKind[k] = n
	}
	return c, rows.Err()
}

// ItemsWaitingFor returns the items waiting for the signed-in user's next step
// (see ItemFilter.WaitingFor), those waiting longest first, and how many there are.
func (db *DB) ItemsWaitingFor(ctx context.Context, page Page) ([]*ItemRow, int, error) {
	u := loa.UserFrom(ctx)
	if u == nil {
		return nil, 0, nil
	}
	return db.Items(ctx, ItemFilter{WaitingFor: u.Role, Sort: "waiting", Page: page})
}

// PublishedFilter narrows the public list of published items.
type PublishedFilter struct {
	Kind   loa.ItemKind
	UnitID int64
	Page   Page
}

// Story is a published item as the public reads it, with its pictures and files.
type Story struct {
	loa.Item
	Pictures    []*loa.Media // in order; the first is the cover (lists give only it)
	Attachments []*loa.Media // only from PublishedItem
}

const storyCols = `i.id, i.kind, i.unit_id, u.code, u.name, i.title, i.summary, i.topic, i.slug, i.published_at, i.first_pub, i.updated_at`

// storyWhere: published, and its time has come.
const storyWhere = ` WHERE i.status = 'published' AND i.published_at IS NOT NULL AND i.published_at <= ?`

func scanStory(sc interface{ Scan(...any) error }, body *string) (*Story, error) {
	var st Story
	dest := []any{&st.ID, &st.Kind, &st.UnitID, &st.UnitCode, &st.UnitName, &st.Title, &st.Summary, &st.Topic, &st.Slug,
		&st.PublishedAt, &st.FirstPub, &st.UpdatedAt}
	if body != nil {
		dest = append(dest, body)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	st.Status = loa.StatusPublished
	st.PublishedAt, st.UpdatedAt = st.PublishedAt.UTC(), st.UpdatedAt.UTC()
	return &st, nil
}

// PublishedItems returns one page of the published items, newest first, with their
// authors and cover picture (Pictures holds at most one), and how many there are.
// It needs no user: this is what the public may read.
func (db *DB) PublishedItems(ctx context.Context, f PublishedFilter) ([]*Story, int, error) {
	where, args := storyWhere, []any{now()}
	if f.Kind != "" {
		where += " AND i.kind = ?"
		args = append(args, f.Kind)
	}
	if f.UnitID != 0 {
		where += " AND i.unit_id = ?"
		args = append(args, f.UnitID)
	}
	total, err := db.count(ctx, "SELECT COUNT(*) FROM items i"+where, args...)
	if err != nil || total == 0 {
		return nil, total, err
	}
	rows, err := db.query(ctx, "SELECT "+storyCols+" FROM items i JOIN units u ON u.id = i.unit_id"+where+
		" ORDER BY i.published_at DESC, i.id DESC"+f.Page.sql(), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*Story
	for rows.Next() {
		st, err := scanStory(rows, nil)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(out))
	for i, st := range out {
		ids[i] = st.ID
	}
	authors, err := db.itemAuthors(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	covers, err := db.mediaOf(ctx, ids, loa.MediaPicture, true)
	if err != nil {
		return nil, 0, err
	}
	for _, st := range out {
		st.Authors = authors[st.ID]
		st.Pictures = covers[st.ID]
	}
	return out, total, nil
}

// PublishedItem returns a published item with its body, authors, pictures and
// attached files. EGONE when it was withdrawn from the site; ENOTFOUND for any other
// item that is not public, so the public never learns a draft's title.
func (db *DB) PublishedItem(ctx context.Context, id int64) (*Story, error) {
	var status loa.Status
	var published bool
	if err := db.row(ctx, "tin bài", "SELECT status, published_at IS NOT NULL FROM items WHERE id = ?", []any{id}, &status, &published); err != nil {
		return nil, err
	}
	if status == loa.StatusWithdrawn && published {
		return nil, loa.Errorf(loa.EGONE, "Tin bài này đã được gỡ khỏi trang.")
	}
	var body string
	st, err := scanStory(db.q(ctx).QueryRowContext(ctx, db.dialect.rebind("SELECT "+storyCols+", i.body FROM items i JOIN units u ON u.id = i.unit_id"+
		storyWhere+" AND i.id = ?"), now(), id), &body)
	if err != nil {
		return nil, notFound(err, "tin bài")
	}
	st.Body = body
	authors, err := db.itemAuthors(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	st.Authors = authors[id]
	pics, err := db.mediaOf(ctx, []int64{id}, loa.MediaPicture, false)
	if err != nil {
		return nil, err
	}
	files, err := db.mediaOf(ctx, []int64{id}, loa.MediaAttachment, false)
	if err != nil {
		return nil, err
	}
	st.Pictures, st.Attachments = pics[id], files[id]
	return st, nil
}

package store

import (
	"context"
	"slices"
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
	ThemeID   int64 // items on this theme
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
	if f.ThemeID != 0 {
		add("i.theme_id = ?", f.ThemeID)
	}
	if f.Kind != "" && !skipKind {
		add("i.kind = ?", f.Kind)
	}
	if len(f.Statuses) > 0 && !skipStatus {
		a := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			a[i] = string(s)
		}
		add("i.status IN ("+marks(len(a))+")", a...)
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
func (db *DB) Items(ctx context.Context, f ItemFilter) (_ []*ItemRow, _ int, err error) {
	defer wrapErr(&err, "list items")
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
	if err := db.fillReturnNotes(ctx, out); err != nil {
		return nil, 0, err
	}
	if len(ids) > 0 {
		crows, err := db.query(ctx, `SELECT DISTINCT p.item_id, c.code FROM publications p JOIN channels c ON c.id = p.channel_id
			WHERE p.withdrawn = ? AND p.item_id IN (`+marks(len(ids))+`) ORDER BY p.item_id, c.code`, append([]any{false}, anyArgs(ids)...)...)
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

// CountItems counts the items matching f by status and by kind: by status among the
// items of f's kind, by kind among those of f's statuses. One pass over the items,
// grouped by both and summed here, where two (one per grouping) took the national
// items list 70 % of its time (issue 20); the index on (status, kind, …) serves it.
func (db *DB) CountItems(ctx context.Context, f ItemFilter) (_ ItemCounts, err error) {
	defer wrapErr(&err, "count items")
	c := ItemCounts{ByStatus: map[loa.Status]int{}, ByKind: map[loa.ItemKind]int{}}
	leader, err := db.LeaderApproval(ctx)
	if err != nil {
		return c, err
	}
	where, args := f.where(ctx, leader, true, true)
	rows, err := db.query(ctx, "SELECT i.status, i.kind, COUNT(*) FROM items i"+where+" GROUP BY i.status, i.kind", args...)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var s loa.Status
		var k loa.ItemKind
		var n int
		if err := rows.Scan(&s, &k, &n); err != nil {
			return c, err
		}
		if f.Kind == "" || k == f.Kind {
			c.ByStatus[s] += n
			c.Total += n
		}
		if len(f.Statuses) == 0 || slices.Contains(f.Statuses, s) {
			c.ByKind[k] += n
		}
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

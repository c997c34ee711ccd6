package store

import (
	"context"
	"strings"

	"loa"
)

// ItemChanged brings an item's derived columns in step with its records, inside the
// caller's transaction: first_pub (the earliest publication that counts,
// which the counting rules read) and search_text (what search indexes). Every store
// method that changes an item, its authors or its publications calls it.
func (db *DB) ItemChanged(ctx context.Context, itemID int64) (err error) {
	defer wrapErr(&err, "mark item %d changed", itemID)
	if err := db.setFirstPub(ctx, itemID); err != nil {
		return err
	}
	var title, summary, body, unit string
	if err := db.row(ctx, "tin bài", `SELECT i.title, i.summary, i.body, u.name FROM items i JOIN units u ON u.id = i.unit_id WHERE i.id = ?`,
		[]any{itemID}, &title, &summary, &body, &unit); err != nil {
		return err
	}
	rows, err := db.query(ctx, "SELECT name FROM item_authors WHERE item_id = ? ORDER BY position", itemID)
	if err != nil {
		return err
	}
	var authors []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		authors = append(authors, n)
	}
	rows.Close()
	text := SearchText(title, summary, body, authors, unit)
	// title_fold is indexed apart so that title matches rank first (search.go).
	_, err = db.exec(ctx, "UPDATE items SET search_text = ?, title_fold = ? WHERE id = ?", text, loa.Fold(title), itemID)
	return db.siteChangedAfter(ctx, err) // the public site's caches: store/notify.go
}

// setFirstPub recomputes items.first_pub of the items ids, inside the caller's
// transaction: the earliest publication that counts, the rule of
// loa.FirstPublications in SQL. It is the one statement that writes first_pub after
// an item is created; the imports call it for the stored items a file touched.
func (db *DB) setFirstPub(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.exec(ctx, firstPubSQL(len(ids)), anyArgs(ids)...)
	return err
}

// firstPubSQL is setFirstPub's statement for n ids. The subquery reads the item's
// publications through the (item_id, …) key, and picks the counted ones in the
// MIN rather than in its WHERE: with "status = 'confirmed'" in the WHERE, SQLite's
// planner took the index on (status, published_on) to find the MIN first, and
// walked every confirmed publication of the database, in date order, until one of
// the item: each item's change cost a scan of all publications, and an import that
// touched N stored items N scans (minutes for 2,000 items under the race detector).
func firstPubSQL(n int) string {
	return `UPDATE items SET first_pub = (SELECT MIN(CASE WHEN ` + countedPub + ` THEN p.published_on END)
		FROM publications p WHERE p.item_id = items.id) WHERE id IN (` + marks(n) + `)`
}

// SearchText is the folded text search indexes for an item.
func SearchText(title, summary, bodyHTML string, authors []string, unit string) string {
	return loa.Fold(strings.Join([]string{title, summary, loa.PlainText(bodyHTML), strings.Join(authors, " "), unit}, " "))
}

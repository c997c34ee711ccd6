package store

import "context"

// InsertRowForTest runs one INSERT in its own transaction and returns the new id: the
// plans tests insert items and publications with plain SQL so that they do not
// depend on the items feature.
func (db *DB) InsertRowForTest(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var err error
		id, err = db.insert(ctx, query, args...)
		return err
	})
	return id, err
}

// CountRowsForTest runs a query that returns one integer, outside any transaction.
func (db *DB) CountRowsForTest(ctx context.Context, query string, args ...any) (int, error) {
	return db.count(ctx, query, args...)
}

package store

import "context"

// InsertRowForTest runs one INSERT (with '?' placeholders) through the store's own
// connection, in a transaction of its own, and returns the new id. Tests use it,
// through internal/dbtest, for rows of states the store's API does not make (an item
// published on a given day); never the application.
func (db *DB) InsertRowForTest(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := db.inTx(ctx, "insert for test", func(ctx context.Context) error {
		var err error
		id, err = db.insert(ctx, query, args...)
		return err
	})
	return id, err
}

// ExecForTest runs one statement as InsertRowForTest does, for an UPDATE.
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	return db.inTx(ctx, "exec for test", func(ctx context.Context) error {
		_, err := db.exec(ctx, query, args...)
		return err
	})
}

package store

import "context"

// CountRowsForTest runs a query that returns one integer, outside any transaction.
func (db *DB) CountRowsForTest(ctx context.Context, query string, args ...any) (int, error) {
	return db.count(ctx, query, args...)
}

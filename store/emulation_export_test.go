package store

import "context"

// BoardInsertForTest runs an INSERT … RETURNING id in a transaction of its own, so store
// tests can write records (items, publications) whose store methods belong to other
// features.
func (db *DB) BoardInsertForTest(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var err error
		id, err = db.insert(ctx, query, args...)
		return err
	})
	return id, err
}

// BoardExecForTest runs a statement in a transaction of its own.
func (db *DB) BoardExecForTest(ctx context.Context, query string, args ...any) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		_, err := db.exec(ctx, query, args...)
		return err
	})
}

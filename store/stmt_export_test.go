package store

import "context"

// Prepared reports whether query's statement is kept prepared (stmt.go).
func (db *DB) Prepared(query string) bool {
	db.stmts.mu.RLock()
	defer db.stmts.mu.RUnlock()
	_, ok := db.stmts.m[db.dialect.rebind(query)]
	return ok
}

// Count runs a counting query as the store's reads do.
func (db *DB) Count(ctx context.Context, query string, args ...any) (int, error) {
	return db.count(ctx, query, args...)
}

-- Search (issue 20): SQLite's migration 00017 adds an index that its FTS5 join reads
-- instead of the wide items rows. PostgreSQL finds the candidates in items itself
-- (the GIN index and the primary key meet in a bitmap, and the row's large columns
-- are TOASTed away from it): nothing to add. The number is kept in step.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;

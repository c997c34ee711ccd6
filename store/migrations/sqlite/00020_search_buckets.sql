-- Search (issue 20): PostgreSQL's migration 00020 indexes buckets of ids beside the
-- words so that a search reads its newest matches first. FTS5 reads its index newest
-- first by itself: nothing to add. The number is kept in step.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;

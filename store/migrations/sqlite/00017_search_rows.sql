-- Search (issue 20): the candidates of a query are the newest 1,001 matches of the
-- FTS5 index joined to their items for the filters, the folded title and the dates.
-- An items row is ~3.5 KB (body and search text) with title_fold at its end, so each
-- join read the row and its overflow pages: 1,001 page reads of a 2.3 GB file per
-- query. This index holds what the join reads, keyed by id (store/search.go names it
-- with INDEXED BY: the planner would keep the primary key).

-- +goose Up
CREATE INDEX items_search_rows ON items(id, status, unit_id, kind, first_pub, published_at, updated_at, title_fold);

-- +goose Down
DROP INDEX items_search_rows;

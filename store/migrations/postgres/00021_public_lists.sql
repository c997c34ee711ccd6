-- The public lists on a cache miss (issue 20). A section's list counts its items
-- with a condition on section_id, kind and topic: every public item's row was
-- fetched for them (a bitmap scan of items_section, 0.25–0.5 s on the national set).
-- items_public holds what the public lists filter and sort on, so that their counts
-- and the ids of a page are an index-only scan; id follows published_at, as the
-- lists sort. items_status_pub stays: counting all public items (/tin-moi, the
-- sitemap) is cheaper through the narrower index. ANALYZE: section_id (00016) had
-- no statistics until autovacuum came by, and the planner guessed 1,500 unplaced
-- items of 300,000.
-- postings_position: the organisation pages list the units' leaders, whose postings
-- are found by their positions (store.UnitLeaders) instead of reading all 20,000
-- postings of today.

-- +goose Up
CREATE INDEX items_public ON items(status, published_at, id, section_id, kind, topic);
CREATE INDEX postings_position ON postings(position);
ANALYZE items;

-- +goose Down
DROP INDEX postings_position;
DROP INDEX items_public;

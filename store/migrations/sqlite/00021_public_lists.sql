-- The public lists on a cache miss (issue 20). A section's list counts its items
-- with a condition on section_id, kind and topic: through items_status_pub every
-- public item's row was fetched for them, 0.3–0.6 s a section on the national set,
-- five of them on the home page. items_public holds what the public lists filter
-- and sort on, so that their counts and the ids of a page are read from the index
-- alone; id follows published_at, as the lists sort, so that no sort is needed.
-- items_status_pub stays: counting all public items (/tin-moi, the sitemap) through
-- the narrower index is 13 ms on the national set, 17 through this one.
-- postings_position: the organisation pages list the units' leaders, whose postings
-- are found by their positions (store.UnitLeaders) instead of reading all 20,000
-- postings of today.

-- +goose Up
CREATE INDEX items_public ON items(status, published_at, id, section_id, kind, topic);
CREATE INDEX postings_position ON postings(position);

-- +goose Down
DROP INDEX postings_position;
DROP INDEX items_public;

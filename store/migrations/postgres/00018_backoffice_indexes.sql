-- Covering indexes for the report and the dashboard on the national set (issue 20,
-- BENCHMARKS.md "Third pass — back office"). The year report read a year's items
-- through items_count but fetched every row for its theme, and a year's counted
-- publications through publications_status, fetching every row for withdrawn,
-- item_id and channel_id: both now find all they read in the index. items_unit_of
-- maps an item to its unit without reading the item's row (and its body): the
-- report joins a year's publications to their units through it.

-- +goose Up
DROP INDEX items_count;
CREATE INDEX items_count ON items(first_pub, unit_id, kind, theme_id);
DROP INDEX publications_count;
CREATE INDEX publications_count ON publications(status, withdrawn, published_on, item_id, channel_id);
CREATE INDEX items_unit_of ON items(id, unit_id);

-- +goose Down
DROP INDEX items_unit_of;
DROP INDEX publications_count;
CREATE INDEX publications_count ON publications(published_on, withdrawn, item_id, channel_id);
DROP INDEX items_count;
CREATE INDEX items_count ON items(first_pub, unit_id, kind);

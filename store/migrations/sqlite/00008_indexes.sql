-- Indexes measured on the national data set (BENCHMARKS.md): the public site's lists
-- by kind, topic and unit read the newest published items of one kind, topic or unit;
-- the report reads items by first publication and publications by date, and finds
-- all it needs in these covering indexes without touching the rows and their bodies.

-- +goose Up
CREATE INDEX items_public_kind ON items(status, kind, published_at);
CREATE INDEX items_public_topic ON items(status, topic, published_at);
CREATE INDEX items_public_unit ON items(status, unit_id, published_at);
CREATE INDEX items_count ON items(first_pub, unit_id, kind);
CREATE INDEX publications_count ON publications(published_on, withdrawn, item_id, channel_id);

-- +goose Down
DROP INDEX publications_count;
DROP INDEX items_count;
DROP INDEX items_public_unit;
DROP INDEX items_public_topic;
DROP INDEX items_public_kind;

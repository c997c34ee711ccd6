-- Views of the public item pages (CONTRACTS.md "Views"), one row per item and day in
-- Vietnam: instances add their counts in batches, so a row is the sum of every
-- instance's. Nothing about the visitor is stored; the visitor hash lives only in
-- the memory of the instance that counted.

-- +goose Up
CREATE TABLE item_views (
  item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  day     TEXT NOT NULL,
  views   BIGINT NOT NULL,
  PRIMARY KEY (item_id, day)
);
CREATE INDEX item_views_day ON item_views(day, item_id);

-- +goose Down
DROP TABLE item_views;

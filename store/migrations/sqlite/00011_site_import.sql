-- An existing site brought over (loa import site wordpress|nukeviet): which record of
-- the old site became which item, section or page (so that a second run changes
-- nothing and a later run brings only what is new), the old site's addresses that
-- answer 301, and the view counts the old site had counted.
-- No foreign keys: the rows are a ledger of what came from where; a deleted item's
-- entry stays so that a later run does not bring the article back, and its old
-- address finds nothing (404). It also lets a restore copy the tables in any order.

-- +goose Up
CREATE TABLE site_imports (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,              -- wordpress | nukeviet
  kind        TEXT NOT NULL,              -- post | page | category
  source_id   TEXT NOT NULL,              -- the old site's id
  item_id     INTEGER,
  section_id  INTEGER,
  page_id     INTEGER,
  imported_at TIMESTAMP NOT NULL,
  UNIQUE (source, kind, source_id)
);

-- An old address: its path, with only the query parameters that named the page
-- (store.RedirectKey), and where it goes now.
CREATE TABLE site_redirects (
  old_path TEXT PRIMARY KEY,
  target   TEXT NOT NULL
);

-- The views the old site counted before the import: part of the item's total.
ALTER TABLE items ADD COLUMN imported_views INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE items DROP COLUMN imported_views;
DROP TABLE site_redirects;
DROP TABLE site_imports;

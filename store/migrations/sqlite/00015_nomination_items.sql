-- The evidence of a nomination (đề nghị khen thưởng): the items whose publications
-- earned it. An item supports at most one nomination of a period and one reward in
-- all (Law on Emulation and Rewards 2022); the store refuses a second use in the
-- transaction (loa.EvidenceConflicts), so no constraint here: an item may support a
-- rejected nomination and then a new one.

-- +goose Up
CREATE TABLE nomination_items (
  id            INTEGER PRIMARY KEY,
  nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
  item_id       INTEGER NOT NULL REFERENCES items(id),
  UNIQUE (nomination_id, item_id)
);
CREATE INDEX nomination_items_item ON nomination_items(item_id);

-- +goose Down
DROP TABLE nomination_items;

-- Full-text search (DESIGN.md "Text search"). items.search_text is already the folded
-- text of an item (store.ItemChanged); title_fold is its folded title alone, indexed as
-- a column of its own so that title matches rank first. items_fts is an FTS5 index over
-- both, with items as its external content: the text is stored once, and triggers keep
-- the index in step inside the transaction that changes the item. The tokenizer needs
-- no folding of its own (the text is folded in Go, đ included); remove_diacritics is a
-- safety net. The prefix indexes make "typing" queries (truy*) cheap.
-- loa_fold is Go's loa.Fold, registered on every connection by the store: it backfills
-- the titles of items written before this migration.

-- +goose Up
ALTER TABLE items ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
UPDATE items SET title_fold = loa_fold(title);

CREATE VIRTUAL TABLE items_fts USING fts5(
  title_fold, search_text,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
INSERT INTO items_fts(items_fts) VALUES ('rebuild');

-- +goose StatementBegin
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title_fold, search_text) VALUES (new.id, new.title_fold, new.search_text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title_fold, search_text) VALUES ('delete', old.id, old.title_fold, old.search_text);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_fts_update AFTER UPDATE OF title_fold, search_text ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title_fold, search_text) VALUES ('delete', old.id, old.title_fold, old.search_text);
  INSERT INTO items_fts(rowid, title_fold, search_text) VALUES (new.id, new.title_fold, new.search_text);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER items_fts_update;
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_insert;
DROP TABLE items_fts;
ALTER TABLE items DROP COLUMN title_fold;

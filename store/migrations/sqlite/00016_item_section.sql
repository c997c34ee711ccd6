-- The section (chuyên mục) an item is placed in by its writer or editor. Without one
-- (NULL), the item is in the sections of its kind and its topic, as before; with
-- one, in that section only. Deleting a section puts its items back on their kind
-- and topic (the store clears section_id). No FOREIGN KEY, as for items.theme_id
-- (00009): a backup restores items before sections (store/backup.go's order).

-- +goose Up
ALTER TABLE items ADD COLUMN section_id INTEGER;
CREATE INDEX items_section ON items(section_id);

-- +goose Down
DROP INDEX items_section;
ALTER TABLE items DROP COLUMN section_id;

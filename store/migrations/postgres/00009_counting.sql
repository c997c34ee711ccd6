-- Figures the Board can stand behind (CONTRACTS.md "Counting rules", "Closed
-- periods"): closed periods, confirmed publications with their evidence, theme codes
-- and an item's theme. Calendar dates are TEXT 'YYYY-MM-DD'.
-- The new references (items.theme_id, publications.evidence_media_id) carry no
-- FOREIGN KEY: a backup restores items and publications before themes and media
-- (store/backup.go's order), and the store clears them itself when a theme or a file
-- is deleted.

-- +goose Up
-- A period's figures closed by the Board. from_on/to_on are the days the period named
-- when it was closed, so the guard does not depend on LOA_YEAR_START later. A row whose
-- reopened_at is set is open again; closing it again clears the reopening (the audit
-- log keeps every act).
CREATE TABLE closed_periods (
  period        TEXT PRIMARY KEY,
  from_on       TEXT NOT NULL,
  to_on         TEXT NOT NULL,
  closed_at     TIMESTAMPTZ NOT NULL,
  closed_by     TEXT NOT NULL,
  reopened_at   TIMESTAMPTZ,
  reopened_by   TEXT NOT NULL DEFAULT '',
  reopen_reason TEXT NOT NULL DEFAULT ''
);

-- declared | confirmed | refused. Publications stored before this version were all
-- counted, so they stay confirmed.
ALTER TABLE publications ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed';
ALTER TABLE publications ADD COLUMN evidence_media_id BIGINT;
ALTER TABLE publications ADD COLUMN refusal TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN decided_at TIMESTAMPTZ;
CREATE INDEX publications_status ON publications(status, published_on);

ALTER TABLE themes ADD COLUMN code TEXT;
CREATE UNIQUE INDEX themes_code ON themes(code);
ALTER TABLE items ADD COLUMN theme_id BIGINT;
CREATE INDEX items_theme ON items(theme_id, first_pub);

-- +goose Down
DROP INDEX items_theme;
ALTER TABLE items DROP COLUMN theme_id;
DROP INDEX themes_code;
ALTER TABLE themes DROP COLUMN code;
DROP INDEX publications_status;
ALTER TABLE publications DROP COLUMN decided_at;
ALTER TABLE publications DROP COLUMN decided_by;
ALTER TABLE publications DROP COLUMN refusal;
ALTER TABLE publications DROP COLUMN evidence_media_id;
ALTER TABLE publications DROP COLUMN status;
DROP TABLE closed_periods;

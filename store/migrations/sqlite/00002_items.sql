-- The editorial workflow of items: where each item stands (status_at, the leader's
-- sign-off), its pictures and attached files, its revisions, editorial comments and
-- status history. Pictures and files are stored in the database itself, so that a
-- backup, or a second instance behind a load balancer, needs nothing else.
-- The setting 'leader_approval' ('1' or '0', absent = off) lives in settings.

-- +goose Up
-- When the item entered its current status: the editors' queue shows waiting time.
ALTER TABLE items ADD COLUMN status_at TIMESTAMP;
-- The leader's second approval, when the setting asks for one; cleared on return.
ALTER TABLE items ADD COLUMN signed_off_by INTEGER;
ALTER TABLE items ADD COLUMN signed_off_at TIMESTAMP;
UPDATE items SET status_at = updated_at;
CREATE INDEX items_status_at ON items(status, status_at);
CREATE INDEX items_scheduled ON items(status, scheduled_at);
-- The back office's lists open newest change first.
CREATE INDEX items_updated ON items(updated_at, id);

CREATE TABLE media (
  id           INTEGER PRIMARY KEY,
  item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,              -- picture | attachment
  filename     TEXT NOT NULL,              -- as the uploader named it: display only
  content_type TEXT NOT NULL,              -- detected from the content
  size         INTEGER NOT NULL,
  data         BLOB NOT NULL,
  width        INTEGER NOT NULL DEFAULT 0,
  height       INTEGER NOT NULL DEFAULT 0,
  -- The copy sized for the site (at most 1200 px wide); NULL when the original fits.
  site_data    BLOB,
  site_type    TEXT NOT NULL DEFAULT '',
  site_width   INTEGER NOT NULL DEFAULT 0,
  site_height  INTEGER NOT NULL DEFAULT 0,
  caption      TEXT NOT NULL DEFAULT '',
  credit       TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  created_by   INTEGER,
  created_at   TIMESTAMP NOT NULL
);
CREATE INDEX media_item ON media(item_id, kind, position);

-- Every save of an item's text: the version it became, and who saved it when.
CREATE TABLE item_revisions (
  id       INTEGER PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL,
  title    TEXT NOT NULL,
  summary  TEXT NOT NULL DEFAULT '',
  body     TEXT NOT NULL DEFAULT '',
  actor_id INTEGER,
  actor    TEXT NOT NULL,
  at       TIMESTAMP NOT NULL,
  UNIQUE (item_id, version)
);

CREATE TABLE item_comments (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  author_id INTEGER,
  author    TEXT NOT NULL,
  body      TEXT NOT NULL,
  at        TIMESTAMP NOT NULL
);
CREATE INDEX item_comments_item ON item_comments(item_id, at);

-- The status history: each step of the workflow with its reason.
CREATE TABLE item_events (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  action      TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  actor_id    INTEGER,
  actor       TEXT NOT NULL,
  at          TIMESTAMP NOT NULL
);
CREATE INDEX item_events_item ON item_events(item_id, at);

-- +goose Down
DROP TABLE item_events;
DROP TABLE item_comments;
DROP TABLE item_revisions;
DROP TABLE media;
DROP INDEX items_updated;
DROP INDEX items_scheduled;
DROP INDEX items_status_at;
ALTER TABLE items DROP COLUMN signed_off_at;
ALTER TABLE items DROP COLUMN signed_off_by;
ALTER TABLE items DROP COLUMN status_at;

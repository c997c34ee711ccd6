-- The Board's own work: emulation periods with their weights and nominations for
-- rewards, entries in press awards, and the Board's meetings with their action items.
-- Calendar dates are TEXT 'YYYY-MM-DD'; instants are TIMESTAMP in UTC.

-- +goose Up
CREATE TABLE emulation_periods (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  date_from  TEXT NOT NULL,
  date_to    TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL
);

-- One row per weight that differs from 1. dimension is 'kind' (ref: an item kind),
-- 'channel_type' (ref: a channel type) or 'channel' (ref: a channel code), so the
-- ranking joins each dimension once and a missing row means 1.
CREATE TABLE emulation_weights (
  id        INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL REFERENCES emulation_periods(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  ref       TEXT NOT NULL,
  weight    REAL NOT NULL,
  UNIQUE (period_id, dimension, ref)
);

CREATE TABLE nominations (
  id         INTEGER PRIMARY KEY,
  period_id  INTEGER NOT NULL REFERENCES emulation_periods(id),
  reward     TEXT NOT NULL,
  person_id  INTEGER REFERENCES people(id),
  unit_id    INTEGER REFERENCES units(id),
  reason     TEXT NOT NULL,
  status     TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL,
  CHECK ((person_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX nominations_period ON nominations(period_id);

CREATE TABLE award_entries (
  id           INTEGER PRIMARY KEY,
  contest      TEXT NOT NULL,
  edition      TEXT NOT NULL DEFAULT '',
  category     TEXT NOT NULL DEFAULT '',
  item_id      INTEGER NOT NULL REFERENCES items(id),
  submitted_on TEXT,
  status       TEXT NOT NULL,
  prize        TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX award_entries_contest ON award_entries(contest, edition);
CREATE INDEX award_entries_item ON award_entries(item_id);

CREATE TABLE meetings (
  id          INTEGER PRIMARY KEY,
  held_on     TEXT NOT NULL,
  title       TEXT NOT NULL,
  chair_id    INTEGER NOT NULL REFERENCES people(id),
  place       TEXT NOT NULL DEFAULT '',
  minutes     TEXT NOT NULL DEFAULT '',
  conclusions TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE meeting_attendees (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people(id),
  UNIQUE (meeting_id, person_id)
);

CREATE TABLE action_items (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  title      TEXT NOT NULL,
  unit_id    INTEGER REFERENCES units(id),
  person_id  INTEGER REFERENCES people(id),
  due_on     TEXT,
  status     TEXT NOT NULL,
  done_on    TEXT,
  note       TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL,
  CHECK (unit_id IS NOT NULL OR person_id IS NOT NULL)
);
CREATE INDEX action_items_meeting ON action_items(meeting_id);
CREATE INDEX action_items_unit ON action_items(unit_id, status);

-- +goose Down
DROP TABLE action_items;
DROP TABLE meeting_attendees;
DROP TABLE meetings;
DROP TABLE award_entries;
DROP TABLE nominations;
DROP TABLE emulation_weights;
DROP TABLE emulation_periods;

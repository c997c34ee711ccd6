-- Plans, themes, themed assignments with their history, and e-mail reminders.
-- Quotas themselves live in the quotas table of 00001 (unit, period, kind, target):
-- a plan for work year Y holds the quotas whose period is Y or one of its halves or
-- quarters, so no foreign key ties a quota to a plan and imports write quotas alone.

-- +goose Up
-- A plan for a work year, e.g. Plan 14 of 15/02/2024. document_id names a row of the
-- documents register (00004) without a foreign key: the register is another feature's,
-- and a plan must survive the removal of its scanned document.
CREATE TABLE plans (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL UNIQUE,
  number      TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL,
  issued_on   TEXT,
  document_id INTEGER,
  note        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TIMESTAMP NOT NULL
);

-- The orientation of a period: an anniversary (day set) or a running subject.
CREATE TABLE themes (
  id          INTEGER PRIMARY KEY,
  period      TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  day         TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX themes_period ON themes(period);
CREATE INDEX themes_day ON themes(day);

-- An assignment asks a unit (optionally a person) for an item of a kind on a theme by
-- a due date. Overdue is not stored: it is derived from due_on and the state.
CREATE TABLE assignments (
  id         INTEGER PRIMARY KEY,
  theme_id   INTEGER REFERENCES themes(id),
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  person_id  INTEGER REFERENCES people(id),
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  due_on     TEXT NOT NULL,
  state      TEXT NOT NULL,
  item_id    INTEGER REFERENCES items(id) ON DELETE SET NULL,
  created_on TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX assignments_unit ON assignments(unit_id, state);
CREATE INDEX assignments_due ON assignments(due_on);
CREATE INDEX assignments_item ON assignments(item_id);
CREATE INDEX assignments_theme ON assignments(theme_id);

-- Every change of an assignment's state, who made it and why: its history.
CREATE TABLE assignment_events (
  id            INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  at            TIMESTAMP NOT NULL,
  actor_id      INTEGER REFERENCES users(id),
  actor         TEXT NOT NULL,
  from_state    TEXT NOT NULL DEFAULT '',
  to_state      TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignment_events_assignment ON assignment_events(assignment_id);

-- Reminders by e-mail, each sent once: key is unique per assignment and kind (or per
-- unit and month for the pace note). A failed send stays, with next_try, to be tried
-- again; an instance claims a row before sending it, so two instances never both send.
CREATE TABLE reminders (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  assignment_id INTEGER REFERENCES assignments(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  recipient     TEXT NOT NULL,
  subject       TEXT NOT NULL,
  body          TEXT NOT NULL,
  status        TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_try      TIMESTAMP NOT NULL,
  last_error    TEXT NOT NULL DEFAULT '',
  created_at    TIMESTAMP NOT NULL,
  sent_at       TIMESTAMP
);
CREATE INDEX reminders_due ON reminders(status, next_try);

-- +goose Down
DROP TABLE reminders;
DROP TABLE assignment_events;
DROP TABLE assignments;
DROP TABLE themes;
DROP TABLE plans;

-- The organisation, users, sessions, the audit log, channels, items, publications and
-- quotas: the records that the counting rules of CONTRACTS.md read.
-- Calendar dates are TEXT 'YYYY-MM-DD' on both engines so ranges compare alike;
-- instants are TIMESTAMP, written in UTC.

-- +goose Up
CREATE TABLE units (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  parent_id    INTEGER REFERENCES units(id),
  valid_from   TEXT,
  valid_to     TEXT,
  successor_id INTEGER REFERENCES units(id),
  address      TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  name_fold  TEXT NOT NULL DEFAULT '', -- loa.Fold(name): search without diacritics
  title      TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE postings (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  position  TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL,
  date_to   TEXT
);
CREATE INDEX postings_person ON postings(person_id);
CREATE INDEX postings_unit ON postings(unit_id);

CREATE TABLE board_memberships (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  role      TEXT NOT NULL,
  duties    TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL,
  date_to   TEXT
);

CREATE TABLE contacts (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  phone     TEXT NOT NULL DEFAULT '',
  email     TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL,
  date_to   TEXT
);
CREATE INDEX contacts_unit ON contacts(unit_id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  unit_id       INTEGER REFERENCES units(id),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  lang          TEXT NOT NULL DEFAULT 'vi',
  created_at    TIMESTAMP NOT NULL,
  updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
  token  TEXT PRIMARY KEY,
  data   BLOB NOT NULL,
  expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

-- Failed logins, shared by every instance, so the limit holds behind a load balancer.
CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  addr  TEXT NOT NULL,
  at    TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE INDEX login_failures_addr ON login_failures(addr, at);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TIMESTAMP NOT NULL,
  actor_id   INTEGER,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE channels (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  url  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  ref          TEXT UNIQUE,
  kind         TEXT NOT NULL,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  topic        TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL,
  slug         TEXT NOT NULL DEFAULT '',
  published_at TIMESTAMP,
  scheduled_at TIMESTAMP,
  -- The earliest published_on over the item's publications, kept in step with them:
  -- the counting rules read it, so a report need not scan publications twice.
  first_pub    TEXT,
  -- loa.Fold of the title, summary, body text, authors and unit name: what search
  -- indexes, so that queries with or without diacritics find the same items.
  search_text  TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_by   INTEGER REFERENCES users(id),
  created_at   TIMESTAMP NOT NULL,
  updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX items_unit ON items(unit_id, status);
CREATE INDEX items_first_pub ON items(first_pub);
CREATE INDEX items_status_pub ON items(status, published_at);

CREATE TABLE item_authors (
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  person_id INTEGER REFERENCES people(id),
  name      TEXT NOT NULL,
  PRIMARY KEY (item_id, position)
);
CREATE INDEX item_authors_person ON item_authors(person_id);

CREATE TABLE publications (
  id           INTEGER PRIMARY KEY,
  item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  channel_id   INTEGER NOT NULL REFERENCES channels(id),
  published_on TEXT NOT NULL,
  url          TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  withdrawn    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (item_id, channel_id, published_on)
);
CREATE INDEX publications_date ON publications(published_on);
CREATE INDEX publications_channel ON publications(channel_id);

CREATE TABLE quotas (
  id      INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  period  TEXT NOT NULL,
  kind    TEXT NOT NULL,
  target  INTEGER NOT NULL,
  UNIQUE (unit_id, period, kind)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE quotas;
DROP TABLE publications;
DROP TABLE item_authors;
DROP TABLE items;
DROP TABLE channels;
DROP TABLE audit_log;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE contacts;
DROP TABLE board_memberships;
DROP TABLE postings;
DROP TABLE people;
DROP TABLE units;

-- API tokens, and the reports provinces send up for the national roll-up.
-- Calendar dates are TEXT 'YYYY-MM-DD'; instants are TIMESTAMP in UTC.

-- +goose Up
-- Only the SHA-256 of a token is kept (hex): the token itself is shown once, when it
-- is made, and a copy of the database opens nothing.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL DEFAULT '',
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP,
  revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- One province's report (the JSON of CONTRACTS.md "The report") for one range; a
-- new import of the same province and range replaces it.
CREATE TABLE report_rollups (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  date_from    TEXT NOT NULL,
  date_to      TEXT NOT NULL,
  period       TEXT NOT NULL DEFAULT '',
  items        INTEGER NOT NULL,
  publications INTEGER NOT NULL,
  report_json  TEXT NOT NULL,
  imported_at  TIMESTAMP NOT NULL,
  UNIQUE (unit_id, date_from, date_to)
);
CREATE INDEX report_rollups_range ON report_rollups(date_from, date_to);

-- +goose Down
DROP TABLE report_rollups;
DROP TABLE api_tokens;

-- One-time links to set a new password ("Quên mật khẩu"), sent by e-mail. Only the
-- SHA-256 of a link's token is kept (hex): a copy of the database opens nothing.
-- A link works once, for an hour.

-- +goose Up
CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at    TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- +goose Down
DROP TABLE password_resets;

-- A user's sessions end for good when the user is deactivated: the session's stamp
-- (store.UserSession) includes this counter, which deactivation raises, so that a
-- session left unused meanwhile does not come back when the user is reactivated.

-- +goose Up
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN session_epoch;

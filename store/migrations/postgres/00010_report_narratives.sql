-- The narrative sections of a period's report (results, shortcomings and causes,
-- directions) as the secretary wrote them over the text loa writes from the figures;
-- an empty section keeps loa's text. One row per period name ("2024-H1").

-- +goose Up
CREATE TABLE report_narratives (
  period       TEXT PRIMARY KEY,
  results      TEXT NOT NULL DEFAULT '',
  shortcomings TEXT NOT NULL DEFAULT '',
  directions   TEXT NOT NULL DEFAULT '',
  updated_at   TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE report_narratives;

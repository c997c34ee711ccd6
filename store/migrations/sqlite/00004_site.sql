-- The public news site: sections (which item kinds and topics each groups), the menu,
-- the agency's own pages (about), and documents (directives, plans) with their files
-- and the links between them.

-- +goose Up
CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- Comma-separated item kinds ("news,photo") and newline-separated topics: an item
  -- belongs to the section when its kind or its topic is listed.
  kinds       TEXT NOT NULL DEFAULT '',
  topics      TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  on_home     INTEGER NOT NULL DEFAULT 1,
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE menu_links (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL,
  href       TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE site_pages (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  number     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  issuer     TEXT NOT NULL DEFAULT '',
  issued_on  TEXT,
  title      TEXT NOT NULL,
  summary    TEXT NOT NULL DEFAULT '',
  public     INTEGER NOT NULL DEFAULT 1,
  file_name  TEXT NOT NULL DEFAULT '',
  file_type  TEXT NOT NULL DEFAULT '',
  file_size  INTEGER NOT NULL DEFAULT 0,
  file_data  BLOB,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_issued ON documents(issued_on);

-- A document that follows (implements) another: the province's plan follows the
-- Supreme Procuracy's plan and directive.
CREATE TABLE document_links (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  follows_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  UNIQUE (document_id, follows_id)
);
CREATE INDEX document_links_follows ON document_links(follows_id);

-- +goose Down
DROP TABLE document_links;
DROP TABLE documents;
DROP TABLE site_pages;
DROP TABLE menu_links;
DROP TABLE sections;

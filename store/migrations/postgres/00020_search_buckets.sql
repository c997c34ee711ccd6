-- Search (issue 20): the newest matches of a word, without reading all its matches.
-- store.Search wants the newest SearchCap+1 matches. A GIN index yields matches in no
-- useful order: any plan either read every match of the word (a bitmap: "kiem sat" is
-- in 272,000 of 300,000 items) or checked a TOASTed tsvector per row backwards by id.
--
-- The index now also holds, for every item, four made-up lexemes naming the buckets of
-- ids it falls in: 256 ids ('#0-k', k = id >> 8), 2,048 ('#1-…'), 16,384 ('#2-…') and
-- 131,072 ('#3-…'). A search ANDs its words with an OR of the buckets of a window of ids,
-- newest window first (store/search.go, bucketsTSQuery). GIN's fast scan then walks the
-- smaller side (the window's few buckets) and skips through the word's posting tree:
-- the newest 1,001 matches of "kiem sat" cost ~1,300 rows instead of 272,000. A lexeme
-- starting with '#' can never come from a query: query words are [a-z0-9]+ only.
--
-- The lexemes live only in the index expression, not in search_tsv: no row is rewritten,
-- ts_rank reads search_tsv as before, and the trigger of 00003 is unchanged. The
-- function is IMMUTABLE (an id never moves between buckets) so it may index.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION items_search_buckets(id bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY['#0-' || (id >> 8)::text, '#1-' || (id >> 11)::text,
    '#2-' || (id >> 14)::text, '#3-' || (id >> 17)::text])
$$;
-- +goose StatementEnd

DROP INDEX items_search;
CREATE INDEX items_search ON items USING GIN ((search_tsv || items_search_buckets(id)));

-- +goose Down
DROP INDEX items_search;
CREATE INDEX items_search ON items USING GIN (search_tsv);
DROP FUNCTION items_search_buckets(bigint);

-- marsad store, schema version 4 (migration 0004_merge_keys); the same text on SQLite and PostgreSQL.
--
-- One row per stored mention: where the merge's blocking puts it (records.MergeKey). A run looks up
-- the stored mentions its new ones may be compared with here, and re-merges only the events they can
-- touch (docs/merge.md, "Incremental merge"). `marsad remerge` rewrites the whole table.

CREATE TABLE merge_keys (
    mention_id TEXT NOT NULL PRIMARY KEY,
    article_id TEXT NOT NULL,
    block TEXT NOT NULL,
    country TEXT,
    region TEXT,
    place_key TEXT NOT NULL,
    dated INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    bucket INTEGER NOT NULL
);
CREATE INDEX merge_keys_window ON merge_keys (block, dated, bucket, first_day);
CREATE INDEX merge_keys_place ON merge_keys (block, country, place_key);

-- marsad store, schema version 2 (migration 0002_runs); the same text on SQLite and PostgreSQL.
--
-- One row per `marsad run`: when it started, the last stage it finished (started, stored,
-- analysed, merged, finished) and the ids of the articles it read (a JSON array). A run
-- whose stage is not `finished` was stopped; the next run analyses its articles and merges.

CREATE TABLE runs (
    id TEXT NOT NULL PRIMARY KEY,
    started TEXT NOT NULL,
    updated TEXT NOT NULL,
    stage TEXT NOT NULL,
    article_ids TEXT NOT NULL
);
CREATE INDEX runs_stage ON runs (stage);

-- The input's own id for an article (a CSV row id) and the other columns of its row, as a JSON
-- list of [name, value] pairs. Plain SQL that SQLite and PostgreSQL both run.
ALTER TABLE articles ADD COLUMN reference TEXT;
ALTER TABLE articles ADD COLUMN metadata TEXT NOT NULL DEFAULT '[]';

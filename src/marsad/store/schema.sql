-- marsad store, schema version 1 (migration 0001_initial).
--
-- Every record is kept whole as JSON in a `record` column, so reads rebuild the exact
-- dataclass with records.from_dict; the relational columns beside it serve filtering,
-- joins and people who open the file with the sqlite3 shell or Datasette.
-- Tables whose rows are linked to an FTS5 index carry an INTEGER PRIMARY KEY `pk`,
-- because VACUUM may renumber an implicit rowid and break the index.

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_from TEXT,
    format TEXT NOT NULL,
    captions TEXT NOT NULL DEFAULT '[]',   -- JSON list of Caption
    paragraphs TEXT NOT NULL DEFAULT '[]'  -- JSON list of Paragraph
);
CREATE INDEX articles_published ON articles (published);

-- Every place an article was read from; a rerun over new files appends, never duplicates.
CREATE TABLE article_locations (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    path TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER,
    UNIQUE (article_id, path, start, "end")
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content = 'articles', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.pk, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.pk, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.pk, new.title, new.body);
END;

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    plover_type TEXT NOT NULL,
    plover_mode TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    trigger TEXT,
    date TEXT,
    date_precision TEXT,
    country TEXT,
    admin1 TEXT,
    place_key TEXT,
    modality TEXT NOT NULL,
    background INTEGER NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    record TEXT NOT NULL  -- records.to_json(Mention)
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    plover_type TEXT NOT NULL,
    plover_mode TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    date TEXT,
    date_key TEXT,  -- sortable YYYY-MM-DD (year-only dates get mid-year), for ranges and order
    date_precision TEXT,
    country TEXT,  -- ISO 3166-1 alpha-2
    country_name TEXT,
    admin1 TEXT,
    admin2 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    place_key TEXT,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    fatalities_best INTEGER,
    injured INTEGER,
    arrested INTEGER,
    modality TEXT NOT NULL,
    background INTEGER NOT NULL,
    sources TEXT,  -- outlets joined by "; "
    notes TEXT,
    record TEXT NOT NULL  -- records.to_json(Event)
);
CREATE INDEX events_date ON events (date_key);
CREATE INDEX events_country ON events (country);
CREATE INDEX events_type ON events (plover_type);
CREATE INDEX events_acled_type ON events (acled_event_type);

CREATE TABLE event_mentions (
    event_id TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX event_mentions_mention ON event_mentions (mention_id);

CREATE TABLE event_articles (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id)
);
CREATE INDEX event_articles_article ON event_articles (article_id);

-- The actors of each event, one row per role and position; `search` is the casefolded
-- text, name and organisation, so actor filters also match non-ASCII names.
CREATE TABLE event_actors (
    event_id TEXT NOT NULL,
    role INTEGER NOT NULL,  -- 1 = actor1 (agent), 2 = actor2 (target)
    position INTEGER NOT NULL,
    actor_key TEXT NOT NULL,
    text TEXT NOT NULL,
    name TEXT,
    org TEXT,
    search TEXT NOT NULL,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_key ON event_actors (actor_key);

-- The actors seen so far; the key is the KB id, or "text:<label>" when unresolved.
CREATE TABLE actors (
    key TEXT PRIMARY KEY,
    actor_id TEXT,
    name TEXT,
    org TEXT,
    type TEXT,
    sector TEXT,
    country TEXT,
    parent TEXT,
    resolved INTEGER NOT NULL
);

-- The places seen so far; the key is the GeoNames id, or a hash of name and coordinates.
CREATE TABLE places (
    key TEXT PRIMARY KEY,
    name TEXT,
    admin1 TEXT,
    admin2 TEXT,
    country TEXT,
    country_name TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    geonameid INTEGER
);

-- What each source says, for an event or for a mention (exactly one of the two is set).
CREATE TABLE claims (
    id TEXT PRIMARY KEY,  -- "<event or mention id>:<position>"
    event_id TEXT,
    mention_id TEXT,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_org TEXT,
    weapons TEXT NOT NULL DEFAULT '[]',  -- JSON list
    note TEXT NOT NULL DEFAULT '',
    evidence_article_id TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT,
    CHECK ((event_id IS NULL) != (mention_id IS NULL))
);
CREATE INDEX claims_event ON claims (event_id);
CREATE INDEX claims_mention ON claims (mention_id);

CREATE TABLE claim_figures (
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE rejections (
    pk INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,  -- content hash, so the same rejection in the same run is kept once
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    path TEXT,
    line INTEGER,
    article_id TEXT,
    text TEXT,
    run_id TEXT,
    created TEXT NOT NULL
);
CREATE INDEX rejections_article ON rejections (article_id);

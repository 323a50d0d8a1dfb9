import type Database from 'better-sqlite3';
import { NewerSchemaError } from '../errors.ts';

/**
 * Schema changes in order. Never edit a released migration: add the next one, because files
 * already migrated by an older bot only ever run what comes after their version. Exported so
 * tests can build a file at an older version from the very SQL that version shipped.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE subscriptions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: ids in old logs stay unambiguous
        platform    TEXT NOT NULL,
        channel     TEXT NOT NULL,
        topic       TEXT NOT NULL,
        topic_key   TEXT NOT NULL,
        time        TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
        time_zone   TEXT NOT NULL,
        created_by  TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        UNIQUE (platform, channel, topic_key)
      );
      -- Keyed by channel and topic, not by subscription id, so that unsubscribing and
      -- subscribing again on the same day cannot post a second digest that day.
      CREATE TABLE deliveries (
        platform         TEXT NOT NULL,
        channel          TEXT NOT NULL,
        topic_key        TEXT NOT NULL,
        local_date       TEXT NOT NULL,
        subscription_id  INTEGER NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('claimed', 'retrying', 'posted', 'skipped', 'failed', 'missed', 'superseded', 'cancelled')),
        attempts         INTEGER NOT NULL,
        idempotency_key  TEXT NOT NULL,
        claimed_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        next_attempt_at  INTEGER,
        posted_at        INTEGER,
        last_error       TEXT,
        PRIMARY KEY (platform, channel, topic_key, local_date)
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_pending ON deliveries (state, next_attempt_at, claimed_at);
      CREATE TABLE posted_items (
        platform    TEXT NOT NULL,
        channel     TEXT NOT NULL,
        topic_key   TEXT NOT NULL,
        item_key    TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        posted_at   INTEGER NOT NULL,
        PRIMARY KEY (platform, channel, topic_key, item_key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE feeds (
        id                INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: a removed feed's id stays unambiguous in logs
        url               TEXT NOT NULL UNIQUE,
        name              TEXT,
        interval_ms       INTEGER NOT NULL CHECK (interval_ms > 0),
        full_text         TEXT NOT NULL CHECK (full_text IN ('auto', 'always', 'never')),
        origin            TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
        added_by          TEXT,
        added_at          INTEGER NOT NULL,
        title             TEXT,
        etag              TEXT,
        last_modified     TEXT,
        last_fetch_at     INTEGER,
        last_success_at   INTEGER,
        last_new_item_at  INTEGER,
        next_poll_at      INTEGER,
        failures          INTEGER NOT NULL DEFAULT 0,
        paused            INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        last_error        TEXT
      );
      CREATE TABLE feed_articles (
        key            TEXT PRIMARY KEY,
        feed_id        INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        item_id        TEXT NOT NULL,
        title          TEXT NOT NULL,
        link           TEXT,
        outlet         TEXT NOT NULL,
        published      TEXT,
        -- published as ms: ISO strings with offsets do not sort as text. NULL when unparsable.
        published_at   INTEGER,
        text           TEXT NOT NULL,
        content_hash   TEXT NOT NULL,
        first_seen_at  INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ); -- with a rowid: article texts are too large for a WITHOUT ROWID table's b-tree
      CREATE INDEX feed_articles_feed ON feed_articles (feed_id);
      -- The age pruning goes by; the prune query must use this very expression to use the index.
      CREATE INDEX feed_articles_age ON feed_articles (COALESCE(published_at, first_seen_at));
    `,
  },
  {
    version: 3,
    sql: `
      -- Who polls the feed now, and until when others keep off it.
      ALTER TABLE feeds ADD COLUMN poll_holder TEXT;
      ALTER TABLE feeds ADD COLUMN poll_lease_until INTEGER;
      -- One counter for every write of feed articles; articles stored before this version are 0,
      -- which every process loads at start anyway.
      CREATE TABLE feed_changes (last INTEGER NOT NULL);
      INSERT INTO feed_changes (last) VALUES (0);
      ALTER TABLE feed_articles ADD COLUMN change_no INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE feed_articles ADD COLUMN changed_by TEXT;
      CREATE INDEX feed_articles_change ON feed_articles (change_no);
      CREATE TABLE feed_article_removals (
        change_no   INTEGER NOT NULL,
        key         TEXT NOT NULL,
        removed_by  TEXT,
        removed_at  INTEGER NOT NULL,
        PRIMARY KEY (change_no, key)
      ) WITHOUT ROWID;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Brings the schema up to date in one immediate transaction, so two processes starting together
 * cannot both migrate. It always writes (the open counter): a file that opened but cannot be
 * written fails here, at start, instead of at the first post.
 */
export function migrate(db: Database.Database): number {
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, opens INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    if (!row) db.prepare('INSERT INTO schema_version (version, opens) VALUES (0, 0)').run();
    const current = row?.version ?? 0;
    if (current > LATEST_VERSION) {
      throw new NewerSchemaError(`schema version ${current} is newer than this bot's ${LATEST_VERSION}`);
    }
    for (const m of MIGRATIONS) if (m.version > current) db.exec(m.sql);
    db.prepare('UPDATE schema_version SET version = ?, opens = opens + 1').run(LATEST_VERSION);
    return LATEST_VERSION;
  });
  return run.immediate();
}

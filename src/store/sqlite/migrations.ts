import type Database from 'better-sqlite3';

/**
 * Schema changes in order. Never edit a released migration: add the next one, because files
 * already migrated by an older bot only ever run what comes after their version.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
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
];

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;

/** Raised when the file's schema is newer than this code knows. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

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

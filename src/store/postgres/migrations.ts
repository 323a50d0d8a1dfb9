import type pg from 'pg';
import { NewerSchemaError } from '../errors.ts';

/**
 * PostgreSQL's own schema changes, numbered apart from SQLite's (a new database starts at the
 * tables SQLite reached in two steps). Never edit a released one: add the next. The meaning
 * matches sqlite/migrations.ts column for column, with these choices:
 * - times are BIGINT ms since the epoch, as in SQLite, so both stores share their row mapping
 *   (../rows.ts, ../feed-rows.ts) and compare leases with the same numbers the app passes in;
 * - text that is keyed or sorted on is COLLATE "C": byte order like SQLite's, whatever locale
 *   the server's database was created with;
 * - ids are identities (never reused, like AUTOINCREMENT); upserts leave gaps, which is harmless.
 */
export const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE subscriptions (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform    TEXT COLLATE "C" NOT NULL,
        channel     TEXT COLLATE "C" NOT NULL,
        topic       TEXT NOT NULL,
        topic_key   TEXT COLLATE "C" NOT NULL,
        time        TEXT NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
        time_zone   TEXT NOT NULL,
        created_by  TEXT,
        created_at  BIGINT NOT NULL,
        updated_at  BIGINT NOT NULL,
        UNIQUE (platform, channel, topic_key)
      );
      -- Keyed by channel and topic, not by subscription id, so that unsubscribing and
      -- subscribing again on the same day cannot post a second digest that day.
      CREATE TABLE deliveries (
        platform         TEXT COLLATE "C" NOT NULL,
        channel          TEXT COLLATE "C" NOT NULL,
        topic_key        TEXT COLLATE "C" NOT NULL,
        local_date       TEXT COLLATE "C" NOT NULL,
        subscription_id  BIGINT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('claimed', 'retrying', 'posted', 'skipped', 'failed', 'missed', 'superseded', 'cancelled')),
        attempts         INTEGER NOT NULL,
        idempotency_key  TEXT NOT NULL,
        claimed_at       BIGINT NOT NULL,
        updated_at       BIGINT NOT NULL,
        next_attempt_at  BIGINT,
        posted_at        BIGINT,
        last_error       TEXT,
        PRIMARY KEY (platform, channel, topic_key, local_date)
      );
      CREATE INDEX deliveries_pending ON deliveries (state, next_attempt_at, claimed_at);
      CREATE TABLE posted_items (
        platform    TEXT COLLATE "C" NOT NULL,
        channel     TEXT COLLATE "C" NOT NULL,
        topic_key   TEXT COLLATE "C" NOT NULL,
        item_key    TEXT COLLATE "C" NOT NULL,
        local_date  TEXT NOT NULL,
        posted_at   BIGINT NOT NULL,
        PRIMARY KEY (platform, channel, topic_key, item_key)
      );
      CREATE TABLE feeds (
        id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url               TEXT COLLATE "C" NOT NULL UNIQUE,
        name              TEXT,
        interval_ms       BIGINT NOT NULL CHECK (interval_ms > 0),
        full_text         TEXT NOT NULL CHECK (full_text IN ('auto', 'always', 'never')),
        origin            TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
        added_by          TEXT,
        added_at          BIGINT NOT NULL,
        title             TEXT,
        etag              TEXT,
        last_modified     TEXT,
        last_fetch_at     BIGINT,
        last_success_at   BIGINT,
        last_new_item_at  BIGINT,
        next_poll_at      BIGINT,
        failures          INTEGER NOT NULL DEFAULT 0,
        paused            BOOLEAN NOT NULL DEFAULT false,
        last_error        TEXT
      );
      CREATE TABLE feed_articles (
        key            TEXT COLLATE "C" PRIMARY KEY,
        feed_id        BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        item_id        TEXT NOT NULL,
        title          TEXT NOT NULL,
        link           TEXT,
        outlet         TEXT NOT NULL,
        published      TEXT,
        -- published as ms: ISO strings with offsets do not sort as text. NULL when unparsable.
        published_at   BIGINT,
        text           TEXT NOT NULL,
        content_hash   TEXT NOT NULL,
        first_seen_at  BIGINT NOT NULL,
        updated_at     BIGINT NOT NULL
      );
      CREATE INDEX feed_articles_feed ON feed_articles (feed_id);
      -- The age pruning goes by; the prune query must use this very expression to use the index.
      CREATE INDEX feed_articles_age ON feed_articles (COALESCE(published_at, first_seen_at));
    `,
  },
  {
    version: 2,
    sql: `
      -- Who polls the feed now, and until when others keep off it.
      ALTER TABLE feeds ADD COLUMN poll_holder TEXT;
      ALTER TABLE feeds ADD COLUMN poll_lease_until BIGINT;
      -- One counter row, not a sequence: its row lock, held to commit, hands out numbers in commit
      -- order, so a reader that has seen number n has seen every change up to n. A sequence's
      -- numbers commit out of order and a high-water mark over them would skip changes.
      CREATE TABLE feed_changes (last BIGINT NOT NULL);
      INSERT INTO feed_changes (last) VALUES (0);
      ALTER TABLE feed_articles ADD COLUMN change_no BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE feed_articles ADD COLUMN changed_by TEXT;
      CREATE INDEX feed_articles_change ON feed_articles (change_no);
      CREATE TABLE feed_article_removals (
        change_no   BIGINT NOT NULL,
        key         TEXT COLLATE "C" NOT NULL,
        removed_by  TEXT,
        removed_at  BIGINT NOT NULL,
        PRIMARY KEY (change_no, key)
      );
    `,
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS.at(-1)!.version;

/**
 * Brings the schema (of the connection's search_path) up to date in one transaction under an
 * advisory lock, so of two processes starting together one migrates and the other waits, then
 * finds nothing to do. It always writes (the open counter), so a read-only role fails at start.
 */
export async function migratePg(client: pg.PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    // Keyed by schema: stores in two schemas of one database are two stores.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('news-digest-bot migrate ' || current_schema()))`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, opens INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version, opens) VALUES (0, 0)');
    const current = rows[0]?.version ?? 0;
    if (current > PG_LATEST_VERSION) throw new NewerSchemaError(`schema version ${current} is newer than this bot's ${PG_LATEST_VERSION}`);
    for (const m of PG_MIGRATIONS) if (m.version > current) await client.query(m.sql);
    await client.query('UPDATE schema_version SET version = $1, opens = opens + 1', [PG_LATEST_VERSION]);
    await client.query('COMMIT');
    return PG_LATEST_VERSION;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

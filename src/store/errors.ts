/** Why the database could not be opened; each kind has its own advice in the message. */
export type StoreOpenProblem = 'corrupt' | 'read-only' | 'locked' | 'cannot-open' | 'newer-schema' | 'unreachable' | 'other';

const ADVICE: Record<StoreOpenProblem, string> = {
  corrupt: 'the file is damaged or is not a SQLite database; restore a backup, or move it aside to start with no subscriptions',
  'read-only': 'the bot must be able to write the file and create its -wal and -shm companions in the same folder',
  locked: 'another process holds a lock on it; stop the other process or raise the busy timeout',
  'cannot-open': 'check that the path names a file in a folder the bot can create and write',
  'newer-schema': 'it was written by a newer version of the bot; run that version or restore a backup',
  unreachable: "check DATABASE_URL's host, port, database, user and password, and that the server is up",
  other: 'see the cause below',
};

/**
 * Thrown at start-up when the database (subscriptions, deliveries, feeds) cannot be used. It names the file and the
 * cause: starting with an empty state instead would silently drop every subscription.
 */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    readonly path: string,
    readonly problem: StoreOpenProblem,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: unknown } | null)?.code;
    super(`cannot open the database ${path}: ${reason}${typeof code === 'string' ? ` (${code})` : ''}; ${ADVICE[problem]}`, { cause });
  }
}

/** Raised when the database's schema is newer than this code knows. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}

/** Sorts a SQLite error into the problems above by its extended result code. */
export function classifyOpenError(cause: unknown): StoreOpenProblem {
  const code = String((cause as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return 'cannot-open';
  return 'other';
}

/**
 * A poll's lease was taken over by another process (it ran out while the poll ran): the poll is
 * not recorded, as the one that took over is newer.
 */
export class FeedPollSupersededError extends Error {
  override name = 'FeedPollSupersededError';
}

/** Why a poll's state was not written under its holder's lease: the feed is still there (taken over), or is gone. */
export function pollNotRecorded(feedId: number, feedExists: boolean): Error {
  if (feedExists) return new FeedPollSupersededError(`the poll of feed ${feedId} was taken over by another process; it is not recorded`);
  // Most likely removed by a chat command while its poll was in flight.
  return new Error(`cannot record a poll of feed ${feedId}: there is no such feed`);
}

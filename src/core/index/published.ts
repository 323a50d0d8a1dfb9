import type { Article } from '../types.ts';

/** What dates are read from; not the snapshot's type, which holds these times (an import cycle). */
type Articles = readonly Readonly<Pick<Article, 'published'>>[];

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * When an article came out, as two instants (ms since the epoch, UTC): `at` to compare ages by,
 * and `latest`, the last instant its date can stand for. A date without a time (a file's date, a
 * byline's) could be any moment of that day, so it is kept by a window reaching into that day
 * (`latest` is its last millisecond) and aged from its noon, halfway between the
 * readings. A time without a zone is read as UTC: nothing says which zone it meant.
 */
export interface PublishedInstant {
  at: number;
  latest: number;
}

/** `published` as the loader normalises it (`load/parse-date.ts`); undefined for anything else. */
export function publishedInstant(published: string): PublishedInstant | undefined {
  const m = ISO.exec(published);
  if (!m) return undefined;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(day)) return undefined;
  if (m[4] === undefined) return { at: day + DAY_MS / 2, latest: day + DAY_MS - 1 };
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
  const zone = m[8] === undefined || m[8] === 'Z' ? 0 : zoneOffsetMs(m[8]);
  const at = day + ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6] ?? 0)) * 1000 + Math.floor(ms) - zone;
  return { at, latest: at };
}

/** "+05:30" -> 5.5 hours in ms; the local time minus this is UTC. */
function zoneOffsetMs(zone: string): number {
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * The publication instants of a snapshot's articles (ms; NaN where a date cannot be read), each
 * worked out the first time a query asks and kept for the snapshot's life: a `since` filter looks
 * at every article a common topic matches, but working out all of a large corpus's dates took tens
 * of milliseconds, paid again by the first query after every feed update.
 */
export class PublishedTimes {
  readonly #articles: Articles;
  readonly #at: Float64Array;
  readonly #latest: Float64Array;
  readonly #known: Uint8Array;

  constructor(articles: Articles) {
    this.#articles = articles;
    this.#at = new Float64Array(articles.length);
    this.#latest = new Float64Array(articles.length);
    this.#known = new Uint8Array(articles.length);
  }

  /** When the article came out, to compare ages by (a day's noon for a date alone). */
  at(articleId: number): number {
    if (!this.#known[articleId]) this.#read(articleId);
    return this.#at[articleId]!;
  }

  /** The last instant its date can stand for (a day's last millisecond for a date alone). */
  latest(articleId: number): number {
    if (!this.#known[articleId]) this.#read(articleId);
    return this.#latest[articleId]!;
  }

  #read(articleId: number): void {
    const instant = publishedInstant(this.#articles[articleId]!.published);
    this.#at[articleId] = instant?.at ?? NaN;
    this.#latest[articleId] = instant?.latest ?? NaN;
    this.#known[articleId] = 1;
  }
}

/** The snapshot's `PublishedTimes`, made on first use. */
export function publishedTimes(corpus: { readonly articles: Articles; readonly workspace: { published: PublishedTimes | undefined } }): PublishedTimes {
  return (corpus.workspace.published ??= new PublishedTimes(corpus.articles));
}

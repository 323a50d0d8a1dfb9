import type { FeedAddResult, FeedControl, FeedRemoveResult } from '../../src/ports/feed-control.ts';
import type { FeedRecord, FeedState } from '../../src/store/feed-types.ts';

/** A feed to put in MemoryFeeds: any field, the rest filled in. */
export type FeedSeed = Omit<Partial<FeedRecord>, 'state'> & { state?: Partial<FeedState> };

/**
 * A stand-in for the app's FeedControl: feeds in a Map, an `add` that "reads" any URL whose host
 * is not `not-a-feed.example`, and every call recorded. It plays the dependency the commands
 * call; it is not what the commands tests test.
 */
export class MemoryFeeds implements FeedControl {
  readonly feeds = new Map<number, FeedRecord>();
  readonly calls: string[] = [];
  #nextId = 1;

  constructor(records: readonly FeedSeed[] = []) {
    for (const r of records) this.put(r);
  }

  /** Stores a feed as the store would hold it, defaults filled in. */
  put(r: FeedSeed): FeedRecord {
    const id = r.id ?? this.#nextId++;
    const record: FeedRecord = {
      id,
      url: r.url ?? `https://feeds.example/${id}.xml`,
      intervalMs: 10 * 60_000,
      fullText: 'auto',
      origin: 'chat',
      addedAt: new Date('2026-01-01T00:00:00Z'),
      items: 0,
      ...r,
      state: { failures: 0, paused: false, ...r.state },
    };
    this.feeds.set(id, record);
    return record;
  }

  async add(url: string, options: { name?: string; addedBy: string }): Promise<FeedAddResult> {
    this.calls.push(`add ${url} ${JSON.stringify(options)}`);
    if (new URL(url).hostname === 'not-a-feed.example') return { ok: false, reason: 'the address answered with an HTML page, not a feed' };
    const known = [...this.feeds.values()].find((f) => f.url === url);
    const title = 'Example Feed Title';
    if (known) {
      const resumed = known.state.paused;
      const feed = this.put({ ...known, ...(options.name && { name: options.name }), state: { ...known.state, paused: false, failures: 0 } });
      return { ok: true, feed, created: false, resumed, title, items: 12, added: resumed ? 2 : 0 };
    }
    const feed = this.put({ url, ...(options.name && { name: options.name }), addedBy: options.addedBy, items: 12, state: { title } });
    return { ok: true, feed, created: true, resumed: false, title, items: 12, added: 12 };
  }

  async remove(typed: string): Promise<FeedRemoveResult> {
    this.calls.push(`remove ${typed}`);
    const key = typed.toLowerCase();
    const all = [...this.feeds.values()];
    const feed = all.find((f) => [String(f.id), f.url, f.name, f.state.title].some((v) => v?.toLowerCase() === key));
    const known = all.map((f) => f.name ?? f.state.title ?? f.url);
    if (!feed) return { ok: false, code: 'not-found', known };
    if (feed.origin === 'config') return { ok: false, code: 'in-config', feed, known };
    this.feeds.delete(feed.id);
    return { ok: true, feed, articlesRemoved: feed.items };
  }

  async list(): Promise<FeedRecord[]> {
    this.calls.push('list');
    return [...this.feeds.values()];
  }

  choices(typed: string, max: number): string[] {
    const names = [...this.feeds.values()].map((f) => f.name ?? f.state.title ?? f.url);
    return names.filter((n) => n.toLowerCase().includes(typed.toLowerCase())).slice(0, max);
  }
}

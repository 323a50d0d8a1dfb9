import { decodeFeedBytes } from './decode.ts';
import { fetchFeed, type FetchFeedOptions } from './fetch-feed.ts';
import { parseFeedDocument } from './parse-feed.ts';
import type { FetchResult, ParsedFeed } from './types.ts';

/** One feed fetched and parsed: what the poller will store and the `check` command prints. */
export type FeedRead =
  | { status: 'ok'; fetch: FetchResult; feed: ParsedFeed; encoding: string }
  | { status: 'not-modified'; fetch: FetchResult }
  | { status: 'error'; fetch: FetchResult; reason: string };

/** Fetches a feed, decodes its bytes by their declared charset and parses it. Never throws. */
export async function readFeed(url: string, options: FetchFeedOptions & { name?: string }): Promise<FeedRead> {
  const fetched = await fetchFeed(url, options);
  if (fetched.status === 'not-modified') return { status: 'not-modified', fetch: fetched };
  if (fetched.status === 'error' || fetched.body === undefined) return { status: 'error', fetch: fetched, reason: fetched.error ?? 'no body' };
  const { text, encoding } = decodeFeedBytes(fetched.body, fetched.contentType);
  const parsed = parseFeedDocument(text, { name: options.name, url: fetched.finalUrl });
  if (!parsed.ok) return { status: 'error', fetch: fetched, reason: parsed.reason };
  return { status: 'ok', fetch: fetched, feed: parsed.feed, encoding };
}

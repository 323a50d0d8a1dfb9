import type { Digest, DigestItem, Disagreement, SourceRef } from '../core/types.ts';
import { SOURCES_LISTED } from '../core/query/citations.ts';
import type { Subscription } from '../store/types.ts';
import type { FeedRecord } from '../store/feed-types.ts';
import type { ReloadReport } from '../core/index/live-corpus.ts';
import { errorText } from './messages.ts';
import { usageOf } from './usage.ts';
import type { Reply } from './types.ts';

/**
 * How one platform marks up text. Every platform words replies the same way (this file); only
 * the markup differs. `text` is applied to everything that came from an article or a user, so
 * it is where a platform neutralises mentions and formatting.
 */
export interface Markup {
  text(untrusted: string): string;
  bold(safe: string): string;
  code(safe: string): string;
  /** A source link; the label is untrusted, the URL is already checked to be http(s). */
  link(label: string, url: string): string;
  /**
   * An address shown as itself, for the reader to check or copy (a feed's), already checked to be
   * http(s). Not run through `text`: markdown escapes inside it would change the address.
   */
  url(url: string): string;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A URL as a link may show it. Only web links: a `javascript:` or `file:` URL in front matter or
 * a feed is not one. Without any user:password, and with `@` after the host as %40: the same
 * address to a server, but "@everyone" in an article's link must not read as a mention.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return `${u.origin}${`${u.pathname}${u.search}${u.hash}`.replace(/@/g, '%40')}`;
  } catch {
    return undefined;
  }
}

export function sourceText(s: SourceRef, m: Markup): string {
  const url = safeUrl(s.url);
  return url ? m.link(s.source, url) : m.text(s.source);
}

/**
 * An item's sources as separate pieces, to join or pack: each listed one as `show` writes it,
 * then "and 831 more articles" when the item lists only some of the articles that report it.
 */
export function sourcePieces(item: DigestItem, show: (s: SourceRef) => string): string[] {
  const pieces = item.sources.map(show);
  const more = item.sourceCount - item.sources.length;
  if (more > 0) pieces.push(`and ${plural(more, 'more article')}`);
  return pieces;
}

/** A claim's outlets, each once, the first few by name: "AP, Reuters and 3 more outlets". */
function outletsText(sources: readonly SourceRef[], m: Markup): string {
  const labels = [...new Set(sources.map((s) => s.source))];
  const named = labels.slice(0, SOURCES_LISTED).map((l) => m.text(l)).join(', ');
  return labels.length > SOURCES_LISTED ? `${named} and ${plural(labels.length - SOURCES_LISTED, 'more outlet')}` : named;
}

/**
 * "Outlets differ on the number of people killed: 60 (AP); 65 (Reuters)." or, when each later
 * report gave another value, "The number of people killed rose from 20 to 35 in later reports: ...".
 */
export function disagreementText(d: Disagreement, m: Markup): string {
  const claims = d.claims.map((c) => `${m.text(c.value)} (${outletsText(c.sources, m)})`).join('; ');
  if (d.kind === 'differ') return `Outlets differ on the ${m.text(d.about)}: ${claims}.`;
  const values = d.claims.map((c) => m.text(c.value.split(' / ')[0]!)).join(' to ');
  return `The ${m.text(d.about)} ${d.kind === 'rose' ? 'rose' : 'went down'} from ${values} in later reports: ${claims}.`;
}

export function digestTitle(digest: Digest): string {
  return digest.topic ?? 'All articles';
}

/**
 * "4 items from 4 articles, 4 outlets; 5 articles mention it": the articles that tell the items, its
 * window when one was asked for, and, when they are not as many, the articles that mention the
 * topic, which is the count /topics gives it (one that only mentions it in passing tells no item).
 */
export function digestCounts(digest: Digest): string {
  const { articlesCited, articlesMatched, outlets } = digest.stats;
  const since = digest.since ? `, published since ${sinceText(digest.since.from)}` : '';
  const mention = digest.topic !== null && articlesMatched !== articlesCited ? `; ${plural(articlesMatched, 'article')} ${articlesMatched === 1 ? 'mentions' : 'mention'} it` : '';
  return `${plural(digest.items.length, 'item')} from ${plural(articlesCited, 'article')}, ${plural(outlets, 'outlet')}${since}${mention}`;
}

/** "2026-12-06 15:00 UTC", or "2026-12-01" for the start of a day: the window of a `since`. */
export function sinceText(iso: string): string {
  const [day, time = ''] = iso.split('T');
  return time.startsWith('00:00:00') ? day! : `${day} ${time.slice(0, 5)} UTC`;
}

/**
 * The one line shown instead of items when the articles say nothing about the topic, or nothing
 * since the `since` asked for. `listTopics` is how the reader asks for the topics where they are:
 * a chat command or a script.
 */
export function emptyDigestText(digest: Digest, m: Markup, listTopics = '/topics'): string {
  const { since } = digest;
  if (since && (since.articlesBefore > 0 || digest.stats.articlesMatched > 0)) {
    const latest = since.newestBefore ? ` The latest article on it is from ${sinceText(since.newestBefore)}.` : '';
    return `Nothing published about "${m.text(digestTitle(digest))}" since ${sinceText(since.from)}.${latest}`;
  }
  const maybe = digest.suggestions?.length
    ? ` Did you mean: ${digest.suggestions.map((s) => m.text(s)).join(', ')}?`
    : ` Try ${listTopics} to see what they cover.`;
  return `Nothing in the loaded articles about "${m.text(digestTitle(digest))}".${maybe}`;
}

const FILES_LISTED = 20;

/** A bullet for each of the first files, then how many more: a reply, not 10,000 lines. */
function fileLines<T>(files: readonly T[], line: (file: T) => string, more: string): string[] {
  const lines = files.slice(0, FILES_LISTED).map((f) => `• ${line(f)}`);
  if (files.length > FILES_LISTED) lines.push(`• and ${files.length - FILES_LISTED} more ${more}`);
  return lines;
}

function reloadText(r: ReloadReport, m: Markup): string[] {
  if (!r.ok) return [`Reload failed, still serving the previous ${plural(r.articles, 'article')}: ${m.text(r.error ?? 'unknown error')}`];
  const warned = r.warned.length > 0 ? `, ${r.warned.length} with warnings` : '';
  return [
    `Reloaded ${plural(r.articles, 'article')} in ${r.elapsedMs} ms: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed, ${r.skipped.length} skipped${warned}.`,
    ...fileLines(r.skipped, (s) => `skipped ${m.text(s.file)}: ${m.text(s.reason)}`, 'skipped files (see the log)'),
    ...fileLines(r.warned, (w) => `warning on ${m.text(w.file)}: ${m.text(w.warnings.join('; '))}`, 'files with warnings'),
  ];
}

export function scheduleText(s: Subscription, m: Markup): string {
  return `${m.bold(m.text(s.topic))} every day at ${s.time} ${s.timeZone}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 min", "2 h", "5 d": a span, rounded, in the coarsest unit that keeps it under 60 min or 24 h. */
function spanText(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  return hours < 24 ? `${hours} h` : `${Math.round(ms / DAY)} d`;
}

/** "3 min ago", "in 2 h", "just now": a time as far from `now` as it is. */
export function relativeTime(when: Date, now: Date): string {
  const ms = when.getTime() - now.getTime();
  if (Math.abs(ms) < MINUTE) return ms < 0 ? 'just now' : 'in under a minute';
  return ms < 0 ? `${spanText(-ms)} ago` : `in ${spanText(ms)}`;
}

// Feed titles and errors come from whoever runs the feed: a title can be as long as it likes.
export const NAME_SHOWN = 100;
export const ERROR_SHOWN = 200;
export const clip = (text: string, max: number) => (text.length > max ? `${[...text].slice(0, max - 1).join('').trimEnd()}…` : text);

/** What a feed is called: the name it was given, else its own title, else its address. */
export const feedLabel = (f: Pick<FeedRecord, 'name' | 'url' | 'state'>): string => f.name ?? f.state.title ?? f.url;

/** A feed's address as shown: an http(s) one as an address (see safeUrl), anything else as plain untrusted text. */
function addressText(url: string, m: Markup): string {
  const safe = safeUrl(url);
  return safe ? m.url(safe) : m.text(url);
}

/**
 * "**Example News** <https://example.com/rss.xml>": a feed's label, then its address. With
 * `withTitle`, the feed's own title follows a name that differs from it.
 */
function feedHeading(f: Pick<FeedRecord, 'name' | 'url' | 'state'>, m: Markup, withTitle = false): string {
  const label = feedLabel(f);
  const address = addressText(f.url, m);
  if (label === f.url) return address;
  const title = withTitle && f.name && f.state.title && f.state.title !== f.name ? ` (${m.text(clip(f.state.title, NAME_SHOWN))})` : '';
  return `${m.bold(m.text(clip(label, NAME_SHOWN)))}${title} ${address}`;
}

// Feeds that need an operator come first, so a list cut short still shows them.
const attention = (f: FeedRecord) => (f.state.paused ? 0 : f.state.failures > 0 ? 1 : 2);
const FEEDS_LISTED = 20;

function feedText(f: FeedRecord, now: Date, m: Markup): string {
  const s = f.state;
  const health = [
    s.lastFetchAt ? `fetched ${relativeTime(s.lastFetchAt, now)}` : 'not fetched yet',
    s.lastNewItemAt && `last new item ${relativeTime(s.lastNewItemAt, now)}`,
    `${plural(f.items, 'item')} held`,
    s.paused ? undefined : s.nextPollAt && (s.nextPollAt <= now ? 'next poll due now' : `next poll ${relativeTime(s.nextPollAt, now)}`),
  ];
  const trouble = s.paused
    ? `⚠️ paused after ${plural(s.failures, 'failure')} in a row (/feed add with its address resumes it)`
    : s.failures > 0
      ? `⚠️ ${plural(s.failures, 'failed poll')} in a row`
      : undefined;
  const error = s.lastError ? `last error: ${m.text(clip(s.lastError, ERROR_SHOWN))}` : undefined;
  const lines = [
    `• ${feedHeading(f, m, true)}${f.origin === 'config' ? ' · from the feeds file' : ''}`,
    `  ${health.filter(Boolean).join(' · ')}`,
  ];
  if (trouble || error) lines.push(`  ${[trouble, error].filter(Boolean).join(': ')}`);
  return lines.join('\n');
}

function feedsText(feeds: readonly FeedRecord[], now: Date, m: Markup): string[] {
  if (feeds.length === 0) return ['No feeds are followed. An operator can add one with /feed add, or list them in the feeds file.'];
  const paused = feeds.filter((f) => f.state.paused).length;
  const failing = feeds.filter((f) => !f.state.paused && f.state.failures > 0).length;
  const problems = [paused && `${paused} paused`, failing && `${failing} failing`].filter(Boolean).join(', ');
  const sorted = [...feeds].sort((a, b) => attention(a) - attention(b) || feedLabel(a).localeCompare(feedLabel(b)));
  const lines = [`Following ${plural(feeds.length, 'feed')}${problems ? ` (${problems})` : ''}:`, ...sorted.slice(0, FEEDS_LISTED).map((f) => feedText(f, now, m))];
  const hidden = sorted.slice(FEEDS_LISTED);
  const hiddenTrouble = hidden.filter((f) => attention(f) < 2).length;
  if (hidden.length > 0) lines.push(`• and ${plural(hidden.length, 'more feed')}${hiddenTrouble ? ` (${hiddenTrouble} of them paused or failing)` : ', polling normally'}`);
  return lines;
}

function feedAddedText(r: Extract<Reply, { kind: 'feed-added' }>, m: Markup): string[] {
  const heading = feedHeading({ ...r.feed, state: { ...r.feed.state, title: r.title } }, m, true);
  const verb = r.created ? 'Now following' : r.resumed ? 'Resumed (it was paused after failures)' : 'Updated';
  const lines = [`${verb} ${heading}: ${plural(r.items, 'item')} found, ${r.added} new.`];
  if (r.created) lines.push(`Checked every ${spanText(r.feed.intervalMs)}; /feed list shows how it is doing.`);
  return lines;
}

/** Lines of any reply except a digest with items, which each platform lays out itself. */
export function describeReply(reply: Exclude<Reply, { kind: 'digest' }>, m: Markup): string[] {
  switch (reply.kind) {
    case 'topics':
      if (reply.topics.length === 0) return ['No topics: no articles are loaded.'];
      return [
        `Topics in ${plural(reply.articles, 'article')}:`,
        ...reply.topics.slice(0, 40).map((t) => `• ${m.text(t.name)} (mentioned in ${plural(t.articles, 'article')})`),
      ];
    case 'reload':
      return reloadText(reply.report, m);
    case 'help':
      return ['Commands:', ...reply.commands.map((c) => `${m.code(usageOf(c))}  ${c.description}`)];
    case 'subscribed': {
      const head = `${reply.created ? 'Subscribed' : 'Updated'}: ${scheduleText(reply.subscription, m)} in this channel.`;
      if (reply.articlesNow > 0) return [head];
      const maybe = reply.suggestions.length ? ` Did you mean: ${reply.suggestions.map((s) => m.text(s)).join(', ')}?` : '';
      return [head, `The loaded articles say nothing about it yet, so the digest will say so until they do.${maybe}`];
    }
    case 'unsubscribed':
      if (reply.removed) return [`Unsubscribed: no more daily digests of ${m.bold(m.text(reply.topic))} in this channel.`];
      return [
        `This channel has no daily digest of ${m.bold(m.text(reply.topic))}.` +
          (reply.remaining.length ? ` It has: ${reply.remaining.map((t) => m.text(t)).join(', ')}.` : ''),
      ];
    case 'subscriptions':
      if (reply.subscriptions.length === 0) return ['This channel has no daily digests. An admin can add one with /subscribe.'];
      return ['Daily digests in this channel:', ...reply.subscriptions.map((s) => `• ${scheduleText(s, m)}`)];
    case 'feed-added':
      return feedAddedText(reply, m);
    case 'feed-removed':
      return [`Stopped following ${feedHeading(reply.feed, m)}; ${plural(reply.articlesRemoved, 'article')} dropped from the digests.`];
    case 'feeds':
      return feedsText(reply.feeds, reply.now, m);
    case 'error':
      return [errorText(reply.code, reply.detail, m.text)];
  }
}

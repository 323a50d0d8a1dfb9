import type { FeedControl } from '../ports/feed-control.ts';
import { isOperator } from './access.ts';
import { ERROR_SHOWN, NAME_SHOWN, clip, feedLabel, safeUrl } from './describe.ts';
import { usageDetail } from './usage.ts';
import type { CommandDefinition, CommandDeps, CommandInput, ErrorCode, Invoker, Reply } from './types.ts';

// Names of known feeds in the "no such feed" answer; /feed list has them all.
const KNOWN_LISTED = 20;
const NAME_MAX = 100;

// The options each action takes. A value for another is refused, not ignored: "/feed list bbc" filters nothing.
const TAKES: Record<string, readonly string[]> = { add: ['feed', 'name'], remove: ['feed'], list: [] };

const error = (code: ErrorCode, detail: Record<string, string> = {}): Reply => ({ kind: 'error', code, detail });

/** "example.com/feed.xml" -> https://example.com/feed.xml: the address a word without a scheme most likely meant. */
function guessAddress(word: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(word)) return undefined;
  const guess = safeUrl(`https://${word}`);
  return guess && new URL(guess).hostname.includes('.') ? guess : undefined;
}

async function add(feeds: FeedControl, input: CommandInput, invoker: Invoker): Promise<Reply> {
  // Typed text reads "notaurl Example News" as one phrase; an address has no spaces, so its
  // first word is the address and the rest the name.
  const [address = '', ...words] = (input.feed ?? '').split(' ');
  const name = input.name ?? (words.join(' ') || undefined);
  if (!address) return error('feed-needs-url');
  const url = safeUrl(address);
  if (!url) {
    const suggestion = guessAddress(address);
    return error('feed-bad-url', { value: address, ...(suggestion && { suggestion }) });
  }
  if (name && name.length > NAME_MAX) return error('too-long', { option: 'name', max: String(NAME_MAX) });
  const result = await feeds.add(url, { ...(name && { name }), addedBy: `${invoker.platform}:${invoker.id}` });
  if (!result.ok) return error('feed-not-added', { url, reason: clip(result.reason, ERROR_SHOWN) });
  const { ok: _ok, ...added } = result;
  return { kind: 'feed-added', ...added };
}

async function remove(feeds: FeedControl, typed: string | undefined): Promise<Reply> {
  if (!typed) return error('feed-needs-feed');
  const result = await feeds.remove(typed);
  if (result.ok) return { kind: 'feed-removed', feed: result.feed, articlesRemoved: result.articlesRemoved };
  if (result.code === 'in-config') return error('feed-in-config', { feed: clip(result.feed ? feedLabel(result.feed) : typed, NAME_SHOWN) });
  const more = result.known.length - KNOWN_LISTED;
  const known = result.known.slice(0, KNOWN_LISTED).map((n) => clip(n, NAME_SHOWN)).join(', ') + (more > 0 ? ` and ${more} more` : '');
  return error('feed-unknown', { feed: typed, ...(known && { known }) });
}

export const feedCommand: CommandDefinition = {
  name: 'feed',
  description: "Follow, stop following or list news feeds (the bot's operators only)",
  example: 'add https://example.com/feed.xml Example News',
  access: 'operator',
  needsCorpus: false,
  options: [
    { name: 'action', description: 'add a feed, remove one, or list them', required: true, maxLength: 10, choices: ['add', 'remove', 'list'] },
    {
      name: 'feed',
      description: "add: the feed's address (https://...); remove: its name, id or address",
      required: false,
      maxLength: 2000,
      // An address typed by position is one word; a feed's name may be several.
      pattern: /^[a-z][\w+.-]*:\/\/\S+$/i,
      phrase: true,
      feed: true,
    },
    { name: 'name', description: "add: the outlet shown in digests (default: the feed's own title)", required: false, maxLength: NAME_MAX, phrase: true },
  ],
  async run(input, invoker, deps) {
    if (!deps.feeds) return error('no-store', { feature: 'Feeds' });
    const stray = (['feed', 'name'] as const).find((o) => input[o] && !TAKES[input.action!]!.includes(o));
    if (stray) {
      const words = input[stray]!;
      const after = stray === 'name' && input.feed ? 'feed' : 'action';
      return error('unexpected-words', { ...usageDetail(feedCommand), words, count: String(words.split(' ').length), after });
    }
    if (input.action === 'add') return add(deps.feeds, input, invoker);
    if (input.action === 'remove') return remove(deps.feeds, input.feed);
    return { kind: 'feeds', feeds: await deps.feeds.list(), now: new Date() };
  },
};

/**
 * Feed names to offer while `feed` is typed: only to remove one (adding takes a new address), and
 * only to an operator (the command refuses everyone else anyway).
 */
export function feedChoices(deps: Pick<CommandDeps, 'feeds' | 'operators'>, invoker: Pick<Invoker, 'platform' | 'id'>, input: CommandInput, typed: string, max: number): string[] {
  if (!deps.feeds || input.action !== 'remove' || !isOperator(invoker, deps)) return [];
  return deps.feeds.choices(typed, max);
}

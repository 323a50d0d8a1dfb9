import type { Budget, Digest, TopicEntry } from '../core/types.ts';
import type { LiveCorpus, ReloadReport } from '../core/index/live-corpus.ts';
import type { Platform, Subscription, SubscriptionStore } from '../store/types.ts';
import type { FeedRecord } from '../store/feed-types.ts';
import type { FeedAddResult, FeedControl } from '../ports/feed-control.ts';
import type { RateLimiter } from './rate-limit.ts';

/** A string option of a command; every platform renders these the same way. */
export interface OptionSpec {
  name: string;
  description: string;
  required: boolean;
  maxLength: number;
  choices?: readonly string[];
  /** The shape of a value given by position in free text (see parseArguments). */
  pattern?: RegExp;
  /** By position, it takes only a word of its `pattern`: any other is a stray word, not a bad value of it. */
  byShapeOnly?: boolean;
  /** A topic: platforms that can (Discord) offer corpus topics as the user types; must hold a letter or digit. */
  topic?: boolean;
  /** An IANA time zone: platforms that can offer zones as the user types. */
  zone?: boolean;
  /** A followed feed (name, id or URL): platforms that can offer feed names as the user types. */
  feed?: boolean;
  /**
   * Typed by position it may be several words ("Example News"): it takes the words up to where
   * the next option's value begins. A first word of its own `pattern` shape (a URL) is taken alone.
   */
  phrase?: boolean;
}

/** Who ran a command; the adapter decides `isAdmin` from the platform's own permissions. */
export interface Invoker {
  platform: Platform;
  id: string;
  isAdmin: boolean;
  /** The platform's id of the channel the command was typed in (`terminal` for the console). */
  channel: string;
}

export type Length = 'short' | 'medium' | 'long';

/** What the subscription commands need; absent where the bot runs without a store. */
export interface SubscriptionDeps {
  store: SubscriptionStore;
  /** IANA zone used when /subscribe names none; validated with the rest of the config. */
  defaultTimeZone: string;
  now: () => Date;
}

/**
 * User ids of the bot's operators per chat platform: who may change what every server and
 * workspace reads (the feeds). The terminal's user is always one.
 */
export interface Operators {
  discord: ReadonlySet<string>;
  slack: ReadonlySet<string>;
}

export interface CommandDeps {
  corpus: LiveCorpus;
  budgets: Record<Length, Budget>;
  subscriptions?: SubscriptionDeps;
  /** The feeds the bot follows; absent where the bot runs without a store. */
  feeds?: FeedControl;
  /** Absent: nobody in chat is an operator. */
  operators?: Operators;
  /** Applied to commands marked `rateLimited`; absent means no limit (the terminal). */
  rateLimiter?: RateLimiter;
  observer?: CommandObserver;
  /** The clock that windows such as `/summary ghazni 24h` count back from; the system's without it. */
  now?: () => Date;
}

/** Told about every answered command, for metrics. */
export interface CommandObserver {
  commandServed(command: string, platform: Platform, ms: number, reply: Reply): void;
}

export type ErrorCode =
  | 'not-a-command'
  | 'unknown-command'
  | 'unknown-option'
  | 'missing-value'
  | 'unexpected-words'
  | 'missing-option'
  | 'too-long'
  | 'bad-choice'
  | 'empty-topic'
  | 'not-admin'
  | 'not-operator'
  | 'not-loaded'
  | 'bad-time'
  | 'bad-time-zone'
  | 'bad-since'
  | 'no-store'
  | 'rate-limited'
  | 'feed-needs-url'
  | 'feed-bad-url'
  | 'feed-not-added'
  | 'feed-needs-feed'
  | 'feed-unknown'
  | 'feed-in-config'
  | 'failed';

export type FeedAdded = Omit<Extract<FeedAddResult, { ok: true }>, 'ok'>;

export type Reply =
  | { kind: 'digest'; digest: Digest }
  | { kind: 'topics'; topics: readonly TopicEntry[]; articles: number }
  | { kind: 'reload'; report: ReloadReport }
  | { kind: 'help'; commands: readonly CommandDefinition[] }
  /** `articlesNow`: how many loaded articles the topic matches today (0 warns of a likely typo). */
  | { kind: 'subscribed'; subscription: Subscription; created: boolean; articlesNow: number; suggestions: string[] }
  | { kind: 'unsubscribed'; topic: string; removed: boolean; remaining: string[] }
  | { kind: 'subscriptions'; subscriptions: Subscription[] }
  | ({ kind: 'feed-added' } & FeedAdded)
  | { kind: 'feed-removed'; feed: FeedRecord; articlesRemoved: number }
  /** `now`: when the list was taken, so times read "3 min ago" wherever and whenever it is rendered. */
  | { kind: 'feeds'; feeds: FeedRecord[]; now: Date }
  | { kind: 'error'; code: ErrorCode; detail: Record<string, string> };

export type CommandInput = Record<string, string | undefined>;

export type Access = 'everyone' | 'admin' | 'operator';

/** One platform-neutral command: its definition beside its handler. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** Arguments that work ("kandahar prison long"), shown with errors about typed ones; none for commands that take none. */
  example?: string;
  /**
   * Who may run it: admins of the server or workspace (their channels' subscriptions), or the
   * bot's operators (what every server reads). Platforms also hide restricted commands from
   * others where they can.
   */
  access: Access;
  /** False for commands that work before the articles are loaded. */
  needsCorpus: boolean;
  /** Costly enough to limit per user and channel. */
  rateLimited?: boolean;
  options: readonly OptionSpec[];
  run(input: CommandInput, invoker: Invoker, deps: CommandDeps): Promise<Reply> | Reply;
}

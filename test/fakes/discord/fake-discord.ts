import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Delays, FaultPlan, type Fault, type RouteMatch } from '../faults.ts';
import { discordFaultAnswer } from './faults.ts';
import { FakeGateway } from './gateway.ts';
import { guildCreate, interactionPayload, messageObject, snowflake, snowflakeOnShard, textChannel, type FakeUser } from './payloads.ts';
import { RateLimits, type RateLimitRules } from './rate-limits.ts';
import {
  ERROR,
  channelMessage,
  interactionCallback,
  interactionWebhook,
  invalidForm,
  type Answer,
  type InteractionState,
  type StoredMessage,
} from './rest-routes.ts';

/** One REST request as the fake saw it; `path` is after `/api/v10`, URL-decoded. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorized: boolean;
  body: any;
  status: number;
  response: unknown;
  at: number;
  /** Answered by an injected fault (or, with status 0, dropped because the client had gone). */
  fault?: boolean;
  /** The name in the API URL the request came through (see `apiUrlFor`), when it had one. */
  client?: string;
}

export interface Member {
  /** Permission bits as Discord sends them: '0' for none, '32' for Manage Server. */
  permissions?: string;
  user?: FakeUser;
}

export interface FakeDiscordOptions {
  token?: string;
  /**
   * false: every `enforce_nonce` post is new, as on Discord once its few minutes of nonce memory
   * have passed (the crash test's days go by in seconds). Default true.
   */
  rememberNonces?: boolean;
  /** Text channels in the guild (default 1): `channelId` is the first, `channelIds` has them all. */
  channels?: number;
  /** The shard count GET /gateway/bot recommends (what `DISCORD_SHARDS=auto` follows). Default 1. */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: shards that may identify at once (discord.js waits 5 s between others). Default 1. */
  maxConcurrency?: number;
  /** Enforce Discord's REST rate limits (true: DISCORD_RATE_LIMITS). Off by default: most tests post a burst into one channel. */
  rateLimits?: boolean | RateLimitRules;
}

/** A server the fake adds besides its first one, with its text channels. */
export interface FakeGuild {
  id: string;
  channelIds: string[];
}

/**
 * A strict local Discord for the real discord.js: REST on `/api/v10` and a gateway on
 * `/gateway`, both on 127.0.0.1 at a random port. It records every request, checks message
 * limits and interaction timing like Discord, and lets a test play users.
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly channelIds: readonly string[];
  readonly bot: FakeUser = { id: this.applicationId, username: 'digest-bot' };
  readonly requests: RecordedRequest[] = [];
  /** Messages posted to channels (not interaction replies), in order. */
  readonly posted: StoredMessage[] = [];
  readonly #byNonce = new Map<string, StoredMessage>();
  readonly #interactions = new Map<string, InteractionState>();
  readonly #waiters = new Set<(r: RecordedRequest) => void>();
  readonly #channel = textChannel(this.channelId, this.guildId, 'news');
  readonly #channels = new Map<string, ReturnType<typeof textChannel>>();
  readonly #recommendedShards: number;
  readonly #maxConcurrency: number;
  /** The REST rate limits, when enforced; `rateLimits.limited` counts the 429s. */
  readonly rateLimits: RateLimits | undefined;
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  readonly gateway: FakeGateway;
  /** Injected REST failures; see `failNext`. */
  readonly faults = new FaultPlan();
  readonly #delays = new Delays();
  #port = 0;
  readonly #rememberNonces: boolean;
  /**
   * Awaited after a request was handled (a channel post is stored, i.e. accepted) and before it is
   * answered: a test holds or slows answers with it, to stop or kill the bot in that window.
   */
  beforeAnswer?: (request: RecordedRequest) => Promise<void> | void;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? `fake.${randomBytes(12).toString('hex')}.token`;
    this.#rememberNonces = options.rememberNonces ?? true;
    this.#recommendedShards = options.recommendedShards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    this.rateLimits = options.rateLimits ? new RateLimits(options.rateLimits === true ? undefined : options.rateLimits) : undefined;
    this.#channels.set(this.channelId, this.#channel);
    for (let i = 1; i < (options.channels ?? 1); i++) {
      const id = snowflake();
      this.#channels.set(id, textChannel(id, this.guildId, `news-${i + 1}`));
    }
    this.channelIds = [...this.#channels.keys()];
    this.gateway = new FakeGateway(this.#server, {
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.bot,
      guilds: [guildCreate(this.guildId, [...this.#channels.values()], snowflake())],
    }, () => `ws://127.0.0.1:${this.#port}/gateway`);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base URL to give the bot (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** The REST base URL for one of several bots on the one token: its requests are recorded with `client`. */
  apiUrlFor(client: string): string {
    return `${this.apiUrl}/as/${encodeURIComponent(client)}`;
  }

  /** Resolves with the first request, already recorded or still to come, that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 4000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ') || 'none'}`));
      }, timeoutMs);
      const check = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(r);
      };
      this.#waiters.add(check);
    });
  }

  /**
   * A user runs a slash command in the fake guild's channel. `ageMs` plays an interaction that
   * reached the bot late (a slow gateway): Discord's 3-second window has partly run out already.
   */
  command(name: string, options: Record<string, string> = {}, member: Member = {}, ageMs = 0): InteractionState {
    return this.#interact(2, name, Object.entries(options).map(([k, v]) => ({ name: k, value: v })), member, ageMs);
  }

  /** A user types into a command's autocompleted option. */
  autocomplete(name: string, focused: { name: string; value: string }, others: Record<string, string> = {}, member: Member = {}): InteractionState {
    const options = [...Object.entries(others).map(([k, v]) => ({ name: k, value: v })), { ...focused, focused: true }];
    return this.#interact(4, name, options, member);
  }

  /**
   * Adds a server with `channels` text channels (default 1), on a chosen shard when `shard` is
   * `[id, count]`; a session already serving it gets its GUILD_CREATE at once.
   */
  addGuild(options: { shard?: [number, number]; channels?: number } = {}): FakeGuild {
    const id = options.shard ? snowflakeOnShard(...options.shard) : snowflake();
    const channels = Array.from({ length: options.channels ?? 1 }, (_, i) => textChannel(snowflake(), id, `news-${i + 1}`));
    for (const channel of channels) this.#channels.set(channel.id, channel);
    const guild = guildCreate(id, channels, snowflake());
    this.gateway.addGuild(guild);
    return { id, channelIds: channels.map((c) => c.id) };
  }

  /** A user runs a slash command in one of the channels `addGuild` made. */
  commandIn(channelId: string, name: string, options: Record<string, string> = {}, member: Member = {}): InteractionState {
    const channel = this.#channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: no channel ${channelId}`);
    return this.#interact(2, name, Object.entries(options).map(([k, v]) => ({ name: k, value: v })), member, 0, channel);
  }

  /** Everything the interaction shows its user, in order: the original response, then follow-ups. */
  shown(interaction: InteractionState): StoredMessage[] {
    const original = interaction.original && !interaction.originalDeleted ? [interaction.original] : [];
    return [...original, ...interaction.followUps];
  }

  #interact(type: 2 | 4, name: string, options: { name: string; value: string; focused?: boolean }[], member: Member, ageMs = 0, channel = this.#channel): InteractionState {
    const state: InteractionState = {
      id: snowflake(),
      token: `aW50ZXJhY3Rpb24${randomBytes(24).toString('hex')}`,
      type,
      channelId: channel.id,
      createdAt: Date.now() - ageMs,
      originalDeleted: false,
      followUps: [],
    };
    this.#interactions.set(state.token, state);
    const spec = {
      type,
      applicationId: this.applicationId,
      guildId: channel.guild_id,
      channel,
      command: { name, options },
      member: { user: member.user ?? { id: '400000000000000001', username: 'reader' }, permissions: member.permissions ?? '0' },
    };
    this.gateway.dispatch('INTERACTION_CREATE', interactionPayload(state.id, state.token, spec));
    return state;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const client = /^\/api\/as\/([^/]+)\/v10\//.exec(url.pathname)?.[1];
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/as\/[^/]+)?\/v10/, ''));
    const body = raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw || undefined;
    const method = req.method ?? 'GET';
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    const limit = this.rateLimits?.check(method, path);
    const fault = limit && 'refused' in limit ? undefined : this.faults.take(method, path);
    if (fault?.delayMs) await this.#delays.wait(fault.delayMs);
    const gone = () => res.socket === null || res.socket.destroyed;
    const dropped = fault?.delayMs !== undefined && fault.status === undefined && gone() && !fault.processLate;
    const answer = limit && 'refused' in limit
      ? limit.refused
      : dropped
        ? { status: 0, body: 'dropped: the client had given up waiting', headers: {} }
        : fault?.status !== undefined
          ? discordFaultAnswer({ ...fault, status: fault.status })
          : { headers: limit?.headers ?? {}, ...this.#route(method, path, url.searchParams, body, authorized) };
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), authorized, body, status: answer.status, response: answer.body, at: Date.now(), ...(fault ? { fault: true } : {}), ...(client ? { client: decodeURIComponent(client) } : {}) };
    this.requests.push(record);
    await this.beforeAnswer?.(record);
    if (!gone()) {
      res.writeHead(answer.status, { ...answer.headers, ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }) });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    }
    for (const waiter of [...this.#waiters]) waiter(record);
  }

  /**
   * Coming REST requests matching `route` fail as `fault` says, e.g.
   * `failNext('POST /interactions/:id/:token/callback', { status: 429, retryAfter: 1 })`,
   * `failNext('POST /channels/:id/messages', { status: 500, times: 3 })`, or a hang with
   * `{ delayMs: 1500 }`. Paths are as recorded: after `/api/v10`, `@original` decoded.
   */
  failNext(route: RouteMatch, fault: Fault): void {
    this.faults.add(route, fault);
  }

  /** Forgets recorded requests, channel posts and answered interactions (a soak test's memory stays flat). */
  clearRecords(): void {
    this.requests.length = 0;
    this.posted.length = 0;
    this.#byNonce.clear();
    this.gateway.clearReplay();
    for (const [token, state] of this.#interactions) if (state.answered !== undefined) this.#interactions.delete(token);
  }

  #route(method: string, path: string, query: URLSearchParams, body: any, authorized: boolean): Answer {
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      const state = this.#interactions.get(m[2]!);
      return interactionCallback(state?.id === m[1] ? state : undefined, body, this.bot, query.get('with_response') === 'true');
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      const state = m[1] === this.applicationId ? this.#interactions.get(m[2]!) : undefined;
      return interactionWebhook(state, method, m[3] ?? '', body ?? {}, this.bot);
    }
    if (!authorized) return ERROR.unauthorized;
    if (path === '/users/@me' && method === 'GET') return { status: 200, body: { ...this.bot, bot: true, discriminator: '0', avatar: null } };
    if (path === '/gateway/bot' && method === 'GET') {
      const url = `ws://127.0.0.1:${this.#port}/gateway`;
      return { status: 200, body: { url, shards: this.#recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.#maxConcurrency } } };
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) && method === 'PUT') {
      if (m[1] !== this.applicationId || (m[2] !== undefined && m[2] !== this.guildId)) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      return this.#putCommands(body, m[2]);
    }
    if ((m = path.match(/^\/channels\/(\d+)(\/messages)?$/))) {
      const id = m[1]!;
      const channel = this.#channels.get(id);
      if (!channel) return ERROR.unknownChannel;
      if (!m[2] && method === 'GET') return { status: 200, body: channel };
      if (m[2] && method === 'POST') return channelMessage(id, body, this.#rememberNonces ? this.#byNonce : new Map(), this.posted, this.bot);
      if (m[2] && method === 'GET') return this.#history(id, query);
    }
    return ERROR.notFound;
  }

  /** GET /channels/{id}/messages: the newest `limit` (default 50, at most 100) channel messages, newest first, as Discord returns them (no nonce). */
  #history(channelId: string, query: URLSearchParams): Answer {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    const messages = this.posted.filter((m) => m.channelId === channelId).slice(-limit).reverse();
    return { status: 200, body: messages.map((m) => { const { nonce: _nonce, ...shown } = messageObject(m.id, channelId, m.body as Record<string, unknown>, this.bot); return shown; }) };
  }

  #putCommands(body: unknown, guildId: string | undefined): Answer {
    if (!Array.isArray(body)) return invalidForm(['body: must be an array of commands']);
    const problems: string[] = [];
    body.forEach((c: any, i) => {
      if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name ?? '') || c.name !== c.name.toLowerCase()) problems.push(`${i}.name: invalid command name`);
      if (!c.description || c.description.length > 100) problems.push(`${i}.description: Must be between 1 and 100 in length.`);
      (c.options ?? []).forEach((o: any, j: number) => {
        if (o.autocomplete && o.choices) problems.push(`${i}.options.${j}: autocomplete cannot be used with choices`);
        if (!o.description || o.description.length > 100) problems.push(`${i}.options.${j}.description: Must be between 1 and 100 in length.`);
      });
    });
    if (problems.length) return invalidForm(problems);
    const saved = body.map((c: any) => ({ ...c, id: snowflake(), application_id: this.applicationId, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}) }));
    return { status: 200, body: saved };
  }

  async close(): Promise<void> {
    this.#delays.cancelAll();
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

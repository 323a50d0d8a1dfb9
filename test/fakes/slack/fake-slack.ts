import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Delays, FaultPlan, type Fault, type RouteMatch } from '../faults.ts';
import { messageProblems } from './block-kit-limits.ts';

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';
export const BOT_USER = 'UBOT';

/** One request the fake received: a Web API call or a post to a response_url. */
export interface Recorded {
  kind: 'api' | 'response';
  /** The API method (`chat.postMessage`) or the response_url's id. */
  name: string;
  headers: IncomingHttpHeaders;
  /** The form fields or JSON body; `blocks` is parsed when a form carried it as JSON. */
  body: Record<string, unknown>;
  /** Why the fake refused it (as Slack would), if it did. */
  refused?: string;
  /** The HTTP status of an injected fault's answer. */
  status?: number;
}

/** A message as conversations.history shows it. */
export interface SlackMessageRecord {
  type: 'message';
  ts: string;
  user: string;
  bot_id: string;
  text: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

interface Waiter {
  match: (r: Recorded) => boolean;
  resolve: (r: Recorded) => void;
}

/** A Slack Web API, response_url endpoint and Socket Mode server on 127.0.0.1. */
export interface FakeSlack {
  /** Web API base URL, ends with a slash as Slack's does. */
  apiUrl: string;
  responseUrl(id: string): string;
  records: Recorded[];
  /**
   * The first recorded request matching `match` that no earlier `next` returned, waiting for it
   * if it has not arrived yet.
   */
  next(match: (r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  /**
   * Coming requests fail. `route` is an API method (`'chat.postMessage'`) or `'response_url/<id>'`
   * (`'response_url/*'` for any). A string `fault` answers `{ ok: false, error }` (the next call,
   * or the one after `skip` others); a Fault can ask for `{ slackError: 'ratelimited', retryAfter: 1 }`
   * (HTTP 429 with Retry-After), `{ status: 500, times: 3 }`, `{ status: 404 }` (an expired
   * response_url) or a hang, `{ delayMs }`.
   */
  failNext(route: RouteMatch, fault: string | Fault, skip?: number): void;
  /** The injected faults, e.g. to check that all were used (`pending`). */
  faults: FaultPlan;
  /** Forgets the records kept so far (a soak test's memory stays flat). */
  clearRecords(): void;
  /** Socket Mode: sends an envelope to the connected app and resolves with its ack. */
  sendEnvelope(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when no Socket Mode connection is open (at once if none ever was). */
  socketsClosed(): Promise<void>;
  /** Resolves once an app has opened a Socket Mode connection and got its hello. */
  socketConnected(): Promise<void>;
  /** Socket Mode connections opened (and greeted with hello) so far. */
  readonly connections: number;
  /** Resolves once `count` Socket Mode connections have been opened in all (a reconnect is one more). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Drops every open Socket Mode connection as Slack can: `'terminate'` cuts the TCP connection
   * without a close frame (a network failure), `'close'` sends a close frame (code 1011, a server
   * error), `'refresh'` sends Slack's `{ type: 'disconnect', reason: 'refresh_requested' }` and
   * leaves the closing to the app.
   */
  dropSockets(how?: 'terminate' | 'close' | 'refresh'): void;
  /** Messages chat.postMessage accepted in a channel, oldest first, as conversations.history returns them. */
  channelMessages(channel: string): SlackMessageRecord[];
  /**
   * Awaited after an API call was handled (a chat.postMessage is stored, i.e. accepted) and before
   * it is answered: a test holds or slows answers with it, to stop or kill the bot in that window.
   */
  beforeAnswer?: (request: Recorded) => Promise<void> | void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if (!raw) return {};
  if (String(req.headers['content-type']).includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof body[key] === 'string') body[key] = JSON.parse(body[key] as string);
  }
  return body;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const records: Recorded[] = [];
  const taken = new Set<Recorded>();
  const waiters: Waiter[] = [];
  const faults = new FaultPlan();
  const delays = new Delays();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  let onConnected: (() => void) | undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  let connections = 0;
  let connectionWaiters: { count: number; resolve: () => void }[] = [];
  let closedWaiters: (() => void)[] = [];
  let base = '';
  const history = new Map<string, SlackMessageRecord[]>();
  const hooks: { beforeAnswer?: FakeSlack['beforeAnswer'] } = {};
  let lastTs = 0;

  const record = (entry: Recorded) => {
    records.push(entry);
    const i = waiters.findIndex((w) => w.match(entry));
    if (i >= 0) {
      taken.add(entry);
      waiters.splice(i, 1)[0]!.resolve(entry);
    }
  };

  function api(name: string, req: IncomingMessage, body: Record<string, unknown>): unknown {
    const auth = String(req.headers.authorization ?? '');
    const token = auth.replace(/^Bearer /, '') || String(body.token ?? '');
    const wanted = name === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    if (token !== wanted) return { ok: false, error: 'invalid_auth' };
    switch (name) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'digest', team_id: 'T1', user_id: BOT_USER, bot_id: 'B1' };
      case 'apps.connections.open':
        return { ok: true, url: `${base.replace('http', 'ws')}/socket` };
      case 'chat.postMessage': {
        if (!body.channel) return { ok: false, error: 'channel_not_found' };
        const problems = messageProblems(body);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        lastTs = Math.max(lastTs + 1, Date.now() * 1000);
        const ts = `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, '0')}`;
        const channel = String(body.channel);
        const metadata = body.metadata as SlackMessageRecord['metadata'];
        const stored: SlackMessageRecord = { type: 'message', ts, user: BOT_USER, bot_id: 'B1', text: String(body.text ?? ''), ...(body.blocks ? { blocks: body.blocks } : {}), ...(metadata ? { metadata } : {}) };
        history.set(channel, [...(history.get(channel) ?? []), stored]);
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      }
      case 'conversations.history': {
        // Newest first, metadata only when asked for, as Slack answers.
        const all = history.get(String(body.channel)) ?? [];
        const limit = Math.min(999, Number(body.limit ?? 100) || 100);
        const withMetadata = String(body.include_all_metadata) === 'true';
        const messages = all.slice(-limit).reverse().map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: all.length > limit };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Answers an injected fault, or says to handle the request (`false`), or that it was dropped unanswered. */
  async function injected(req: IncomingMessage, res: ServerResponse, kind: Recorded['kind'], name: string, body: Record<string, unknown>): Promise<boolean> {
    const fault = faults.take('POST', kind === 'api' ? name : `response_url/${name}`);
    if (!fault) return false;
    if (fault.delayMs) await delays.wait(fault.delayMs);
    const gone = res.socket === null || res.socket.destroyed;
    const fails = fault.status !== undefined || fault.slackError !== undefined;
    if (!fails) {
      if (!gone || fault.processLate) return false;
      record({ kind, name, headers: req.headers, body, refused: 'dropped: the client had given up waiting' });
      return true;
    }
    const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 200);
    const error = fault.slackError ?? (status === 404 ? 'expired_url' : status === 429 ? 'ratelimited' : status >= 500 ? 'internal_error' : 'injected');
    record({ kind, name, headers: req.headers, body, refused: error, status });
    if (gone) return true;
    res.writeHead(status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}) });
    res.end(JSON.stringify(fault.body ?? { ok: false, error }));
    return true;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const body = await readBody(req);
    const apiName = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : undefined;
    const responseId = /^\/respond\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && (apiName ?? responseId) !== undefined) {
      if (await injected(req, res, apiName !== undefined ? 'api' : 'response', (apiName ?? responseId)!, body)) return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      const answer = api(name, req, body) as { ok: boolean; error?: string };
      const entry: Recorded = { kind: 'api', name, headers: req.headers, body, ...(answer.ok ? {} : { refused: answer.error }) };
      record(entry);
      await hooks.beforeAnswer?.(entry);
      return send(res, 200, answer);
    }
    const respond = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'POST' && respond) {
      // Slack answers a bad response_url post with an HTTP error, which makes respond() throw.
      const problems = messageProblems(body);
      record({ kind: 'response', name: respond[1]!, headers: req.headers, body, ...(problems.length ? { refused: problems.join('; ') } : {}) });
      return problems.length ? send(res, 400, { ok: false, error: 'invalid_blocks', problems }) : send(res, 200, { ok: true });
    }
    send(res, 404, { ok: false, error: 'not_found' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/socket') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        acks.get(String(message.envelope_id))?.(message);
      });
      ws.on('close', () => {
        sockets.delete(ws);
        if (sockets.size === 0) closedWaiters.forEach((resolve) => resolve());
        if (sockets.size === 0) closedWaiters = [];
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
      connections++;
      onConnected?.();
      connectionWaiters = connectionWaiters.filter((w) => (w.count <= connections ? (w.resolve(), false) : true));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let envelopes = 0;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    records,
    next(match, timeoutMs = 3000) {
      const found = records.find((r) => !taken.has(r) && match(r));
      if (found) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { match, resolve: (r) => (clearTimeout(timer), resolve(r)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake Slack: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(route, fault, skip = 0) {
      faults.add(route, typeof fault === 'string' ? { slackError: fault, skip } : { skip, ...fault });
    },
    faults,
    clearRecords() {
      records.length = 0;
      taken.clear();
      history.clear();
    },
    sendEnvelope(type, payload, timeoutMs = 3000) {
      const socket = [...sockets][0];
      if (!socket) return Promise.reject(new Error('fake Slack: no Socket Mode connection'));
      const envelope_id = `env-${++envelopes}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake Slack: envelope ${envelope_id} not acked within ${timeoutMs} ms`)), timeoutMs);
        acks.set(envelope_id, (ack) => (clearTimeout(timer), resolve(ack)));
        socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands' }));
      });
    },
    socketsClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closedWaiters.push(resolve))),
    socketConnected: () => connected,
    get connections() {
      return connections;
    },
    waitForConnections(count, timeoutMs = 5000) {
      if (connections >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          connectionWaiters = connectionWaiters.filter((w) => w !== waiter);
          reject(new Error(`fake Slack: ${connections} Socket Mode connections within ${timeoutMs} ms, not ${count}`));
        }, timeoutMs);
        connectionWaiters.push(waiter);
      });
    },
    dropSockets(how = 'terminate') {
      for (const ws of sockets) {
        if (how === 'terminate') ws.terminate();
        else if (how === 'close') ws.close(1011, 'server error');
        else ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
      }
    },
    channelMessages: (channel) => [...(history.get(channel) ?? [])],
    get beforeAnswer() {
      return hooks.beforeAnswer;
    },
    set beforeAnswer(hook) {
      hooks.beforeAnswer = hook;
    },
    async close() {
      delays.cancelAll();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

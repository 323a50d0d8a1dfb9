import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
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
  /** A coming call of this API method answers `{ ok: false, error }`: the next one, or the one after `skip` others. */
  failNext(method: string, error: string, skip?: number): void;
  /** Socket Mode: sends an envelope to the connected app and resolves with its ack. */
  sendEnvelope(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when no Socket Mode connection is open (at once if none ever was). */
  socketsClosed(): Promise<void>;
  /** Resolves once an app has opened a Socket Mode connection and got its hello. */
  socketConnected(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  if (!raw) return {};
  if (String(req.headers['content-type']).includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
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
  const failures = new Map<string, { error: string; skip: number }>();
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  let onConnected: (() => void) | undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  let closedWaiters: (() => void)[] = [];
  let base = '';

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
    const failure = failures.get(name);
    if (failure && failure.skip-- === 0) {
      failures.delete(name);
      return { ok: false, error: failure.error };
    }
    switch (name) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'digest', team_id: 'T1', user_id: BOT_USER, bot_id: 'B1' };
      case 'apps.connections.open':
        return { ok: true, url: `${base.replace('http', 'ws')}/socket` };
      case 'chat.postMessage': {
        if (!body.channel) return { ok: false, error: 'channel_not_found' };
        const problems = messageProblems(body);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        return { ok: true, channel: body.channel, ts: `${Date.now() / 1000}`, message: { text: body.text } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      const answer = api(name, req, body) as { ok: boolean; error?: string };
      record({ kind: 'api', name, headers: req.headers, body, ...(answer.ok ? {} : { refused: answer.error }) });
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
      onConnected?.();
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
    failNext(method, error, skip = 0) {
      failures.set(method, { error, skip });
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
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

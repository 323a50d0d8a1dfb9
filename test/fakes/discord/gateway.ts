import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { shardOf } from './payloads.ts';

export interface GatewayIdentity {
  token: string;
  applicationId: string;
  botUser: { id: string; username: string };
  /** Full GUILD_CREATE payloads, sent after READY lists the guilds of the session's shard as unavailable. */
  guilds: Record<string, unknown>[];
}

/** A RESUME (op 6) as the fake received it. */
export interface ResumeAttempt {
  sessionId: string;
  seq: number | null;
  /** Whether the session was known and resumed (RESUMED sent), or refused (op 9). */
  resumed: boolean;
  /** Dispatches sent again because the session missed them while disconnected. */
  replayed: number;
}

interface Session {
  id: string;
  /** `[shard id, shard count]` from IDENTIFY; `[0, 1]` when it named none. */
  shard: [number, number];
  socket?: WebSocket;
  /** Every dispatch of this session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
}

// Discord keeps a session resumable for a while after its connection drops; enough for a test.
const REPLAY_KEEP = 1000;

/**
 * The gateway half of the fake: HELLO, IDENTIFY (token checked like Discord, closing with 4004),
 * READY carrying `application.id`, GUILD_CREATE, heartbeat ACKs, then any dispatch a test sends.
 * A test can drop the connection (`drop`); the client's RESUME (op 6) with the session id is then
 * answered with the dispatches it missed and RESUMED, as Discord does. An IDENTIFY with
 * `shard: [id, count]` gets only the events of the servers whose (id >> 22) % count is its id.
 */
export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #bySocket = new Map<WebSocket, Session>();
  #seq = 0;
  #connections = 0;
  readonly identifies: Record<string, unknown>[] = [];
  readonly resumes: ResumeAttempt[] = [];
  readonly #resumeWaiters = new Set<(r: ResumeAttempt) => void>();
  /** Connections accepted while held, still waiting for their HELLO. */
  #held: WebSocket[] | undefined;

  constructor(server: Server, private readonly identity: GatewayIdentity, private readonly url: () => string) {
    this.#wss = new WebSocketServer({ server, path: '/gateway' });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  /** How many WebSocket connections the client has opened so far. */
  get connections(): number {
    return this.#connections;
  }

  /** Whether an identified or resumed session has a live connection now. */
  get connected(): boolean {
    return [...this.#sessions.values()].some((s) => s.socket !== undefined);
  }

  /** The `[id, count]` of each session with a live connection. */
  get liveShards(): [number, number][] {
    return [...this.#sessions.values()].filter((s) => s.socket !== undefined).map((s) => s.shard);
  }

  #serves(session: Session, guildId: string): boolean {
    const [id, count] = session.shard;
    return shardOf(guildId, count) === id;
  }

  #send(socket: WebSocket, payload: Record<string, unknown>) {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #dispatchTo(session: Session, t: string, d: unknown) {
    const event = { s: ++this.#seq, t, d };
    session.sent.push(event);
    if (session.sent.length > REPLAY_KEEP) session.sent.shift();
    if (session.socket) this.#send(session.socket, { op: 0, ...event });
  }

  #accept(socket: WebSocket) {
    this.#connections++;
    if (this.#held) this.#held.push(socket);
    else this.#hello(socket);
  }

  #hello(socket: WebSocket) {
    if (socket.readyState !== socket.OPEN) return;
    this.#send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (msg.op === 1) this.#send(socket, { op: 11 });
      if (msg.op === 2) this.#identify(socket, msg.d);
      if (msg.op === 6) this.#resume(socket, msg.d);
    });
    socket.on('close', () => {
      const session = this.#bySocket.get(socket);
      this.#bySocket.delete(socket);
      if (session?.socket === socket) delete session.socket;
    });
  }

  #attach(session: Session, socket: WebSocket) {
    session.socket = socket;
    this.#bySocket.set(socket, session);
  }

  #identify(socket: WebSocket, d: Record<string, unknown>) {
    this.identifies.push({ ...d, token: '[checked]' });
    if (d.token !== this.identity.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const [shardId, shardCount] = Array.isArray(d.shard) ? (d.shard as [number, number]) : [0, 1];
    if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    const session: Session = { id: `session-${Date.now()}-${this.identifies.length}`, shard: [shardId, shardCount], sent: [] };
    this.#sessions.set(session.id, session);
    this.#attach(session, socket);
    const { applicationId, botUser } = this.identity;
    const guilds = this.identity.guilds.filter((g) => this.#serves(session, String(g.id)));
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: { ...botUser, discriminator: '0', bot: true, avatar: null, global_name: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url(),
      shard: session.shard,
      application: { id: applicationId, flags: 0 },
    });
    for (const guild of guilds) this.#dispatchTo(session, 'GUILD_CREATE', guild);
  }

  #resume(socket: WebSocket, d: Record<string, unknown>) {
    const session = this.#sessions.get(String(d.session_id));
    const seq = typeof d.seq === 'number' ? d.seq : null;
    let attempt: ResumeAttempt;
    if (d.token !== this.identity.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    if (!session) {
      // Not resumable: op 9 with d false tells the client to identify afresh.
      attempt = { sessionId: String(d.session_id), seq, resumed: false, replayed: 0 };
      this.#send(socket, { op: 9, d: false });
    } else {
      if (session.socket && session.socket !== socket) session.socket.terminate();
      this.#attach(session, socket);
      const missed = session.sent.filter((e) => seq === null || e.s > seq);
      for (const event of missed) this.#send(socket, { op: 0, ...event });
      this.#send(socket, { op: 0, t: 'RESUMED', s: ++this.#seq, d: {} });
      attempt = { sessionId: session.id, seq, resumed: true, replayed: missed.length };
    }
    this.resumes.push(attempt);
    for (const waiter of [...this.#resumeWaiters]) waiter(attempt);
  }

  /**
   * Drops every live connection: code 1006 ends it abruptly, as a network failure does (no close
   * frame); a 4000-range code (4000 unknown error, 4009 session timed out, ...) closes it the way
   * Discord does. Sessions stay resumable: dispatches sent meanwhile are kept and replayed.
   */
  drop(code = 1006, shardId?: number): void {
    for (const [socket, session] of [...this.#bySocket]) {
      if (shardId !== undefined && session.shard[0] !== shardId) continue;
      delete session.socket;
      this.#bySocket.delete(socket);
      if (code === 1006) socket.terminate();
      else socket.close(code, 'fake Discord dropped the connection');
    }
  }

  /** New connections get no HELLO until `release()`: the gateway is unreachable for a while. */
  hold(): void {
    this.#held ??= [];
  }

  /** Greets the connections that waited, and every new one again. */
  release(): void {
    const waiting = this.#held ?? [];
    this.#held = undefined;
    for (const socket of waiting) this.#hello(socket);
  }

  /** A server joined: its GUILD_CREATE goes to the sessions of its shard now, and to those that identify later. */
  addGuild(guild: Record<string, unknown>): void {
    this.identity.guilds.push(guild);
    if (this.#sessions.size > 0) this.dispatch('GUILD_CREATE', guild);
  }

  /** Resolves with the next RESUME the client sends. */
  waitForResume(timeoutMs = 5000): Promise<ResumeAttempt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#resumeWaiters.delete(done);
        reject(new Error(`fake Discord: no RESUME within ${timeoutMs} ms (${this.identifies.length} identifies, ${this.#connections} connections)`));
      }, timeoutMs);
      const done = (r: ResumeAttempt) => {
        clearTimeout(timer);
        this.#resumeWaiters.delete(done);
        resolve(r);
      };
      this.#resumeWaiters.add(done);
    });
  }

  /**
   * Sends a dispatch to every session (of a server's shard, when it is about one server): at
   * once when connected, else kept for the replay when the client resumes. Throws when no
   * session was ever identified.
   */
  dispatch(t: string, d: unknown) {
    if (this.#sessions.size === 0) throw new Error('fake Discord: no identified gateway session to dispatch to');
    const payload = d as { guild_id?: string; id?: string };
    const guildId = t === 'GUILD_CREATE' ? payload.id : payload.guild_id;
    for (const session of this.#sessions.values()) {
      if (guildId === undefined || this.#serves(session, guildId)) this.#dispatchTo(session, t, d);
    }
  }

  /** Forgets the dispatches kept for replay (a soak test's memory stays flat). */
  clearReplay(): void {
    for (const session of this.#sessions.values()) session.sent.length = 0;
  }

  async close() {
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

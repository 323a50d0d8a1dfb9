import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayIdentity {
  token: string;
  applicationId: string;
  botUser: { id: string; username: string };
  /** Full GUILD_CREATE payloads, sent after READY lists the guilds as unavailable. */
  guilds: Record<string, unknown>[];
}

/**
 * The gateway half of the fake: HELLO, IDENTIFY (token checked like Discord, closing with 4004),
 * READY carrying `application.id`, GUILD_CREATE, heartbeat ACKs, then any dispatch a test sends.
 */
export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<WebSocket>();
  #seq = 0;
  readonly identifies: Record<string, unknown>[] = [];

  constructor(server: Server, private readonly identity: GatewayIdentity, private readonly url: () => string) {
    this.#wss = new WebSocketServer({ server, path: '/gateway' });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  #send(socket: WebSocket, payload: Record<string, unknown>) {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #dispatchTo(socket: WebSocket, t: string, d: unknown) {
    this.#send(socket, { op: 0, t, s: ++this.#seq, d });
  }

  #accept(socket: WebSocket) {
    this.#send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (msg.op === 1) this.#send(socket, { op: 11 });
      if (msg.op === 2) this.#identify(socket, msg.d);
    });
    socket.on('close', () => this.#sessions.delete(socket));
  }

  #identify(socket: WebSocket, d: Record<string, unknown>) {
    this.identifies.push({ ...d, token: '[checked]' });
    if (d.token !== this.identity.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    this.#sessions.add(socket);
    const { applicationId, botUser, guilds } = this.identity;
    this.#dispatchTo(socket, 'READY', {
      v: 10,
      user: { ...botUser, discriminator: '0', bot: true, avatar: null, global_name: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${Date.now()}`,
      resume_gateway_url: this.url(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
    });
    for (const guild of guilds) this.#dispatchTo(socket, 'GUILD_CREATE', guild);
  }

  /** Sends a dispatch to every identified session; throws when the bot is not connected. */
  dispatch(t: string, d: unknown) {
    if (this.#sessions.size === 0) throw new Error('fake Discord: no identified gateway session to dispatch to');
    for (const socket of this.#sessions) this.#dispatchTo(socket, t, d);
  }

  async close() {
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

/** How a lost Socket Mode connection is reopened. */
export interface SocketPolicy {
  /** Wait before the second attempt (the first is at once); doubles after each failed one. */
  reconnectMinMs: number;
  /** Longest wait between failed attempts (a Retry-After from apps.connections.open is waited, up to RETRY_AFTER_CAP_MS). */
  reconnectMaxMs: number;
}

export const SLACK_SOCKET: SocketPolicy = { reconnectMinMs: 1000, reconnectMaxMs: 60_000 };
/** The longest Retry-After a reconnect waits: a bigger one is taken as a mistake and cut to this. */
const RETRY_AFTER_CAP_MS = 5 * 60_000;

// What apps.connections.open answers when the app token itself is bad: retrying will not fix it,
// but the bot keeps trying (slowly) and says so loudly, as the token may be fixed in Slack's settings.
const TOKEN_REFUSED = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'user_removed_from_team', 'team_disabled']);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  message?: string;
}

/** A running Socket Mode connection that reopens itself until stopped. */
export interface SocketSupervisor {
  /** The connection is open and Slack has said hello. */
  connected(): boolean;
  /** Stops reconnecting and closes the connection. */
  stop(): Promise<void>;
}

/**
 * Keeps a SocketModeReceiver connected. Build the receiver with `autoReconnectEnabled: false`,
 * then call this before `app.start()`.
 *
 * Bolt's own reconnect (socket-mode 3.1) waits `clientPingTimeout` (5 s) times the number of
 * consecutive failures, and gives up for good when apps.connections.open fails with an HTTP
 * error past the client's retries or a network error: that rejection is unhandled, which ends a
 * Node 20 process. Here every attempt's failure is caught and the next one is scheduled: at once
 * after a drop, then backing off from `reconnectMinMs` to `reconnectMaxMs`; a Retry-After, when
 * Slack gives one, is waited when longer (up to 5 minutes).
 */
export function superviseSocket(receiver: SocketModeReceiver, logger: Logger, policy: SocketPolicy = SLACK_SOCKET): SocketSupervisor {
  const client = receiver.client;
  const abort = new AbortController();
  let stopped = false;
  let up = false;
  let everConnected = false;
  let reconnecting: Promise<void> | undefined;

  async function reconnect(): Promise<void> {
    const since = Date.now();
    logger.warn('Socket Mode connection lost; reconnecting');
    let wait = 0;
    for (let attempt = 1; !stopped; attempt++) {
      if (wait > 0) {
        try {
          await sleep(wait, undefined, { signal: abort.signal });
        } catch {
          return; // stopped
        }
      }
      try {
        await client.start();
        logger.info({ attempts: attempt, downMs: Date.now() - since }, 'Socket Mode connection reopened');
        return;
      } catch (err) {
        if (stopped) return;
        const e = err as SlackErrorShape;
        const backoff = Math.min(policy.reconnectMaxMs, policy.reconnectMinMs * 2 ** (attempt - 1));
        wait = e.retryAfter !== undefined ? Math.max(backoff, Math.min(RETRY_AFTER_CAP_MS, e.retryAfter * 1000)) : backoff;
        const detail = { attempt, retryInMs: wait, err: { code: e.code, error: e.data?.error, message: e.message } };
        if (e.data?.error !== undefined && TOKEN_REFUSED.has(e.data.error)) logger.error(detail, 'Slack refused the app token while the Socket Mode connection was being reopened; still trying');
        else logger.warn(detail, 'Socket Mode connection could not be reopened yet; trying again');
      }
    }
  }

  client.on('connected', () => {
    up = true;
    everConnected = true;
  });
  client.on('disconnected', () => {
    up = false;
    // Before the first hello, a failure belongs to app.start(), which rejects with it.
    if (stopped || reconnecting || !everConnected) return;
    reconnecting = reconnect().finally(() => (reconnecting = undefined));
  });

  return {
    connected: () => !stopped && up && (client.websocket?.isActive() ?? false),
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      // An attempt under way ends connected or failed; then the connection, if any, is closed.
      await reconnecting;
      up = false;
      await client.disconnect();
    },
  };
}

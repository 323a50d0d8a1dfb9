import type pg from 'pg';
import type { StoreReachability } from '../types.ts';
import { isConnectionFailure } from './connection.ts';

// While the server is unreachable, how often to ask whether it is back: so the scheduler catches
// up and /healthz turns ready soon after, even when nothing else queries it.
const RECHECK_MS = 3_000;

/**
 * Whether the server of one pool answers, learnt from failures callers report, the pool's errors
 * on idle connections (the server ended them), new connections and pings. Listeners hear each
 * change once, however many queries fail during an outage.
 */
export class PgReachability implements StoreReachability {
  #reachable = true;
  readonly #listeners: ((reachable: boolean, cause?: unknown) => void)[] = [];
  #recheck: NodeJS.Timeout | undefined;
  #rechecking = false;
  #closed = false;

  constructor(private readonly pool: pg.Pool) {
    pool.on('error', (err) => this.noteFailure(err));
    pool.on('connect', () => this.#set(true));
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  noteFailure(err: unknown): boolean {
    if (!isConnectionFailure(err)) return false;
    this.#set(false, err);
    return true;
  }

  /**
   * `SELECT 1` through the pool. A ping that takes too long answers false but changes nothing:
   * a pool busy with a large round of digests is slow, not down.
   */
  async ping(timeoutMs: number): Promise<boolean> {
    if (this.#closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const query = this.pool.query('SELECT 1').then(
      () => {
        this.#set(true);
        return true;
      },
      (err: unknown) => {
        this.noteFailure(err);
        return false;
      },
    );
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([query, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  onChange(listener: (reachable: boolean, cause?: unknown) => void): void {
    this.#listeners.push(listener);
  }

  /** Stops asking: the pool is closing. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#recheck);
  }

  #askAgain(): void {
    if (this.#rechecking) return;
    this.#rechecking = true;
    void this.ping(RECHECK_MS).finally(() => (this.#rechecking = false));
  }

  #set(reachable: boolean, cause?: unknown): void {
    if (reachable === this.#reachable || this.#closed) return;
    this.#reachable = reachable;
    clearInterval(this.#recheck);
    this.#recheck = reachable ? undefined : setInterval(() => this.#askAgain(), RECHECK_MS).unref();
    for (const listener of this.#listeners) listener(reachable, cause);
  }
}

/**
 * Fault injection for the fake platforms: a test says which coming requests fail and how, and
 * the fake answers them so before (or instead of) doing what the request asked.
 */
export interface Fault {
  /** Answer with this HTTP status instead of handling the request. */
  status?: number;
  /** Seconds to wait before trying again: sent as `Retry-After` (and in the body where the platform does). */
  retryAfter?: number;
  /** Slack: answer `{ ok: false, error }` (with HTTP 429 when `retryAfter` is set, else 200). */
  slackError?: string;
  /** Replaces the platform's usual error body. */
  body?: unknown;
  /**
   * Hold the answer this long first: a hung platform. Without a `status` the request is then
   * handled as usual, unless the client gave up waiting (timed out) before: then, by default,
   * it never happened. `processLate` handles it anyway, as a platform that did the work but
   * whose answer was lost.
   */
  delayMs?: number;
  processLate?: boolean;
  /** How many matching requests get this fault (default 1). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  skip?: number;
}

/**
 * Which requests a fault applies to: `'POST /channels/:id/messages'` (method optional, `:name`
 * or `*` stands for one path segment, a trailing `/**` for any rest), a RegExp tested against
 * `METHOD path`, or a predicate.
 */
export type RouteMatch = string | RegExp | ((method: string, path: string) => boolean);

function compile(route: RouteMatch): (method: string, path: string) => boolean {
  if (typeof route === 'function') return route;
  if (route instanceof RegExp) return (method, path) => route.test(`${method} ${path}`);
  const [first, second] = route.split(' ');
  const method = second === undefined ? undefined : first!.toUpperCase();
  const pattern = second ?? first!;
  const escaped = pattern
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.startsWith(':') || segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const regex = new RegExp(`^${escaped}$`);
  return (m, path) => (method === undefined || method === m.toUpperCase()) && regex.test(path);
}

interface Planned {
  match: (method: string, path: string) => boolean;
  fault: Fault;
  left: number;
  skip: number;
}

/** The faults a test has asked for, taken in the order they were planned. */
export class FaultPlan {
  readonly #planned: Planned[] = [];
  /** How many requests got a fault so far. */
  injected = 0;

  add(route: RouteMatch, fault: Fault): void {
    this.#planned.push({ match: compile(route), fault, left: fault.times ?? 1, skip: fault.skip ?? 0 });
  }

  /** The fault for this request, if one is planned; counts it as used. */
  take(method: string, path: string): Fault | undefined {
    for (const planned of this.#planned) {
      if (planned.left <= 0 || !planned.match(method, path)) continue;
      if (planned.skip > 0) {
        planned.skip--;
        return undefined;
      }
      planned.left--;
      this.injected++;
      return planned.fault;
    }
    return undefined;
  }

  /** Faults planned but not yet met (a test can assert its faults were all used). */
  get pending(): number {
    return this.#planned.reduce((n, p) => n + Math.max(0, p.left), 0);
  }

  clear(): void {
    this.#planned.length = 0;
  }
}

/** A delay that a closing fake can cut short, so no timer keeps the test process alive. */
export class Delays {
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.#timers.delete(entry), resolve()), ms), resolve };
      this.#timers.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.#timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.#timers.clear();
  }
}

/**
 * Time a bot process spends in its store, measured by wrapping every method of the store
 * classes (SQLite and PostgreSQL alike), so that the bench needs no hook in the bot.
 */
export interface StoreTimingReport {
  /**
   * Wall time with at least one store call pending (overlapping calls count once): the time the
   * process waited for PostgreSQL. It also counts a pending call's wait for a busy event loop.
   */
  busyMs: number;
  /** Time spent inside store methods before they returned: all of SQLite's work (it answers synchronously), little of PostgreSQL's. */
  syncMs: number;
  /** Calls started in the window, by method: how many, and their summed duration (overlaps counted each). */
  calls: Record<string, { count: number; ms: number }>;
  /** `claim` calls in the window that won the row. */
  claimsWon: number;
}

export class StoreTiming {
  #pending = 0;
  #busySince = 0;
  /** Closed stretches of wall time with a store call pending, [start, end] in ms since the epoch. */
  readonly #busy: [number, number][] = [];
  readonly #calls = new Map<string, { count: number; ms: number }>();
  #claimsWon = 0;
  #syncMs = 0;
  /** Calls that start before this (ms since the epoch) are not itemised (start-up, migrations). */
  from = Number.POSITIVE_INFINITY;

  wrap(prototype: object): void {
    const target = prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const original = target[name];
      if (name === 'constructor' || typeof original !== 'function') continue;
      const timing = this;
      target[name] = function (this: unknown, ...args: unknown[]) {
        const started = timing.#enter();
        const startedPrecise = performance.now();
        let result: unknown;
        try {
          result = (original as (...a: unknown[]) => unknown).apply(this, args);
        } catch (err) {
          timing.#leave(name, started, undefined);
          throw err;
        } finally {
          if (started >= timing.from) timing.#syncMs += performance.now() - startedPrecise;
        }
        if (!(result instanceof Promise)) {
          timing.#leave(name, started, result);
          return result;
        }
        return result.then(
          (value) => (timing.#leave(name, started, value), value),
          (err: unknown) => {
            timing.#leave(name, started, undefined);
            throw err;
          },
        );
      };
    }
  }

  #enter(): number {
    const now = Date.now();
    if (this.#pending++ === 0) this.#busySince = now;
    return now;
  }

  #leave(name: string, started: number, value: unknown): void {
    const now = Date.now();
    if (--this.#pending === 0) this.#busy.push([this.#busySince, now]);
    if (started < this.from) return;
    const entry = this.#calls.get(name) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += now - started;
    this.#calls.set(name, entry);
    if (name === 'claim' && value) this.#claimsWon++;
  }

  report(to: number): StoreTimingReport {
    const stretches = this.#pending > 0 ? [...this.#busy, [this.#busySince, to] as [number, number]] : this.#busy;
    const busyMs = stretches.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, this.from)), 0);
    return { busyMs, syncMs: Math.round(this.#syncMs), calls: Object.fromEntries(this.#calls), claimsWon: this.#claimsWon };
  }
}

/** Limits per window; 0 turns a limit off. */
export interface RateLimits {
  perUser: number;
  perChannel: number;
  windowMs: number;
}

/**
 * Sliding-window limits on a command, per user and per channel, so one person or one busy
 * channel cannot keep the bot busy for everyone. A refused call does not count.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the call and returns 0 when allowed, else the seconds until it would be. */
  take(platform: string, user: string, channel: string): number {
    const t = this.now();
    const checks: [string, number][] = [
      [`u|${platform}|${user}`, this.limits.perUser],
      [`c|${platform}|${channel}`, this.limits.perChannel],
    ];
    let waitMs = 0;
    for (const [key, limit] of checks) {
      if (limit <= 0) continue;
      const recent = this.#recent(key, t);
      if (recent.length >= limit) waitMs = Math.max(waitMs, recent[recent.length - limit]! + this.limits.windowMs - t);
    }
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    for (const [key, limit] of checks) if (limit > 0) this.#recent(key, t).push(t);
    if (this.#hits.size > 10_000) this.#sweep(t);
    return 0;
  }

  #recent(key: string, t: number): number[] {
    let list = this.#hits.get(key);
    if (!list) this.#hits.set(key, (list = []));
    while (list.length && list[0]! <= t - this.limits.windowMs) list.shift();
    return list;
  }

  // Users who stopped asking would otherwise stay in the map for ever.
  #sweep(t: number) {
    for (const [key, list] of this.#hits) if (!list.length || list[list.length - 1]! <= t - this.limits.windowMs) this.#hits.delete(key);
  }
}

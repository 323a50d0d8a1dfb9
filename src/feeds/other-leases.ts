/**
 * The poll leases other processes hold, as far as this poller learnt them from its refused
 * claims: until when each runs, by the poller's clock. A feed is not tried while one runs, and the
 * poller wakes for its end.
 */
export class OtherLeases {
  readonly #until = new Map<number, number>();

  /** What a refused claim said: another process polls the feed until `until`, or (absent) nobody does. */
  note(feedId: number, until: Date | undefined): void {
    if (until) this.#until.set(feedId, until.getTime());
    else this.#until.delete(feedId);
  }

  forget(feedId: number): void {
    this.#until.delete(feedId);
  }

  /** When another process's lease on the feed ends; -Infinity when none is known. */
  endOf(feedId: number): number {
    return this.#until.get(feedId) ?? -Infinity;
  }

  /** Whether another process's lease on the feed still runs at `nowMs`. */
  holds(feedId: number, nowMs: number): boolean {
    return this.endOf(feedId) > nowMs;
  }
}

/** How long `pollNow` waits before it looks again while another process polls the feed it was asked for. */
export const waitForOtherPoll = () => new Promise((resolve) => setTimeout(resolve, 250));

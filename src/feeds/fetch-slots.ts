/**
 * Caps how many fetches run at once, overall and per host, so a round of hundreds of feeds
 * neither floods the network nor hits one server with many requests at a time. Waiters start in
 * the order they came, except that one whose host is full lets later ones for other hosts pass:
 * a slow host holds up only its own feeds.
 */
export class FetchSlots {
  private running = 0;
  private readonly perHostRunning = new Map<string, number>();
  private readonly waiting: Array<{ host: string; start: () => void }> = [];

  constructor(private readonly overall: number, private readonly perHost: number) {
    if (!(overall >= 1 && perHost >= 1)) throw new RangeError(`fetch caps must be at least 1 (got overall ${overall}, per host ${perHost})`);
  }

  /** Runs `task` once a slot for `host` is free, and frees it when the task settles. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  /** Fetches running now, overall and for one host. */
  inUse(host?: string): number {
    return host === undefined ? this.running : this.perHostRunning.get(host) ?? 0;
  }

  private fits(host: string): boolean {
    return this.running < this.overall && this.inUse(host) < this.perHost;
  }

  private take(host: string): void {
    this.running++;
    this.perHostRunning.set(host, this.inUse(host) + 1);
  }

  private acquire(host: string): Promise<void> {
    if (this.waiting.length === 0 && this.fits(host)) {
      this.take(host);
      return Promise.resolve();
    }
    return new Promise((start) => {
      this.waiting.push({ host, start });
      this.startWaiting();
    });
  }

  private release(host: string): void {
    this.running--;
    const left = this.inUse(host) - 1;
    if (left > 0) this.perHostRunning.set(host, left);
    else this.perHostRunning.delete(host);
    this.startWaiting();
  }

  private startWaiting(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.overall; ) {
      const next = this.waiting[i]!;
      if (!this.fits(next.host)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.take(next.host);
      next.start();
    }
  }
}

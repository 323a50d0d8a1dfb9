/**
 * Caps the deliveries a process runs at once. A round of thousands of digests due in one minute
 * cannot post faster than the platform's rate limit anyway; started all at once, every claim and
 * digest build would come before the first post, store calls would queue for the database's
 * connections, and posts would wait in the platform client's queue until they time out and are
 * retried. Waiters start in the order they came. After `close()`, work that has to wait for a
 * slot does not start and reports `stopped`: it was never claimed, so nothing is lost.
 */
export class DeliverySlots {
  private running = 0;
  private closed = false;
  private readonly waiting: Array<(start: boolean) => void> = [];

  constructor(private readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`scheduler: concurrency must be a whole number of at least 1 (got ${size})`);
  }

  async run<T>(work: () => Promise<T>): Promise<T | 'stopped'> {
    if (this.running < this.size) this.running++;
    else if (this.closed || !(await new Promise<boolean>((start) => this.waiting.push(start)))) return 'stopped';
    try {
      return await work();
    } finally {
      // The slot goes straight to the next waiter, so none that comes meanwhile can jump the queue.
      const next = this.closed ? undefined : this.waiting.shift();
      if (next) next(true);
      else this.running--;
    }
  }

  open(): void {
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    for (const start of this.waiting.splice(0)) start(false);
  }
}

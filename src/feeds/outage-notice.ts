import type { Logger } from 'pino';
import type { StoreReachability } from '../store/types.ts';

/**
 * Logs a failing dependency (the database) once when it starts failing and once when it works
 * again, however often it is tried meanwhile: an outage must not write a line per feed per try.
 * A failure the store's reachability takes for the server being unreachable goes to debug only:
 * whoever listens to the reachability logs the whole outage once for the process.
 */
export class OutageNotice {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly reachability?: Pick<StoreReachability, 'noteFailure'>,
  ) {}

  /** Whether `err` is the database's being unreachable; if so it is told to the reachability and logged at debug. */
  outage(err: unknown, fields: Record<string, unknown> = {}): boolean {
    if (!this.reachability?.noteFailure(err)) return false;
    this.logger.debug({ ...fields, err }, `${this.what} failed: the database is out of reach`);
    return true;
  }

  failed(err: unknown): void {
    if (this.outage(err) || this.down) return;
    this.down = true;
    this.logger.warn({ err }, `${this.what} failed; retrying quietly until it works again`);
  }

  worked(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(`${this.what} works again`);
  }
}

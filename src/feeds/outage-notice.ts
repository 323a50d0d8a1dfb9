import type { Logger } from 'pino';

/**
 * Logs a failing dependency (the database) once when it starts failing and once when it works
 * again, however often it is tried meanwhile: an outage must not write a line per feed per try.
 */
export class OutageNotice {
  private down = false;

  constructor(private readonly logger: Logger, private readonly what: string) {}

  failed(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn({ err }, `${this.what} failed; retrying quietly until it works again`);
  }

  worked(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(`${this.what} works again`);
  }
}

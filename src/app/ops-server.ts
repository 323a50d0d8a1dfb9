import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.ts';

export interface Health {
  ready: boolean;
  corpusLoaded: boolean;
  /** Whether the store's database answered a ping just now (always true for the embedded file). */
  database: boolean;
  /** Each running platform and whether it is connected now. */
  platforms: Record<string, boolean>;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz` (200 when ready, 503 when not, with the reasons as JSON) and `GET /metrics`
 * (Prometheus text format) for orchestrators and monitoring. Binds to the given host only.
 */
export async function startOpsServer(options: { port: number; host: string; health: () => Promise<Health>; metrics: Metrics; logger: Logger }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/healthz') {
      options.health().then(
        (health) => res.writeHead(health.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health)),
        (err: unknown) => {
          options.logger.error({ err }, 'cannot work out health');
          res.writeHead(500).end();
        },
      );
    } else if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        (err: unknown) => {
          options.logger.error({ err }, 'cannot collect metrics');
          res.writeHead(500).end();
        },
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('try /healthz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ port, host: options.host }, 'health and metrics listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

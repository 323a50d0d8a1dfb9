import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface TestServer {
  url: string;
  /** Headers of every request the server saw, in order. */
  requests: IncomingHttpHeaders[];
}

/**
 * A local HTTP server for one test, closed in t.after. It fails the test's assertion on any
 * request that carries a Cookie or Authorization header: the fetcher must never send one.
 */
export async function serve(t: TestContext, handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<TestServer> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    if (req.headers.cookie !== undefined || req.headers.authorization !== undefined) {
      res.statusCode = 400;
      res.end('credentials sent');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, requests };
}

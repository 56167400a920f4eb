/**
 * A small round-robin HTTP proxy standing in for a Kubernetes Service: it sends requests only to
 * backends whose /ready answered 200 at the last probe (every 100 ms, like a readiness probe with
 * a short period). A connection the backend refused carried no request, so it is retried on the
 * next backend, as nginx (`proxy_next_upstream error`) and Envoy do; nothing else is retried.
 * Each proxied request uses a fresh upstream connection, so no request rides a keep-alive socket
 * the backend is closing.
 */
import http from 'node:http';

export type Backend = { url: string; ready: boolean };

export type RoundRobinProxy = {
  url: string;
  add(url: string): void;
  remove(url: string): void;
  backends(): Backend[];
  close(): Promise<void>;
};

export async function startProxy(initial: string[]): Promise<RoundRobinProxy> {
  const backends: Backend[] = initial.map((url) => ({ url, ready: true }));
  let turn = 0;

  const probe = setInterval(() => {
    for (const backend of backends) {
      const request = http.get(`${backend.url}/ready`, { timeout: 500 }, (response) => {
        backend.ready = response.statusCode === 200;
        response.resume();
      });
      request.on('error', () => {
        backend.ready = false;
      });
      request.on('timeout', () => request.destroy());
    }
  }, 100);

  function pick(exclude: Set<string>): Backend | undefined {
    const candidates = backends.filter((backend) => backend.ready && !exclude.has(backend.url));
    if (candidates.length === 0) return undefined;
    return candidates[turn++ % candidates.length];
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<string>();
      const attempt = () => {
        const backend = pick(tried);
        if (!backend) {
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end('{"error":{"code":"backend_unavailable","message":"no ready backend"}}');
          return;
        }
        tried.add(backend.url);
        const upstream = http.request(
          `${backend.url}${request.url}`,
          {
            method: request.method,
            headers: { ...request.headers, connection: 'close' },
            agent: false,
          },
          (upstreamResponse) => {
            const headers = { ...upstreamResponse.headers };
            delete headers.connection;
            response.writeHead(upstreamResponse.statusCode ?? 502, headers);
            upstreamResponse.pipe(response);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED') {
            backend.ready = false;
            attempt();
            return;
          }
          if (!response.headersSent) {
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end(
              JSON.stringify({ error: { code: 'backend_unavailable', message: String(error) } }),
            );
          } else response.destroy();
        });
        upstream.end(body);
      };
      attempt();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    add(url) {
      backends.push({ url, ready: true });
    },
    remove(url) {
      const index = backends.findIndex((backend) => backend.url === url);
      if (index >= 0) backends.splice(index, 1);
    },
    backends: () => backends.map((backend) => ({ ...backend })),
    async close() {
      clearInterval(probe);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The web server: one origin for the browser (ADR 013). `/api/*` (but `/api/health`) goes to the
 * API through a framing proxy; everything else is Next.js. Next runs inside this process through
 * its documented custom-server API, so this file sees each request's socket first and can set the
 * forwarded headers from it before anything else reads them.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendUrl } from '../lib/env.server';
import { apiTarget, createApiProxy, sendJsonError } from './api-proxy';
import { setForwardedHeaders } from './forwarded-headers';

const dir = dirname(fileURLToPath(import.meta.url));
const port = Number.parseInt(process.env.PORT ?? '', 10) || 3000;
const hostname = process.env.HOSTNAME || '0.0.0.0';
/** How long SIGTERM waits for in-flight requests before exiting anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main() {
  Object.assign(process.env, { NODE_ENV: 'production' });
  process.chdir(dir);
  // What Next's generated standalone server.js does: the build's config, not next.config.ts.
  const { config } = JSON.parse(
    readFileSync(join(dir, '.next', 'required-server-files.json'), 'utf8'),
  ) as { config: Record<string, unknown> };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  const { default: next } = await import('next');
  const app = next({ dev: false, dir, hostname, port, conf: config });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const forwardToApi = createApiProxy(backendUrl);
  // Off unless asked for (the chart's mcp.public): /mcp stays off the public origin by default.
  const publicMcp = process.env.MCP_PUBLIC === 'true';
  const server = createServer((request, response) => {
    setForwardedHeaders(request);
    const path = apiTarget(request.url ?? '/', publicMcp);
    if (path) {
      forwardToApi(request, response, path);
      return;
    }
    handleWithNext(request, response).catch((error: unknown) => {
      console.error('request failed', error);
      sendJsonError(response, 500, 'internal_error', 'Internal server error');
    });
  });
  // Longer than a load balancer's idle timeout, so it never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    // instrumentation.ts says which setting gave the API address.
    console.log(`web: listening on http://${hostname}:${port}`);
  });

  const shutdown = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_TIMEOUT_MS).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('web: failed to start', error);
  process.exit(1);
});

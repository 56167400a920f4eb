import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startWeb } from '../support/servers';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A stand-in API that records what reached it and answers like the real one would. */
function fakeBackend(name: string) {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      const path = (request.url ?? '').split('?')[0];
      if (path === '/api/v1/cookies') {
        response.setHeader('set-cookie', [
          'a=1; Path=/; HttpOnly',
          'b=2; Path=/',
          'c=3; Path=/; SameSite=Lax',
        ]);
        response.setHeader('proxy-authenticate', 'Basic realm="api"');
        return response.end('{}');
      }
      if (path === '/api/v1/stream') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        let sent = 0;
        const timer = setInterval(() => {
          response.write(`data: chunk ${sent}\n\n`);
          if (++sent === 4) {
            clearInterval(timer);
            response.end();
          }
        }, 400);
        return;
      }
      if (path === '/api/v1/empty') {
        response.writeHead(204);
        return response.end();
      }
      response.writeHead(path === '/api/v1/missing' ? 404 : 200, {
        'content-type': 'application/json',
      });
      response.end(
        JSON.stringify({ backend: name, method: request.method, url: request.url, body }),
      );
    });
  });
  return {
    seen,
    server,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Raw request through node:http, so hop-by-hop headers can be sent at all. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const request = http.get(url, { headers }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      request.on('error', reject);
    },
  );
}

describe.sequential('one-origin proxy (/api/* → BACKEND_URL)', () => {
  const one = fakeBackend('one');
  const two = fakeBackend('two');
  let urlOne: string;
  let urlTwo: string;
  let web: Running | undefined;

  beforeAll(async () => {
    [urlOne, urlTwo] = await Promise.all([one.listen(), two.listen()]);
  });

  afterAll(async () => {
    await web?.stop();
    await Promise.all([one.close(), two.close()]);
  });

  it('forwards method, path, query, body and cookies, sets x-forwarded-*, drops hop-by-hop', async () => {
    web = await startWeb(urlOne);
    const response = await fetch(`${web.url}/api/v1/tasks?status=pending&q=a%20b`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: 'better-auth.session_token=abc',
        origin: web.url,
        // A client's own claims: kept as history, never as the last (trusted) entry.
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      backend: 'one',
      method: 'POST',
      body: '{"title":"x"}',
    });
    // Next normalises the query string's encoding ("%20" may become "+"); the values are kept.
    const forwarded = new URL(one.seen.at(-1)?.url ?? '', 'http://x');
    expect(forwarded.pathname).toBe('/api/v1/tasks');
    expect(Object.fromEntries(forwarded.searchParams)).toEqual({ status: 'pending', q: 'a b' });
    const headers = one.seen.at(-1)?.headers ?? {};
    expect(headers.cookie).toBe('better-auth.session_token=abc');
    expect(headers.origin).toBe(web.url);
    expect(headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(new URL(web.url).host);

    await rawGet(`${web.url}/api/v1/echo`, {
      'keep-alive': 'timeout=99',
      'proxy-authorization': 'Basic c2VjcmV0',
      te: 'trailers',
      'x-end-to-end': 'kept',
    });
    const raw = one.seen.at(-1)?.headers ?? {};
    expect(raw['x-end-to-end']).toBe('kept');
    expect(raw['proxy-authorization']).toBeUndefined();
    expect(raw['keep-alive']).toBeUndefined();
    expect(raw.te).toBeUndefined();
  });

  it('passes every Set-Cookie back, and the cookies make the round trip', async () => {
    const response = await fetch(`${web?.url}/api/v1/cookies`);
    expect(response.headers.getSetCookie()).toEqual([
      'a=1; Path=/; HttpOnly',
      'b=2; Path=/',
      'c=3; Path=/; SameSite=Lax',
    ]);
    expect(response.headers.get('proxy-authenticate')).toBeNull();
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    await fetch(`${web?.url}/api/v1/echo`, { headers: { cookie } });
    expect(one.seen.at(-1)?.headers.cookie).toBe('a=1; b=2; c=3');
  });

  it('keeps status codes, including bodiless ones', async () => {
    expect((await fetch(`${web?.url}/api/v1/missing`)).status).toBe(404);
    const empty = await fetch(`${web?.url}/api/v1/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
  });

  it('streams a response in chunks as they are written, not all at the end', async () => {
    const started = Date.now();
    const response = await fetch(`${web?.url}/api/v1/stream`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const arrivals: number[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arrivals.push(Date.now() - started);
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('data: chunk 3');
    // The fake writes every 400 ms: the first chunk must arrive long before the last.
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect(arrivals[0]).toBeLessThan(1_000);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(800);
  });

  it('reads BACKEND_URL at run time: a second start of the same build uses the new one', async () => {
    await web?.stop();
    web = await startWeb(urlTwo);
    const response = await fetch(`${web.url}/api/v1/echo`);
    expect(((await response.json()) as { backend: string }).backend).toBe('two');
  });

  it('API stopped: 502 backend_unavailable JSON fast, /api/health still up, a friendly page', async () => {
    await two.close();
    const started = Date.now();
    const response = await fetch(`${web?.url}/api/v1/tasks`);
    expect(response.status).toBe(502);
    // Names no address: the body reaches any visitor.
    expect(await response.json()).toEqual({
      error: { code: 'backend_unavailable', message: 'The API is unreachable' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);

    const health = await fetch(`${web?.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy' });

    const page = await fetch(`${web?.url}/`, {
      headers: { cookie: 'better-auth.session_token=abc' },
    });
    const html = await page.text();
    expect(html).toContain('data-testid="backend-unavailable"');
    expect(html).toContain('can’t reach the task service');
  });
});

describe.sequential('MCP on the public origin (/mcp, /.well-known/oauth-*)', () => {
  const backend = fakeBackend('api');
  let url: string;
  let web: Running | undefined;
  const mcpPaths = [
    '/mcp',
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/mcp',
    '/.well-known/oauth-authorization-server',
    '/.well-known/oauth-authorization-server/api/auth',
  ];

  beforeAll(async () => {
    url = await backend.listen();
  });
  afterAll(async () => {
    await web?.stop();
    await backend.close();
  });

  it('forwards /mcp and the OAuth discovery documents to the API, nothing else of /.well-known', async () => {
    web = await startWeb(url, { MCP_PUBLIC: 'true' });
    for (const path of mcpPaths) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toMatchObject({ backend: 'api', url: path });
    }
    const posted = await fetch(`${web.url}/mcp`, { method: 'POST', body: '{"jsonrpc":"2.0"}' });
    expect(await posted.json()).toMatchObject({ method: 'POST', body: '{"jsonrpc":"2.0"}' });
    const before = backend.seen.length;
    for (const path of [
      '/.well-known/other',
      '/mcpx',
      '/.well-known/oauth-protected-resource/../../docs',
    ]) {
      await fetch(`${web.url}${path}`);
    }
    expect(backend.seen.slice(before).map((seen) => seen.url)).toEqual([]);
    await web.stop();
  });

  it("without MCP_PUBLIC=true (the chart's default mcp.public=false) they stay off the public origin", async () => {
    for (const env of [{}, { MCP_PUBLIC: 'false' }] as Record<string, string>[]) {
      web = await startWeb(url, env);
      const before = backend.seen.length;
      for (const path of mcpPaths) {
        expect((await fetch(`${web.url}${path}`)).status, path).toBe(404);
      }
      expect(backend.seen.length).toBe(before);
      await web.stop();
      web = undefined;
    }
  });
});

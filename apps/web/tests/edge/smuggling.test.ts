import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { head, parseResponses, rawExchange } from '../support/raw-http';
import { type Running, startApp } from '../support/servers';

/**
 * Request smuggling and framing through the web origin, against the real API behind the web
 * server's proxy. Each attack is sent from its own loopback address; after it, the victim's next
 * requests must get their own answers and the victim's data must be unchanged.
 */
describe.sequential('the web origin frames every request (no smuggling)', () => {
  let app: Running;
  let host: string;
  let victimCookie: string;
  let victimTaskId: number;

  const victimRequest = (path: string) =>
    fetch(`${app.url}${path}`, { headers: { cookie: victimCookie } });

  /** The victim, several times over, as the next user on the web server's upstream pool. */
  async function expectVictimUnharmed() {
    for (let round = 0; round < 4; round += 1) {
      const response = await victimRequest(`/api/v1/tasks/${victimTaskId}`);
      expect(response.status).toBe(200);
      const task = (await response.json()) as { id: number; title: string };
      expect(task).toMatchObject({ id: victimTaskId, title: 'victim task' });
    }
    const list = (await (await victimRequest('/api/v1/tasks')).json()) as { total: number };
    expect(list.total).toBe(1);
  }

  beforeAll(async () => {
    app = await startApp();
    host = new URL(app.url).host;
    const signUp = await fetch(`${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({
        email: `victim-${Date.now()}@example.com`,
        password: 'correct-horse-battery',
        name: 'Victim',
      }),
    });
    expect(signUp.status).toBe(200);
    victimCookie = signUp.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const created = await fetch(`${app.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { cookie: victimCookie, origin: app.url, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'victim task' }),
    });
    expect(created.status).toBe(201);
    victimTaskId = ((await created.json()) as { id: number }).id;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a chunked DELETE whose body holds an unfinished request for the next user', async () => {
    const smuggled = `DELETE /api/v1/tasks/${victimTaskId} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.url}\r\nX-Ignore: `;
    const attack = `${head(
      'DELETE /api/v1/tasks/999999 HTTP/1.1',
      `Host: ${host}`,
      `Origin: ${app.url}`,
      'Transfer-Encoding: chunked',
    )}${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const [answer] = parseResponses(
      await rawExchange(app.url, attack, { localAddress: '127.0.0.21' }),
    );
    expect(answer?.status).toBe(400);
    expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({ error: { code: 'validation_error' } });
    await expectVictimUnharmed();
  });

  it('refuses a GET with a Content-Length body, and the next user is not broken by it', async () => {
    const body = 'GET /docs/json HTTP/1.1\r\n';
    const attack =
      head('GET /api/v1/tasks HTTP/1.1', `Host: ${host}`, `Content-Length: ${body.length}`) + body;
    const [answer] = parseResponses(
      await rawExchange(app.url, attack, { localAddress: '127.0.0.22' }),
    );
    expect(answer?.status).toBe(400);
    await expectVictimUnharmed();
  });

  it('answers pipelined requests in order, each with its own answer', async () => {
    const requests =
      head('GET /api/v1/tasks HTTP/1.1', `Host: ${host}`, `Cookie: ${victimCookie}`) +
      head('GET /api/health HTTP/1.1', `Host: ${host}`) +
      head('GET /api/v1/tasks HTTP/1.1', `Host: ${host}`);
    const answers = parseResponses(
      await rawExchange(app.url, requests, { localAddress: '127.0.0.23' }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401]);
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({ total: 1 });
    expect(JSON.parse(answers[1]?.body ?? '{}')).toEqual({ status: 'healthy' });
    await expectVictimUnharmed();
  });

  it('refuses Transfer-Encoding together with Content-Length', async () => {
    const inner = head(`DELETE /api/v1/tasks/${victimTaskId} HTTP/1.1`, `Host: ${host}`);
    const attack = `${head(
      'POST /api/v1/tasks HTTP/1.1',
      `Host: ${host}`,
      'Content-Type: application/json',
      'Content-Length: 4',
      'Transfer-Encoding: chunked',
    )}0\r\n\r\n${inner}`;
    const answers = parseResponses(
      await rawExchange(app.url, attack, { localAddress: '127.0.0.24' }),
    );
    expect(answers[0]?.status).toBe(400);
    expect(answers).toHaveLength(1);
    await expectVictimUnharmed();
  });

  it('refuses obs-folded (line-continued) headers', async () => {
    const attack =
      'POST /api/v1/tasks HTTP/1.1\r\n' +
      `Host: ${host}\r\n` +
      'Content-Type: application/json\r\n' +
      'X-Folded: a\r\n Transfer-Encoding: chunked\r\n' +
      'Content-Length: 2\r\n\r\n{}';
    const answers = parseResponses(
      await rawExchange(app.url, attack, { localAddress: '127.0.0.25' }),
    );
    expect(answers[0]?.status).toBe(400);
    await expectVictimUnharmed();
  });

  it('forwards only /api/*: the API’s /docs, /metrics and /mcp are not reachable through the web origin', async () => {
    for (const path of [
      '/docs/json',
      '/metrics',
      '/mcp',
      '/api/../docs/json',
      '/api/%2e%2e/metrics',
    ]) {
      const raw = await rawExchange(
        app.url,
        head(`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close'),
        {
          localAddress: '127.0.0.26',
        },
      );
      const [answer] = parseResponses(raw);
      expect(answer?.status, path).toBe(404);
      expect(answer?.body, path).not.toMatch(/openapi|process_cpu|jsonrpc/);
    }
  });

  it('answers 413 itself for a body over the API’s limit, by Content-Length, and the connection stays usable', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(2_000_000) });
    const requests =
      head(
        'POST /api/v1/tasks HTTP/1.1',
        `Host: ${host}`,
        'Content-Type: application/json',
        `Content-Length: ${big.length}`,
        `Origin: ${app.url}`,
      ) +
      big +
      head('GET /api/health HTTP/1.1', `Host: ${host}`);
    const answers = parseResponses(
      await rawExchange(app.url, requests, { localAddress: '127.0.0.27', idleMs: 3_000 }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([413, 200]);
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({
      error: { code: 'payload_too_large' },
    });
  });

  it('answers 413 while streaming a chunked body over the limit, and the connection stays usable', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from(
      { length: 8 },
      () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`,
    ).join('');
    const requests =
      head(
        'POST /api/v1/tasks HTTP/1.1',
        `Host: ${host}`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
        `Origin: ${app.url}`,
      ) +
      `${chunks}0\r\n\r\n` +
      head('GET /api/health HTTP/1.1', `Host: ${host}`);
    const answers = parseResponses(
      await rawExchange(app.url, requests, { localAddress: '127.0.0.28', idleMs: 3_000 }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([413, 200]);
  });
});

import { describe, expect, it } from 'vitest';
import { createTestApp, WEB_ORIGIN } from './support/test-app.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, signUp } from './support/users.js';

const { t } = useTestApp({ env: { CORS_ORIGINS: 'http://localhost:30080' } });

describe('operations endpoints', () => {
  it('answers /health and /ready', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'healthy' });
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('exposes Prometheus metrics with a request histogram labelled by route pattern', async () => {
    const user = await signUp(t.app, 'metrics');
    await t.app.inject({ method: 'GET', url: '/api/v1/tasks/12345', headers: asUser(user) });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(response.body).toMatch(/process_cpu_user_seconds_total/);
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tasks\/:id",status_code="404"\} 1/,
    );
    // The concrete path never becomes a label (a duration may well contain the digits).
    expect(response.body).not.toContain('tasks/12345');
  });

  it('serves the OpenAPI document generated from the zod schemas, and its UI', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/tasks/', '/api/v1/tasks/{id}']),
    );
    const create = doc.paths['/api/v1/tasks/'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toContain('title');
    expect(schema.properties.priority.enum ?? schema.properties.priority.anyOf).toBeTruthy();
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('returns a caller-supplied x-request-id and makes one otherwise', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and CORS for trusted origins only', async () => {
    const trusted = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/tasks',
      headers: { origin: 'http://localhost:30080', 'access-control-request-method': 'POST' },
    });
    expect(trusted.headers['access-control-allow-origin']).toBe('http://localhost:30080');
    expect(trusted.headers['access-control-allow-credentials']).toBe('true');
    const untrusted = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/tasks',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(untrusted.headers['access-control-allow-origin']).toBeUndefined();
    const plain = await t.app.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('logs JSON with the request id and never a cookie, token or password', async () => {
    t.logs.length = 0;
    const email = `redact-${Date.now()}@example.test`;
    const password = 'super-secret-password-42';
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: WEB_ORIGIN, 'x-request-id': 'redaction-check' },
      payload: { email, password, name: 'Redact' },
    });
    const token = String(signup.headers['set-auth-token']);
    const [cookie = ''] = String(signup.headers['set-cookie']).split(';');
    const [, cookieValue = ''] = cookie.split('=');
    expect(cookieValue).not.toBe('');
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${token}`, cookie, 'x-request-id': 'redaction-check' },
    });
    // A refused request is logged (with its id) at info; the credentials it carried are not.
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${token}x`, 'x-request-id': 'redaction-check' },
    });
    const lines = t.logs.map((line) => JSON.parse(line));
    expect(lines.some((line) => line.reqId === 'redaction-check' && line.code)).toBe(true);
    const all = t.logs.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(token);
    expect(all).not.toContain(cookieValue);
  });
});

describe('request logging', () => {
  it('writes nothing per successful request at info, a line per request at debug', async () => {
    const user = await signUp(t.app);
    t.logs.length = 0;
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: asUser(user) });
    expect(list.statusCode).toBe(200);
    expect(t.logs).toEqual([]);

    const verbose = await createTestApp({ LOG_LEVEL: 'debug' });
    try {
      const other = await signUp(verbose.app);
      const listed = await verbose.app.inject({
        method: 'GET',
        url: '/api/v1/tasks',
        headers: { ...asUser(other), 'x-request-id': 'debug-line' },
      });
      expect(listed.statusCode).toBe(200);
      const lines = verbose.logs.map((line) => JSON.parse(line));
      expect(lines.filter((line) => line.reqId === 'debug-line').map((line) => line.msg)).toEqual([
        'incoming request',
        'request completed',
      ]);
    } finally {
      await verbose.close();
    }
  });
});

describe('global rate limit', () => {
  const { t: limited } = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });

  it('answers 429 in the error shape once a client exceeds the limit; health probes are exempt', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await limited.app.inject({ method: 'GET', url: '/api/v1/tasks' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limitedResponse = await limited.app.inject({ method: 'GET', url: '/api/v1/tasks' });
    expect(limitedResponse.json().error.code).toBe('rate_limited');
    expect((await limited.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    // Another client (as the web proxy reports it) has its own bucket.
    const other = await limited.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(other.statusCode).toBe(401);
  });
});

/**
 * Abuse: sign-in brute force → 429 after the configured limit; a cross-site
 * POST without a trusted Origin is rejected; oversized and slow (slowloris-style, bounded) requests
 * do not block other clients.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import {
  type ApiProcess,
  bearer,
  call,
  type Stack,
  sleep,
  startStackWithUsers,
  type User,
  WEB_ORIGIN,
} from './support/stack.js';

const AUTH_LIMIT = 5;

describe.skipIf(!hasPostgresServer())('abuse', () => {
  let stack: Stack<'victim'>;
  let api: ApiProcess;
  let user: User;

  beforeAll(async () => {
    const env = { AUTH_RATE_LIMIT_MAX: String(AUTH_LIMIT) };
    stack = await startStackWithUsers('abuse', ['victim'], env);
    ({ api } = stack);
    user = stack.users.victim;
  });

  afterAll(() => stack?.stop(import.meta.filename));

  const signIn = (password: string, headers: Record<string, string> = {}) =>
    call(`${api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: WEB_ORIGIN, ...headers },
      json: { email: user.email, password },
    });

  it(`sign-in brute force: 429 after ${AUTH_LIMIT} attempts a minute, even with the right password`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_LIMIT + 5; i++) statuses.push((await signIn(`wrong-${i}`)).status);
    expect(statuses.slice(0, AUTH_LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(AUTH_LIMIT)).toEqual(Array(5).fill(429));
    const right = await signIn(user.password);
    expect(right.status).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
  });

  it('cross-site requests without a trusted Origin are rejected', async () => {
    const evil = 'https://evil.example';
    // A form post from another site carrying the victim's cookie.
    const create = await call(`${api.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { cookie: user.cookie, origin: evil },
      json: { title: 'planted by evil.example' },
    });
    expect(create.status).toBe(403);
    const list = await call(`${api.url}/api/v1/tasks?q=planted`, { headers: bearer(user) });
    expect(list.json().total).toBe(0);
    // Better Auth's own routes refuse it too (sign-out, sign-up).
    const signOut = await call(`${api.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: user.cookie, origin: evil },
    });
    expect(signOut.status).toBe(403);
    const signUpEvil = await call(`${api.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { origin: evil },
      json: { email: 'evil@example.test', password: 'password-1234', name: 'evil' },
    });
    expect(signUpEvil.status).toBe(403);
    // CORS does not grant the foreign origin.
    const preflight = await fetch(`${api.url}/api/v1/tasks`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe(evil);
    // The web app's origin and bearer clients still work.
    const fromWeb = await call(`${api.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { cookie: user.cookie, origin: WEB_ORIGIN },
      json: { title: 'from the web app' },
    });
    expect(fromWeb.status).toBe(201);
  });

  /** Median latency of `n` sequential list requests from a well-behaved client. */
  async function probeLatency(n: number): Promise<{ worst: number; statuses: Set<number> }> {
    let worst = 0;
    const statuses = new Set<number>();
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const reply = await call(`${api.url}/api/v1/tasks?limit=5`, { headers: bearer(user) });
      worst = Math.max(worst, performance.now() - started);
      statuses.add(reply.status);
      await sleep(20);
    }
    return { worst, statuses };
  }

  it('oversized bodies are refused with 413 while others are served', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const [oversized, probe] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, () =>
          call(`${api.url}/api/v1/tasks`, {
            method: 'POST',
            headers: { ...bearer(user), 'content-type': 'application/json' },
            body: `{"title":"${big}"}`,
          }).catch((error) => ({ status: 0, text: String(error) })),
        ),
      ),
      probeLatency(30),
    ]);
    // A client that keeps sending after the 413 may see the connection closed instead.
    for (const reply of oversized) expect([0, 413]).toContain(reply.status);
    expect(oversized.some((reply) => reply.status === 413)).toBe(true);
    expect([...probe.statuses]).toEqual([200]);
    expect(probe.worst).toBeLessThan(1_000);
  });

  it('slowloris: 200 connections trickling headers and bodies do not block other clients', async () => {
    const sockets: net.Socket[] = [];
    let closedByServer = 0;
    for (let i = 0; i < 200; i++) {
      const socket = net.connect(api.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.on('close', () => closedByServer++);
      socket.write(
        i % 2 === 0
          ? 'GET /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n'
          : `POST /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"title":"`,
      );
      sockets.push(socket);
    }
    let trickling = true;
    const trickle = (async () => {
      while (trickling) {
        for (const [i, socket] of sockets.entries()) {
          if (!socket.destroyed) socket.write(i % 2 === 0 ? 'X-Slow: a\r\n' : 'a');
        }
        await sleep(500);
      }
    })();
    const probe = await probeLatency(100);
    trickling = false;
    await trickle;
    for (const socket of sockets) socket.destroy();
    console.log(
      `slowloris: probe worst ${probe.worst.toFixed(0)} ms; ${closedByServer} of 200 slow sockets closed by the server during the probe`,
    );
    expect([...probe.statuses]).toEqual([200]);
    expect(probe.worst).toBeLessThan(1_000);
    expect((await call(`${api.url}/ready`)).status).toBe(200);
  });
});

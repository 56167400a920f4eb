import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, repoRoot, startApp } from '../support/servers';

describe('npm start (scripts/start.mjs)', () => {
  it('starts API and web, answers on the printed URL, and SIGTERM stops both cleanly', async () => {
    const app = await startApp();
    expect(app.output()).toMatch(/\[start\] ready: http:\/\/localhost:\d+/);
    const health = await fetch(`${app.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'healthy' });
    // Through the web's proxy to the API: Better Auth answers (no session yet).
    const session = await fetch(`${app.url}/api/auth/get-session`);
    expect(session.status).toBe(200);

    expect(await app.stop()).toBe(0);
    expect(app.output()).toContain('stopping (SIGTERM)');
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
  });

  it('says which port is taken and exits non-zero', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    try {
      const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'start.mjs')], {
        env: { ...process.env, WEB_PORT: String(port), API_PORT: String(await freePort()) },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`port ${port} is already in use`);
      expect(result.stderr).toContain('web server');
    } finally {
      blocker.close();
    }
  });
});

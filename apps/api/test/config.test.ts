import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, trustedOrigins } from '../src/config/env.js';
import { startApiProcess } from './support/api-process.js';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));

function problems(env: Record<string, string>): string[] {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('needs no variable at all on a laptop', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 8000,
      ENVIRONMENT: 'development',
      DATA_DIR: './.data',
      LLM_PROVIDER: 'auto',
      SESSION_CACHE_TTL_MS: 5_000,
      SHUTDOWN_DRAIN_MS: 2_000,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(trustedOrigins(env)).toEqual(['http://localhost:3000']);
  });

  it('treats empty strings as unset (blank ConfigMap keys), defaults included', () => {
    const env = loadEnv({
      DATABASE_URL: '',
      OPENAI_API_KEY: '',
      CORS_ORIGINS: '',
      PORT: '',
      LOG_LEVEL: '',
      MCP_ALLOWED_HOSTS: '',
      SESSION_CACHE_TTL_MS: '',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.CORS_ORIGINS).toBeUndefined();
    expect(env.MCP_ALLOWED_HOSTS).toBeUndefined();
    expect(env.PORT).toBe(8000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.SESSION_CACHE_TTL_MS).toBe(5_000);
  });

  it('parses CORS_ORIGINS into origins', () => {
    const env = loadEnv({ CORS_ORIGINS: 'http://localhost:30080/, https://todo.example.com' });
    expect(trustedOrigins(env)).toEqual([
      'http://localhost:3000',
      'http://localhost:30080',
      'https://todo.example.com',
    ]);
  });

  it('names every bad key at once, without echoing values', () => {
    const found = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://u:hunter2@db/x',
      LOG_LEVEL: 'loud',
      LLM_PROVIDER: 'skynet',
      CORS_ORIGINS: 'not a url',
      SHUTDOWN_DRAIN_MS: 'soon',
      SESSION_CACHE_TTL_MS: '-1',
    });
    expect(found.map((line) => line.split(':')[0])).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'LOG_LEVEL',
        'LLM_PROVIDER',
        'CORS_ORIGINS',
        'SHUTDOWN_DRAIN_MS',
        'SESSION_CACHE_TTL_MS',
      ]),
    );
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('refuses production without a BETTER_AUTH_SECRET of at least 32 characters', () => {
    expect(problems({ ENVIRONMENT: 'production' })).toEqual([
      expect.stringMatching(/^BETTER_AUTH_SECRET: is required when ENVIRONMENT=production/),
    ]);
    expect(problems({ ENVIRONMENT: 'production', BETTER_AUTH_SECRET: 'short' })[0]).toMatch(
      /BETTER_AUTH_SECRET.*32/,
    );
    expect(problems({ ENVIRONMENT: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('refuses the published example secrets, a short MCP key and a session cache TTL over 30 s', () => {
    expect(
      problems({
        ENVIRONMENT: 'production',
        BETTER_AUTH_SECRET: 'change-me-to-a-random-string-of-32-chars-or-more',
      })[0],
    ).toMatch(/^BETTER_AUTH_SECRET: is the published example value/);
    expect(problems({ MCP_API_KEY: 'k'.repeat(31), MCP_DEFAULT_USER_ID: 'u' })[0]).toMatch(
      /^MCP_API_KEY: must be at least 32/,
    );
    expect(problems({ SESSION_CACHE_TTL_MS: '300000' })[0]).toMatch(/^SESSION_CACHE_TTL_MS/);
    expect(problems({ SESSION_CACHE_TTL_MS: '30000' })).toEqual([]);
    expect(problems({ TRUST_PROXY_HOPS: '-1' })[0]).toMatch(/^TRUST_PROXY_HOPS/);
    expect(problems({ CHAT_MAX_MESSAGES_PER_DAY: 'lots' })[0]).toMatch(
      /^CHAT_MAX_MESSAGES_PER_DAY/,
    );
  });

  it('requires MCP_DEFAULT_USER_ID with MCP_API_KEY', () => {
    expect(problems({ MCP_API_KEY: 'k'.repeat(32) })[0]).toMatch(/^MCP_DEFAULT_USER_ID/);
  });

  it('makes the server exit non-zero with one message naming each bad key', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: apiRoot,
      env: {
        PATH: process.env.PATH,
        ENVIRONMENT: 'production',
        PORT: '99999',
        DATA_DIR: '/tmp/never-used',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Invalid configuration/);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/BETTER_AUTH_SECRET/);
  });

  it('starts with blank optional keys, as a ConfigMap or .env may leave them', async () => {
    const api = await startApiProcess({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'todo-blank-env-')),
      OPENAI_BASE_URL: '',
      OPENAI_API_KEY: '',
      LLM_MODEL: '',
      DATABASE_URL: '',
    });
    try {
      expect((await fetch(`${api.url}/ready`)).status).toBe(200);
    } finally {
      expect(await api.stop()).toBe(0);
    }
    // A fresh PGlite runs initdb in WebAssembly first: seconds, more on a busy machine.
  }, 90_000);
});

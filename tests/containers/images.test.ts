/**
 * What `docker inspect` and the image layers show: non-root user, exposed port, node-based
 * healthcheck, OCI labels, exec-form CMD with the app as PID 1; no `.env`, `.data`, tests, source
 * maps or the fake secret planted at build time in any layer; sizes within the goals.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DOCKER, docker, exec, inspect } from './support/docker.js';

const images = inject('images');
const MB = 1e6;

type Config = {
  User: string;
  ExposedPorts: Record<string, object>;
  Healthcheck?: { Test: string[] };
  Labels: Record<string, string>;
  Cmd: string[];
  Entrypoint: string[] | null;
  Env: string[];
  WorkingDir: string;
};

const variants = [
  { image: images.backend, base: images.runtimeImage, port: '8000/tcp', path: '/health', goal: 30 },
  {
    image: images.frontend,
    base: images.runtimeImage,
    port: '3000/tcp',
    path: '/api/health',
    goal: 50,
  },
  {
    image: images.backendDebian,
    base: images.nodeImage,
    port: '8000/tcp',
    path: '/health',
    goal: 30,
  },
  {
    image: images.frontendDebian,
    base: images.nodeImage,
    port: '3000/tcp',
    path: '/api/health',
    goal: 50,
  },
];

describe.each(variants)('$image', ({ image, base, port, path, goal }) => {
  const config = inspect<Config>(image, '.Config');

  it('runs as UID/GID 1001, exposes its port, checks health with node, carries OCI labels', () => {
    expect(config.User).toBe('1001:1001');
    expect(Object.keys(config.ExposedPorts)).toEqual([port]);
    expect(config.Healthcheck?.Test[0]).toBe('CMD');
    expect(config.Healthcheck?.Test[1]).toBe('node');
    expect(config.Healthcheck?.Test.join(' ')).toContain(path);
    expect(config.Labels['org.opencontainers.image.version']).toBe(images.version);
    expect(config.Labels['org.opencontainers.image.revision']).toMatch(
      /^([0-9a-f]{40}(-dirty)?|unknown)$/,
    );
    expect(config.Labels).toHaveProperty(['org.opencontainers.image.source']);
    expect(config.Labels['org.opencontainers.image.title']).toMatch(/^todo-(backend|frontend)$/);
    // exec form, no shell or entrypoint wrapper: node is PID 1 and receives SIGTERM itself
    expect(config.Entrypoint ?? []).toEqual([]);
    expect(config.Cmd[0]).toBe('node');
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toContain('NODE_ENV=production');
  });

  it('contains no .env, .data, tests, source maps, dev tooling or the fake build-time secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-layers-'));
    try {
      docker('save', '-o', join(dir, 'image.tar'), image);
      exec('tar', ['-xf', join(dir, 'image.tar'), '-C', dir]);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        Config: string;
        Layers: string[];
      }[];
      const layers = manifest[0]?.Layers ?? [];
      const baseLayers = inspect<string[]>(base, '.RootFS.Layers').length;
      expect(layers.length).toBeGreaterThan(baseLayers);
      const offenders: string[] = [];
      for (const layer of layers.slice(baseLayers)) {
        const list = exec('tar', ['-tf', join(dir, layer)])
          .stdout.split('\n')
          .filter(Boolean);
        for (const entry of list) {
          const name = `/${entry.replace(/^\.?\//, '')}`;
          if (
            /\/\.env(\.|$)/.test(name) ||
            /\/\.data(\/|$)/.test(name) ||
            /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) ||
            /\/(test|tests|__tests__)\/$/.test(name) ||
            /\.map$/.test(name) ||
            /\/node_modules\/(decoy|typescript|esbuild|vitest|@biomejs|drizzle-kit|sharp|@img)\//.test(
              name,
            ) ||
            /^\/(src|run\/secrets)\//.test(name)
          ) {
            offenders.push(`${layer}: ${name}`);
          }
        }
        const unpacked = join(dir, `${layer.replace(/\W/g, '_')}.d`);
        exec('mkdir', ['-p', unpacked]);
        exec('tar', ['-xf', join(dir, layer), '-C', unpacked]);
        const grep = exec('grep', ['-rlF', images.fakeSecret, unpacked]);
        if (grep.stdout.trim()) offenders.push(`secret in ${grep.stdout.trim()}`);
      }
      const configJson = readFileSync(join(dir, manifest[0]?.Config ?? ''), 'utf8');
      if (configJson.includes(images.fakeSecret)) offenders.push('secret in the image config');
      if (configJson.includes('BEGIN CERTIFICATE')) offenders.push('CA bundle in the image config');
      expect(offenders).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`is at most its runtime base + ${goal} MB`, () => {
    const size = Number(docker('image', 'inspect', '--format', '{{.Size}}', image));
    const baseSize = Number(docker('image', 'inspect', '--format', '{{.Size}}', base));
    console.log(
      `${image}: ${(size / MB).toFixed(1)} MB = ${base} ${(baseSize / MB).toFixed(1)} MB + ${((size - baseSize) / MB).toFixed(1)} MB (goal ≤ +${goal} MB)`,
    );
    expect(size - baseSize).toBeLessThanOrEqual(goal * MB);
  });
});

describe('the distroless-style runtime', () => {
  it('has no shell: nothing but node and its libraries to exec', () => {
    for (const image of [images.backend, images.frontend]) {
      const res = exec(DOCKER, [
        'run',
        '--rm',
        '--network',
        'none',
        '--entrypoint',
        '/bin/sh',
        image,
        '-c',
        'true',
      ]);
      expect(res.status, `${image} has /bin/sh`).not.toBe(0);
    }
  });

  it('stays small: the backend bundle is one server file plus chunks, migrations and PGlite', () => {
    const out = exec(DOCKER, [
      'run',
      '--rm',
      '--network',
      'none',
      images.backend,
      'node',
      '-e',
      "const fs=require('fs');console.log(JSON.stringify(fs.readdirSync('/app').sort()));console.log(JSON.stringify(fs.readdirSync('/app/node_modules').concat(fs.readdirSync('/app/node_modules/@electric-sql'))))",
    ])
      .stdout.trim()
      .split('\n');
    expect(JSON.parse(out[0] ?? '[]')).toEqual([
      'chunks',
      'drizzle',
      'migrate.mjs',
      'node_modules',
      'server.mjs',
      'static',
    ]);
    expect(JSON.parse(out[1] ?? '[]')).toEqual(['@electric-sql', 'pglite']);
  });
});

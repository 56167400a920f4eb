/**
 * Throwaway PostgreSQL 15 clusters for tests: initdb as the `postgres` user (initdb refuses root)
 * under /tmp on a free port, removed afterwards. Used by the API, container and reliability suites.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function hasPostgresServer(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;
function asPostgres(command: string, args: string[]) {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

export type PostgresCluster = {
  port: number;
  /** Superuser URL to the `postgres` database. */
  url: string;
  urlFor(database: string): string;
  createDatabase(name?: string): Promise<string>;
  start(): void;
  stop(): void;
  destroy(): void;
};

export type ClusterOptions = { ssl?: boolean; listen?: string };

export async function startPostgres(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const dir = mkdtempSync('/tmp/todo-pg-');
  chmodSync(dir, 0o777);
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  const password = 'test-password';
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, password);
  chmodSync(pwfile, 0o644);
  asPostgres(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const settings = [
    `port = ${port}`,
    `listen_addresses = '${options.listen ?? '127.0.0.1'}'`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 200',
  ];
  if (options.ssl) {
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-x509',
        '-days',
        '2',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(data, 'server.key'),
        '-out',
        join(data, 'server.crt'),
      ],
      { stdio: 'ignore' },
    );
    if (asRoot)
      execFileSync('chown', [
        'postgres:postgres',
        join(data, 'server.key'),
        join(data, 'server.crt'),
      ]);
    chmodSync(join(data, 'server.key'), 0o600);
    settings.push('ssl = on');
  }
  const conf = join(data, 'postgresql.conf');
  writeFileSync(conf, `${settings.join('\n')}\n`, { flag: 'a' });
  if (options.listen && options.listen !== '127.0.0.1') {
    writeFileSync(join(data, 'pg_hba.conf'), 'host all all 0.0.0.0/0 scram-sha-256\n', {
      flag: 'a',
    });
  }
  const logfile = join(dir, 'log');
  const start = () =>
    asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-l', logfile, '-w', '-t', '30', 'start']);
  const stop = () => asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const urlFor = (database: string) =>
    `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  let counter = 0;
  return {
    port,
    url: urlFor('postgres'),
    urlFor,
    async createDatabase(name = `test_${process.pid}_${Date.now()}_${counter++}`) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

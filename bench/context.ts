/** What every bench section shares: the database, the API under test and its users. */
import type pg from 'pg';
import type { ChartSettings } from './chart-settings.js';
import type { BenchUser } from './fixtures.js';
import type { Server } from './servers.js';

export type BenchContext = {
  /** Length of each load run in seconds (BENCH_SECONDS). */
  seconds: number;
  databaseUrl: string;
  /** Superuser connection to the bench database (seeding, settings, EXPLAIN). */
  admin: pg.Client;
  /** The API as production runs it (bundled dist/server.mjs), pinned to the server core. */
  api: Server;
  /** A user with 1,000 tasks (list and get-session). */
  lister: BenchUser;
  /** A user whose tasks the create benchmark adds. */
  creator: BenchUser;
  /** Why the FastAPI peer cannot run here, or undefined when it can. */
  peerMissing?: string;
  /** What the Helm chart configures (NODE_OPTIONS, pool, PostgreSQL), or why it could not render. */
  chart: ChartSettings | { missing: string };
  /** RSS of the API process after start-up and sign-ups, before any load (MiB). */
  apiIdleRss: number;
};

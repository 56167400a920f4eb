import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { hasPostgresServer } from '../../tests/support/postgres.js';

// Every suite runs twice: on embedded PGlite and on a real PostgreSQL 15 server (a throwaway
// cluster). Under CI=true the real server is required; elsewhere it is used when installed.
const withPostgres = process.env.CI === 'true' || hasPostgresServer();

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.process.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                // Touches no database: once, in the PGlite project, is enough.
                exclude: ['test/regex-safety.test.ts'],
                globalSetup: ['test/setup/postgres-global.ts'],
                env: { TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});

import type { TestProject } from 'vitest/node';
import { type PostgresCluster, startPostgres } from '../../../../tests/support/postgres.js';

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject) {
  cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url);
}

export async function teardown() {
  cluster?.destroy();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

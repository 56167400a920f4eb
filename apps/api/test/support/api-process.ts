import { type NodeProcess, startApiFromSource } from '../../../../tests/support/processes.js';
import { TEST_SECRET } from './test-app.js';

export type ApiProcess = NodeProcess;

/** Starts the API from source as its own process, the way it runs in production. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  return startApiFromSource(
    {
      ENVIRONMENT: 'test',
      LOG_LEVEL: 'warn',
      BETTER_AUTH_SECRET: TEST_SECRET,
      AUTH_RATE_LIMIT_MAX: '1000',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    { timeoutMs: 30_000 },
  );
}

// Memory and connection settings the chart derives from the resources values (_sizing.tpl):
// PostgreSQL's args, DB_POOL_MAX and NODE_OPTIONS follow the limits and replica counts given.
import { describe, expect, test } from 'vitest';
import { containerEnv, type K8sObject, must, renderChart } from './render.ts';

function postgresArgs(objects: K8sObject[]): Record<string, string> {
  const statefulSet = objects.find((o) => o.kind === 'StatefulSet');
  const args: string[] = statefulSet?.spec.template.spec.containers[0].args ?? [];
  const settings: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    expect(args[i]).toBe('-c');
    const [name, value] = must(args[i + 1], `the value of -c at ${i}`).split('=');
    settings[must(name, 'a setting name')] = must(value, `the value of ${name}`);
  }
  return settings;
}

/**
 * Reminder connections of every API process: pg-boss's own pool (reminder-scheduler.ts: max 3)
 * and the notification hub's LISTEN connection (notification-hub.ts: 1).
 */
const REMINDER_QUEUE_POOL = 3 + 1;

describe('sizing from the resources values', () => {
  test("defaults: one API replica (+1 surging) × (DB_POOL_MAX + the reminders' 4) + Job + 10 connections; buffers from the limit", () => {
    const objects = renderChart();
    const api = containerEnv(objects, 'api');
    expect(api.DB_POOL_MAX).toBe('5');
    expect(postgresArgs(objects)).toEqual({
      max_connections: String((5 + REMINDER_QUEUE_POOL) * 2 + 1 + 10),
      shared_buffers: '128MB',
      effective_cache_size: '256MB',
    });
  });

  test('max_connections covers the most API replicas autoscaling may run', () => {
    const objects = renderChart({
      autoscaling: { enabled: true, api: { minReplicas: 2, maxReplicas: 8 } },
      api: { replicaCount: 2 },
    });
    const pool = Number(containerEnv(objects, 'api').DB_POOL_MAX) + REMINDER_QUEUE_POOL;
    expect(Number(postgresArgs(objects).max_connections)).toBe(pool * (8 + 1) + 1 + 10);
  });

  test('shared_buffers follows the PostgreSQL memory limit in any unit', () => {
    expect(
      postgresArgs(renderChart({ postgresql: { resources: { limits: { memory: '1Gi' } } } })),
    ).toMatchObject({ shared_buffers: '256MB', effective_cache_size: '512MB' });
    // 1000M = 953 MiB
    expect(
      postgresArgs(renderChart({ postgresql: { resources: { limits: { memory: '1000M' } } } })),
    ).toMatchObject({ shared_buffers: '238MB', effective_cache_size: '476MB' });
  });

  test('NODE_OPTIONS gives V8 half of each container limit and small semi-spaces', () => {
    const defaults = renderChart();
    expect(containerEnv(defaults, 'api').NODE_OPTIONS).toBe(
      '--max-old-space-size=128 --max-semi-space-size=8',
    );
    expect(containerEnv(defaults, 'web').NODE_OPTIONS).toBe(
      '--max-old-space-size=128 --max-semi-space-size=8',
    );
    const small = renderChart({ api: { resources: { limits: { memory: '200Mi' } } } });
    expect(containerEnv(small, 'api').NODE_OPTIONS).toBe(
      '--max-old-space-size=100 --max-semi-space-size=4',
    );
  });

  test('an external database gets no StatefulSet, and the API pool stays bounded', () => {
    const objects = renderChart({
      postgresql: { enabled: false },
      secrets: { databaseUrl: 'postgresql://todo:secret@db.example.test:5432/todo' },
    });
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
    expect(containerEnv(objects, 'api').DB_POOL_MAX).toBe('5');
  });
});

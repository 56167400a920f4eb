import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, queryRows } from '../src/db/client.js';
import { applyMigrations, migrationsFolder } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open-database.js';
import { freshDatabaseUrl } from './support/test-app.js';

/**
 * Migration 0003 (lists, all-day dates, counters per list) on data written before it: migrate to
 * 0002, write rows the way the old API did, then apply the rest and compare.
 */
let database: DatabaseHandle;
let folder: string;

beforeAll(async () => {
  // The migrations up to 0002 only: a copy of the folder whose journal stops there.
  folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((entry: { idx: number }) => entry.idx <= 2);
  writeFileSync(journalPath, JSON.stringify(journal));

  database = await openDatabase({
    DATABASE_URL: await freshDatabaseUrl(),
    DATA_DIR: 'memory://',
  });
  process.env.MIGRATIONS_DIR = folder;
  await applyMigrations(database);
  delete process.env.MIGRATIONS_DIR;
});
afterAll(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('migration 0003 on existing data', () => {
  it('files every task in its owner’s new Inbox and splits dues into dates and date-times', async () => {
    const db = database.db;
    await db.execute(sql`
      INSERT INTO "user" (id, name, email) VALUES ('u1', 'One', 'one@example.test'), ('u2', 'Two', 'two@example.test')`);
    await db.execute(sql`
      INSERT INTO tasks (user_id, title, completed, priority, due_date) VALUES
        ('u1', 'midnight', false, 'high', '2026-12-24T00:00:00Z'),
        ('u1', 'afternoon', true, 'low', '2026-12-24T15:30:00Z'),
        ('u1', 'undated', false, 'medium', NULL),
        ('u2', 'other user', false, 'medium', '2027-01-01T00:00:00.001Z')`);
    const before = await queryRows<{ n: number }>(
      db,
      sql`SELECT sum(n)::int AS n FROM task_counts`,
    );

    const result = await applyMigrations(database);
    expect(result.applied).toBe(result.total - 3);

    const lists = await queryRows<{ user_id: string; name: string; is_inbox: boolean; id: number }>(
      db,
      sql`SELECT id, user_id, name, is_inbox FROM lists ORDER BY user_id`,
    );
    expect(lists.map(({ user_id, name, is_inbox }) => ({ user_id, name, is_inbox }))).toEqual([
      { user_id: 'u1', name: 'Inbox', is_inbox: true },
      { user_id: 'u2', name: 'Inbox', is_inbox: true },
    ]);
    const inboxOf = Object.fromEntries(lists.map((list) => [list.user_id, list.id]));

    const rows = await queryRows<{
      title: string;
      user_id: string;
      list_id: number;
      due_date: string | null;
      due_at: Date | string | null;
      due_key: Date | string | null;
    }>(
      db,
      sql`SELECT title, user_id, list_id, due_date::text AS due_date, due_at, due_key FROM tasks ORDER BY id`,
    );
    const iso = (value: Date | string | null) =>
      value === null ? null : new Date(value).toISOString();
    expect(
      rows.map((row) => ({ ...row, due_at: iso(row.due_at), due_key: iso(row.due_key) })),
    ).toEqual([
      {
        title: 'midnight',
        user_id: 'u1',
        list_id: inboxOf.u1,
        due_date: '2026-12-24',
        due_at: null,
        due_key: '2026-12-24T00:00:00.000Z',
      },
      {
        title: 'afternoon',
        user_id: 'u1',
        list_id: inboxOf.u1,
        due_date: null,
        due_at: '2026-12-24T15:30:00.000Z',
        due_key: '2026-12-24T15:30:00.000Z',
      },
      {
        title: 'undated',
        user_id: 'u1',
        list_id: inboxOf.u1,
        due_date: null,
        due_at: null,
        due_key: null,
      },
      {
        title: 'other user',
        user_id: 'u2',
        list_id: inboxOf.u2,
        due_date: null,
        due_at: '2027-01-01T00:00:00.001Z',
        due_key: '2027-01-01T00:00:00.001Z',
      },
    ]);

    // The counters were rebuilt per list with the same total, and keep counting afterwards.
    const counts = await queryRows<{
      user_id: string;
      list_id: number;
      completed: boolean;
      n: number;
    }>(
      db,
      sql`SELECT user_id, list_id, completed, sum(n)::int AS n FROM task_counts
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 3`,
    );
    expect(counts).toEqual([
      { user_id: 'u1', list_id: inboxOf.u1, completed: false, n: 2 },
      { user_id: 'u1', list_id: inboxOf.u1, completed: true, n: 1 },
      { user_id: 'u2', list_id: inboxOf.u2, completed: false, n: 1 },
    ]);
    expect(counts.reduce((sum, row) => sum + row.n, 0)).toBe(before[0]?.n);

    // A writer that predates lists (an old replica mid-rollout) still files into the Inbox, and a
    // user made after the migration gets an Inbox of their own.
    await db.execute(sql`INSERT INTO tasks (user_id, title) VALUES ('u2', 'old replica')`);
    const [filed] = await queryRows<{ list_id: number }>(
      db,
      sql`SELECT list_id FROM tasks WHERE title = 'old replica'`,
    );
    expect(filed?.list_id).toBe(inboxOf.u2);
    await db.execute(
      sql`INSERT INTO "user" (id, name, email) VALUES ('u3', 'Three', 'three@example.test')`,
    );
    const [inbox] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM lists WHERE user_id = 'u3' AND is_inbox`,
    );
    expect(inbox?.n).toBe(1);

    // Applying again changes nothing (what a second replica starting later does).
    expect((await applyMigrations(database)).applied).toBe(0);
  });
});

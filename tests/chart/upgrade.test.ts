// Safe upgrades: every migration in apps/api/drizzle applied, in order, to a real PostgreSQL that
// already holds rows written under the schema before it, loses nothing. For each migration k
// (k >= 1) a fresh database gets migrations 0..k-1 through drizzle's migrator (what the migration
// Job runs), every table is filled from its own catalogue (columns, types, enums, CHECK literals,
// foreign keys), then the remaining migrations run and every seeded row and value must still be
// there. New migrations are picked up from the journal; none is named here.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PostgresCluster, startPostgres } from '../support/postgres.ts';
import { repoRoot } from './render.ts';

const drizzleDir = join(repoRoot, 'apps', 'api', 'drizzle');
const journal = JSON.parse(readFileSync(join(drizzleDir, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};
const ROWS = 3;

interface Column {
  name: string;
  type: string;
  udt: string;
  nullable: boolean;
  hasDefault: boolean;
  maxLength: number | null;
}

/** A migrations folder holding only the first `count` migrations of the journal. */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(drizzleDir, dir, { recursive: true });
  writeFileSync(
    join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  return dir;
}

async function applyMigrations(client: pg.Client, folder: string) {
  await migrate(drizzle(client), { migrationsFolder: folder });
}

/** Tables of the public schema, referenced tables first. */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
  ).rows.map((r) => r.name);
  const deps = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    )
  ).rows.map((r) => ({ child: r.child.replaceAll('"', ''), parent: r.parent.replaceAll('"', '') }));
  const ordered: string[] = [];
  const visit = (t: string, path: string[] = []) => {
    if (ordered.includes(t) || path.includes(t)) return;
    for (const d of deps.filter((x) => x.child === t && x.parent !== t))
      visit(d.parent, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

async function columnsOf(client: pg.Client, table: string): Promise<Column[]> {
  const res = await client.query(
    `SELECT column_name, data_type, udt_name, is_nullable, column_default, is_identity, is_generated,
            character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
      ORDER BY ordinal_position`,
    [table],
  );
  return res.rows
    .filter((r) => r.is_generated !== 'ALWAYS')
    .map((r) => ({
      name: r.column_name,
      type: r.data_type,
      udt: r.udt_name,
      nullable: r.is_nullable === 'YES',
      hasDefault: r.column_default !== null || r.is_identity === 'YES',
      maxLength: r.character_maximum_length,
    }));
}

/** The value a seeded row gets for one column, from the catalogue; undefined leaves it to its default. */
async function valueFor(
  client: pg.Client,
  table: string,
  column: Column,
  row: number,
): Promise<unknown> {
  const fk = await client.query(
    `SELECT cf.relname AS parent, af.attname AS parent_column
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_class cf ON cf.oid = c.confrelid
       JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cl.relname = $1 AND a.attname = $2`,
    [table, column.name],
  );
  if (fk.rows[0]) {
    const { parent, parent_column } = fk.rows[0];
    // A row pointing at its own table (a subtask's parent) would need a matching parent: none.
    if (parent === table && column.nullable) return null;
    const parents = await client.query(
      `SELECT "${parent_column}"::text AS v FROM "${parent}" ORDER BY 1`,
    );
    return parents.rows[row % Math.max(parents.rows.length, 1)]?.v ?? null;
  }
  const check = await client.query<{ def: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
      WHERE c.contype = 'c' AND cl.relname = $1 AND pg_get_constraintdef(c.oid) LIKE $2`,
    [table, `%${column.name}%`],
  );
  // "a IS NULL OR b IS NULL" (at most one kind of due) or "(a IS NULL) <> (b IS NULL)" (exactly
  // one kind of reminder): only the first is filled.
  for (const { def } of check.rows) {
    const exclusive = [...def.matchAll(/\(?(\w+) IS NULL\)? (?:OR|<>)/g)].map((m) => m[1]);
    const nullable = [...def.matchAll(/(\w+) IS NULL/g)].map((m) => m[1]);
    if (column.nullable && exclusive.length > 0 && nullable.indexOf(column.name) > 0) return null;
  }
  const literal = check.rows[0]?.def.match(/'([^']*)'/)?.[1];
  if (literal !== undefined) return literal;
  if (column.type === 'USER-DEFINED') {
    const labels = await client.query<{ label: string }>(
      'SELECT enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder',
      [column.udt],
    );
    if (labels.rows.length > 0) return labels.rows[row % labels.rows.length]?.label;
  }
  if (column.hasDefault) return undefined;
  const text = `seed-${table}-${column.name}-${row}`.slice(0, column.maxLength ?? 200);
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'numeric':
    case 'real':
    case 'double precision':
      return row + 1;
    case 'boolean':
      return row % 2 === 0;
    case 'date':
    case 'timestamp without time zone':
    case 'timestamp with time zone':
      return new Date(Date.UTC(2026, 0, 1 + row, 12)).toISOString();
    case 'time without time zone':
      return `${String(8 + row).padStart(2, '0')}:30`;
    case 'json':
    case 'jsonb':
      return JSON.stringify({ seeded: row });
    case 'uuid':
      return `00000000-0000-4000-8000-00000000000${row}`;
    case 'ARRAY':
      return [];
    case 'bytea':
      return Buffer.from([row]);
    default:
      return text;
  }
}

/** Each row's values of `columns`, as one text each, sorted: what "nothing lost" compares. */
async function rowsAsText(client: pg.Client, table: string, columns: string[]): Promise<string[]> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const res = await client.query(`SELECT ROW(${list})::text AS r FROM "${table}" ORDER BY 1`);
  return res.rows.map((r) => r.r);
}

async function seed(
  client: pg.Client,
): Promise<Map<string, { columns: string[]; rows: string[] }>> {
  const seeded = new Map<string, { columns: string[]; rows: string[] }>();
  for (const table of await tablesInDependencyOrder(client)) {
    const columns = await columnsOf(client, table);
    for (let row = 0; row < ROWS; row++) {
      const names: string[] = [];
      const values: unknown[] = [];
      for (const column of columns) {
        const value = await valueFor(client, table, column, row);
        if (value === undefined) continue;
        names.push(`"${column.name}"`);
        values.push(value);
      }
      const sql = names.length
        ? `INSERT INTO "${table}" (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`
        : `INSERT INTO "${table}" DEFAULT VALUES`;
      try {
        await client.query(sql, values);
      } catch (error) {
        throw new Error(`seeding ${table} failed (${(error as Error).message}): ${sql}`);
      }
    }
    seeded.set(table, { columns: columns.map((c) => c.name), rows: [] });
  }
  // Read back once every table is filled: triggers (kept counters) also write while seeding.
  for (const [table, entry] of seeded) entry.rows = await rowsAsText(client, table, entry.columns);
  return seeded;
}

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.destroy());

test('the journal lists every SQL migration of the folder, in order', () => {
  expect(journal.entries.length).toBeGreaterThan(1);
  for (const entry of journal.entries)
    expect(() => readFileSync(join(drizzleDir, `${entry.tag}.sql`))).not.toThrow();
});

/**
 * What a migration changes on purpose, as its decision record says: a renamed column is compared
 * under its new name; a kept counter table is rebuilt from its source, so it is checked against
 * that source (the query must return 0) instead of the values seeded into it.
 */
const DELIBERATE: Record<
  string,
  { renamed?: Record<string, Record<string, string>>; rebuilt?: Record<string, string> }
> = {
  // ADR 007: the old due instant becomes due_at; counters gain list and level and are recounted.
  '0003_lists-subtasks-due-recurrence': {
    renamed: { tasks: { due_date: 'due_at' } },
    rebuilt: {
      task_counts:
        'SELECT (SELECT coalesce(sum(n), 0)::int FROM task_counts) - (SELECT count(*)::int FROM tasks) AS drift',
    },
  },
};

describe.each(journal.entries.slice(1).map((entry, i) => ({ k: i + 1, tag: entry.tag })))(
  'upgrading into $tag (migration $k)',
  ({ k, tag }) => {
    test('keeps every row and value written under the previous schema', async () => {
      const client = new pg.Client({
        connectionString: await cluster.createDatabase(`upgrade_${k}`),
      });
      await client.connect();
      const before = firstMigrations(k);
      const upTo = firstMigrations(k + 1);
      const deliberate = DELIBERATE[tag] ?? {};
      try {
        await applyMigrations(client, before);
        const seeded = await seed(client);
        expect(seeded.size).toBeGreaterThan(0);
        await applyMigrations(client, upTo);
        const applied = await client.query(
          'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
        );
        expect(applied.rows[0].n).toBe(k + 1);
        for (const [table, { columns, rows }] of seeded) {
          const recount = deliberate.rebuilt?.[table];
          if (recount) {
            expect((await client.query(recount)).rows[0].drift, `${table}: recount`).toBe(0);
            continue;
          }
          const renamed = deliberate.renamed?.[table] ?? {};
          const now = columns.map((c) => renamed[c] ?? c);
          const still = await columnsOf(client, table).catch(() => []);
          const kept = now.filter((c) => still.some((s) => s.name === c));
          expect(kept, `${table}: columns dropped`).toEqual(now);
          expect(await rowsAsText(client, table, now), `${table}: rows`).toEqual(rows);
        }
      } finally {
        await client.end();
        rmSync(before, { recursive: true, force: true });
        rmSync(upTo, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

import type { TUndoResult } from '@todo/contracts';
import { and, asc, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { type ActivityRow, activity } from '../db/schema/activity.js';
import { lists } from '../db/schema/lists.js';
import { reminders } from '../db/schema/reminders.js';
import { tasks } from '../db/schema/tasks.js';
import { AppError, notFound } from '../errors/app-error.js';
import { isUniqueViolation } from '../lists/list-errors.js';
import type { ReadContext } from '../tasks/task-context.js';

type Entity = ActivityRow['entity'];
type Snapshot = Record<string, unknown> | null;

/** Each recorded table, and the columns the database derives (never compared, never restored). */
const TABLES: Record<Entity, { table: PgTable; derived: string[] }> = {
  list: { table: lists, derived: [] },
  // due_key follows the due and the owner's zone (a zone change re-derives it unrecorded).
  task: { table: tasks, derived: ['due_key'] },
  reminder: { table: reminders, derived: ['fire_at', 'queued_for'] },
};

/** One row the batch touched: as it was before the batch's first change and after its last. */
type Touched = { entity: Entity; id: number; before: Snapshot; after: Snapshot };

/** Parents before what hangs off them: lists, top-level tasks, subtasks, reminders. */
const rank = (row: Touched) => {
  if (row.entity === 'list') return 0;
  if (row.entity === 'reminder') return 3;
  return (row.before ?? row.after)?.parent_id == null ? 1 : 2;
};

const what = (row: Touched) => `${row.entity} #${row.id}`;

/**
 * Undoes one batch (ADR 071): every row it touched goes back to what it was before the batch, in
 * one transaction. First every row must still be as the batch left it: a row changed since (by
 * another batch, or by hand) is a 409 and nothing changes. Then removed rows come back, changed
 * rows are restored and created rows go, in an order that keeps the foreign keys satisfied.
 * The restoring itself is not recorded (no actor is set); the batch is marked undone instead.
 */
export async function undoBatch(
  { db, userId }: ReadContext,
  batchId: string,
): Promise<TUndoResult> {
  try {
    return await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(activity)
        .where(and(eq(activity.userId, userId), eq(activity.batchId, batchId)))
        .orderBy(asc(activity.id))
        .for('update');
      if (rows.length === 0) throw notFound('Activity batch');
      if (rows.some((row) => row.undoneAt)) {
        throw new AppError('conflict', 'These changes were already undone');
      }
      const touched = new Map<string, Touched>();
      for (const row of rows) {
        const key = `${row.entity}:${row.entityId}`;
        const seen = touched.get(key);
        if (seen) seen.after = row.after;
        else
          touched.set(key, {
            entity: row.entity,
            id: row.entityId,
            before: row.before,
            after: row.after,
          });
      }
      const all = [...touched.values()].sort((a, b) => rank(a) - rank(b));
      for (const row of all) await expectUnchanged(tx, userId, row);
      for (const row of all.filter((r) => r.before && !r.after)) await reinsert(tx, row);
      for (const row of all.filter((r) => r.before && r.after)) await restore(tx, userId, row);
      for (const row of all.filter((r) => !r.before).reverse()) await remove(tx, userId, row);
      await tx
        .update(activity)
        .set({ undoneAt: sql`now()` })
        .where(and(eq(activity.userId, userId), eq(activity.batchId, batchId)));
      return { batch_id: batchId, undone: rows.length };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'conflict',
        'Cannot undo: a list with that name exists again. Rename it first, then undo',
      );
    }
    throw error;
  }
}

const tableOf = (entity: Entity) => sql.identifier(getTableName(TABLES[entity].table));
const derivedOf = (entity: Entity) =>
  sql`ARRAY[${sql.join(
    TABLES[entity].derived.map((name) => sql`${name}`),
    sql`, `,
  )}]::text[]`;

/** The row must be exactly as the batch left it (or still gone), locked until the undo ends. */
async function expectUnchanged(tx: Database, userId: string, row: Touched) {
  const table = tableOf(row.entity);
  // Populating the current row from the snapshot compares typed values, not text, and keeps
  // the derived columns as they are now.
  const result = (await tx.execute(sql`
    SELECT t.id, ${row.after === null ? sql`true` : sql`jsonb_populate_record(t, ${JSON.stringify(row.after)}::jsonb - ${derivedOf(row.entity)}) IS NOT DISTINCT FROM t`} AS same
    FROM ${table} t WHERE t.id = ${row.id} AND t.user_id = ${userId} FOR UPDATE`)) as unknown as {
    rows: { id: number; same: boolean }[];
  };
  const current = result.rows[0];
  const unchanged = row.after === null ? current === undefined : current?.same === true;
  if (!unchanged) {
    throw new AppError('conflict', `Cannot undo: ${what(row)} changed since. Nothing was undone`);
  }
}

const restorable = (entity: Entity) =>
  Object.values(getTableColumns(TABLES[entity].table))
    .map((column) => column.name)
    .filter(
      (name) => name !== 'id' && name !== 'user_id' && !TABLES[entity].derived.includes(name),
    );

async function reinsert(tx: Database, row: Touched) {
  const table = tableOf(row.entity);
  await tx.execute(sql`
    INSERT INTO ${table} OVERRIDING SYSTEM VALUE
    SELECT * FROM jsonb_populate_record(NULL::${table}, ${JSON.stringify(row.before)}::jsonb)`);
}

async function restore(tx: Database, userId: string, row: Touched) {
  const table = tableOf(row.entity);
  const columns = restorable(row.entity).map((name) => sql.identifier(name));
  await tx.execute(sql`
    UPDATE ${table} AS t SET (${sql.join(columns, sql`, `)}) = (
      SELECT ${sql.join(
        columns.map((column) => sql`b.${column}`),
        sql`, `,
      )} FROM jsonb_populate_record(NULL::${table}, ${JSON.stringify(row.before)}::jsonb) AS b)
    WHERE t.id = ${row.id} AND t.user_id = ${userId}`);
}

/** A created row goes; one already gone with its parent (a reminder of a created task) is fine. */
async function remove(tx: Database, userId: string, row: Touched) {
  const table = tableOf(row.entity);
  await tx.execute(sql`DELETE FROM ${table} WHERE id = ${row.id} AND user_id = ${userId}`);
}

import { bigint, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerId } from './auth.js';
import { instant } from './columns.js';

/**
 * Every change to a user's tasks, lists and reminders made on their behalf (ADR 070): one row per
 * changed row, written by a trigger (migration 0007) in the same transaction as the change, from
 * the actor the domain function set for that transaction (`activity/actor.ts`). `before` and
 * `after` are the whole row as `to_jsonb` gives it (null for a created or a removed row), so undo
 * can restore it exactly and tell whether it changed since.
 */
export const activity = pgTable(
  'activity',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    at: instant('at').notNull().defaultNow(),
    via: text('via', { enum: ['web', 'api_key', 'chat', 'mcp'] }).notNull(),
    /** The API key id or OAuth client id that called, when known. */
    clientId: text('client_id'),
    /** The chat conversation the change came from. */
    conversationId: text('conversation_id'),
    /** Groups the changes of one REST request, one chat turn or one MCP tool call. */
    batchId: text('batch_id').notNull(),
    verb: text('verb', {
      enum: ['create', 'update', 'complete', 'reopen', 'delete', 'restore'],
    }).notNull(),
    entity: text('entity', { enum: ['task', 'list', 'reminder'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    /** The task a task or reminder row belongs to, for "what happened to this task". */
    taskId: integer('task_id'),
    /** How the row changed, which undo reverses: insert, update or delete. */
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    /** Set when the batch was undone; an undone batch cannot be undone again. */
    undoneAt: instant('undone_at'),
  },
  (table) => [
    index('activity_user_id_idx').on(table.userId, table.id),
    index('activity_user_batch_idx').on(table.userId, table.batchId, table.id),
    index('activity_user_task_idx').on(table.userId, table.taskId, table.id),
    index('activity_at_idx').on(table.at),
  ],
);

export type ActivityRow = typeof activity.$inferSelect;

import { z } from 'zod';
import { ZInstant } from './dates.js';

/**
 * Activity contract (ADR 070): every change made to a user's tasks, lists and reminders, newest
 * first, and undo of one batch (the changes of one REST request, chat turn or MCP tool call).
 * Instants are UTC; the user's zone is `time_zone` of /me.
 */

export const ACTIVITY_LIMIT_MAX = 100;
export const ZActivityVia = z.enum(['web', 'api_key', 'chat', 'mcp']);
export const ZActivityVerb = z.enum([
  'create',
  'update',
  'complete',
  'reopen',
  'delete',
  'restore',
]);
export const ZActivityEntity = z.enum(['task', 'list', 'reminder']);

const ZBatchId = z
  .string()
  .trim()
  .min(1, 'batch_id is required')
  .max(100, 'batch_id must be at most 100 characters');

export const ZActivityQuery = z.strictObject({
  batch_id: ZBatchId.optional(),
  task_id: z
    .string()
    .regex(/^\d{1,10}$/, 'task_id must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().positive().max(2_147_483_647))
    .optional(),
  via: ZActivityVia.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be an integer from 1 to ${ACTIVITY_LIMIT_MAX}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(ACTIVITY_LIMIT_MAX))
    .default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'cursor must be a next_cursor this endpoint gave')
    .optional(),
});
export type TActivityQuery = z.input<typeof ZActivityQuery>;
export type TActivityFilters = z.output<typeof ZActivityQuery>;

const ZRowSnapshot = z.record(z.string(), z.unknown()).nullable();

export const ZActivityEntry = z.object({
  id: z.number().int().positive(),
  at: ZInstant,
  via: ZActivityVia,
  client_id: z.string().nullable(),
  conversation_id: z.string().nullable(),
  batch_id: z.string(),
  verb: ZActivityVerb,
  entity: ZActivityEntity,
  entity_id: z.number().int(),
  task_id: z.number().int().nullable(),
  /** The row as it was (null: it was created) and as it became (null: it was removed). */
  before: ZRowSnapshot,
  after: ZRowSnapshot,
  undone_at: ZInstant.nullable(),
});
export type TActivityEntry = z.infer<typeof ZActivityEntry>;

export const ZActivityPage = z.object({
  items: z.array(ZActivityEntry),
  next_cursor: z.string().nullable(),
});
export type TActivityPage = z.infer<typeof ZActivityPage>;

export const ZUndoRequest = z.strictObject({ batch_id: ZBatchId });
export type TUndoRequest = z.infer<typeof ZUndoRequest>;

export const ZUndoResult = z.object({
  batch_id: z.string(),
  /** How many recorded changes were reversed. */
  undone: z.number().int().nonnegative(),
});
export type TUndoResult = z.infer<typeof ZUndoResult>;

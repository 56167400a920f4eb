import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { ownerId } from './auth.js';
import { instant, timestamps } from './columns.js';
import { lists } from './lists.js';

// A PostgreSQL enum sorts in declaration order, so "sort by priority" is a plain index scan.
export const taskPriority = pgEnum('task_priority', ['low', 'medium', 'high']);

/** Whether a recurring task's next due counts from the due it had or from when it was done. */
export const recurrenceFrom = pgEnum('recurrence_from', ['due', 'completion']);

export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    listId: integer('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    /** One level only (a subtask has no subtasks); same owner and list, enforced below. */
    parentId: integer('parent_id'),
    title: text('title').notNull(),
    description: text('description'),
    completed: boolean('completed').notNull().default(false),
    priority: taskPriority('priority').notNull().default('medium'),
    /** An all-day due: a calendar date in the owner's time zone. */
    dueDate: date('due_date', { mode: 'string' }),
    /** A due date-time: an instant (precision 3 round-trips through JavaScript Dates exactly). */
    dueAt: instant('due_at'),
    /**
     * The instant the task falls due, for sorting, ranges and keyset cursors: due_at, or the start
     * of due_date in the owner's zone. Kept by a trigger (migration 0003), never written by code.
     */
    dueKey: instant('due_key'),
    /** An RFC 5545 RRULE body ("FREQ=WEEKLY;BYDAY=MO"), evaluated in the owner's zone. */
    recurrence: text('recurrence'),
    recurrenceFrom: recurrenceFrom('recurrence_from').notNull().default('due'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** One of its list's kanban_columns, or null (ADR 060). */
    kanbanColumn: text('kanban_column'),
    ...timestamps,
    completedAt: instant('completed_at'),
    /** Set by a delete (ADR 072): every read ignores the row; undo clears it; a job purges it. */
    deletedAt: instant('deleted_at'),
  },
  (table) => [
    // A subtask lives in its parent's list: the pair is a foreign key, so moving a parent to
    // another list moves its subtasks with it (ON UPDATE CASCADE) and deleting it deletes them.
    unique('tasks_id_list_id_key').on(table.id, table.listId),
    foreignKey({
      name: 'tasks_parent_same_list_fk',
      columns: [table.parentId, table.listId],
      foreignColumns: [table.id, table.listId],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
    check('tasks_one_kind_of_due', sql`${table.dueDate} IS NULL OR ${table.dueAt} IS NULL`),
    check(
      'tasks_recurrence_needs_due',
      sql`${table.recurrence} IS NULL OR ${table.dueDate} IS NOT NULL OR ${table.dueAt} IS NOT NULL`,
    ),
    check('tasks_not_own_parent', sql`${table.parentId} IS DISTINCT FROM ${table.id}`),
    // Plain ascending keys: PostgreSQL scans them backwards for `desc`, so one index serves both
    // orders of `ORDER BY key, id` exactly (a `DESC NULLS LAST` index matches neither).
    index('tasks_user_created_id_idx').on(table.userId, table.createdAt, table.id),
    index('tasks_user_updated_id_idx').on(table.userId, table.updatedAt, table.id),
    index('tasks_user_completed_created_idx').on(
      table.userId,
      table.completed,
      table.createdAt,
      table.id,
    ),
    // A list's page (the board's usual request) walks its own index, not the owner's whole set.
    index('tasks_list_created_id_idx').on(table.listId, table.createdAt, table.id),
    index('tasks_list_completed_created_idx').on(
      table.listId,
      table.completed,
      table.createdAt,
      table.id,
    ),
    index('tasks_parent_idx').on(table.parentId, table.id),
    index('tasks_deleted_at_idx').on(table.deletedAt).where(sql`${table.deletedAt} IS NOT NULL`),
    index('tasks_tags_idx').using('gin', table.tags),
    // Text search (`q`: ILIKE '%…%' on title and description) at any size: trigram indexes.
    index('tasks_title_trgm_idx').using('gin', table.title.op('gin_trgm_ops')),
    index('tasks_description_trgm_idx').using('gin', table.description.op('gin_trgm_ops')),
    // Sorting by due date puts undated tasks last in both directions (see list-tasks.ts): these
    // match its sort keys exactly, so a due-date page is an index scan, not a sort of every row.
    index('tasks_user_due_key_idx').on(table.userId, table.dueKey, table.id),
    index('tasks_user_due_asc_idx').on(
      table.userId,
      sql`coalesce(${table.dueKey}, 'infinity'::timestamptz)`,
      table.id,
    ),
    index('tasks_user_due_desc_idx').on(
      table.userId,
      sql`coalesce(${table.dueKey}, '-infinity'::timestamptz)`,
      table.id,
    ),
    index('tasks_user_priority_idx').on(table.userId, table.priority, table.id),
    // The stats view reads the last twelve weeks of completions (ADR 063).
    index('tasks_user_completed_at_idx').on(table.userId, table.completedAt),
    // The calendar expands the open repeating tasks due before a range's end (ADR 061).
    index('tasks_user_repeating_idx')
      .on(table.userId, table.dueKey)
      .where(sql`${table.recurrence} IS NOT NULL AND NOT ${table.completed}`),
  ],
);

/**
 * Kept counts of each user's tasks by list, level (subtask or not), state and priority,
 * maintained by a trigger on tasks (see the migrations and
 * docs/decisions/004-task-totals-at-scale.md): a list's `total` and `counts` for the common
 * filters are sums of a few rows instead of count(*) over every task. No foreign key: rows of a
 * deleted user or list simply fall to zero as the cascade deletes the tasks.
 */
export const taskCounts = pgTable(
  'task_counts',
  {
    userId: text('user_id').notNull(),
    listId: integer('list_id').notNull(),
    topLevel: boolean('top_level').notNull(),
    completed: boolean('completed').notNull(),
    priority: taskPriority('priority').notNull(),
    n: integer('n').notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.userId, table.listId, table.topLevel, table.completed, table.priority],
    }),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

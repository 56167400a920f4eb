import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { user } from './auth.js';

// A PostgreSQL enum sorts in declaration order, so "sort by priority" is a plain index scan.
export const taskPriority = pgEnum('task_priority', ['low', 'medium', 'high']);

export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    completed: boolean('completed').notNull().default(false),
    priority: taskPriority('priority').notNull().default('medium'),
    // precision 3: values round-trip exactly through JavaScript Dates (keyset cursors rely on it)
    dueDate: timestamp('due_date', { withTimezone: true, precision: 3 }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // Plain ascending keys: PostgreSQL scans them backwards for `desc`, so one index serves both
    // orders of `ORDER BY key, id` exactly (a `DESC NULLS LAST` index matches neither).
    index('tasks_user_created_id_idx').on(table.userId, table.createdAt, table.id),
    index('tasks_user_updated_id_idx').on(table.userId, table.updatedAt, table.id),
    index('tasks_user_due_idx').on(table.userId, table.dueDate, table.id),
    index('tasks_user_completed_created_idx').on(
      table.userId,
      table.completed,
      table.createdAt,
      table.id,
    ),
    index('tasks_tags_idx').using('gin', table.tags),
    // Text search (`q`: ILIKE '%…%' on title and description) at any size: trigram indexes.
    index('tasks_title_trgm_idx').using('gin', table.title.op('gin_trgm_ops')),
    index('tasks_description_trgm_idx').using('gin', table.description.op('gin_trgm_ops')),
    // Sorting by due date puts undated tasks last in both directions (see list-tasks.ts): these
    // match its sort keys exactly, so a due-date page is an index scan, not a sort of every row.
    index('tasks_user_due_asc_idx').on(
      table.userId,
      sql`coalesce(${table.dueDate}, 'infinity'::timestamptz)`,
      table.id,
    ),
    index('tasks_user_due_desc_idx').on(
      table.userId,
      sql`coalesce(${table.dueDate}, '-infinity'::timestamptz)`,
      table.id,
    ),
    index('tasks_user_priority_idx').on(table.userId, table.priority, table.id),
  ],
);

/**
 * Kept counts of each user's tasks by state and priority, maintained by a trigger on tasks (see
 * the migration and docs/decisions/004-task-totals-at-scale.md): a list's `total` for the common
 * filters is a sum of at most six rows instead of count(*) over every task. No foreign key: rows
 * of a deleted user simply fall to zero as the cascade deletes the tasks.
 */
export const taskCounts = pgTable(
  'task_counts',
  {
    userId: text('user_id').notNull(),
    completed: boolean('completed').notNull(),
    priority: taskPriority('priority').notNull(),
    n: integer('n').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.completed, table.priority] })],
);

export type TaskRow = typeof tasks.$inferSelect;

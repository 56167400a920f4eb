import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
    index('tasks_user_created_idx').on(table.userId, table.createdAt.desc(), table.id.desc()),
    index('tasks_user_due_idx').on(table.userId, table.dueDate, table.id),
    index('tasks_user_completed_idx').on(table.userId, table.completed, table.createdAt.desc()),
    index('tasks_tags_idx').using('gin', table.tags),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

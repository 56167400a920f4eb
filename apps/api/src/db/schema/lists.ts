import { LIST_COLORS } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ownerId } from './auth.js';
import { instant, timestamps } from './columns.js';

/** The fixed palette a list's colour comes from (the web app maps each name to its shades). */
export const listColor = pgEnum('list_color', LIST_COLORS);

/**
 * A user's lists. Every user has exactly one Inbox (created by a trigger on "user", see migration
 * 0003), which cannot be deleted or renamed; every task belongs to one list of its owner.
 */
export const lists = pgTable(
  'lists',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    name: text('name').notNull(),
    color: listColor('color').notNull().default('grey'),
    position: integer('position').notNull().default(0),
    isInbox: boolean('is_inbox').notNull().default(false),
    /** Custom Kanban columns in order (ADR 060); a task names its column in tasks.kanban_column. */
    kanbanColumns: text('kanban_columns').array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
    /** Set by a delete (ADR 072): every read ignores the list; undo clears it; a job purges it. */
    deletedAt: instant('deleted_at'),
  },
  (table) => [
    index('lists_user_position_idx').on(table.userId, table.position, table.id),
    // "@groceries" in quick add and "add milk to Groceries" in chat name a list: names are unique
    // per user regardless of case.
    uniqueIndex('lists_user_name_idx')
      .on(table.userId, sql`lower(${table.name})`)
      .where(sql`${table.deletedAt} IS NULL`),
    uniqueIndex('lists_one_inbox_per_user_idx').on(table.userId).where(sql`${table.isInbox}`),
  ],
);

export type ListRow = typeof lists.$inferSelect;

import { pgTable, text } from 'drizzle-orm/pg-core';
import { user } from './auth.js';
import { instant } from './columns.js';

/**
 * A user's private iCalendar feed. The URL carries a random token; only its SHA-256 hash is
 * stored, and making a new one (or revoking) ends the old URL at once.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

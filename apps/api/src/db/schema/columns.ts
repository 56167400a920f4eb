import { timestamp } from 'drizzle-orm/pg-core';

/** An instant: timestamptz at millisecond precision, which round-trips through a JS Date exactly. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** When a row was made and last changed. */
export const timestamps = {
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
};

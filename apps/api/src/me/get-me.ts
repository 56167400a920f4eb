import type { TMe } from '@todo/contracts';
import { eq } from 'drizzle-orm';
import { user } from '../db/schema/auth.js';
import { notFound } from '../errors/app-error.js';
import type { ReadContext } from '../tasks/task-context.js';

export async function getMe({ db, userId }: ReadContext): Promise<TMe> {
  const [row] = await db.select().from(user).where(eq(user.id, userId));
  if (!row) throw notFound('User');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    time_zone: row.timeZone,
    week_start: row.weekStart,
    locale: row.locale,
  };
}

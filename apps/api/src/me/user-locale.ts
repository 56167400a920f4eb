import type { TLocale } from '@todo/contracts';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { user } from '../db/schema/auth.js';

/** The language the user picked (English for a user that is gone). */
export async function userLocale(db: Database, userId: string): Promise<TLocale> {
  const [row] = await db.select({ locale: user.locale }).from(user).where(eq(user.id, userId));
  return row?.locale ?? 'en';
}

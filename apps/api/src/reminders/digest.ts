import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { dueInWords } from './format.js';

/** At most this many tasks per section: a digest is a glance, not the board. */
export const DIGEST_SECTION_MAX = 5;

export type DigestTask = { id: number; title: string; dueAt: Date | null; dueDate: string | null };
export type DigestContent = {
  localDate: string;
  dueToday: DigestTask[];
  slipped: DigestTask[];
  nextUp: DigestTask[];
};

type Row = { id: number; title: string; due_at: string | null; due_date: string | null };
const toTask = (row: Row): DigestTask => ({
  id: row.id,
  title: row.title,
  dueAt: row.due_at ? new Date(row.due_at) : null,
  dueDate: row.due_date ? String(row.due_date).slice(0, 10) : null,
});

/** What the user's day holds, by their zone: due today, slipped (overdue), and what comes next. */
export async function gatherDigest(
  db: Database,
  userId: string,
  zone: string,
  at: Date,
): Promise<DigestContent> {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
  const day = local.toPlainDate();
  const start = new Date(day.toZonedDateTime({ timeZone: zone }).epochMilliseconds).toISOString();
  const end = new Date(
    day.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds,
  ).toISOString();
  const section = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>) =>
    queryRows<Row>(
      db,
      sql`SELECT id, title, due_at, due_date::text AS due_date FROM tasks
        WHERE user_id = ${userId} AND NOT completed AND parent_id IS NULL AND deleted_at IS NULL
          AND ${where}
        ORDER BY ${order} LIMIT ${DIGEST_SECTION_MAX}`,
    );
  const [dueToday, slipped, nextUp] = await Promise.all([
    section(
      sql`due_key >= ${start}::timestamptz AND due_key < ${end}::timestamptz`,
      sql`due_key, id`,
    ),
    section(sql`due_key < ${start}::timestamptz`, sql`due_key DESC, id`),
    section(sql`due_key >= ${end}::timestamptz`, sql`due_key, id`),
  ]);
  return {
    localDate: day.toString(),
    dueToday: dueToday.map(toTask),
    slipped: slipped.map(toTask),
    nextUp: nextUp.map(toTask),
  };
}

/** The plain digest (offline, or when the model fails): three short sections. */
export function digestTemplate(
  content: DigestContent,
  zone: string,
): { title: string; body: string } {
  const line = (task: DigestTask) => {
    const due = dueInWords(task, zone);
    return `• ${task.title}${due ? ` (${due})` : ''}`;
  };
  const parts = [
    content.dueToday.length
      ? `Due today:\n${content.dueToday.map(line).join('\n')}`
      : 'Nothing is due today.',
    content.slipped.length ? `Slipped:\n${content.slipped.map(line).join('\n')}` : '',
    content.nextUp.length ? `Next up:\n${content.nextUp.map(line).join('\n')}` : '',
  ].filter(Boolean);
  const count = content.dueToday.length;
  return {
    title: count ? `Today: ${count} task${count === 1 ? '' : 's'} due` : 'Your day',
    body: parts.join('\n\n'),
  };
}

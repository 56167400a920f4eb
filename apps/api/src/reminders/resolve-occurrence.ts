import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { type DigestContent, digestTemplate, gatherDigest } from './digest.js';
import { dueInWords } from './format.js';
import { type Occurrence, occurrenceKey, whenDue } from './occurrences.js';
import type { QuietHours } from './quiet-hours.js';
import type { ReminderMessage } from './reminder-channel.js';

/** Writes a digest with the assistant when a model is configured (see digest-writer.ts). */
export type DigestWriter = (
  userId: string,
  content: DigestContent,
  zone: string,
) => Promise<{ title: string; body: string } | null>;

export type Resolved = { message: ReminderMessage; zone: string; quiet: QuietHours };

type Owner = { zone: string; quiet_start: string | null; quiet_end: string | null };
const quietOf = (owner: Owner): QuietHours =>
  owner.quiet_start && owner.quiet_end ? { start: owner.quiet_start, end: owner.quiet_end } : null;

const OWNER_COLUMNS = sql`u.time_zone AS zone, s.quiet_start::text AS quiet_start,
  s.quiet_end::text AS quiet_end`;

/**
 * The message an occurrence becomes, in the user's zone, or null when it no longer applies (the
 * reminder was deleted or moved, its task completed or deleted).
 */
export async function resolveOccurrence(
  db: Database,
  occurrence: Occurrence,
  writeDigest: DigestWriter | null,
): Promise<Resolved | null> {
  const base = { occurrenceKey: occurrenceKey(occurrence), scheduledFor: whenDue(occurrence) };
  if (occurrence.type === 'reminder') {
    const [row] = await queryRows<
      Owner & {
        user_id: string;
        task_id: number;
        title: string;
        due_at: string | null;
        due_date: string | null;
      }
    >(
      db,
      sql`SELECT r.user_id, t.id AS task_id, t.title, t.due_at, t.due_date::text AS due_date,
          ${OWNER_COLUMNS}
        FROM reminders r JOIN tasks t ON t.id = r.task_id JOIN "user" u ON u.id = r.user_id
        LEFT JOIN reminder_settings s ON s.user_id = r.user_id
        WHERE r.id = ${occurrence.reminderId} AND NOT t.completed AND t.deleted_at IS NULL
          AND r.fire_at = ${occurrence.fireAt}::timestamptz`,
    );
    if (!row) return null;
    const due = dueInWords(
      { dueAt: row.due_at ? new Date(row.due_at) : null, dueDate: row.due_date },
      row.zone,
    );
    return {
      message: {
        ...base,
        kind: 'reminder',
        userId: row.user_id,
        taskId: row.task_id,
        title: row.title,
        body: due ? `Due ${due}` : 'Reminder',
        url: `/?task=${row.task_id}`,
      },
      zone: row.zone,
      quiet: quietOf(row),
    };
  }
  if (occurrence.type === 'snooze') {
    const [row] = await queryRows<
      Owner & {
        user_id: string;
        task_id: number | null;
        title: string;
        body: string;
        url: string;
        kind: ReminderMessage['kind'];
      }
    >(
      db,
      sql`SELECT n.user_id, n.task_id, n.title, n.body, n.url, n.kind, ${OWNER_COLUMNS}
        FROM notifications n JOIN "user" u ON u.id = n.user_id
        LEFT JOIN reminder_settings s ON s.user_id = n.user_id
        WHERE n.id = ${occurrence.notificationId}`,
    );
    if (!row) return null;
    return {
      message: {
        ...base,
        kind: row.kind,
        userId: row.user_id,
        taskId: row.task_id,
        title: row.title,
        body: row.body,
        url: row.url,
      },
      zone: row.zone,
      quiet: quietOf(row),
    };
  }
  const [owner] = await queryRows<Owner>(
    db,
    sql`SELECT ${OWNER_COLUMNS} FROM "user" u LEFT JOIN reminder_settings s ON s.user_id = u.id
      WHERE u.id = ${occurrence.userId}`,
  );
  if (!owner) return null;
  const content = await gatherDigest(db, occurrence.userId, owner.zone, new Date(occurrence.at));
  const written =
    (writeDigest && (await writeDigest(occurrence.userId, content, owner.zone))) ??
    digestTemplate(content, owner.zone);
  return {
    message: {
      ...base,
      kind: 'digest',
      userId: occurrence.userId,
      taskId: null,
      title: written.title,
      body: written.body,
      url: '/',
    },
    zone: owner.zone,
    quiet: quietOf(owner),
  };
}

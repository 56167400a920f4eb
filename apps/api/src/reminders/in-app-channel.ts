import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { NOTIFY_CHANNEL } from './notification-hub.js';
import type { ReminderChannel, ReminderMessage } from './reminder-channel.js';

/**
 * The in-app channel: a row in `notifications` (the bell and the notification centre) and a
 * NOTIFY that wakes the user's open streams on every replica. Always on. Idempotent by itself:
 * the occurrence key is unique, so a redelivered message adds no second row.
 */
export function createInAppChannel(db: Database): ReminderChannel {
  return {
    name: 'in_app',
    enabledFor: async () => true,
    async send(message: ReminderMessage) {
      await db.execute(sql`
        WITH stored AS (
          INSERT INTO notifications (user_id, occurrence_key, kind, task_id, title, body, url,
            scheduled_for)
          SELECT ${message.userId}, ${message.occurrenceKey}, ${message.kind}, t.id,
            ${message.title}, ${message.body}, ${message.url}, ${message.scheduledFor}::timestamptz
          FROM (SELECT ${message.taskId}::int AS wanted) w
          LEFT JOIN tasks t ON t.id = w.wanted AND t.user_id = ${message.userId}
          ON CONFLICT (occurrence_key) DO NOTHING
          RETURNING user_id
        )
        SELECT pg_notify(${NOTIFY_CHANNEL}, user_id) FROM stored`);
    },
  };
}

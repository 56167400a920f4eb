import { DELIVERY_LOG_MAX, type TDelivery, type TDeliveryChannel } from '@todo/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { channelDeliveries } from '../db/schema/channels.js';
import { PermanentChannelError, type ReminderMessage } from '../reminders/reminder-channel.js';

export type DeliveryStatus = 'delivered' | 'failed' | 'gone';
export type DeliveryOutcome = {
  status: DeliveryStatus;
  statusCode: number | null;
  error: string | null;
};

/** Errors end up in the settings page: one short line, never a URL (it may carry a token). */
export const shortError = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 300);

/** True when this occurrence already reached this channel: a retried job must not send twice. */
export async function alreadyDelivered(
  db: Database,
  channel: TDeliveryChannel,
  message: ReminderMessage,
): Promise<boolean> {
  const [row] = await db
    .select({ status: channelDeliveries.status })
    .from(channelDeliveries)
    .where(
      and(
        eq(channelDeliveries.userId, message.userId),
        eq(channelDeliveries.channel, channel),
        eq(channelDeliveries.occurrenceKey, message.occurrenceKey),
      ),
    );
  return row?.status === 'delivered';
}

/** One row per occurrence and channel, attempts counted; only the newest DELIVERY_LOG_MAX stay. */
export async function recordDelivery(
  db: Database,
  channel: TDeliveryChannel,
  message: ReminderMessage,
  outcome: DeliveryOutcome,
): Promise<void> {
  const values = {
    userId: message.userId,
    channel,
    occurrenceKey: message.occurrenceKey,
    kind: message.kind,
    ...outcome,
  };
  await db
    .insert(channelDeliveries)
    .values(values)
    .onConflictDoUpdate({
      target: [
        channelDeliveries.userId,
        channelDeliveries.channel,
        channelDeliveries.occurrenceKey,
      ],
      set: {
        status: outcome.status,
        statusCode: outcome.statusCode,
        error: outcome.error,
        attempts: sql`${channelDeliveries.attempts} + 1`,
        at: sql`now()`,
      },
    });
  await db.execute(sql`
    DELETE FROM channel_deliveries WHERE user_id = ${message.userId} AND id NOT IN (
      SELECT id FROM channel_deliveries WHERE user_id = ${message.userId}
      ORDER BY at DESC, id DESC LIMIT ${DELIVERY_LOG_MAX})`);
}

export async function listDeliveries(
  db: Database,
  userId: string,
  limit: number,
): Promise<TDelivery[]> {
  const rows = await db
    .select()
    .from(channelDeliveries)
    .where(eq(channelDeliveries.userId, userId))
    .orderBy(desc(channelDeliveries.at), desc(channelDeliveries.id))
    .limit(Math.min(limit, DELIVERY_LOG_MAX));
  return rows.map((row) => ({
    channel: row.channel,
    occurrence_key: row.occurrenceKey,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    status_code: row.statusCode,
    error: row.error,
    at: row.at.toISOString(),
  }));
}

/** Thrown by a channel's attempt to carry the status code into the log. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * Runs one channel's attempt with the log around it: skipped when already delivered, recorded
 * either way, and a failure rethrown (a permanent one as PermanentChannelError, so the job stops).
 */
export async function deliverLogged(
  db: Database,
  channel: TDeliveryChannel,
  message: ReminderMessage,
  attempt: () => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  if (await alreadyDelivered(db, channel, message)) {
    return { status: 'delivered', statusCode: null, error: null };
  }
  let outcome: DeliveryOutcome;
  try {
    outcome = await attempt();
  } catch (error) {
    const failed: DeliveryOutcome = {
      status: 'failed',
      statusCode: error instanceof DeliveryError ? error.statusCode : null,
      error: shortError(error),
    };
    await recordDelivery(db, channel, message, failed);
    if (error instanceof DeliveryError && error.permanent) {
      throw new PermanentChannelError(failed.error ?? 'failed');
    }
    throw error;
  }
  await recordDelivery(db, channel, message, outcome);
  return outcome;
}

import { randomUUID } from 'node:crypto';
import type { TDeliveryChannel, TTestResult } from '@todo/contracts';
import { and, eq } from 'drizzle-orm';
import { channelDeliveries } from '../db/schema/channels.js';
import type { ReminderChannel, ReminderMessage } from '../reminders/reminder-channel.js';
import type { ChannelDeps } from './channel-deps.js';
import { shortError } from './delivery-log.js';
import { createEmailChannel } from './email-channel.js';
import { createPushChannel } from './push-channel.js';
import { createWebhookChannel } from './webhook-channel.js';

export type { ChannelDeps } from './channel-deps.js';

/** Web Push, the webhook, and email when SMTP_URL is set (the in-app channel is core's). */
export function createChannels(deps: ChannelDeps): ReminderChannel[] {
  const email = createEmailChannel(deps);
  return [createPushChannel(deps), createWebhookChannel(deps), ...(email ? [email] : [])];
}

/** A "test" message through one channel now, outside the queue; answered from the log. */
export async function sendTestMessage(
  deps: ChannelDeps,
  name: TDeliveryChannel,
  channel: ReminderChannel,
  userId: string,
): Promise<TTestResult> {
  const message: ReminderMessage = {
    occurrenceKey: `test:${randomUUID()}`,
    kind: 'test',
    userId,
    taskId: null,
    title: 'Test from Todo Chatbot',
    body: 'If you can read this, your reminders will reach you here.',
    url: '/settings',
    scheduledFor: new Date().toISOString(),
  };
  let thrown: unknown = null;
  await channel.send(message).catch((error: unknown) => {
    thrown = error;
  });
  const [logged] = await deps.db
    .select()
    .from(channelDeliveries)
    .where(
      and(
        eq(channelDeliveries.userId, userId),
        eq(channelDeliveries.occurrenceKey, message.occurrenceKey),
      ),
    );
  return {
    channel: name,
    status: logged?.status ?? 'failed',
    status_code: logged?.statusCode ?? null,
    error: logged?.error ?? (thrown ? shortError(thrown) : null),
  };
}

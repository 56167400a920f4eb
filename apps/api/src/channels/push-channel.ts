import { Agent } from 'node:https';
import { and, eq } from 'drizzle-orm';
import webpush, { WebPushError } from 'web-push';
import { pushSubscriptions } from '../db/schema/channels.js';
import { notifications } from '../db/schema/reminders.js';
import { createInAppChannel } from '../reminders/in-app-channel.js';
import type { ReminderChannel, ReminderMessage } from '../reminders/reminder-channel.js';
import { appLink, type ChannelDeps, outboundCa } from './channel-deps.js';
import { readChannelSettings } from './channel-settings.js';
import { DeliveryError, type DeliveryOutcome, deliverLogged, shortError } from './delivery-log.js';
import { blockedCause, checkUrlShape, guardedLookup } from './outbound-guard.js';

const TIMEOUT_MS = 10_000;
/** How long a push service keeps an undelivered reminder for an offline device. */
const TTL_SECONDS = 24 * 60 * 60;

/** Push services take about 4 KB of payload: a long digest is cut, the app has the rest. */
function clip(text: string, max: number): string {
  const characters = Array.from(text); // whole code points: never half an emoji
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * What the service worker (apps/web/app/sw-push.ts) shows. `notification_id` is the in-app
 * notification's id, which its Snooze action posts to (POST /api/v1/notifications/<id>/snooze).
 */
export function pushPayload(
  deps: ChannelDeps,
  message: ReminderMessage,
  notificationId: number | null = null,
): string {
  return JSON.stringify({
    title: clip(message.title, 100),
    body: clip(message.body, 600),
    tag: message.occurrenceKey,
    data: {
      notification_id: notificationId === null ? null : String(notificationId),
      kind: message.kind,
      task_id: message.taskId,
      url: appLink(deps, message.url),
    },
  });
}

/**
 * The in-app notification a push shows on the phone, so its Snooze snoozes that one. The in-app
 * job may not have run yet: its write is idempotent (unique occurrence key), so it is made here
 * if missing. Tests ("send a test") have none.
 */
async function notificationFor(deps: ChannelDeps, message: ReminderMessage) {
  if (message.kind === 'test') return null;
  await createInAppChannel(deps.db).send(message);
  const [row] = await deps.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.occurrenceKey, message.occurrenceKey),
        eq(notifications.userId, message.userId),
      ),
    );
  return row?.id ?? null;
}

/**
 * Web Push through the web-push library (VAPID, aes128gcm), to every subscription of the user,
 * each connection through the SSRF guard. A 404/410 from the push service means the browser
 * dropped the subscription: it is deleted. Delivered when any browser took it; if none did and
 * some failure may pass, the job is retried.
 */
export function createPushChannel(deps: ChannelDeps): ReminderChannel {
  const allowPrivate = deps.env.WEBHOOK_ALLOW_PRIVATE;
  const agent = new Agent({
    lookup: guardedLookup(allowPrivate),
    ...(deps.extraCa && { ca: outboundCa(deps) }),
  });

  async function attempt(message: ReminderMessage): Promise<DeliveryOutcome> {
    const vapid = deps.vapid;
    if (!vapid) throw new DeliveryError('Web Push is not configured on this server', null, true);
    const subscriptions = await deps.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, message.userId));
    if (subscriptions.length === 0) throw new DeliveryError('No browser is subscribed', null, true);
    const payload = pushPayload(deps, message, await notificationFor(deps, message));
    let delivered: number | null = null;
    let gone = 0;
    let lastFailure: DeliveryError | null = null;
    for (const subscription of subscriptions) {
      try {
        checkUrlShape(subscription.endpoint, allowPrivate);
        const result = await webpush.sendNotification(
          {
            endpoint: subscription.endpoint,
            keys: { p256dh: subscription.p256dh, auth: subscription.auth },
          },
          payload,
          {
            vapidDetails: vapid,
            TTL: TTL_SECONDS,
            urgency: 'high',
            contentEncoding: 'aes128gcm',
            agent,
            timeout: TIMEOUT_MS,
          },
        );
        delivered = result.statusCode;
      } catch (error) {
        const status = error instanceof WebPushError ? error.statusCode : null;
        if (status === 404 || status === 410) {
          gone += 1;
          await deps.db
            .delete(pushSubscriptions)
            .where(
              and(
                eq(pushSubscriptions.id, subscription.id),
                eq(pushSubscriptions.userId, message.userId),
              ),
            );
          continue;
        }
        const blocked = blockedCause(error);
        lastFailure = blocked
          ? new DeliveryError(`The push endpoint ${blocked.message}`, null, true)
          : new DeliveryError(
              status ? `The push service answered ${status}` : shortError(error),
              status,
            );
      }
    }
    if (delivered !== null) return { status: 'delivered', statusCode: delivered, error: null };
    if (lastFailure) throw lastFailure;
    return {
      status: 'gone',
      statusCode: 410,
      error: `${gone} subscription(s) expired and were removed`,
    };
  }

  return {
    name: 'push',
    async enabledFor(userId) {
      if (!deps.vapid || !(await readChannelSettings(deps.db, userId)).pushEnabled) return false;
      const [any] = await deps.db
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId))
        .limit(1);
      return any !== undefined;
    },
    async send(message) {
      await deliverLogged(deps.db, 'push', message, () => attempt(message));
    },
  };
}

import { PUSH_SUBSCRIPTIONS_PER_USER_MAX, type TPushSubscriptionRequest } from '@todo/contracts';
import { and, count, eq, ne } from 'drizzle-orm';
import { pushSubscriptions } from '../db/schema/channels.js';
import { AppError } from '../errors/app-error.js';
import type { ChannelDeps } from './channel-deps.js';
import { writeChannelSettings } from './channel-settings.js';
import { BlockedDestinationError, checkUrlShape } from './outbound-guard.js';

/**
 * Stores a browser's subscription and turns push on. The endpoint gets the URL checks that need no
 * DNS (https, no credentials, port 443, no blocked IP literal): a browser may subscribe while the
 * push service's name does not resolve here; every send resolves and checks it again.
 */
export async function subscribePush(
  deps: ChannelDeps,
  userId: string,
  input: TPushSubscriptionRequest,
): Promise<{ subscriptions: number }> {
  if (!deps.vapid)
    throw new AppError('validation_error', 'Web Push is not configured on this server');
  try {
    checkUrlShape(input.endpoint, deps.env.WEBHOOK_ALLOW_PRIVATE);
  } catch (error) {
    if (error instanceof BlockedDestinationError) {
      throw new AppError('validation_error', `The push endpoint ${error.message}`);
    }
    throw error;
  }
  const [others] = await deps.db
    .select({ n: count() })
    .from(pushSubscriptions)
    .where(
      and(eq(pushSubscriptions.userId, userId), ne(pushSubscriptions.endpoint, input.endpoint)),
    );
  if ((others?.n ?? 0) >= PUSH_SUBSCRIPTIONS_PER_USER_MAX) {
    throw new AppError(
      'conflict',
      `You have ${PUSH_SUBSCRIPTIONS_PER_USER_MAX} browsers subscribed, the most there can be`,
    );
  }
  const keys = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth };
  await deps.db
    .insert(pushSubscriptions)
    .values({ endpoint: input.endpoint, ...keys })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: keys });
  await writeChannelSettings(deps.db, userId, { pushEnabled: true });
  return { subscriptions: (others?.n ?? 0) + 1 };
}

/** Forgets one of the user's subscriptions (another user's endpoint is left alone). */
export async function unsubscribePush(
  deps: ChannelDeps,
  userId: string,
  endpoint: string,
): Promise<{ removed: number }> {
  const removed = await deps.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return { removed: removed.length };
}

import type { TChannelSettings, TUpdateChannelSettings } from '@todo/contracts';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { user } from '../db/schema/auth.js';
import {
  type ChannelSettingsRow,
  channelSettings,
  pushSubscriptions,
} from '../db/schema/channels.js';
import { AppError } from '../errors/app-error.js';
import type { ChannelDeps } from './channel-deps.js';
import { BlockedDestinationError, checkDestination } from './outbound-guard.js';
import { newWebhookSecret } from './webhook-signature.js';

type Settings = Omit<ChannelSettingsRow, 'userId' | 'createdAt' | 'updatedAt'>;
const DEFAULTS: Settings = {
  pushEnabled: false,
  webhookUrl: null,
  webhookSecret: null,
  emailEnabled: false,
};

/** The user's channel settings; a user who never changed them has the defaults (all off). */
export async function readChannelSettings(db: Database, userId: string): Promise<Settings> {
  const [row] = await db.select().from(channelSettings).where(eq(channelSettings.userId, userId));
  return row ?? DEFAULTS;
}

export async function writeChannelSettings(
  db: Database,
  userId: string,
  patch: Partial<Settings>,
): Promise<void> {
  await db
    .insert(channelSettings)
    .values({ ...DEFAULTS, ...patch, userId })
    .onConflictDoUpdate({
      target: channelSettings.userId,
      set: { ...patch, updatedAt: new Date() },
    });
}

export async function getChannelSettings(
  deps: ChannelDeps,
  userId: string,
  secret?: string,
): Promise<TChannelSettings> {
  const settings = await readChannelSettings(deps.db, userId);
  const [subs] = await deps.db
    .select({ n: count() })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  const [owner] = await deps.db.select({ email: user.email }).from(user).where(eq(user.id, userId));
  return {
    push: {
      available: deps.vapid !== null,
      enabled: settings.pushEnabled,
      subscriptions: subs?.n ?? 0,
    },
    webhook: {
      enabled: settings.webhookUrl !== null,
      url: settings.webhookUrl,
      ...(secret && { secret }),
    },
    email: {
      available: Boolean(deps.env.SMTP_URL),
      enabled: settings.emailEnabled,
      address: owner?.email ?? '',
    },
  };
}

/** Save-time webhook check (the same guard runs again, pinned, on every send). */
async function checkWebhookUrl(deps: ChannelDeps, url: string): Promise<void> {
  try {
    await checkDestination(url, deps.env.WEBHOOK_ALLOW_PRIVATE);
  } catch (error) {
    if (error instanceof BlockedDestinationError) {
      throw new AppError('validation_error', `The webhook URL ${error.message}`);
    }
    throw error;
  }
}

/**
 * Applies a settings patch, all checks first so a refused patch stores nothing. A new webhook URL
 * (or `rotate_secret`) makes a new signing secret, returned in this one answer only.
 */
export async function updateChannelSettings(
  deps: ChannelDeps,
  userId: string,
  patch: TUpdateChannelSettings,
): Promise<TChannelSettings> {
  const current = await readChannelSettings(deps.db, userId);
  const changes: Partial<Settings> = {};
  let secret: string | undefined;

  if (patch.push) {
    if (patch.push.enabled && !deps.vapid) {
      throw new AppError('validation_error', 'Web Push is not configured on this server');
    }
    changes.pushEnabled = patch.push.enabled;
  }
  if (patch.email) {
    if (patch.email.enabled && !deps.env.SMTP_URL) {
      throw new AppError('validation_error', 'Email is not configured on this server (SMTP_URL)');
    }
    changes.emailEnabled = patch.email.enabled;
  }
  if (patch.webhook) {
    const { url, rotate_secret } = patch.webhook;
    if (url === null) {
      if (rotate_secret) throw new AppError('validation_error', 'There is no webhook to rotate');
      changes.webhookUrl = null;
      changes.webhookSecret = null;
    } else {
      if (url !== undefined) await checkWebhookUrl(deps, url);
      const target = url ?? current.webhookUrl;
      if (!target) throw new AppError('validation_error', 'Give the webhook URL first');
      if (url !== undefined) changes.webhookUrl = url;
      if (rotate_secret || !current.webhookSecret || (url && url !== current.webhookUrl)) {
        secret = newWebhookSecret();
        changes.webhookSecret = secret;
      }
    }
  }
  if (Object.keys(changes).length > 0) await writeChannelSettings(deps.db, userId, changes);
  return getChannelSettings(deps, userId, secret);
}

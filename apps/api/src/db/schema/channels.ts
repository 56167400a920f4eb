import { DELIVERY_CHANNELS } from '@todo/contracts';
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ownerId, user } from './auth.js';
import { instant, timestamps } from './columns.js';

export const deliveryChannel = pgEnum('delivery_channel', DELIVERY_CHANNELS);
export const deliveryStatus = pgEnum('delivery_status', ['delivered', 'failed', 'gone']);

/**
 * A browser's Web Push subscription. The endpoint is the push service's URL for that browser, so
 * it is unique: subscribing again from the same browser (maybe as another user) replaces the row.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('push_subscriptions_endpoint_idx').on(table.endpoint),
    index('push_subscriptions_user_idx').on(table.userId),
  ],
);

/** One row per user: which channels are on, and the webhook's URL and signing secret. */
export const channelSettings = pgTable('channel_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  pushEnabled: boolean('push_enabled').notNull().default(false),
  /** null: no webhook. Checked (https, not a blocked address) when saved and again when sent. */
  webhookUrl: text('webhook_url'),
  /** Signs every webhook body (HMAC-SHA256); shown to the user once. */
  webhookSecret: text('webhook_secret'),
  emailEnabled: boolean('email_enabled').notNull().default(false),
  ...timestamps,
});

/**
 * What happened to each message on each channel (the delivery log in settings): one row per
 * occurrence and channel, its attempts counted; the last DELIVERY_LOG_MAX per user are kept.
 */
export const channelDeliveries = pgTable(
  'channel_deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    channel: deliveryChannel('channel').notNull(),
    occurrenceKey: text('occurrence_key').notNull(),
    kind: text('kind').notNull(),
    status: deliveryStatus('status').notNull(),
    attempts: integer('attempts').notNull().default(1),
    statusCode: integer('status_code'),
    error: text('error'),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('channel_deliveries_occurrence_idx').on(
      table.userId,
      table.channel,
      table.occurrenceKey,
    ),
    index('channel_deliveries_user_at_idx').on(table.userId, table.at.desc(), table.id.desc()),
  ],
);

export type ChannelSettingsRow = typeof channelSettings.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

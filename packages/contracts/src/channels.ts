import { z } from 'zod';

/**
 * Reminder delivery channels beyond the in-app centre: Web Push, a signed webhook, email. The
 * settings are one row per user; secrets (the webhook's signing secret) are returned only once.
 */

export const DELIVERY_CHANNELS = ['push', 'webhook', 'email'] as const;
export const ZDeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type TDeliveryChannel = z.infer<typeof ZDeliveryChannel>;

/** Push subscriptions one user may keep (one per browser profile). */
export const PUSH_SUBSCRIPTIONS_PER_USER_MAX = 20;
/** Delivery log entries kept per user (older ones are pruned). */
export const DELIVERY_LOG_MAX = 100;
export const WEBHOOK_URL_MAX = 2048;
export const PUSH_ENDPOINT_MAX = 2048;

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    // Decoded length from the unpadded length (no Buffer: the browser shares this schema).
    .refine(
      (value) => Math.floor(((value.split('=')[0] ?? '').length * 3) / 4) === bytes,
      `${what} must be ${bytes} bytes`,
    );

/** What `PushSubscription.toJSON()` gives in the browser. */
export const ZPushSubscriptionRequest = z.strictObject({
  endpoint: z
    .url({ protocol: /^https$/, message: 'endpoint must be an https URL' })
    .max(PUSH_ENDPOINT_MAX, `endpoint must be at most ${PUSH_ENDPOINT_MAX} characters`),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65, 'keys.p256dh'),
    /** The shared authentication secret (16 bytes). */
    auth: base64url(16, 'keys.auth'),
  }),
});
export type TPushSubscriptionRequest = z.infer<typeof ZPushSubscriptionRequest>;

export const ZPushUnsubscribeRequest = z.strictObject({
  endpoint: z.string().min(1).max(PUSH_ENDPOINT_MAX),
});

export const ZPushPublicKey = z.object({
  /** null when Web Push is off on this server (production without VAPID_PRIVATE_KEY). */
  public_key: z.string().nullable(),
});

export const ZChannelSettings = z.object({
  push: z.object({
    available: z.boolean(),
    enabled: z.boolean(),
    subscriptions: z.number().int(),
  }),
  webhook: z.object({
    enabled: z.boolean(),
    url: z.string().nullable(),
    /** Only in the answer that created or rotated it; never again. */
    secret: z.string().optional(),
  }),
  email: z.object({
    /** False when the server has no SMTP_URL. */
    available: z.boolean(),
    enabled: z.boolean(),
    address: z.string(),
  }),
});
export type TChannelSettings = z.infer<typeof ZChannelSettings>;

export const ZUpdateChannelSettingsRequest = z
  .strictObject({
    push: z.strictObject({ enabled: z.boolean() }).optional(),
    webhook: z
      .strictObject({
        /** null removes the webhook (and its secret). */
        url: z
          .url({ protocol: /^https$/, message: 'The webhook URL must be an https URL' })
          .max(WEBHOOK_URL_MAX, `The webhook URL must be at most ${WEBHOOK_URL_MAX} characters`)
          .nullable()
          .optional(),
        /** true makes a new signing secret (returned once); the old one stops at once. */
        rotate_secret: z.literal(true).optional(),
      })
      .optional(),
    email: z.strictObject({ enabled: z.boolean() }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one channel to change');
export type TUpdateChannelSettings = z.infer<typeof ZUpdateChannelSettingsRequest>;

export const ZChannelParams = z.strictObject({ channel: ZDeliveryChannel });

export const ZDelivery = z.object({
  channel: ZDeliveryChannel,
  occurrence_key: z.string(),
  kind: z.string(),
  status: z.enum(['delivered', 'failed', 'gone']),
  attempts: z.number().int(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  at: z.string(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZDeliveryList = z.object({ items: z.array(ZDelivery) });
export type TDeliveryList = z.infer<typeof ZDeliveryList>;

export const ZDeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(DELIVERY_LOG_MAX).default(50),
});

export const ZTestResult = z.object({
  channel: ZDeliveryChannel,
  status: z.enum(['delivered', 'failed', 'gone']),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type TTestResult = z.infer<typeof ZTestResult>;

import { rootCertificates } from 'node:tls';
import type { Env } from '../config/env.js';
import type { Database } from '../db/client.js';
import type { VapidKeys } from './vapid-keys.js';

/** What the channels need; the same object serves the routes and the reminder worker. */
export type ChannelDeps = {
  db: Database;
  env: Pick<
    Env,
    'WEBHOOK_ALLOW_PRIVATE' | 'SMTP_URL' | 'SMTP_FROM' | 'BETTER_AUTH_URL' | 'ENVIRONMENT'
  >;
  /** null: Web Push is off (production without VAPID_PRIVATE_KEY). */
  vapid: VapidKeys | null;
  /**
   * PEM certificates trusted in addition to the system's roots for outbound TLS (webhooks, push,
   * SMTP). Only tests set it, for their local stand-ins' self-signed certificate.
   */
  extraCa?: string;
};

/** The CA list for outbound TLS: Node's roots, plus the extra one when given. */
export const outboundCa = (deps: ChannelDeps): string[] | undefined =>
  deps.extraCa ? [...rootCertificates, deps.extraCa] : undefined;

/** An absolute link into the web app for a message's path (`/?task=42`). */
export const appLink = (deps: ChannelDeps, path: string) =>
  new URL(path, deps.env.BETTER_AUTH_URL).toString();

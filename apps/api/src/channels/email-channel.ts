import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { user } from '../db/schema/auth.js';
import type { ReminderChannel, ReminderMessage } from '../reminders/reminder-channel.js';
import { appLink, type ChannelDeps, outboundCa } from './channel-deps.js';
import { readChannelSettings } from './channel-settings.js';
import { DeliveryError, type DeliveryOutcome, deliverLogged } from './delivery-log.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Plain text and a simple HTML part with the same words and the link into the app. */
export function emailContent(deps: ChannelDeps, message: ReminderMessage) {
  const link = appLink(deps, message.url);
  return {
    subject: message.title,
    text: `${message.body}\n\nOpen: ${link}\n`,
    html: `<p>${escapeHtml(message.body)}</p><p><a href="${escapeHtml(link)}">Open in Todo Chatbot</a></p>`,
  };
}

/**
 * Email through nodemailer to the account's address; exists only when SMTP_URL is set, and each
 * user turns it on (off by default). SMTP 5xx answers are permanent, the rest are retried.
 */
export function createEmailChannel(deps: ChannelDeps): ReminderChannel | null {
  const smtpUrl = deps.env.SMTP_URL;
  if (!smtpUrl) return null;
  const ca = outboundCa(deps);
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(ca && { tls: { ca } }),
  });

  async function attempt(message: ReminderMessage): Promise<DeliveryOutcome> {
    const [owner] = await deps.db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.id, message.userId));
    if (!owner) throw new DeliveryError('The account no longer exists', null, true);
    try {
      await transport.sendMail({
        from: deps.env.SMTP_FROM,
        to: owner.email,
        ...emailContent(deps, message),
        headers: { 'X-Todo-Delivery': message.occurrenceKey },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      throw new DeliveryError(
        code ? `The mail server answered ${code}` : 'The mail server could not be reached',
        code,
        code !== null && code >= 500,
      );
    }
    return { status: 'delivered', statusCode: 250, error: null };
  }

  return {
    name: 'email',
    async enabledFor(userId) {
      return (await readChannelSettings(deps.db, userId)).emailEnabled;
    },
    async send(message) {
      await deliverLogged(deps.db, 'email', message, () => attempt(message));
    },
  };
}

import { Agent, request } from 'undici';
import type { ReminderChannel, ReminderMessage } from '../reminders/reminder-channel.js';
import { appLink, type ChannelDeps, outboundCa } from './channel-deps.js';
import { readChannelSettings } from './channel-settings.js';
import { DeliveryError, type DeliveryOutcome, deliverLogged } from './delivery-log.js';
import { blockedCause, checkUrlShape, guardedLookup } from './outbound-guard.js';
import { signatureHeader } from './webhook-signature.js';

const TIMEOUT_MS = 10_000;
/** The receiver's answer is only evidence in the log: never read more than this. */
const RESPONSE_BYTES_MAX = 4 * 1024;

/**
 * The JSON every webhook receives. `title` and `body` at the top level are what Apprise's
 * `/notify/<key>` reads and what an ntfy template (`?tpl=1&t={{.title}}&m={{.body}}`) fills in.
 */
export function webhookBody(deps: ChannelDeps, message: ReminderMessage, sentAt: Date) {
  return JSON.stringify({
    id: message.occurrenceKey,
    kind: message.kind,
    title: message.title,
    body: message.body,
    type: 'info',
    url: appLink(deps, message.url),
    task_id: message.taskId,
    scheduled_for: message.scheduledFor,
    sent_at: sentAt.toISOString(),
  });
}

/** Reads at most RESPONSE_BYTES_MAX of a body, then drops the connection's remainder. */
async function drainCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<void> {
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.length;
    if (seen > RESPONSE_BYTES_MAX) {
      body.destroy();
      return;
    }
  }
}

/**
 * POSTs the signed message to the user's https URL through the SSRF guard: the connection goes to
 * the address the guard resolved and checked, redirects are not followed (undici's request never
 * follows them), 10 s timeout. 2xx = delivered; 3xx and 4xx but 408/429 = permanent; else retried.
 */
export function createWebhookChannel(deps: ChannelDeps): ReminderChannel {
  const allowPrivate = deps.env.WEBHOOK_ALLOW_PRIVATE;
  const dispatcher = new Agent({
    connect: {
      lookup: guardedLookup(allowPrivate),
      timeout: TIMEOUT_MS,
      ...(deps.extraCa && { ca: outboundCa(deps) }),
    },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    connections: 16,
  });

  async function attempt(message: ReminderMessage): Promise<DeliveryOutcome> {
    const { webhookUrl, webhookSecret } = await readChannelSettings(deps.db, message.userId);
    if (!webhookUrl || !webhookSecret) {
      throw new DeliveryError('No webhook is set up', null, true);
    }
    let url: URL;
    try {
      url = checkUrlShape(webhookUrl, allowPrivate);
    } catch (error) {
      throw new DeliveryError(`The webhook URL ${(error as Error).message}`, null, true);
    }
    const now = new Date();
    const body = webhookBody(deps, message, now);
    const timestamp = Math.floor(now.getTime() / 1000);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: 'POST',
        dispatcher,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'TodoChatbot-Webhook/1',
          'x-todo-signature': signatureHeader(webhookSecret, timestamp, body),
          'x-todo-delivery': message.occurrenceKey,
          'idempotency-key': message.occurrenceKey,
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const blocked = blockedCause(error);
      if (blocked) throw new DeliveryError(`The webhook URL ${blocked.message}`, null, true);
      throw error;
    }
    await drainCapped(response.body);
    const status = response.statusCode;
    if (status >= 200 && status < 300)
      return { status: 'delivered', statusCode: status, error: null };
    // A redirect is not followed and a refusal will not change by itself: both stop retrying.
    const permanent = status >= 300 && status < 500 && status !== 408 && status !== 429;
    throw new DeliveryError(`The receiver answered ${status}`, status, permanent);
  }

  return {
    name: 'webhook',
    async enabledFor(userId) {
      return (await readChannelSettings(deps.db, userId)).webhookUrl !== null;
    },
    async send(message) {
      await deliverLogged(deps.db, 'webhook', message, () => attempt(message));
    },
  };
}

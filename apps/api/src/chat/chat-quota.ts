import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { chatUsage } from '../db/schema/chat.js';
import { rateLimited } from '../errors/app-error.js';
import { chatQuotaRefusals } from '../metrics/chat-metrics.js';

/**
 * Per-user chat allowances, kept in PostgreSQL so every replica enforces the same ones. The
 * windows are UTC days and months: they are never shown as dates, only as "try again in …"
 * (Retry-After). 0 means unlimited.
 */
export type ChatQuota = { messagesPerDay: number; tokensPerMonth: number };

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

function secondsUntil(next: Date, now: Date): number {
  return Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
}

function wait(seconds: number): string {
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.ceil(seconds / 3600)} h`;
  return `${Math.ceil(seconds / 86_400)} days`;
}

/** Model tokens the user spent this UTC month (chat turns and assistant-written digests). */
export async function monthTokensUsed(db: Database, userId: string, now = new Date()) {
  const [used] = await db
    .select({ tokens: sql<string>`coalesce(sum(${chatUsage.tokens}), 0)` })
    .from(chatUsage)
    .where(and(eq(chatUsage.userId, userId), gte(chatUsage.day, `${utcDay(now).slice(0, 8)}01`)));
  return Number(used?.tokens ?? 0);
}

/**
 * Takes one message of today's allowance, or throws a 429 with Retry-After. The check and the
 * count are one statement, so concurrent turns on several replicas cannot overshoot.
 */
export async function takeChatMessage(
  db: Database,
  userId: string,
  quota: ChatQuota,
  now = new Date(),
): Promise<void> {
  const day = utcDay(now);
  if (quota.tokensPerMonth > 0) {
    if ((await monthTokensUsed(db, userId, now)) >= quota.tokensPerMonth) {
      const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      const seconds = secondsUntil(nextMonth, now);
      chatQuotaRefusals.inc({ quota: 'tokens' });
      throw rateLimited(
        `You have used this month's ${quota.tokensPerMonth.toLocaleString('en')} model tokens; the assistant is available again in ${wait(seconds)}`,
        seconds,
      );
    }
  }
  const taken = await db
    .insert(chatUsage)
    .values({ userId, day, messages: 1 })
    .onConflictDoUpdate({
      target: [chatUsage.userId, chatUsage.day],
      set: { messages: sql`${chatUsage.messages} + 1` },
      ...(quota.messagesPerDay > 0
        ? { setWhere: sql`${chatUsage.messages} < ${quota.messagesPerDay}` }
        : {}),
    })
    .returning({ messages: chatUsage.messages });
  if (taken.length === 0) {
    const tomorrow = new Date(`${day}T00:00:00.000Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const seconds = secondsUntil(tomorrow, now);
    chatQuotaRefusals.inc({ quota: 'messages' });
    throw rateLimited(
      `You have sent today's ${quota.messagesPerDay} chat messages; try again in ${wait(seconds)}`,
      seconds,
    );
  }
}

/** Adds the model tokens a turn spent (as the AI SDK reports them) to today's row. */
export async function recordChatTokens(
  db: Database,
  userId: string,
  tokens: number,
  now = new Date(),
): Promise<void> {
  if (!(tokens > 0)) return;
  await db
    .insert(chatUsage)
    .values({ userId, day: utcDay(now), messages: 0, tokens })
    .onConflictDoUpdate({
      target: [chatUsage.userId, chatUsage.day],
      set: { tokens: sql`${chatUsage.tokens} + ${tokens}` },
    });
}

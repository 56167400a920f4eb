import type { TApprovalAnswer, TConversation, TMessage, TToolApproval } from '@todo/contracts';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.js';
import { conversations, messages, type StoredToolCall } from '../db/schema/chat.js';
import { AppError, notFound } from '../errors/app-error.js';

/** Conversations and messages, always scoped by the acting user: another user's id is a 404. */

type Scope = { db: Database; userId: string };

const TITLE_MAX = 80;

function titleFrom(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

const toConversationDto = (row: typeof conversations.$inferSelect): TConversation => ({
  id: row.id,
  title: row.title,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

export async function createConversation(
  { db, userId }: Scope,
  firstMessage: string,
): Promise<TConversation> {
  const [row] = await db
    .insert(conversations)
    .values({ userId, title: titleFrom(firstMessage) })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toConversationDto(row);
}

export async function getConversation({ db, userId }: Scope, id: string): Promise<TConversation> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  if (!row) throw notFound('Conversation');
  return toConversationDto(row);
}

export async function listConversations({ db, userId }: Scope): Promise<TConversation[]> {
  const rows = await db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt))
    .limit(200);
  return rows.map(toConversationDto);
}

export async function deleteConversation({ db, userId }: Scope, id: string): Promise<void> {
  const deleted = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  if (deleted.length === 0) throw notFound('Conversation');
}

/**
 * The id the turn's assistant message will be stored under, taken before the turn's tools run:
 * it is the activity batch of their changes (ADR 070), which the chat panel passes to undo.
 */
export async function reserveMessageId(db: Database): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`SELECT nextval(pg_get_serial_sequence('messages', 'id'))::int AS id`,
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('no message id reserved');
  return id;
}

export async function appendMessage(
  { db, userId }: Scope,
  conversationId: string,
  message: {
    role: 'user' | 'assistant';
    content: string;
    toolCalls?: StoredToolCall[];
    /** A reserved id (reserveMessageId); otherwise the sequence gives the next. */
    id?: number;
    /** Set on a reply that continues another after an approval: that reply's batch. */
    batchId?: number;
  },
): Promise<void> {
  const values = {
    conversationId,
    userId,
    role: message.role,
    content: message.content,
    toolCalls: message.toolCalls ?? [],
    batchId: message.batchId,
  };
  // Independent statements: sent together, one round trip of waiting instead of two.
  await Promise.all([
    message.id === undefined
      ? db.insert(messages).values(values)
      : db
          .insert(messages)
          .overridingSystemValue()
          .values({ ...values, id: message.id }),
    db
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId))),
  ]);
}

const toMessageDto = (row: typeof messages.$inferSelect): TMessage => ({
  id: row.id,
  role: row.role,
  content: row.content,
  tool_calls: row.toolCalls,
  batch_id: row.role === 'assistant' ? String(row.batchId ?? row.id) : null,
  created_at: row.createdAt.toISOString(),
});

/** One page of a conversation, newest last: `limit` messages before the id `before`. */
export async function listMessages(
  scope: Scope,
  conversationId: string,
  page: { limit: number; before?: number },
): Promise<{ items: TMessage[]; next_before: number | null }> {
  await getConversation(scope, conversationId);
  const rows = await scope.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.userId, scope.userId),
        page.before ? lt(messages.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(page.limit + 1);
  const hasOlder = rows.length > page.limit;
  const items = rows.slice(0, page.limit).reverse().map(toMessageDto);
  return { items, next_before: hasOlder ? (items[0]?.id ?? null) : null };
}

export type HistoryBudget = { maxMessages: number; maxChars: number };

/**
 * The newest messages of a conversation that fit the budget, oldest first. Loaded from the
 * database on every turn, so any replica can continue any conversation.
 */
export async function loadHistory(
  { db, userId }: Scope,
  conversationId: string,
  budget: HistoryBudget,
): Promise<TMessage[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.userId, userId)))
    .orderBy(desc(messages.id))
    .limit(budget.maxMessages);
  const kept: TMessage[] = [];
  let chars = 0;
  for (const row of rows) {
    chars += row.content.length + JSON.stringify(row.toolCalls).length;
    if (chars > budget.maxChars && kept.length > 0) break;
    kept.push(toMessageDto(row));
  }
  return kept.reverse();
}

/** A tool call that waited for the user, and the stored reply that asked. */
export type AnsweredApproval = {
  messageId: number;
  /** The activity batch of the reply that asked, which its continuation joins. */
  batchId: number;
  call: StoredToolCall & { tool_call_id: string };
};

/**
 * Records the user's answer to an approval the conversation's latest reply asked for, once: the
 * update only lands while the stored calls are still the ones read (two answers in a race, or a
 * replayed request, find it answered and get a 409). An id not asked for there is a 404.
 */
export async function answerApproval(
  { db, userId }: Scope,
  conversationId: string,
  answer: TApprovalAnswer,
): Promise<AnsweredApproval> {
  const [latest] = await db
    .select({ id: messages.id, toolCalls: messages.toolCalls, batchId: messages.batchId })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.userId, userId),
        eq(messages.role, 'assistant'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  const call = latest?.toolCalls.find((candidate) => candidate.approval?.id === answer.id);
  if (!latest || !call?.approval || !call.tool_call_id) throw notFound('Approval request');
  if (call.approval.state !== 'requested') {
    throw new AppError('conflict', 'That approval was already answered');
  }
  const state: TToolApproval['state'] = answer.approved ? 'approved' : 'declined';
  const settled = {
    ...call,
    tool_call_id: call.tool_call_id,
    approval: { ...call.approval, state },
  };
  const answered = latest.toolCalls.map((candidate) => (candidate === call ? settled : candidate));
  const updated = await db
    .update(messages)
    .set({ toolCalls: answered })
    .where(
      and(
        eq(messages.id, latest.id),
        eq(messages.userId, userId),
        sql`${messages.toolCalls} = ${JSON.stringify(latest.toolCalls)}::jsonb`,
      ),
    )
    .returning({ id: messages.id });
  if (updated.length === 0) throw new AppError('conflict', 'That approval was already answered');
  return { messageId: latest.id, batchId: latest.batchId ?? latest.id, call: settled };
}

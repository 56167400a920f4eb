import { randomUUID } from 'node:crypto';
import {
  type TApprovalAnswer,
  type TChatResponse,
  type TMessage,
  ZToolPreview,
} from '@todo/contracts';
import { createUIMessageStream, type UIMessageChunk } from 'ai';
import type { Database } from '../db/client.js';
import type { StoredToolCall } from '../db/schema/chat.js';
import type { Logger } from '../logger.js';
import { userLocale } from '../me/user-locale.js';
import type { TaskContext } from '../tasks/task-context.js';
import { userClock } from '../time/user-clock.js';
import { runAgent } from './agent.js';
import { previewCall, resumeOffline } from './approval.js';
import { recordChatTokens } from './chat-quota.js';
import {
  type AnsweredApproval,
  answerApproval,
  appendMessage,
  createConversation,
  getConversation,
  type HistoryBudget,
  loadHistory,
  reserveMessageId,
} from './conversation-store.js';
import { offlineProducer } from './offline/offline-producer.js';
import { describeProviderError, isTimeout } from './provider-errors.js';
import type { ChatModel } from './providers.js';
import type { ReplyProducer } from './reply-producer.js';

export const HISTORY_BUDGET: HistoryBudget = { maxMessages: 30, maxChars: 24_000 };

export type ChatTurnDeps = {
  db: Database;
  chatModel: ChatModel;
  logger: Logger;
  timeoutMs: number;
  now?: () => Date;
};

export type ChatTurnInput = {
  userId: string;
  abortSignal?: AbortSignal;
} & (
  | { conversationId?: string; message: string; approval?: undefined }
  /** The answer to the approval the conversation's last reply asked for: that reply goes on. */
  | { conversationId: string; approval: TApprovalAnswer; message?: undefined }
);

export type ChatTurn = {
  conversationId: string;
  /** The reply as AI SDK UI message chunks (what `useChat` consumes). */
  stream: ReadableStream<UIMessageChunk>;
  /** Settles once the reply is stored: the JSON form of the turn. */
  done: Promise<TChatResponse>;
};

/** What the turn has seen of the reply so far: what it will store. */
export type ReplyRecord = {
  texts: string[];
  /** The id of the text part being written, whose deltas are kept. */
  currentText?: string;
  calls: Map<string, StoredToolCall>;
  /** The producer reported an error, or was aborted (the SDK's timeout), mid-stream. */
  sawError: boolean;
  aborted: boolean;
};

export const emptyRecord = (): ReplyRecord => ({
  texts: [],
  calls: new Map(),
  sawError: false,
  aborted: false,
});

/**
 * Folds one chunk of the reply into the record. Returns whether the chunk goes on to the client:
 * errors and aborts do not (the turn ends with a notice of its own instead).
 */
export function accumulateChunk(record: ReplyRecord, chunk: UIMessageChunk): boolean {
  switch (chunk.type) {
    case 'error':
      record.sawError = true;
      return false;
    case 'abort':
      record.aborted = true;
      return false;
    case 'text-start':
      record.currentText = chunk.id;
      record.texts.push('');
      break;
    case 'text-delta':
      if (record.currentText === chunk.id) record.texts[record.texts.length - 1] += chunk.delta;
      break;
    case 'tool-input-available':
    case 'tool-input-error':
      record.calls.set(chunk.toolCallId, {
        tool: chunk.toolName,
        arguments: chunk.input,
        result: chunk.type === 'tool-input-error' ? { error: chunk.errorText } : undefined,
      });
      break;
    case 'tool-approval-request': {
      const call = record.calls.get(chunk.toolCallId);
      if (call) {
        call.tool_call_id = chunk.toolCallId;
        call.approval = {
          id: chunk.approvalId,
          state: 'requested',
          ...(chunk.approvalDescriptor
            ? { preview: ZToolPreview.parse(chunk.approvalDescriptor) }
            : {}),
        };
      }
      break;
    }
    case 'tool-output-denied': {
      const call = record.calls.get(chunk.toolCallId);
      if (call) call.result = { declined: 'The user declined: nothing changed.' };
      break;
    }
    case 'tool-output-available':
    case 'tool-output-error': {
      const call = record.calls.get(chunk.toolCallId);
      if (call) {
        call.result =
          chunk.type === 'tool-output-error' ? { error: chunk.errorText } : chunk.output;
      }
      break;
    }
  }
  return true;
}

const hasText = (record: ReplyRecord) => record.texts.join('').trim() !== '';

const TIMEOUT = Object.assign(new Error('timeout'), { name: 'TimeoutError' });

/**
 * The text a turn ends with when the reply cannot stand alone (stopped, failed, empty), and for a
 * failure the reason to log. Provider details stay in the log: they can name accounts or quotas.
 */
export function failureNotice(
  record: ReplyRecord,
  end: { failure: unknown; stoppedByClient: boolean; offline: boolean },
): { notice?: string; failed?: { reason: string } } {
  if (end.stoppedByClient) return { notice: hasText(record) ? undefined : '(stopped)' };
  if (end.failure || record.sawError || record.aborted) {
    const described =
      record.aborted && !end.failure
        ? describeProviderError(TIMEOUT)
        : end.offline
          ? {
              reason: 'offline_failure',
              message: 'Something went wrong while handling that. Please try again.',
            }
          : describeProviderError(end.failure);
    return { notice: described.message, failed: { reason: described.reason } };
  }
  if (hasText(record)) return {};
  const waiting = [...record.calls.values()].some((call) => call.approval?.state === 'requested');
  return {
    notice: waiting
      ? 'This needs your approval first: approve or decline it above.'
      : record.calls.size > 0
        ? 'Done.'
        : 'The AI model returned an empty reply. Please try rephrasing.',
  };
}

/**
 * An approval request from the model names only a call id: the card needs what would change
 * ("Delete «Pay rent»"), read now from the user's own tasks and stored with the call.
 */
async function withPreview(
  scope: TaskContext,
  record: ReplyRecord,
  chunk: UIMessageChunk,
): Promise<UIMessageChunk> {
  if (chunk.type !== 'tool-approval-request' || chunk.approvalDescriptor) return chunk;
  const call = record.calls.get(chunk.toolCallId);
  const preview = call && (await previewCall(scope, call.tool, call.arguments));
  if (!call?.approval || !preview?.ok) return chunk;
  call.approval.preview = preview.result;
  return { ...chunk, approvalDescriptor: preview.result };
}

/** The reply as stored and as the JSON route returns it. */
export function toStoredReply(record: ReplyRecord): Pick<TChatResponse, 'response' | 'tool_calls'> {
  const response = record.texts
    .map((text) => text.trim())
    .filter(Boolean)
    .join('\n\n');
  const toolCalls = [...record.calls.values()].map(
    ({ tool, arguments: args, result, tool_call_id, approval }) => ({
      tool,
      arguments: args,
      result: result ?? null,
      ...(approval && { tool_call_id, approval }),
    }),
  );
  return { response, tool_calls: toolCalls };
}

function logFailure(deps: ChatTurnDeps, reason: string, failure: unknown, record: ReplyRecord) {
  deps.logger.warn(
    {
      reason,
      provider: deps.chatModel.kind === 'llm' ? deps.chatModel.provider : 'offline',
      err: failure instanceof Error ? { name: failure.name, message: failure.message } : undefined,
      timeout: isTimeout(failure) || record.aborted,
    },
    'chat reply failed',
  );
}

/** A promise with its settle functions at hand (`Promise.withResolvers` needs Node 22). */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((settleWith, failWith) => {
    resolve = settleWith;
    reject = failWith;
  });
  return { promise, resolve, reject };
}

function firstMessage(content: string, now: Date): TMessage {
  return {
    id: 0,
    role: 'user',
    content,
    tool_calls: [],
    batch_id: null,
    created_at: now.toISOString(),
  };
}

/**
 * The AI agent's reply, or the offline assistant's when no model is configured; after an
 * approval answer, the continuation of the reply that asked.
 */
async function produceReply(
  deps: ChatTurnDeps,
  scope: TaskContext,
  input: ChatTurnInput,
  conversationId: string,
  now: Date,
  answered: AnsweredApproval | undefined,
): Promise<ReplyProducer> {
  const { chatModel } = deps;
  const approved = input.approval?.approved === true;
  if (answered && chatModel.kind === 'offline') return resumeOffline(scope, answered, approved);
  // A new conversation's history is the message just stored: no need to read it back.
  const readHistory = async () =>
    input.conversationId || input.message === undefined
      ? await loadHistory(scope, conversationId, HISTORY_BUDGET)
      : [firstMessage(input.message, now)];
  if (chatModel.kind === 'offline') {
    const [history, locale] = await Promise.all([
      readHistory(),
      userLocale(scope.db, scope.userId),
    ]);
    return offlineProducer(scope, input.message ?? '', now, history, locale);
  }
  // Independent reads, sent together: one round trip of waiting.
  const [history, { zone }, locale] = await Promise.all([
    readHistory(),
    userClock(scope.db, scope.userId, now),
    userLocale(scope.db, scope.userId),
  ]);
  return runAgent({
    model: chatModel.model,
    context: scope,
    history,
    now,
    timeZone: zone,
    locale,
    timeoutMs: deps.timeoutMs,
    abortSignal: input.abortSignal,
    answered: answered && { ...answered, approved },
  });
}

/**
 * One user turn: resolve (or create) the conversation, store the user's message, produce the
 * reply (AI agent or offline assistant) as a stream, and store the reply with its tool calls.
 * Provider failures become a clear assistant message and a logged warning, never a thrown error.
 */
export async function startChatTurn(deps: ChatTurnDeps, input: ChatTurnInput): Promise<ChatTurn> {
  const scope = { db: deps.db, userId: input.userId };
  const now = deps.now?.() ?? new Date();
  const conversation = input.conversationId
    ? await getConversation(scope, input.conversationId)
    : await createConversation(scope, input.message ?? '');
  // An answer is not a message: it continues the stored reply, whose call it settles once.
  const answered = input.approval
    ? await answerApproval(scope, conversation.id, input.approval)
    : undefined;
  if (input.message !== undefined) {
    await appendMessage(scope, conversation.id, { role: 'user', content: input.message });
  }
  // The reply's id is known before any tool runs: the turn's changes are one activity batch
  // named by it, so "undo" in the chat panel can pass it back. Taken after the user's message,
  // so the conversation's order by id stays the order of its turns. A continuation after an
  // approval adds its changes to the batch of the reply it continues, which the panel shows as one.
  const replyId = await reserveMessageId(deps.db);
  const batchId = String(answered ? answered.batchId : replyId);
  const actingScope: TaskContext = {
    ...scope,
    actor: { via: 'chat', conversationId: conversation.id, batchId },
  };

  const { promise: done, resolve, reject } = deferred<TChatResponse>();
  // The JSON route awaits `done`; the streaming route may not, so never leave it unhandled.
  done.catch(() => {});

  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      const record = emptyRecord();
      // The answered call's result belongs to this reply, which stores it.
      if (answered) record.calls.set(answered.call.tool_call_id, { ...answered.call });
      let producer: ReplyProducer | undefined;
      let crashed: unknown;
      try {
        writer.write({
          type: 'start',
          // A continuation keeps the id of the message it continues (the client's own).
          ...(answered ? {} : { messageId: randomUUID() }),
          messageMetadata: { conversation_id: conversation.id, batch_id: batchId },
        });
        producer = await produceReply(deps, actingScope, input, conversation.id, now, answered);
        for await (const chunk of producer.chunks) {
          if (accumulateChunk(record, chunk))
            writer.write(await withPreview(actingScope, record, chunk));
        }

        const failure = producer.error();
        const { notice, failed } = failureNotice(record, {
          failure,
          stoppedByClient: input.abortSignal?.aborted === true,
          offline: deps.chatModel.kind === 'offline',
        });
        if (failed) logFailure(deps, failed.reason, failure, record);
        if (notice) {
          const id = randomUUID();
          writer.write({ type: 'text-start', id });
          writer.write({ type: 'text-delta', id, delta: notice });
          writer.write({ type: 'text-end', id });
          record.texts.push(notice);
        }
        writer.write({ type: 'finish' });
      } catch (error) {
        crashed = error;
        record.texts.push('Something went wrong on our side, sorry. Please try again.');
        throw error;
      } finally {
        const reply = toStoredReply(record);
        try {
          // The turn's tokens in one write whatever its steps, beside storing the reply, not after.
          const spent = producer?.tokens?.() ?? 0;
          await Promise.all([
            appendMessage(scope, conversation.id, {
              role: 'assistant',
              content: reply.response,
              toolCalls: reply.tool_calls,
              id: replyId,
              ...(answered && { batchId: answered.batchId }),
            }),
            // A lost count must not lose the reply, but it must not pass unseen either.
            recordChatTokens(deps.db, scope.userId, spent).catch((error: unknown) =>
              deps.logger.warn({ err: error }, 'chat tokens not recorded'),
            ),
          ]);
          if (crashed) reject(crashed);
          else resolve({ conversation_id: conversation.id, batch_id: batchId, ...reply });
        } catch (error) {
          reject(error);
        }
      }
    },
    onError: (error) => {
      deps.logger.error({ err: error }, 'chat turn failed');
      reject(error);
      return 'Something went wrong on our side.';
    },
  });

  return { conversationId: conversation.id, stream, done };
}

import { randomUUID } from 'node:crypto';
import type { TChatResponse, TMessage } from '@todo/contracts';
import { createUIMessageStream, type UIMessageChunk } from 'ai';
import type { Database } from '../db/client.js';
import type { StoredToolCall } from '../db/schema/chat.js';
import type { Logger } from '../logger.js';
import { runAgent } from './agent.js';
import {
  appendMessage,
  createConversation,
  getConversation,
  type HistoryBudget,
  loadHistory,
} from './conversation-store.js';
import { runOfflineAssistant } from './offline/offline-assistant.js';
import { describeProviderError, isTimeout } from './provider-errors.js';
import type { ChatModel } from './providers.js';

export const HISTORY_BUDGET: HistoryBudget = { maxMessages: 30, maxChars: 24_000 };

export type ChatTurnDeps = {
  db: Database;
  chatModel: ChatModel;
  logger: Logger;
  timeoutMs: number;
  now?: () => Date;
};

export type ChatTurn = {
  conversationId: string;
  /** The reply as AI SDK UI message chunks (what `useChat` consumes). */
  stream: ReadableStream<UIMessageChunk>;
  /** Settles once the reply is stored: the JSON form of the turn. */
  done: Promise<TChatResponse>;
};

type Producer = {
  chunks: ReadableStream<UIMessageChunk>;
  error(): unknown;
};

/** The offline assistant's reply as the same UI chunks the AI agent produces. */
function offlineProducer(
  context: { db: Database; userId: string },
  message: string,
  now: Date,
): Producer {
  let failure: unknown;
  const chunks = new ReadableStream<UIMessageChunk>({
    async start(controller) {
      try {
        const reply = await runOfflineAssistant(context, message, now);
        controller.enqueue({ type: 'start-step' });
        for (const call of reply.toolCalls) {
          controller.enqueue({
            type: 'tool-input-available',
            toolCallId: call.toolCallId,
            toolName: call.tool,
            input: call.arguments,
          });
          controller.enqueue({
            type: 'tool-output-available',
            toolCallId: call.toolCallId,
            output: call.result,
          });
        }
        const id = randomUUID();
        controller.enqueue({ type: 'text-start', id });
        // Line by line, so the reply visibly streams like a model's would.
        const lines = reply.text.split(/(?<=\n)/);
        for (const line of lines) controller.enqueue({ type: 'text-delta', id, delta: line });
        controller.enqueue({ type: 'text-end', id });
        controller.enqueue({ type: 'finish-step' });
      } catch (error) {
        failure = error;
      }
      controller.close();
    },
  });
  return { chunks, error: () => failure };
}

function firstMessage(content: string, now: Date): TMessage {
  return { id: 0, role: 'user', content, tool_calls: [], created_at: now.toISOString() };
}

/**
 * One user turn: resolve (or create) the conversation, store the user's message, produce the
 * reply (AI agent or offline assistant) as a stream, and store the reply with its tool calls.
 * Provider failures become a clear assistant message and a logged warning, never a thrown error.
 */
export async function startChatTurn(
  deps: ChatTurnDeps,
  input: {
    userId: string;
    conversationId?: string;
    message: string;
    abortSignal?: AbortSignal;
  },
): Promise<ChatTurn> {
  const scope = { db: deps.db, userId: input.userId };
  const now = deps.now?.() ?? new Date();
  const conversation = input.conversationId
    ? await getConversation(scope, input.conversationId)
    : await createConversation(scope, input.message);
  await appendMessage(scope, conversation.id, { role: 'user', content: input.message });

  let settle!: { resolve(value: TChatResponse): void; reject(error: unknown): void };
  const done = new Promise<TChatResponse>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The JSON route awaits `done`; the streaming route may not, so never leave it unhandled.
  done.catch(() => {});

  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      const texts: string[] = [];
      const calls = new Map<string, StoredToolCall & { toolCallId: string }>();
      let sawError = false;
      let aborted = false;
      let crashed: unknown;
      try {
        writer.write({
          type: 'start',
          messageId: randomUUID(),
          messageMetadata: { conversation_id: conversation.id },
        });
        const { chatModel } = deps;
        const producer: Producer =
          chatModel.kind === 'offline'
            ? offlineProducer(scope, input.message, now)
            : await (async () => {
                // A new conversation's history is the message just stored: no need to read it back.
                const history = input.conversationId
                  ? await loadHistory(scope, conversation.id, HISTORY_BUDGET)
                  : [firstMessage(input.message, now)];
                const run = runAgent({
                  model: chatModel.model,
                  context: scope,
                  history,
                  now,
                  timeoutMs: deps.timeoutMs,
                  abortSignal: input.abortSignal,
                });
                return { chunks: run.stream, error: run.error };
              })();

        let currentText: string | undefined;
        for await (const chunk of producer.chunks) {
          switch (chunk.type) {
            case 'error':
              sawError = true;
              continue;
            case 'abort':
              aborted = true;
              continue;
            case 'text-start':
              currentText = chunk.id;
              texts.push('');
              break;
            case 'text-delta':
              if (currentText === chunk.id) texts[texts.length - 1] += chunk.delta;
              break;
            case 'tool-input-available':
            case 'tool-input-error':
              calls.set(chunk.toolCallId, {
                toolCallId: chunk.toolCallId,
                tool: chunk.toolName,
                arguments: chunk.input,
                result: chunk.type === 'tool-input-error' ? { error: chunk.errorText } : undefined,
              });
              break;
            case 'tool-output-available': {
              const call = calls.get(chunk.toolCallId);
              if (call) call.result = chunk.output;
              break;
            }
            case 'tool-output-error': {
              const call = calls.get(chunk.toolCallId);
              if (call) call.result = { error: chunk.errorText };
              break;
            }
          }
          writer.write(chunk);
        }

        const failure = producer.error();
        const stoppedByClient = input.abortSignal?.aborted === true;
        let notice: string | undefined;
        if (stoppedByClient) {
          notice = texts.join('').trim() ? undefined : '(stopped)';
        } else if (failure || sawError || aborted) {
          const described =
            aborted && !failure
              ? describeProviderError(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))
              : deps.chatModel.kind === 'offline'
                ? {
                    reason: 'offline_failure',
                    message: 'Something went wrong while handling that. Please try again.',
                  }
                : describeProviderError(failure);
          deps.logger.warn(
            {
              reason: described.reason,
              provider: deps.chatModel.kind === 'llm' ? deps.chatModel.provider : 'offline',
              err:
                failure instanceof Error
                  ? { name: failure.name, message: failure.message }
                  : undefined,
              timeout: isTimeout(failure) || aborted,
            },
            'chat reply failed',
          );
          notice = described.message;
        } else if (!texts.join('').trim()) {
          notice =
            calls.size > 0
              ? 'Done.'
              : 'The AI model returned an empty reply. Please try rephrasing.';
        }
        if (notice) {
          const id = randomUUID();
          writer.write({ type: 'text-start', id });
          writer.write({ type: 'text-delta', id, delta: notice });
          writer.write({ type: 'text-end', id });
          texts.push(notice);
        }
        writer.write({ type: 'finish' });
      } catch (error) {
        crashed = error;
        texts.push('Something went wrong on our side, sorry. Please try again.');
        throw error;
      } finally {
        const response = texts
          .map((text) => text.trim())
          .filter(Boolean)
          .join('\n\n');
        const toolCalls = [...calls.values()].map(({ tool, arguments: args, result }) => ({
          tool,
          arguments: args,
          result: result ?? null,
        }));
        try {
          await appendMessage(scope, conversation.id, {
            role: 'assistant',
            content: response,
            toolCalls,
          });
          if (crashed) settle.reject(crashed);
          else
            settle.resolve({ conversation_id: conversation.id, response, tool_calls: toolCalls });
        } catch (error) {
          settle.reject(error);
        }
      }
    },
    onError: (error) => {
      deps.logger.error({ err: error }, 'chat turn failed');
      settle.reject(error);
      return 'Something went wrong on our side.';
    },
  });

  return { conversationId: conversation.id, stream, done };
}

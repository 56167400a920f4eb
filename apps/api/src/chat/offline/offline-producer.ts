import { randomUUID } from 'node:crypto';
import type { TLocale, TMessage } from '@todo/contracts';
import type { UIMessageChunk } from 'ai';
import type { TaskContext } from '../../tasks/task-context.js';
import type { ReplyProducer } from '../reply-producer.js';
import { runOfflineAssistant } from './offline-assistant.js';

/**
 * What the offline assistant says first to a user who picked Urdu: its commands are English
 * words, so it says so in their language before its usual reply.
 */
export const URDU_NOTE =
  'میں بلٹ اِن اسسٹنٹ ہوں (کوئی AI ماڈل ترتیب نہیں دیا گیا)، اس لیے صرف انگریزی کمانڈز سمجھتا ہوں، ' +
  'مثلاً "add buy milk tomorrow" یا "what\'s due today?"۔ مثالوں کے لیے "help" لکھیں۔';

/**
 * The offline assistant's reply as the same UI chunks the AI agent produces. `history` is the
 * conversation so far, for follow-ups ("mark it done").
 */
export function offlineProducer(
  context: TaskContext,
  message: string,
  now: Date,
  history: readonly TMessage[],
  locale: TLocale = 'en',
): ReplyProducer {
  let failure: unknown;
  const chunks = new ReadableStream<UIMessageChunk>({
    async start(controller) {
      try {
        const reply = await runOfflineAssistant(context, message, now, history);
        controller.enqueue({ type: 'start-step' });
        for (const call of reply.toolCalls) {
          controller.enqueue({
            type: 'tool-input-available',
            toolCallId: call.toolCallId,
            toolName: call.tool,
            input: call.arguments,
          });
          // A call waiting for the user's yes has no output yet: the card asks (approval.ts).
          if (call.approval) {
            controller.enqueue({
              type: 'tool-approval-request',
              approvalId: call.approval.id,
              toolCallId: call.toolCallId,
              approvalDescriptor: call.approval.preview,
            });
            continue;
          }
          controller.enqueue({
            type: 'tool-output-available',
            toolCallId: call.toolCallId,
            output: call.result,
          });
        }
        const id = randomUUID();
        controller.enqueue({ type: 'text-start', id });
        // Line by line, so the reply visibly streams like a model's would.
        const text = locale === 'ur' ? `${URDU_NOTE}\n\n${reply.text}` : reply.text;
        const lines = text.split(/(?<=\n)/);
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

import type { TLocale, TMessage } from '@todo/contracts';
import {
  isStepCount,
  type LanguageModel,
  type ModelMessage,
  streamText,
  type Tool,
  type ToolSet,
  tool,
  toUIMessageStream,
  zodSchema,
} from 'ai';
import { chatModelTokens } from '../metrics/chat-metrics.js';
import type { TaskContext } from '../tasks/task-context.js';
import type { AnsweredApproval } from './conversation-store.js';
import { systemPrompt } from './prompts.js';
import type { ReplyProducer } from './reply-producer.js';
import { mapTaskTools } from './tools/index.js';
import { expectingFailures, runTaskTool } from './tools/run-task-tool.js';
import type { TaskTool, ToolData } from './tools/task-tool.js';

/** A model may chain a few tool calls (find, then change, then confirm); never loop forever. */
export const MAX_AGENT_STEPS = 6;

/**
 * A task tool as an AI SDK tool for one acting user: the model chooses tools and inputs, never
 * the user. The schema is wrapped once: the SDK converts it to JSON Schema on first use and keeps
 * that on the wrapper, so a fresh wrapper per turn would redo the conversion on every turn.
 */
function toChatTool<TInput extends ToolData, TOutput extends ToolData>(
  taskTool: TaskTool<TInput, TOutput>,
): readonly [string, (context: TaskContext) => Tool] {
  const inputSchema = zodSchema(taskTool.inputSchema);
  return [
    taskTool.name,
    (context) =>
      // Output and context named: the SDK's conditional types cannot settle a generic output.
      tool<TInput, ToolData, ToolData>({
        description: taskTool.description,
        inputSchema,
        // The SDK stops the turn at such a call and streams an approval request (ADR 075).
        // A call that would change nothing (an unknown id) runs at once and says so.
        needsApproval: async (input) => {
          const { confirmation } = taskTool;
          if (!confirmation) return false;
          // Parsed again only for its type: the SDK's conditional types lose TInput here.
          const typed = taskTool.inputSchema.parse(input);
          return (await expectingFailures(() => confirmation.preview(context, typed))).ok;
        },
        execute: async (input) => {
          try {
            return (await runTaskTool(taskTool, context, input)).result;
          } catch (error) {
            throw new ToolFailedError(error);
          }
        },
      }),
  ];
}

const CHAT_TOOLS = mapTaskTools(toChatTool);

/** The task tools bound to one acting user. */
export function chatTools(context: TaskContext): ToolSet {
  return Object.fromEntries(CHAT_TOOLS.map(([name, bind]) => [name, bind(context)]));
}

/**
 * An unexpected failure inside a tool (a database error, a bug). What the user and the model see
 * is a code and a plain message; the original stays in `cause` for the logs.
 */
export class ToolFailedError extends Error {
  constructor(cause: unknown) {
    super('internal_error: the tool failed on our side', { cause });
    this.name = 'ToolFailedError';
  }
}

/**
 * Stored messages → model messages. Past tool calls are summarised in the assistant's text rather
 * than replayed as tool messages: providers disagree on replay formats, and a summary is enough
 * for the model to know what happened.
 */
export function toModelMessages(history: TMessage[]): ModelMessage[] {
  return history
    .filter((message) => message.role === 'user' || message.role === 'assistant')
    .map((message) => {
      if (message.role === 'user') return { role: 'user', content: message.content };
      const calls = message.tool_calls.map(
        (call) =>
          // A call that waited says how the user answered, not a bare null.
          `${call.tool}(${JSON.stringify(call.arguments)}) → ${JSON.stringify(call.result ?? `approval ${call.approval?.state}`)}`,
      );
      const content = calls.length
        ? `${message.content}\n\n[tools used: ${calls.join('; ')}]`
        : message.content;
      return { role: 'assistant', content };
    });
}

/**
 * The reply that asked for approval, as the SDK's approval flow reads it: the assistant's call
 * and request, then the user's answer as a tool message. The SDK runs an approved call (or
 * reports a declined one to the model) before the next model step.
 */
export function answeredMessages(
  answered: AnsweredApproval & { approved: boolean },
  text: string,
): ModelMessage[] {
  const { call } = answered;
  const approvalId = call.approval?.id ?? '';
  return [
    {
      role: 'assistant',
      content: [
        ...(text ? [{ type: 'text' as const, text }] : []),
        {
          type: 'tool-call',
          toolCallId: call.tool_call_id,
          toolName: call.tool,
          input: call.arguments,
        },
        { type: 'tool-approval-request', approvalId, toolCallId: call.tool_call_id },
      ],
    },
    {
      role: 'tool',
      content: [{ type: 'tool-approval-response', approvalId, approved: answered.approved }],
    },
  ];
}

export function runAgent(options: {
  model: LanguageModel;
  context: TaskContext;
  history: TMessage[];
  now: Date;
  /** The user's IANA zone: the model reads and writes every date in it. */
  timeZone: string;
  /** The user's language: the model replies in it. */
  locale: TLocale;
  timeoutMs: number;
  abortSignal?: AbortSignal;
  /** The approval the user just answered: this reply continues the one that asked. */
  answered?: AnsweredApproval & { approved: boolean };
}): ReplyProducer {
  let failure: unknown;
  let tokens = 0;
  const tools = chatTools(options.context);
  const { answered } = options;
  const asked = answered && options.history.find((message) => message.id === answered.messageId);
  const messages = answered
    ? [
        ...toModelMessages(options.history.filter((message) => message !== asked)),
        ...answeredMessages(answered, asked?.content ?? ''),
      ]
    : toModelMessages(options.history);
  const result = streamText({
    model: options.model,
    system: systemPrompt(options.now, options.timeZone, options.locale),
    messages,
    tools,
    stopWhen: isStepCount(MAX_AGENT_STEPS),
    maxRetries: 2,
    timeout: options.timeoutMs,
    abortSignal: options.abortSignal,
    // Without this the SDK prints provider errors to stderr; the turn logs them itself.
    onError: ({ error }) => {
      failure ??= error;
    },
    // Summed per step, so a turn that fails half-way still pays for what it used; the turn
    // stores the sum once (start-chat-turn.ts), not one write per step.
    onStepFinish: ({ usage }) => {
      const input = usage.inputTokens ?? 0;
      const output = usage.outputTokens ?? 0;
      chatModelTokens.inc({ direction: 'input' }, input);
      chatModelTokens.inc({ direction: 'output' }, output);
      tokens += input + output;
    },
  });
  const chunks = toUIMessageStream({
    stream: result.stream,
    tools,
    sendStart: false,
    sendFinish: false,
    redactToolErrors: false,
    onError: (error) => {
      failure ??= error;
      return 'provider_error';
    },
  });
  return { chunks, error: () => failure, tokens: () => tokens };
}

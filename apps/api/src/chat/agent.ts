import type { TMessage } from '@todo/contracts';
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
import { systemPrompt } from './prompts.js';
import type { ReplyProducer } from './reply-producer.js';
import { mapTaskTools } from './tools/index.js';
import { runTaskTool } from './tools/run-task-tool.js';
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
          `${call.tool}(${JSON.stringify(call.arguments)}) → ${JSON.stringify(call.result)}`,
      );
      const content = calls.length
        ? `${message.content}\n\n[tools used: ${calls.join('; ')}]`
        : message.content;
      return { role: 'assistant', content };
    });
}

export function runAgent(options: {
  model: LanguageModel;
  context: TaskContext;
  history: TMessage[];
  now: Date;
  /** The user's IANA zone: the model reads and writes every date in it. */
  timeZone: string;
  timeoutMs: number;
  abortSignal?: AbortSignal;
}): ReplyProducer {
  let failure: unknown;
  let tokens = 0;
  const tools = chatTools(options.context);
  const result = streamText({
    model: options.model,
    system: systemPrompt(options.now, options.timeZone),
    messages: toModelMessages(options.history),
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

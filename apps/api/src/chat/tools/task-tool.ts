import type { TMcpScope } from '@todo/contracts';
import type { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { TaskContext } from '../../tasks/task-context.js';

/**
 * One task tool, described once and served to the chat agent (AI SDK `tool()`), the MCP server
 * (`registerTool`) and the offline assistant. `run` gets the acting user from the caller's
 * authentication: no tool input ever names a user. Its input has passed `inputSchema` (the SDKs
 * validate what a model or client sends; the offline assistant builds it typed); the domain rules
 * (lengths, dates, tags) are the task contract's, applied inside `run`.
 */
export type TaskTool<TInput extends ToolData = ToolData, TOutput extends ToolData = ToolData> = {
  name: string;
  /** What a credential for /mcp must grant to call this tool (ADR 068). */
  scope: TMcpScope;
  title: string;
  description: string;
  /** MCP tool annotations: hints for a client deciding whether to ask before calling. */
  annotations?: {
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
  inputSchema: z.ZodType<TInput>;
  outputSchema: z.ZodType<TOutput>;
  run(context: TaskContext, input: TInput): Promise<TOutput>;
};

/** A tool's input and output are JSON objects (MCP's structured content is one). */
export type ToolData = Record<string, unknown>;

/** What a tool takes, e.g. `ToolInput<typeof listTasksTool>`. */
export type ToolInput<T> = T extends TaskTool<infer TInput, infer _TOutput> ? TInput : never;

export const defineTaskTool = <TInput extends ToolData, TOutput extends ToolData>(
  tool: TaskTool<TInput, TOutput>,
) => tool;

/** Turns a contract's validation failure into one readable sentence for a model or a person. */
export function invalidInput(error: z.ZodError): AppError {
  const message = error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  return new AppError('validation_error', message || 'Invalid input');
}

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
  /** What the tool does to the user's data, for clients and for our own confirmation rules. */
  annotations: TaskToolAnnotations;
  inputSchema: z.ZodType<TInput>;
  outputSchema: z.ZodType<TOutput>;
  run(context: TaskContext, input: TInput): Promise<TOutput>;
  /**
   * Present on tools that wait for the user's yes first (deletes, changes to many tasks): the
   * chat pauses for approval, MCP asks for `confirm: true`. `preview` reads, never writes: it
   * names what would change, for the approval card, the offline question and MCP's preview.
   */
  confirmation?: { preview(context: TaskContext, input: TInput): Promise<ToolPreview> };
};

/**
 * MCP's tool annotations, all required here so no tool forgets one. `openWorldHint` is always
 * false: the tools touch only the user's own tasks, never the outside world.
 */
export type TaskToolAnnotations = {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: false;
};

/** What a confirmed call would change: one line per task, for a person to read. */
export type ToolPreview = { summary: string; tasks: { id: number; title: string }[] };

/** The annotations of a tool that only reads. */
export const READ_ONLY: TaskToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** A tool that adds or moves something each time it runs: twice is two of them. */
export const ADDS: TaskToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};

/** A tool that sets fields to given values: twice leaves what once did. */
export const SETS: TaskToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
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

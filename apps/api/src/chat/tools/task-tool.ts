import type { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { TaskContext } from '../../tasks/task-context.js';

/**
 * One task tool, described once and served to both the chat agent (AI SDK `tool()`) and the MCP
 * server (`registerTool`). `run` gets the acting user from the caller's authentication: no tool
 * input ever names a user.
 */
export type TaskTool<TInput extends z.ZodObject = z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  inputSchema: TInput;
  outputSchema: z.ZodObject;
  run(context: TaskContext, input: z.output<TInput>): Promise<Record<string, unknown>>;
};

export const defineTaskTool = <TInput extends z.ZodObject>(tool: TaskTool<TInput>) => tool;

/** Turns a contract's validation failure into one readable sentence for a model or a person. */
export function invalidInput(error: z.ZodError): AppError {
  const message = error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  return new AppError('validation_error', message || 'Invalid input');
}

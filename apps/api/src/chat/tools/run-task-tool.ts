import { AppError } from '../../errors/app-error.js';
import type { TaskContext } from '../../tasks/task-context.js';
import type { TaskTool } from './task-tool.js';

export type ToolOutcome =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; result: { error: string } };

/**
 * Runs a tool and turns expected failures (unknown task, bad input) into a result the caller can
 * read back, so a model can correct itself and a person sees why. Anything else is a real failure
 * and propagates.
 */
export async function runTaskTool(
  tool: TaskTool,
  context: TaskContext,
  input: unknown,
): Promise<ToolOutcome> {
  const parsed = tool.inputSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    return { ok: false, result: { error: message } };
  }
  try {
    return { ok: true, result: await tool.run(context, parsed.data) };
  } catch (error) {
    if (error instanceof AppError && error.statusCode < 500) {
      return { ok: false, result: { error: error.message } };
    }
    throw error;
  }
}

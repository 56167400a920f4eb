import { AppError } from '../../errors/app-error.js';
import type { TaskContext } from '../../tasks/task-context.js';
import type { TaskTool, ToolData } from './task-tool.js';

export type ToolOutcome<TResult> =
  | { ok: true; result: TResult }
  | { ok: false; result: { error: string } };

/**
 * Runs a tool and turns expected failures (unknown task, input the contract refuses) into a result
 * the caller can read back, so a model can correct itself and a person sees why. Anything else is
 * a real failure and propagates.
 */
export function runTaskTool<TInput extends ToolData, TOutput extends ToolData>(
  tool: TaskTool<TInput, TOutput>,
  context: TaskContext,
  input: TInput,
): Promise<ToolOutcome<TOutput>> {
  return expectingFailures(() => tool.run(context, input));
}

/** The same for any tool work (a confirmation's preview). */
export async function expectingFailures<TResult>(
  work: () => Promise<TResult>,
): Promise<ToolOutcome<TResult>> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    if (error instanceof AppError && error.statusCode < 500) {
      return { ok: false, result: { error: error.message } };
    }
    throw error;
  }
}

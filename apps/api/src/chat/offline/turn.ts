import type { TMessage, TTask } from '@todo/contracts';
import { findTasksByWords } from '../../tasks/find-tasks-by-words.js';
import type { TaskContext } from '../../tasks/task-context.js';
import type { UserClock } from '../../time/user-clock.js';
import type { ToolOutcome } from '../tools/run-task-tool.js';
import type { TaskTool, ToolData, ToolPreview } from '../tools/task-tool.js';
import { lastTaskIn } from './last-task.js';
import type { TaskRef } from './parse-command.js';
import * as replies from './replies.js';

/**
 * What a step works with: the acting user, their clock (zone and now), the conversation so far,
 * and a tool runner that records calls.
 */
export type Turn = {
  context: TaskContext;
  clock: UserClock;
  history: readonly TMessage[];
  call<TInput extends ToolData, TOutput extends ToolData>(
    tool: TaskTool<TInput, TOutput>,
    input: TInput,
  ): Promise<ToolOutcome<TOutput>>;
  /**
   * A tool that waits for the user's yes (a delete): records the call as asking for approval
   * and gives what it would change; the call runs only once the user approves (approval.ts).
   */
  ask<TInput extends ToolData, TOutput extends ToolData>(
    tool: TaskTool<TInput, TOutput>,
    input: TInput,
  ): Promise<ToolOutcome<ToolPreview>>;
};

/** `missing`: nothing matched (as opposed to a question between several). */
export type Resolution = { task: TTask } | { id: number } | { reply: string; missing?: true };

/** A task the reference resolved to: one task, or an id the tool will check. */
export type Resolved = Exclude<Resolution, { reply: string }>;

/** A reference resolves to one task (or an id the tool checks), or to a question. */
export async function resolve(
  turn: Turn,
  ref: TaskRef,
  prefer: 'pending' | 'completed' | 'all',
): Promise<Resolution> {
  if ('id' in ref) return { id: ref.id };
  if ('last' in ref) {
    const last = lastTaskIn(turn.history);
    if (!last) return { reply: replies.noLastTask };
    return 'id' in last ? last : { reply: replies.whichOfThese(last.ids) };
  }
  let matches = await findTasksByWords(turn.context, ref.words, { status: prefer });
  if (matches.length === 0 && prefer !== 'all') {
    matches = await findTasksByWords(turn.context, ref.words, { status: 'all' });
  }
  const [first, ...others] = matches.map((match) => match.task);
  if (!first) return { reply: replies.noMatch(ref.words), missing: true };
  if (others.length === 0) return { task: first };
  return {
    reply: replies.whichOne(ref.words, [first, ...others].slice(0, 5), turn.clock.zone),
  };
}

export const idOf = (resolution: Resolved) =>
  'task' in resolution ? resolution.task.id : resolution.id;

/** What a step says after a tool call: `say` on success, the tool's reason on failure. */
export const replyTo = <TResult>(
  outcome: ToolOutcome<TResult>,
  say: (result: TResult) => string,
) => (outcome.ok ? say(outcome.result) : replies.failed(outcome.result.error));

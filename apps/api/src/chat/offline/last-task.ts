import type { TMessage } from '@todo/contracts';

/** The task ids one recorded tool call was about, by the tool's result. */
function taskIdsOf(call: TMessage['tool_calls'][number]): number[] {
  const result = call.result;
  if (!result || typeof result !== 'object') return [];
  const idOf = (value: unknown): number[] =>
    value && typeof value === 'object' && 'id' in value && typeof value.id === 'number'
      ? [value.id]
      : [];
  switch (call.tool) {
    case 'complete_task':
      // A repeating task's next occurrence is the open one "it" now means.
      return 'next_task' in result && result.next_task ? idOf(result.next_task) : idOf(result);
    case 'add_task':
    case 'update_task':
    case 'reschedule_task':
      return idOf(result);
    case 'delete_task':
      return 'deleted' in result ? idOf(result.deleted) : [];
    case 'add_tasks':
    case 'list_tasks':
      return 'tasks' in result && Array.isArray(result.tasks) ? result.tasks.flatMap(idOf) : [];
    default:
      return [];
  }
}

/**
 * "it": the task the conversation was last about, read back from the stored tool calls (newest
 * first). `history` is the acting user's own conversation, and every tool still checks the owner,
 * so "it" never reaches another user's task. Several at once ("add eggs, milk and bread", a list
 * of three) make "it" ambiguous.
 */
export function lastTaskIn(
  history: readonly TMessage[],
): { id: number } | { ids: number[] } | undefined {
  for (const message of [...history].reverse()) {
    for (const call of [...message.tool_calls].reverse()) {
      const ids = [...new Set(taskIdsOf(call))];
      const [only] = ids;
      if (only !== undefined) return ids.length === 1 ? { id: only } : { ids: ids.slice(0, 10) };
    }
  }
  return undefined;
}

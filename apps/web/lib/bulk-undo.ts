import type {
  TCreateTaskRequest,
  TTask,
  TTaskBatchRequest,
  TTaskBatchResult,
  TUpdateTaskRequest,
} from '@todo/contracts';

/** One request that takes part of a bulk change back. */
export type UndoStep =
  | { kind: 'batch'; body: TTaskBatchRequest }
  | { kind: 'patch'; id: number; patch: TUpdateTaskRequest }
  | { kind: 'create'; input: TCreateTaskRequest; completed: boolean };

/** A deleted task as a new one (its id is gone; its fields come back). */
export const recreation = (task: TTask): TCreateTaskRequest => ({
  title: task.title,
  description: task.description,
  priority: task.priority,
  list_id: task.list_id,
  due_date: task.due_date,
  due_at: task.due_at,
  recurrence: task.recurrence,
  recurrence_from: task.recurrence_from,
  tags: task.tags,
});

/**
 * The requests that undo a bulk change, from the tasks as they were and the server's answer.
 * Completing a repeating task moved its rule to a new occurrence: undo deletes that occurrence
 * and gives the rule back. A move goes back list by list. Deleted tasks are created again.
 */
export function undoSteps(before: TTask[], result: TTaskBatchResult): UndoStep[] {
  const was = new Map(before.map((task) => [task.id, task]));
  switch (result.action) {
    case 'complete': {
      const changed = result.items.filter((task) => !was.get(task.id)?.completed);
      const next = changed.flatMap((task) => (task.next_task ? [task.next_task.id] : []));
      const steps: UndoStep[] = next.length
        ? [{ kind: 'batch', body: { action: 'delete', ids: next } }]
        : [];
      const plain = changed.filter((task) => !task.next_task).map((task) => task.id);
      if (plain.length) steps.push({ kind: 'batch', body: { action: 'reopen', ids: plain } });
      for (const task of changed) {
        const old = was.get(task.id);
        if (task.next_task && old) {
          steps.push({
            kind: 'patch',
            id: task.id,
            patch: {
              completed: false,
              recurrence: old.recurrence,
              recurrence_from: old.recurrence_from,
            },
          });
        }
      }
      return steps;
    }
    case 'reopen': {
      const ids = result.items.filter((task) => was.get(task.id)?.completed).map((task) => task.id);
      return ids.length ? [{ kind: 'batch', body: { action: 'complete', ids } }] : [];
    }
    case 'move': {
      const byList = new Map<number, number[]>();
      for (const task of result.items) {
        const from = was.get(task.id)?.list_id;
        if (from === undefined || from === task.list_id) continue;
        byList.set(from, [...(byList.get(from) ?? []), task.id]);
      }
      return [...byList].map(([listId, ids]) => ({
        kind: 'batch',
        body: { action: 'move', ids, list_id: listId },
      }));
    }
    case 'delete':
      return result.items.map((task) => ({
        kind: 'create',
        input: recreation(task),
        completed: task.completed,
      }));
  }
}

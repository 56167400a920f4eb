import type { TList, TTask, TUpdateTaskRequest } from '@todo/contracts';
import type { KanbanGroup } from './view-query';

/** One Kanban column: its key (the drop target's id), its heading and what a drop into it sets. */
export type KanbanColumn = { key: string; name: string; patch: TUpdateTaskRequest };

/** The columns of a grouping (custom: the list's own, in order; none yet gives none). */
export function columnsOf(group: KanbanGroup, list: TList): KanbanColumn[] {
  switch (group) {
    case 'status':
      return [
        { key: 'open', name: 'Open', patch: { completed: false } },
        { key: 'done', name: 'Done', patch: { completed: true } },
      ];
    case 'priority':
      return (['high', 'medium', 'low'] as const).map((priority) => ({
        key: priority,
        name: `${priority[0]?.toUpperCase()}${priority.slice(1)} priority`,
        patch: { priority },
      }));
    case 'custom':
      return list.kanban_columns.map((name) => ({
        key: `column:${name}`,
        name,
        patch: { kanban_column: name },
      }));
  }
}

/** Which column a task is in; a task without a known custom column is in the first one. */
export function columnKeyOf(group: KanbanGroup, task: TTask, columns: KanbanColumn[]): string {
  if (group === 'status') return task.completed ? 'done' : 'open';
  if (group === 'priority') return task.priority;
  const key = `column:${task.kanban_column}`;
  return columns.some((column) => column.key === key) ? key : (columns[0]?.key ?? '');
}

/** The task as it is once a patch applies (the optimistic move). */
export function applyPatch(task: TTask, patch: TUpdateTaskRequest): TTask {
  return {
    ...task,
    ...(patch.completed !== undefined && { completed: patch.completed }),
    ...(patch.priority !== undefined && { priority: patch.priority }),
    ...(patch.kanban_column !== undefined && { kanban_column: patch.kanban_column }),
  };
}

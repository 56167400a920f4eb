import type { TTask } from '@todo/contracts';
import type { TaskRow } from '../db/schema/tasks.js';
import { describeRecurrence } from '../recurrence/describe-recurrence.js';

/** How many subtasks a task has and how many of them are done. */
export type SubtaskTally = { count: number; done: number };

export const NO_SUBTASKS: SubtaskTally = { count: 0, done: 0 };

/** The one place a stored row becomes the API's snake_case task. */
export function toTaskDto(row: TaskRow, tally: SubtaskTally = NO_SUBTASKS): TTask {
  return {
    id: row.id,
    list_id: row.listId,
    parent_id: row.parentId,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    due_date: row.dueDate,
    due_at: row.dueAt?.toISOString() ?? null,
    recurrence: row.recurrence,
    recurrence_from: row.recurrenceFrom,
    recurrence_text: row.recurrence ? describeRecurrence(row.recurrence, row.recurrenceFrom) : null,
    tags: row.tags,
    subtask_count: tally.count,
    subtasks_done: tally.done,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

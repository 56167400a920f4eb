import type { TTask } from '@todo/contracts';
import { getTableColumns } from 'drizzle-orm';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { describeRecurrence } from '../recurrence/describe-recurrence.js';

/** How many subtasks a task has and how many of them are done. */
export type SubtaskTally = { count: number; done: number };

export const NO_SUBTASKS: SubtaskTally = { count: 0, done: 0 };

/** The columns a task's answer is made of: not the owner, nor the due key (a sorting aid). */
export type TaskDtoRow = Omit<TaskRow, 'userId' | 'dueKey'>;
const { userId: _owner, dueKey: _sortingAid, ...dtoColumns } = getTableColumns(tasks);
/** Selecting only these: fewer cells for the driver to parse and Drizzle to map per row. */
export const TASK_DTO_COLUMNS = dtoColumns;

/** The one place a stored row becomes the API's snake_case task. */
export function toTaskDto(row: TaskDtoRow, tally: SubtaskTally = NO_SUBTASKS): TTask {
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
    kanban_column: row.kanbanColumn,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

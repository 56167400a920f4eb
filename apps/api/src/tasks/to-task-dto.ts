import type { TTask } from '@todo/contracts';
import type { TaskRow } from '../db/schema/tasks.js';

/** The one place a stored row becomes the API's snake_case task. */
export function toTaskDto(row: TaskRow): TTask {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    due_date: row.dueDate?.toISOString() ?? null,
    tags: row.tags,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

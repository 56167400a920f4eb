import type { TList } from '@todo/contracts';
import type { ListRow } from '../db/schema/lists.js';

export function toListDto(row: ListRow, openTasks: number): TList {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    position: row.position,
    is_inbox: row.isInbox,
    open_tasks: openTasks,
    kanban_columns: row.kanbanColumns,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

import { ZTask, ZTaskId } from '@todo/contracts';
import { z } from 'zod';
import { deleteTask } from '../../tasks/delete-task.js';
import { defineTaskTool } from './task-tool.js';

export const deleteTaskTool = defineTaskTool({
  name: 'delete_task',
  scope: 'tasks:delete',
  title: 'Delete task',
  description:
    'Delete a task by its id, with its subtasks. Returns the deleted task; undo_last_change brings it back.',
  inputSchema: z.object({ id: ZTaskId.describe('The task id (a number, as shown by list_tasks)') }),
  outputSchema: z.object({ deleted: ZTask }),
  run: async (context, input) => ({ deleted: await deleteTask(context, input.id) }),
});

import { ZTask, ZTaskId } from '@todo/contracts';
import { z } from 'zod';
import { deleteTask } from '../../tasks/delete-task.js';
import { getTask } from '../../tasks/get-task.js';
import { defineTaskTool } from './task-tool.js';

export const deleteTaskTool = defineTaskTool({
  name: 'delete_task',
  scope: 'tasks:delete',
  title: 'Delete task',
  description:
    'Delete a task (and its subtasks) by its id; undo_last_change brings it back. The user is ' +
    'asked to approve first. Returns the deleted task.',
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  inputSchema: z.object({ id: ZTaskId.describe('The task id (a number, as shown by list_tasks)') }),
  outputSchema: z.object({ deleted: ZTask }),
  run: async (context, input) => ({ deleted: await deleteTask(context, input.id) }),
  // A delete cannot be taken back by the model: the user approves it first.
  confirmation: {
    async preview(context, input) {
      const task = await getTask(context, input.id);
      const subtasks = task.subtasks.length
        ? ` and its ${task.subtasks.length} subtask${task.subtasks.length === 1 ? '' : 's'}`
        : '';
      return {
        summary: `Delete «${task.title}»${subtasks}`,
        tasks: [task, ...task.subtasks].map(({ id, title }) => ({ id, title })),
      };
    },
  },
});

import { ZTaskId, ZUpdatedTask } from '@todo/contracts';
import { z } from 'zod';
import { updateTask } from '../../tasks/update-task.js';
import { defineTaskTool, SETS } from './task-tool.js';

export const completeTaskTool = defineTaskTool({
  name: 'complete_task',
  scope: 'tasks:write',
  title: 'Complete task',
  description:
    'Mark a task as done by its id. Pass completed: false to reopen a task that was done. ' +
    'For a repeating task the result has next_task: the next occurrence it created (tell the ' +
    'user when it is due).',
  annotations: SETS,
  inputSchema: z.object({
    id: ZTaskId.describe('The task id (a number, as shown by list_tasks)'),
    completed: z.boolean().optional().describe('true (default) marks done, false reopens'),
  }),
  outputSchema: ZUpdatedTask,
  run: (context, input) => updateTask(context, input.id, { completed: input.completed ?? true }),
});

import { ZTask, ZTaskId, ZTaskPriority, ZUpdateTaskRequest } from '@todo/contracts';
import { z } from 'zod';
import { updateTask } from '../../tasks/update-task.js';
import { defineTaskTool, invalidInput } from './task-tool.js';

export const updateTaskTool = defineTaskTool({
  name: 'update_task',
  title: 'Update task',
  description:
    'Change a task by its id: rename (title), reschedule (due_date, null clears it), ' +
    'reprioritise (priority), replace tags, edit the description, or set completed. ' +
    'Give only the fields to change. Returns the updated task.',
  inputSchema: z.object({
    id: ZTaskId.describe('The task id (a number, as shown by list_tasks)'),
    title: z.string().optional().describe('New title, 1-200 characters'),
    description: z.string().nullable().optional(),
    priority: ZTaskPriority.optional(),
    due_date: z
      .string()
      .nullable()
      .optional()
      .describe('YYYY-MM-DD or ISO 8601 date-time with offset; null removes the due date'),
    tags: z.array(z.string()).optional().describe('The complete new list of tags'),
    completed: z.boolean().optional(),
  }),
  outputSchema: ZTask,
  async run(context, { id, ...patch }) {
    const parsed = ZUpdateTaskRequest.safeParse(patch);
    if (!parsed.success) throw invalidInput(parsed.error);
    return updateTask(context, id, parsed.data);
  },
});

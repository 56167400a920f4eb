import { ZCreateTaskRequest, ZTask, ZTaskPriority } from '@todo/contracts';
import { z } from 'zod';
import { createTask } from '../../tasks/create-task.js';
import { defineTaskTool, invalidInput } from './task-tool.js';

export const addTaskTool = defineTaskTool({
  name: 'add_task',
  title: 'Add task',
  description:
    'Create a new task for the user. Use a short title; put extra detail in description. ' +
    'Returns the created task with its id.',
  inputSchema: z.object({
    title: z.string().describe('What to do, 1-200 characters, e.g. "Buy milk"'),
    description: z.string().optional().describe('Optional longer notes'),
    priority: ZTaskPriority.optional().describe('low, medium (default) or high'),
    due_date: z
      .string()
      .optional()
      .describe(
        'Due date: YYYY-MM-DD, or an ISO 8601 date-time with offset (2026-05-01T17:00:00Z)',
      ),
    tags: z.array(z.string()).optional().describe('Lowercase labels without "#", e.g. ["errands"]'),
  }),
  outputSchema: ZTask,
  async run(context, input) {
    const parsed = ZCreateTaskRequest.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);
    return createTask(context, parsed.data);
  },
});

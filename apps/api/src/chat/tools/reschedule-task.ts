import { ZTaskId, ZUpdatedTask } from '@todo/contracts';
import { z } from 'zod';
import { rescheduleTask } from '../../tasks/reschedule-task.js';
import { updateTask } from '../../tasks/update-task.js';
import { ADDS, defineTaskTool } from './task-tool.js';

export const rescheduleTaskTool = defineTaskTool({
  name: 'reschedule_task',
  scope: 'tasks:write',
  title: 'Reschedule task',
  description:
    'Move a task’s due, keeping its recurrence: either shift it by days/hours ("push it back a ' +
    'day": shift_days 1) or set a new due_date (all-day) or due_at (a time). A repeating task ' +
    'keeps repeating from the new due.',
  annotations: ADDS,
  inputSchema: z.object({
    id: ZTaskId.describe('The task id'),
    shift_days: z
      .number()
      .int()
      .min(-3660)
      .max(3660)
      .optional()
      .describe('Days later (negative: earlier)'),
    shift_hours: z
      .number()
      .int()
      .min(-1000)
      .max(1000)
      .optional()
      .describe('Hours later, for a timed due'),
    due_date: z.string().optional().describe('New all-day due, YYYY-MM-DD'),
    due_at: z.string().optional().describe('New due time, ISO 8601 with offset'),
  }),
  outputSchema: ZUpdatedTask,
  async run(context, input) {
    if (input.due_date || input.due_at) {
      return updateTask(context, input.id, {
        ...(input.due_date ? { due_date: input.due_date } : { due_at: input.due_at }),
      });
    }
    return rescheduleTask(context, input.id, {
      days: input.shift_days ?? 0,
      hours: input.shift_hours ?? 0,
    });
  },
});

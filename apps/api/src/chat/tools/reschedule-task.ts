import { ZTaskId, ZUpdatedTask } from '@todo/contracts';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { getTask } from '../../tasks/get-task.js';
import { ruleBroken } from '../../tasks/task-placement.js';
import { updateTask } from '../../tasks/update-task.js';
import { userClock } from '../../time/user-clock.js';
import { defineTaskTool } from './task-tool.js';

export const rescheduleTaskTool = defineTaskTool({
  name: 'reschedule_task',
  title: 'Reschedule task',
  description:
    'Move a task’s due, keeping its recurrence: either shift it by days/hours ("push it back a ' +
    'day": shift_days 1) or set a new due_date (all-day) or due_at (a time). A repeating task ' +
    'keeps repeating from the new due.',
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
    const task = await getTask(context, input.id);
    const days = input.shift_days ?? 0;
    const hours = input.shift_hours ?? 0;
    if (!days && !hours)
      throw ruleBroken('shift_days', 'Give shift_days, shift_hours, due_date or due_at');
    if (task.due_date) {
      if (hours) throw ruleBroken('shift_hours', 'An all-day task moves by days');
      const due = Temporal.PlainDate.from(task.due_date).add({ days }).toString();
      return updateTask(context, input.id, { due_date: due });
    }
    if (!task.due_at) throw ruleBroken('id', `#${task.id} has no due date to move; give due_date`);
    // Days move the wall-clock date in the user's zone (09:00 stays 09:00 across DST).
    const { zone } = await userClock(context.db, context.userId);
    const moved = Temporal.Instant.from(task.due_at)
      .toZonedDateTimeISO(zone)
      .add({ days })
      .add({ hours });
    return updateTask(context, input.id, {
      due_at: new Date(moved.epochMilliseconds).toISOString(),
    });
  },
});

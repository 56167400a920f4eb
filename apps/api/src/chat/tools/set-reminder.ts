import { ZCreateReminderRequest, ZReminder, ZTaskId } from '@todo/contracts';
import { z } from 'zod';
import { addReminder } from '../../reminders/task-reminders.js';
import { ADDS, defineTaskTool, invalidInput } from './task-tool.js';

export const setReminderTool = defineTaskTool({
  name: 'set_reminder',
  scope: 'reminders:write',
  title: 'Set reminder',
  description:
    'Remind the user about a task: either before_minutes before its due ("an hour before": 60; ' +
    'for an all-day task the due counts as 09:00 their time, so "the day before" is 1440) or at ' +
    'an instant (ISO 8601 with the user’s offset). At most 10 reminders a task; never in the past.',
  annotations: ADDS,
  inputSchema: z.object({
    id: ZTaskId.describe('The task id'),
    before_minutes: z
      .number()
      .int()
      .min(0)
      .max(40_320)
      .optional()
      .describe('Minutes before the due (0 = at the due)'),
    at: z.string().optional().describe('When to remind, ISO 8601 with offset'),
  }),
  outputSchema: ZReminder,
  async run(context, input) {
    const parsed = ZCreateReminderRequest.safeParse(
      input.at !== undefined
        ? { at: input.at }
        : {
            offset_minutes: input.before_minutes === undefined ? undefined : -input.before_minutes,
          },
    );
    if (!parsed.success) throw invalidInput(parsed.error);
    return addReminder(context, input.id, parsed.data);
  },
});

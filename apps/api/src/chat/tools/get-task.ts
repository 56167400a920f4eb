import { ZReminder, ZTaskDetail, ZTaskId } from '@todo/contracts';
import { z } from 'zod';
import { listReminders } from '../../reminders/task-reminders.js';
import { getTask } from '../../tasks/get-task.js';
import { defineTaskTool, READ_ONLY } from './task-tool.js';
import { userZone } from './user-zone.js';

export const getTaskTool = defineTaskTool({
  name: 'get_task',
  scope: 'tasks:read',
  title: 'Get task',
  description:
    'One task by its id with everything about it: its subtasks and its reminders. Dates are ' +
    'UTC instants or calendar dates; time_zone is the user’s zone to speak them in.',
  annotations: READ_ONLY,
  inputSchema: z.object({ id: ZTaskId.describe('The task id') }),
  outputSchema: z.object({
    task: ZTaskDetail,
    reminders: z.array(ZReminder),
    time_zone: z.string(),
  }),
  async run(context, input) {
    const [task, reminders, time_zone] = await Promise.all([
      getTask(context, input.id),
      listReminders(context, input.id),
      userZone(context),
    ]);
    return { task, reminders, time_zone };
  },
});

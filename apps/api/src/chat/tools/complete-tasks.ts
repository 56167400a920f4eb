import { TASK_BATCH_MAX, ZTaskBatchRequest, ZUpdatedTask } from '@todo/contracts';
import { z } from 'zod';
import { batchTasks } from '../../tasks/batch-tasks.js';
import { getTask } from '../../tasks/get-task.js';
import { defineTaskTool, invalidInput, SETS } from './task-tool.js';
import { userZone } from './user-zone.js';

export const completeTasksTool = defineTaskTool({
  name: 'complete_tasks',
  scope: 'tasks:write',
  title: 'Complete several tasks',
  description:
    `Mark up to ${TASK_BATCH_MAX} tasks done at once by their ids (completed: false reopens ` +
    'them). All or nothing: one unknown id changes none. The user is asked to approve first.',
  annotations: SETS,
  inputSchema: z.object({
    ids: z.array(z.number().int()).min(1).max(TASK_BATCH_MAX).describe('Task ids'),
    completed: z.boolean().optional().describe('true (default) marks done, false reopens'),
  }),
  outputSchema: z.object({ tasks: z.array(ZUpdatedTask), time_zone: z.string() }),
  async run(context, input) {
    const parsed = ZTaskBatchRequest.safeParse({
      action: input.completed === false ? 'reopen' : 'complete',
      ids: input.ids,
    });
    if (!parsed.success) throw invalidInput(parsed.error);
    const [result, time_zone] = await Promise.all([
      batchTasks(context, parsed.data),
      userZone(context),
    ]);
    return { tasks: result.items, time_zone };
  },
  // Many tasks at once is one sentence from a model away from "all of them": the user says yes.
  confirmation: {
    async preview(context, input) {
      const tasks = [];
      for (const id of new Set(input.ids)) {
        const task = await getTask(context, id);
        tasks.push({ id: task.id, title: task.title });
      }
      const verb = input.completed === false ? 'Reopen' : 'Complete';
      return { summary: `${verb} ${tasks.length} task${tasks.length === 1 ? '' : 's'}`, tasks };
    },
  },
});

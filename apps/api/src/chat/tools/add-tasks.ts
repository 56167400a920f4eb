import { ZCreateTaskRequest, ZTask } from '@todo/contracts';
import { z } from 'zod';
import { createTask } from '../../tasks/create-task.js';
import { ZAddTaskInput } from './add-task.js';
import { ADDS, defineTaskTool, invalidInput } from './task-tool.js';

export const ADD_TASKS_MAX = 25;

export const addTasksTool = defineTaskTool({
  name: 'add_tasks',
  scope: 'tasks:write',
  title: 'Add several tasks',
  description:
    `Create up to ${ADD_TASKS_MAX} tasks at once ("add eggs, milk and bread"), each with the ` +
    'fields of add_task. All are checked first; if one is invalid none is created.',
  annotations: ADDS,
  inputSchema: z.object({ tasks: z.array(ZAddTaskInput).min(1).max(ADD_TASKS_MAX) }),
  outputSchema: z.object({ tasks: z.array(ZTask) }),
  async run(context, input) {
    const drafts = input.tasks.map((task, index) => {
      const parsed = ZCreateTaskRequest.safeParse(task);
      if (!parsed.success) {
        throw invalidInput(
          new z.ZodError(
            parsed.error.issues.map((issue) => ({
              ...issue,
              path: ['tasks', index, ...issue.path],
            })),
          ),
        );
      }
      return parsed.data;
    });
    return context.db.transaction(async (db) => {
      const created = [];
      for (const draft of drafts) created.push(await createTask({ ...context, db }, draft));
      return { tasks: created };
    });
  },
});

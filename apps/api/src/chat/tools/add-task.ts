import { ZCreateTaskRequest, ZTask } from '@todo/contracts';
import { z } from 'zod';
import { createTask } from '../../tasks/create-task.js';
import { TOOL_TASK_FIELDS } from './task-fields.js';
import { ADDS, defineTaskTool, invalidInput } from './task-tool.js';

export const ZAddTaskInput = z.object(TOOL_TASK_FIELDS);

export const addTaskTool = defineTaskTool({
  name: 'add_task',
  scope: 'tasks:write',
  title: 'Add task',
  description:
    'Create a task for the user. Use a short title; put extra detail in description. Give ' +
    'due_date (all-day) or due_at (a time), a list_id, a parent_id for a subtask, and an RRULE ' +
    'recurrence for a repeating task. Returns the created task with its id and recurrence_text.',
  annotations: ADDS,
  inputSchema: ZAddTaskInput,
  outputSchema: ZTask,
  async run(context, input) {
    const parsed = ZCreateTaskRequest.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);
    return createTask(context, parsed.data);
  },
});

import { ZTaskId, ZUpdatedTask, ZUpdateTaskRequest } from '@todo/contracts';
import { z } from 'zod';
import { updateTask } from '../../tasks/update-task.js';
import { TOOL_TASK_FIELDS } from './task-fields.js';
import { defineTaskTool, invalidInput, SETS } from './task-tool.js';

export const updateTaskTool = defineTaskTool({
  name: 'update_task',
  scope: 'tasks:write',
  title: 'Update task',
  description:
    'Change a task by its id: rename (title), reschedule (due_date or due_at; null clears the ' +
    'due), reprioritise, move to a list (list_id), make it a subtask (parent_id) or not (null), ' +
    'change or stop (null) its recurrence, replace tags, edit the description, or set completed. ' +
    'Give only the fields to change. Returns the updated task.',
  annotations: SETS,
  inputSchema: z.object({
    id: ZTaskId.describe('The task id (a number, as shown by list_tasks)'),
    ...TOOL_TASK_FIELDS,
    title: TOOL_TASK_FIELDS.title.optional(),
    completed: z.boolean().optional(),
  }),
  outputSchema: ZUpdatedTask,
  async run(context, { id, ...patch }) {
    const parsed = ZUpdateTaskRequest.safeParse(patch);
    if (!parsed.success) throw invalidInput(parsed.error);
    return updateTask(context, id, parsed.data);
  },
});

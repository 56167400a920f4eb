import {
  ZCalendarDate,
  ZDueWindow,
  ZInstant,
  ZTask,
  ZTaskPriority,
  ZTaskStatus,
} from '@todo/contracts';
import { z } from 'zod';
import { listTasks } from '../../tasks/list-tasks.js';
import { defineTaskTool, invalidInput, READ_ONLY } from './task-tool.js';

const ZListInput = z.object({
  status: ZTaskStatus.optional().describe('pending (default: not yet done), completed, or all'),
  priority: ZTaskPriority.optional(),
  tag: z.string().optional().describe('Only tasks with this tag (without "#")'),
  search: z.string().optional().describe('Words to look for in titles and descriptions'),
  list_id: z.number().int().optional().describe('Only tasks in this list (see list_lists)'),
  due: ZDueWindow.optional().describe(
    'A window in the user’s time zone: overdue, today, tomorrow, this_week, upcoming, none',
  ),
  due_before: z
    .string()
    .optional()
    .describe('Due before this date (YYYY-MM-DD, user’s zone) or date-time'),
  due_after: z.string().optional().describe('Due at or after this date (YYYY-MM-DD) or date-time'),
  limit: z.number().int().min(1).max(100).optional().describe('At most this many (default 50)'),
});

const ZBound = z.union([ZCalendarDate, ZInstant]);
const ZListQuery = z.object({
  status: ZTaskStatus.default('pending'),
  priority: ZTaskPriority.optional(),
  tag: z.string().trim().toLowerCase().min(1).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  list_id: z.number().int().positive().optional(),
  due: ZDueWindow.optional(),
  due_before: ZBound.optional(),
  due_after: ZBound.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const listTasksTool = defineTaskTool({
  name: 'list_tasks',
  scope: 'tasks:read',
  title: 'List tasks',
  description:
    "List the user's tasks, soonest due first (tasks without a due date last). Filter by " +
    'status (default pending), priority, tag, words, list, a due window in the user’s zone ' +
    '("what\'s on this week": due this_week) or a due range. Use it to find a task id before ' +
    'completing, updating or deleting by name.',
  annotations: READ_ONLY,
  inputSchema: ZListInput,
  outputSchema: z.object({ tasks: z.array(ZTask), total: z.number().int() }),
  async run(context, input) {
    const parsed = ZListQuery.safeParse({ ...input, q: input.search, search: undefined });
    if (!parsed.success) throw invalidInput(parsed.error);
    const query = parsed.data;
    const list = await listTasks(context, { ...query, sort: 'due', order: 'asc' });
    return { tasks: list.items, total: list.total };
  },
});

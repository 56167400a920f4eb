import { ZCalendarDate, ZDueWindow, ZTask, ZTaskPriority, ZTaskStatus } from '@todo/contracts';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { listLists } from '../../lists/list-lists.js';
import { listTasks } from '../../tasks/list-tasks.js';
import type { TaskContext } from '../../tasks/task-context.js';
import { defineTaskTool, invalidInput, READ_ONLY } from './task-tool.js';
import { userZone } from './user-zone.js';

/** Few rows are enough for a model to act on, and keep a reply's tokens bounded. */
export const FIND_TASKS_MAX = 25;

const ZFindQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  status: ZTaskStatus.default('pending'),
  priority: ZTaskPriority.optional(),
  tag: z.string().trim().toLowerCase().min(1).max(50).optional(),
  due: ZDueWindow.optional(),
  due_after: ZCalendarDate.optional(),
  due_before: ZCalendarDate.optional(),
  limit: z.number().int().min(1).max(FIND_TASKS_MAX).default(10),
});

/** A list named by the model: its id, or its name in any case ("groceries"). */
async function listIdOf(context: TaskContext, list: number | string | undefined) {
  if (list === undefined || typeof list === 'number') return list;
  const wanted = list.trim().toLowerCase();
  const found = (await listLists(context)).items.find(
    (candidate) => candidate.name.toLowerCase() === wanted,
  );
  if (!found) throw new AppError('not_found', `No list named "${list}"`);
  return found.id;
}

export const findTasksTool = defineTaskTool({
  name: 'find_tasks',
  scope: 'tasks:read',
  title: 'Find tasks',
  description:
    'One search over the user’s tasks, soonest due first: words in title or notes, a list (id ' +
    'or name), status (default pending), priority, a tag, a due window in the user’s zone ' +
    `(overdue, today, tomorrow, this_week, upcoming, none) or a date range. At most ` +
    `${FIND_TASKS_MAX} tasks; total says how many match. Includes the user's time_zone.`,
  annotations: READ_ONLY,
  inputSchema: z.object({
    words: z.string().optional().describe('Words to look for in titles and descriptions'),
    list: z.union([z.number().int(), z.string()]).optional().describe('A list id or its name'),
    status: ZTaskStatus.optional().describe('pending (default), completed or all'),
    priority: ZTaskPriority.optional(),
    tag: z.string().optional().describe('A tag without "#"'),
    due: ZDueWindow.optional().describe('A due window in the user’s zone'),
    due_after: z.string().optional().describe('Due on or after this day, YYYY-MM-DD'),
    due_before: z.string().optional().describe('Due before this day, YYYY-MM-DD'),
    limit: z.number().int().optional().describe(`At most this many (1-${FIND_TASKS_MAX})`),
  }),
  outputSchema: z.object({
    tasks: z.array(ZTask),
    total: z.number().int(),
    time_zone: z.string(),
  }),
  async run(context, { words, list, ...rest }) {
    const parsed = ZFindQuery.safeParse({ ...rest, q: words });
    if (!parsed.success) throw invalidInput(parsed.error);
    const [listId, time_zone] = await Promise.all([listIdOf(context, list), userZone(context)]);
    const found = await listTasks(context, {
      ...parsed.data,
      list_id: listId,
      sort: 'due',
      order: 'asc',
    });
    return { tasks: found.items, total: found.total, time_zone };
  },
});

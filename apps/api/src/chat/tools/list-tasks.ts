import { ZTask, ZTaskPriority, ZTaskStatus } from '@todo/contracts';
import { z } from 'zod';
import { listTasks } from '../../tasks/list-tasks.js';
import { defineTaskTool, invalidInput } from './task-tool.js';

const ZListInput = z.object({
  status: ZTaskStatus.optional().describe('pending (default: not yet done), completed, or all'),
  priority: ZTaskPriority.optional(),
  tag: z.string().optional().describe('Only tasks with this tag (without "#")'),
  search: z.string().optional().describe('Words to look for in titles and descriptions'),
  due_before: z.string().optional().describe('Only tasks due before this ISO date/date-time'),
  due_after: z.string().optional().describe('Only tasks due at or after this ISO date/date-time'),
  limit: z.number().int().min(1).max(100).optional().describe('At most this many (default 50)'),
});

const ZListQuery = z.object({
  status: ZTaskStatus.default('pending'),
  priority: ZTaskPriority.optional(),
  tag: z.string().trim().toLowerCase().min(1).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  due_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  due_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

const toIso = (value: string | undefined) =>
  value === undefined
    ? undefined
    : new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();

export const listTasksTool = defineTaskTool({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    "List the user's tasks, soonest due first (tasks without a due date last). " +
    'Filter by status (default pending), priority, tag, words, or a due range. ' +
    'Use it to find a task id before completing, updating or deleting by name.',
  inputSchema: ZListInput,
  outputSchema: z.object({ tasks: z.array(ZTask), total: z.number().int() }),
  async run(context, input) {
    const parsed = ZListQuery.safeParse({ ...input, q: input.search, search: undefined });
    if (!parsed.success) throw invalidInput(parsed.error);
    const query = parsed.data;
    const list = await listTasks(context, {
      status: query.status,
      priority: query.priority,
      tag: query.tag,
      q: query.q,
      due_before: toIso(query.due_before),
      due_after: toIso(query.due_after),
      sort: 'due',
      order: 'asc',
      limit: query.limit,
    });
    return { tasks: list.items, total: list.total };
  },
});

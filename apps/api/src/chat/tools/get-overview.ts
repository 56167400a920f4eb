import { ZTask } from '@todo/contracts';
import { z } from 'zod';
import { listTasks } from '../../tasks/list-tasks.js';
import type { TaskContext } from '../../tasks/task-context.js';
import { today, userClock } from '../../time/user-clock.js';
import { defineTaskTool, READ_ONLY } from './task-tool.js';

/** Enough of each group for "what's on today?" in one call; the counts tell the rest. */
const OVERVIEW_ROWS = 5;

const pending = (context: TaskContext, due: 'overdue' | 'today' | 'upcoming', limit: number) =>
  listTasks(context, { status: 'pending', due, sort: 'due', order: 'asc', limit });

export const getOverviewTool = defineTaskTool({
  name: 'get_overview',
  scope: 'tasks:read',
  title: 'Get overview',
  description:
    'Where the user stands, in one call: today’s date and time zone, counts (open, done, ' +
    `overdue, due today), and the first ${OVERVIEW_ROWS} overdue, due-today and next-up tasks. ` +
    'Start here for "what’s on today?" or "how am I doing?".',
  annotations: READ_ONLY,
  inputSchema: z.object({}),
  outputSchema: z.object({
    time_zone: z.string(),
    today: z.string(),
    counts: z.object({
      open: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      due_today: z.number().int(),
    }),
    overdue: z.array(ZTask),
    due_today: z.array(ZTask),
    next_up: z.array(ZTask),
  }),
  async run(context) {
    const clock = await userClock(context.db, context.userId);
    const [all, overdue, dueToday, nextUp] = await Promise.all([
      listTasks(context, { status: 'all', sort: 'due', order: 'asc', limit: 1 }),
      pending(context, 'overdue', OVERVIEW_ROWS),
      pending(context, 'today', OVERVIEW_ROWS),
      pending(context, 'upcoming', OVERVIEW_ROWS),
    ]);
    return {
      time_zone: clock.zone,
      today: today(clock).toString(),
      counts: {
        open: all.counts.pending,
        done: all.counts.completed,
        overdue: overdue.total,
        due_today: dueToday.total,
      },
      overdue: overdue.items,
      due_today: dueToday.items,
      next_up: nextUp.items,
    };
  },
});

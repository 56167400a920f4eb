import { ZActivityVerb, ZTaskId } from '@todo/contracts';
import { z } from 'zod';
import { listActivity } from '../../activity/list-activity.js';
import { defineTaskTool, READ_ONLY } from './task-tool.js';

const FIND_ACTIVITY_MAX = 20;

const ZChange = z.object({
  id: z.number().int(),
  at: z.string().describe('When, as a UTC instant'),
  via: z.string(),
  batch_id: z.string(),
  verb: ZActivityVerb,
  entity: z.string(),
  entity_id: z.number().int(),
  task_id: z.number().int().nullable(),
  title: z.string().nullable().describe('The task or list name, as it was after the change'),
  changed: z.array(z.string()).describe('The fields an update changed'),
  undone: z.boolean(),
});

/** What changed in a row: the fields whose value differs (updated_at always does). */
function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  if (!before || !after) return [];
  return Object.keys(after).filter(
    (key) => key !== 'updated_at' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

export const findActivityTool = defineTaskTool({
  name: 'find_activity',
  scope: 'tasks:read',
  title: 'Find recent changes',
  description:
    'What changed recently in your tasks, lists and reminders, newest first: by the board, an API key, chat or MCP. Filter by task_id or batch_id.',
  annotations: READ_ONLY,
  inputSchema: z.object({
    task_id: ZTaskId.optional().describe('Only changes to this task (and its reminders)'),
    batch_id: z.string().min(1).max(100).optional().describe('Only the changes of one batch'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(FIND_ACTIVITY_MAX)
      .optional()
      .describe('At most this many (10)'),
  }),
  outputSchema: z.object({ changes: z.array(ZChange) }),
  run: async (context, input) => {
    const page = await listActivity(context, {
      task_id: input.task_id,
      batch_id: input.batch_id,
      limit: input.limit ?? 10,
    });
    return {
      changes: page.items.map((entry) => {
        const row = entry.after ?? entry.before;
        const title = row?.title ?? row?.name;
        return {
          id: entry.id,
          at: entry.at,
          via: entry.via,
          batch_id: entry.batch_id,
          verb: entry.verb,
          entity: entry.entity,
          entity_id: entry.entity_id,
          task_id: entry.task_id,
          title: typeof title === 'string' ? title : null,
          changed: entry.verb === 'update' ? changedFields(entry.before, entry.after) : [],
          undone: entry.undone_at !== null,
        };
      }),
    };
  },
});

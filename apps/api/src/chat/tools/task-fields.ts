import { ZRecurrenceFrom, ZTaskPriority } from '@todo/contracts';
import { z } from 'zod';

/**
 * The task fields a model or an MCP client may give, described for them once. Loose here (plain
 * strings); the task contract checks them inside each tool, with the same rules as REST.
 */
export const TOOL_TASK_FIELDS = {
  title: z.string().describe('What to do, 1-200 characters, e.g. "Buy milk"'),
  description: z.string().nullable().optional().describe('Optional longer notes'),
  priority: ZTaskPriority.optional().describe('low, medium (default) or high'),
  list_id: z.number().int().optional().describe('The list (from list_lists); default the Inbox'),
  parent_id: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('Make it a subtask of this task id (one level only; same list)'),
  due_date: z
    .string()
    .nullable()
    .optional()
    .describe('All-day due: a calendar date YYYY-MM-DD in the user’s time zone'),
  due_at: z
    .string()
    .nullable()
    .optional()
    .describe('Due at a time: ISO 8601 with the user’s offset, e.g. 2026-05-01T17:00:00-04:00'),
  recurrence: z
    .string()
    .nullable()
    .optional()
    .describe('Repeat rule, RFC 5545 RRULE: FREQ=WEEKLY;BYDAY=MO, FREQ=MONTHLY;BYDAY=-1FR, …'),
  recurrence_from: ZRecurrenceFrom.optional().describe(
    '"due" (default: next due counts from the due) or "completion" ("3 days after I finish")',
  ),
  tags: z.array(z.string()).optional().describe('Lowercase labels without "#", e.g. ["errands"]'),
};

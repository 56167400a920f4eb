import { z } from 'zod';
import { ZCalendarDate, ZInstant } from './dates.js';
import { ZKanbanColumnName, ZListId } from './lists.js';

/** Task contract shared by the API (validation + OpenAPI) and the web app (forms). */

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 2000;
export const TASK_TAGS_MAX = 10;
export const TASK_TAG_MAX = 32;
export const TASK_LIST_LIMIT_MAX = 100;

export const ZTaskPriority = z.enum(['low', 'medium', 'high']);
export type TTaskPriority = z.infer<typeof ZTaskPriority>;

export const ZRecurrenceFrom = z.enum(['due', 'completion']);
export type TRecurrenceFrom = z.infer<typeof ZRecurrenceFrom>;

/**
 * An RFC 5545 RRULE body ("FREQ=WEEKLY;BYDAY=MO,WE"; an "RRULE:" prefix is accepted). Only its
 * shape is checked here; the API checks its meaning (frequency, bounds) with an RRULE library.
 */
export const ZRecurrence = z
  .string()
  .trim()
  .transform((rule) => rule.replace(/^RRULE:/i, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'Recurrence is empty')
      .max(200, 'Recurrence must be at most 200 characters')
      .regex(/^[A-Z0-9=;,+-]+$/, 'Recurrence must be an RRULE such as FREQ=WEEKLY;BYDAY=MO'),
  )
  .describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE');

/**
 * `due_date` takes a calendar date (all-day). A date-time with offset there is read as `due_at`:
 * clients written before the two were separate keep working.
 */
const ZDueDateInput = z
  .union([ZCalendarDate, ZInstant], {
    message: 'Use a calendar date (YYYY-MM-DD) for due_date, or a date-time with offset as due_at',
  })
  .describe('Calendar date YYYY-MM-DD (all-day)');

type DueInput = { due_date?: string | null; due_at?: string | null };

/** Splits the legacy date-time-in-due_date case out and refuses two dues at once. */
function normaliseDue<T extends DueInput>(input: T, context: z.RefinementCtx): T {
  if (input.due_date && input.due_at) {
    context.addIssue({
      code: 'custom',
      path: ['due_at'],
      message: 'Give due_date (all-day) or due_at (date-time), not both',
    });
    return input;
  }
  if (input.due_date && input.due_date.length > 10) {
    return { ...input, due_date: undefined, due_at: input.due_date };
  }
  return input;
}

const ZTitle = z
  .string()
  .trim()
  .min(1, 'Title is required')
  .max(TASK_TITLE_MAX, `Title must be at most ${TASK_TITLE_MAX} characters`);

const ZDescription = z
  .string()
  .max(TASK_DESCRIPTION_MAX, `Description must be at most ${TASK_DESCRIPTION_MAX} characters`);

export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty')
  .max(TASK_TAG_MAX, `Tags must be at most ${TASK_TAG_MAX} characters`)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'Tags may contain letters, digits, "-" and "_"');

const ZTags = z
  .array(ZTag)
  .max(TASK_TAGS_MAX, `At most ${TASK_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

export const ZTaskId = z
  .number({ message: 'Task id must be a positive integer' })
  .int('Task id must be a positive integer')
  .positive('Task id must be a positive integer')
  .max(2_147_483_647, 'Task id is out of range');

export const ZCreateTaskRequest = z
  .strictObject({
    title: ZTitle,
    description: ZDescription.nullish(),
    priority: ZTaskPriority.default('medium'),
    /** Defaults to the Inbox; a subtask always lives in its parent's list. */
    list_id: ZListId.optional(),
    parent_id: ZTaskId.nullish(),
    due_date: ZDueDateInput.nullish(),
    due_at: ZInstant.nullish(),
    recurrence: ZRecurrence.nullish(),
    recurrence_from: ZRecurrenceFrom.default('due'),
    tags: ZTags.default([]),
  })
  .transform(normaliseDue);
export type TCreateTaskRequest = z.input<typeof ZCreateTaskRequest>;
export type TCreateTask = z.output<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z
  .strictObject({
    title: ZTitle.optional(),
    description: ZDescription.nullable().optional(),
    priority: ZTaskPriority.optional(),
    list_id: ZListId.optional(),
    /** null makes a subtask a task of its own. */
    parent_id: ZTaskId.nullable().optional(),
    /** null (on either due field) removes the due entirely; setting one replaces the other. */
    due_date: ZDueDateInput.nullable().optional(),
    due_at: ZInstant.nullable().optional(),
    recurrence: ZRecurrence.nullable().optional(),
    recurrence_from: ZRecurrenceFrom.optional(),
    tags: ZTags.optional(),
    completed: z.boolean().optional(),
    /** One of the list's `kanban_columns` (a 400 otherwise); null takes it out of every column. */
    kanban_column: ZKanbanColumnName.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change')
  .transform(normaliseDue);
export type TUpdateTaskRequest = z.input<typeof ZUpdateTaskRequest>;
export type TUpdateTask = z.output<typeof ZUpdateTaskRequest>;

export const ZTask = z.object({
  id: z.number().int().positive(),
  list_id: z.number().int().positive(),
  parent_id: z.number().int().positive().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  priority: ZTaskPriority,
  /** All-day due, a calendar date in the owner's zone. */
  due_date: z.string().nullable(),
  /** Due date-time, UTC. At most one of due_date and due_at is set. */
  due_at: z.string().nullable(),
  recurrence: z.string().nullable(),
  recurrence_from: ZRecurrenceFrom,
  /** The rule in words ("every weekday"), for people. */
  recurrence_text: z.string().nullable(),
  tags: z.array(z.string()),
  subtask_count: z.number().int().nonnegative(),
  subtasks_done: z.number().int().nonnegative(),
  /** Its custom Kanban column in its list, or null (shown in the first column). */
  kanban_column: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
});
export type TTask = z.infer<typeof ZTask>;

/** One task with its subtasks, oldest first. */
export const ZTaskDetail = ZTask.extend({ subtasks: z.array(ZTask) });
export type TTaskDetail = z.infer<typeof ZTaskDetail>;

/** A changed task; completing a recurring one also returns the occurrence it created. */
export const ZUpdatedTask = ZTask.extend({ next_task: ZTask.nullable() });
export type TUpdatedTask = z.infer<typeof ZUpdatedTask>;

/** Path params: ids arrive as strings; only plain digits are accepted ("1e3", "-1", "abc" are 400). */
export const ZTaskParams = z.strictObject({
  id: z
    .string()
    .regex(/^\d{1,10}$/, 'Task id must be a positive integer')
    .transform(Number)
    .pipe(ZTaskId),
});

export const ZTaskStatus = z.enum(['all', 'pending', 'completed']);
export const ZTaskSort = z.enum(['created', 'updated', 'due', 'priority']);
export const ZSortOrder = z.enum(['asc', 'desc']);
/** Windows in the user's time zone ("upcoming" = after today; "none" = no due). */
export const ZDueWindow = z.enum(['overdue', 'today', 'tomorrow', 'this_week', 'upcoming', 'none']);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export type TTaskSort = z.infer<typeof ZTaskSort>;
export type TSortOrder = z.infer<typeof ZSortOrder>;
export type TDueWindow = z.infer<typeof ZDueWindow>;

const digitsToId = (what: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${what} must be a positive integer`)
    .transform(Number)
    .pipe(z.number().int().positive(`${what} must be a positive integer`).max(2_147_483_647));

/** A bound of a due range: a date-time with offset, or a date (its start in the user's zone). */
const ZDueBound = z.union([ZCalendarDate, ZInstant], {
  message: 'Use a calendar date (YYYY-MM-DD) or a date-time with offset',
});

export const ZListTasksQuery = z.strictObject({
  status: ZTaskStatus.default('all'),
  priority: ZTaskPriority.optional(),
  tag: ZTag.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  list_id: digitsToId('list_id').optional(),
  parent_id: digitsToId('parent_id').optional(),
  /** true: only tasks that are not subtasks (the board lists these, subtasks under them). */
  top_level: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  due: ZDueWindow.optional(),
  due_before: ZDueBound.optional(),
  due_after: ZDueBound.optional(),
  sort: ZTaskSort.default('created'),
  order: ZSortOrder.default('desc'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be an integer from 1 to ${TASK_LIST_LIMIT_MAX}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(TASK_LIST_LIMIT_MAX))
    .default(20),
  cursor: z.string().max(500).optional(),
});
export type TListTasksQuery = z.input<typeof ZListTasksQuery>;
export type TListTasks = z.output<typeof ZListTasksQuery>;

/** How many tasks match the query's other filters, per status (the board's tab counts). */
export const ZTaskCounts = z.object({
  all: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
});
export type TTaskCounts = z.infer<typeof ZTaskCounts>;

export const ZTaskList = z.object({
  items: z.array(ZTask),
  total: z.number().int().nonnegative(),
  counts: ZTaskCounts,
  next_cursor: z.string().nullable(),
});
export type TTaskList = z.infer<typeof ZTaskList>;

export const TASK_BATCH_MAX = 100;
export const ZTaskBatchAction = z.enum(['complete', 'reopen', 'move', 'delete']);

/** One change to several of the user's tasks (the board's bulk actions, the batch tools). */
export const ZTaskBatchRequest = z
  .strictObject({
    action: ZTaskBatchAction,
    ids: z
      .array(ZTaskId)
      .min(1, 'Give at least one task id')
      .max(TASK_BATCH_MAX, `At most ${TASK_BATCH_MAX} tasks at once`)
      .refine((ids) => new Set(ids).size === ids.length, 'Each task id may appear only once'),
    /** The list to move to; only with "move". */
    list_id: ZListId.optional(),
  })
  .refine((batch) => (batch.action === 'move') === (batch.list_id !== undefined), {
    message: '"move" needs list_id, and only "move" takes it',
    path: ['list_id'],
  });
export type TTaskBatchRequest = z.input<typeof ZTaskBatchRequest>;
export type TTaskBatch = z.output<typeof ZTaskBatchRequest>;

/** Each task as it is after the change (for "delete", as it was), in the order of `ids`. */
export const ZTaskBatchResult = z.object({
  action: ZTaskBatchAction,
  items: z.array(ZUpdatedTask),
});
export type TTaskBatchResult = z.infer<typeof ZTaskBatchResult>;

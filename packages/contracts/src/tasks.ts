import { z } from 'zod';

/** Task contract shared by the API (validation + OpenAPI) and the web app (forms). */

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 2000;
export const TASK_TAGS_MAX = 10;
export const TASK_TAG_MAX = 32;
export const TASK_LIST_LIMIT_MAX = 100;

export const ZTaskPriority = z.enum(['low', 'medium', 'high']);
export type TTaskPriority = z.infer<typeof ZTaskPriority>;

// A due date is an ISO 8601 date-time with offset ("2026-11-24T17:00:00Z") or a calendar date
// ("2026-11-24", read as midnight UTC). Anything else is a 400, never a silently wrong date.
export const ZDueDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString())
  .describe('ISO 8601 date-time with offset, or a date (YYYY-MM-DD)');

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

export const ZCreateTaskRequest = z.strictObject({
  title: ZTitle,
  description: ZDescription.nullish(),
  priority: ZTaskPriority.default('medium'),
  due_date: ZDueDate.nullish(),
  tags: ZTags.default([]),
});
export type TCreateTaskRequest = z.input<typeof ZCreateTaskRequest>;
export type TCreateTask = z.output<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z
  .strictObject({
    title: ZTitle.optional(),
    description: ZDescription.nullable().optional(),
    priority: ZTaskPriority.optional(),
    due_date: ZDueDate.nullable().optional(),
    tags: ZTags.optional(),
    completed: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change');
export type TUpdateTaskRequest = z.input<typeof ZUpdateTaskRequest>;
export type TUpdateTask = z.output<typeof ZUpdateTaskRequest>;

export const ZTask = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  priority: ZTaskPriority,
  due_date: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskId = z
  .number({ message: 'Task id must be a positive integer' })
  .int('Task id must be a positive integer')
  .positive('Task id must be a positive integer')
  .max(2_147_483_647, 'Task id is out of range');

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
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export type TTaskSort = z.infer<typeof ZTaskSort>;
export type TSortOrder = z.infer<typeof ZSortOrder>;

export const ZListTasksQuery = z.strictObject({
  status: ZTaskStatus.default('all'),
  priority: ZTaskPriority.optional(),
  tag: ZTag.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  due_before: ZDueDate.optional(),
  due_after: ZDueDate.optional(),
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

export const ZTaskList = z.object({
  items: z.array(ZTask),
  total: z.number().int().nonnegative(),
  next_cursor: z.string().nullable(),
});
export type TTaskList = z.infer<typeof ZTaskList>;

import { z } from 'zod';

/** List contract: a user's lists (projects), each task belongs to exactly one. */

export const LIST_NAME_MAX = 80;
export const LISTS_PER_USER_MAX = 100;
/** Custom Kanban columns of one list: a short ordered list of names (ADR 060). */
export const KANBAN_COLUMNS_MAX = 12;
export const KANBAN_COLUMN_NAME_MAX = 40;

export const LIST_COLORS = [
  'grey',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;
export const ZListColor = z.enum(LIST_COLORS);
export type TListColor = z.infer<typeof ZListColor>;

export const ZListId = z
  .number({ message: 'List id must be a positive integer' })
  .int('List id must be a positive integer')
  .positive('List id must be a positive integer')
  .max(2_147_483_647, 'List id is out of range');

const digitsToListId = z
  .string()
  .regex(/^\d{1,10}$/, 'List id must be a positive integer')
  .transform(Number)
  .pipe(ZListId);

export const ZListParams = z.strictObject({ id: digitsToListId });

const ZListName = z
  .string()
  .trim()
  .min(1, 'List name is required')
  .max(LIST_NAME_MAX, `List name must be at most ${LIST_NAME_MAX} characters`);

export const ZKanbanColumnName = z
  .string()
  .trim()
  .min(1, 'A column name is required')
  .max(
    KANBAN_COLUMN_NAME_MAX,
    `A column name must be at most ${KANBAN_COLUMN_NAME_MAX} characters`,
  );

/** The list's custom Kanban columns in order; names are unique ignoring case. */
export const ZKanbanColumns = z
  .array(ZKanbanColumnName)
  .max(KANBAN_COLUMNS_MAX, `At most ${KANBAN_COLUMNS_MAX} columns`)
  .refine(
    (names) => new Set(names.map((name) => name.toLowerCase())).size === names.length,
    'Column names must be different from each other',
  );

export const ZList = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  color: ZListColor,
  position: z.number().int(),
  is_inbox: z.boolean(),
  /** Open tasks in the list, not counting subtasks (their parent shows their progress). */
  open_tasks: z.number().int().nonnegative(),
  /** Custom Kanban columns, in order (empty: the Kanban groups by status or priority only). */
  kanban_columns: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TList = z.infer<typeof ZList>;

export const ZListCollection = z.object({ items: z.array(ZList) });
export type TListCollection = z.infer<typeof ZListCollection>;

export const ZCreateListRequest = z.strictObject({
  name: ZListName,
  color: ZListColor.default('grey'),
});
export type TCreateListRequest = z.input<typeof ZCreateListRequest>;
export type TCreateList = z.output<typeof ZCreateListRequest>;

export const ZUpdateListRequest = z
  .strictObject({
    name: ZListName.optional(),
    color: ZListColor.optional(),
    /** Where the list goes among the user's other lists (0 = first after the Inbox). */
    position: z.number().int().min(0).max(LISTS_PER_USER_MAX).optional(),
    /** Replaces the custom columns; tasks of a column no longer there go back to none. */
    kanban_columns: ZKanbanColumns.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change');
export type TUpdateListRequest = z.input<typeof ZUpdateListRequest>;
export type TUpdateList = z.output<typeof ZUpdateListRequest>;

export const ZDeleteListQuery = z.strictObject({
  move_to: digitsToListId.optional(),
  delete_tasks: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type TDeleteListQuery = z.output<typeof ZDeleteListQuery>;

export const ZDeletedList = z.object({
  deleted: ZList,
  moved_tasks: z.number().int().nonnegative(),
  deleted_tasks: z.number().int().nonnegative(),
});
export type TDeletedList = z.infer<typeof ZDeletedList>;

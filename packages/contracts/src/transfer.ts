import { z } from 'zod';
import { ZCalendarDate, ZTimeZone, ZWeekStart } from './dates.js';
import {
  LIST_NAME_MAX,
  LISTS_PER_USER_MAX,
  ZKanbanColumnName,
  ZKanbanColumns,
  ZListColor,
} from './lists.js';
import { REMINDERS_PER_TASK_MAX, ZCreateReminderRequest } from './reminders.js';
import {
  TASK_DESCRIPTION_MAX,
  TASK_TITLE_MAX,
  ZRecurrence,
  ZRecurrenceFrom,
  ZTag,
  ZTaskPriority,
} from './tasks.js';

/**
 * The export document (`GET /api/v1/export`), version 1, which `POST /api/v1/import` reads back.
 * Lists and tasks refer to each other by `ref` (their position in the document), never by
 * database id, so a document imports into any account. Documented in docs/export-format.md.
 */

export const EXPORT_FORMAT = 'todo-chatbot-export';
export const EXPORT_VERSION = 1;
/** At most this many tasks (and, separately, messages) in one import; it is checked before writing. */
export const IMPORT_TASKS_MAX = 2000;
export const IMPORT_MESSAGES_MAX = 5000;
export const IMPORT_BODY_MAX_BYTES = 2 * 1024 * 1024;

const ZRef = z.number().int().nonnegative();
const ZStamp = z.iso.datetime({ offset: true });

export const ZExportList = z.strictObject({
  ref: ZRef,
  name: z.string().trim().min(1).max(LIST_NAME_MAX),
  color: ZListColor,
  position: z.number().int().min(0),
  is_inbox: z.boolean(),
  /** Added with the Kanban view; older exports have none. */
  kanban_columns: ZKanbanColumns.default([]),
});

export const ZExportTask = z.strictObject({
  ref: ZRef,
  list_ref: ZRef,
  parent_ref: ZRef.nullable(),
  title: z.string().trim().min(1).max(TASK_TITLE_MAX),
  description: z.string().max(TASK_DESCRIPTION_MAX).nullable(),
  completed: z.boolean(),
  priority: ZTaskPriority,
  due_date: ZCalendarDate.nullable(),
  due_at: ZStamp.nullable(),
  recurrence: ZRecurrence.nullable(),
  recurrence_from: ZRecurrenceFrom,
  tags: z.array(ZTag).max(10),
  created_at: ZStamp,
  completed_at: ZStamp.nullable(),
  kanban_column: ZKanbanColumnName.nullable().default(null),
  /** Added with reminders; older exports have none. */
  reminders: z.array(ZCreateReminderRequest).max(REMINDERS_PER_TASK_MAX).default([]),
});

export const ZExportMessage = z.strictObject({
  role: z.enum(['user', 'assistant', 'tool']),
  content: z.string().max(20_000),
  tool_calls: z.array(z.unknown()).max(50),
  created_at: ZStamp,
});

export const ZExportConversation = z.strictObject({
  title: z.string().min(1).max(200),
  created_at: ZStamp,
  updated_at: ZStamp,
  messages: z.array(ZExportMessage),
});

export const ZExportDocument = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exported_at: ZStamp,
  user: z.strictObject({ time_zone: ZTimeZone, week_start: ZWeekStart }),
  lists: z.array(ZExportList).max(LISTS_PER_USER_MAX),
  tasks: z.array(ZExportTask).max(IMPORT_TASKS_MAX, `At most ${IMPORT_TASKS_MAX} tasks per import`),
  conversations: z.array(ZExportConversation).max(500),
});
export type TExportDocument = z.infer<typeof ZExportDocument>;

export const ZImportRequest = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('todo-chatbot'), document: z.unknown() }),
  z.strictObject({
    format: z.literal('todoist-csv'),
    csv: z.string().min(1).max(IMPORT_BODY_MAX_BYTES),
    /** The list the tasks go into (made if it does not exist); Todoist exports one project per file. */
    list_name: z.string().trim().min(1).max(LIST_NAME_MAX).default('Imported from Todoist'),
  }),
]);
export type TImportRequest = z.output<typeof ZImportRequest>;

export const ZImportReport = z.object({
  lists_created: z.number().int().nonnegative(),
  lists_merged: z.number().int().nonnegative(),
  tasks_imported: z.number().int().nonnegative(),
  conversations_imported: z.number().int().nonnegative(),
  reminders_imported: z.number().int().nonnegative(),
  /** What was read differently from the source (a Todoist sub-sub-task made a subtask, …). */
  notes: z.array(z.string()),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

export const ZCalendarFeed = z.object({
  url: z.string(),
  created_at: z.string(),
});
export type TCalendarFeed = z.infer<typeof ZCalendarFeed>;

import { EXPORT_FORMAT, EXPORT_VERSION } from '@todo/contracts';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversations, messages } from '../db/schema/chat.js';
import { lists } from '../db/schema/lists.js';
import { reminders } from '../db/schema/reminders.js';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { getMe } from '../me/get-me.js';
import { describeRecurrence } from '../recurrence/describe-recurrence.js';
import type { TaskContext } from '../tasks/task-context.js';
import { toTaskDto } from '../tasks/to-task-dto.js';

/**
 * The whole account as one document (format in docs/export-format.md), streamed in pages so a
 * user with 100,000 tasks costs a page of memory, not the whole account.
 */
const PAGE = 1000;

async function* taskPages(db: Database, userId: string): AsyncGenerator<TaskRow[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.userId, userId), gt(tasks.id, after), isNull(tasks.deletedAt)))
      .orderBy(asc(tasks.id))
      .limit(PAGE);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)?.id ?? after;
  }
}

type ExportedReminder = { offset_minutes: number } | { at: string };

/** The reminders of a page of tasks, by task id, oldest first (one query a page). */
async function pageReminders(
  db: Database,
  userId: string,
  page: TaskRow[],
): Promise<Map<number, ExportedReminder[]>> {
  const rows = await db
    .select({ taskId: reminders.taskId, offsetMinutes: reminders.offsetMinutes, at: reminders.at })
    .from(reminders)
    .where(
      and(
        eq(reminders.userId, userId),
        inArray(
          reminders.taskId,
          page.map((task) => task.id),
        ),
      ),
    )
    .orderBy(asc(reminders.id));
  const byTask = new Map<number, ExportedReminder[]>();
  for (const row of rows) {
    const reminder =
      row.at !== null ? { at: row.at.toISOString() } : { offset_minutes: row.offsetMinutes ?? 0 };
    const ofTask = byTask.get(row.taskId);
    if (ofTask) ofTask.push(reminder);
    else byTask.set(row.taskId, [reminder]);
  }
  return byTask;
}

/** Task refs are positions in id order; a parent always has a smaller id than its subtasks. */
function taskRefs() {
  const refs = new Map<number, number>();
  return (id: number) => {
    const known = refs.get(id);
    if (known !== undefined) return known;
    refs.set(id, refs.size);
    return refs.size - 1;
  };
}

export async function* exportJson({ db, userId }: TaskContext): AsyncGenerator<string> {
  const me = await getMe({ db, userId });
  const listRows = await db
    .select()
    .from(lists)
    .where(and(eq(lists.userId, userId), isNull(lists.deletedAt)))
    .orderBy(asc(lists.id));
  const listRef = new Map(listRows.map((row, index) => [row.id, index]));
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: new Date().toISOString(),
    user: { time_zone: me.time_zone, week_start: me.week_start },
    lists: listRows.map((row, ref) => ({
      ref,
      name: row.name,
      color: row.color,
      position: row.position,
      is_inbox: row.isInbox,
      kanban_columns: row.kanbanColumns,
    })),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"tasks":[`;
  const ref = taskRefs();
  let first = true;
  for await (const page of taskPages(db, userId)) {
    const remindersOf = await pageReminders(db, userId, page);
    for (const row of page) {
      // The API's task without what a new account derives again (ids, counts, summaries).
      const {
        id,
        list_id,
        parent_id,
        recurrence_text,
        subtask_count,
        subtasks_done,
        updated_at,
        ...content
      } = toTaskDto(row);
      const task = {
        ref: ref(id),
        list_ref: listRef.get(list_id) ?? 0,
        parent_ref: parent_id === null ? null : ref(parent_id),
        ...content,
        reminders: remindersOf.get(id) ?? [],
      };
      yield `${first ? '' : ','}${JSON.stringify(task)}`;
      first = false;
    }
  }
  yield '],"conversations":[';
  const chats = await db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  for (const [index, chat] of chats.entries()) {
    const rows = await db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, userId), inArray(messages.conversationId, [chat.id])))
      .orderBy(asc(messages.id));
    yield `${index ? ',' : ''}${JSON.stringify({
      title: chat.title,
      created_at: chat.createdAt.toISOString(),
      updated_at: chat.updatedAt.toISOString(),
      messages: rows.map((message) => ({
        role: message.role,
        content: message.content,
        tool_calls: message.toolCalls,
        created_at: message.createdAt.toISOString(),
      })),
    })}`;
  }
  yield ']}';
}

const CSV_COLUMNS = [
  'id',
  'list',
  'parent_id',
  'title',
  'description',
  'completed',
  'priority',
  'due_date',
  'due_at',
  'recurrence',
  'recurrence_from',
  'repeats',
  'tags',
  'created_at',
  'completed_at',
];

/** Tasks as CSV (one row per task, tags joined by spaces), for spreadsheets. */
export async function* exportCsv({ db, userId }: TaskContext): AsyncGenerator<string> {
  const listRows = await db
    .select()
    .from(lists)
    .where(and(eq(lists.userId, userId), isNull(lists.deletedAt)));
  const listName = new Map(listRows.map((row) => [row.id, row.name]));
  yield stringify([CSV_COLUMNS]);
  for await (const page of taskPages(db, userId)) {
    yield stringify(
      page.map((row) => [
        row.id,
        listName.get(row.listId),
        row.parentId ?? '',
        row.title,
        row.description ?? '',
        row.completed,
        row.priority,
        row.dueDate ?? '',
        row.dueAt?.toISOString() ?? '',
        row.recurrence ?? '',
        row.recurrenceFrom,
        row.recurrence ? describeRecurrence(row.recurrence, row.recurrenceFrom) : '',
        row.tags.join(' '),
        row.createdAt.toISOString(),
        row.completedAt?.toISOString() ?? '',
      ]),
    );
  }
}

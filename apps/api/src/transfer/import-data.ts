import {
  LISTS_PER_USER_MAX,
  type TExportDocument,
  type TImportReport,
  type TImportRequest,
  ZExportDocument,
} from '@todo/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { asActor } from '../activity/actor.js';
import { type Database, queryRows } from '../db/client.js';
import { conversations, messages, type StoredToolCall } from '../db/schema/chat.js';
import { lists } from '../db/schema/lists.js';
import { tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import { ruleParts, startSeries } from '../recurrence/recurrence-rule.js';
import type { TaskContext } from '../tasks/task-context.js';
import { today, userClock } from '../time/user-clock.js';
import { todoistCsvToDocument } from './todoist-csv.js';

type Problem = { path: string; message: string };

const rejected = (problems: Problem[]) =>
  new AppError(
    'validation_error',
    `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found`,
    problems.slice(0, 50),
  );

/** Everything a document must satisfy beyond its shape; checked before anything is written. */
function checkDocument(document: TExportDocument): Problem[] {
  const problems: Problem[] = [];
  const listRefs = new Set(document.lists.map((list) => list.ref));
  if (listRefs.size !== document.lists.length)
    problems.push({ path: 'lists', message: 'list refs repeat' });
  if (document.lists.filter((list) => list.is_inbox).length > 1) {
    problems.push({ path: 'lists', message: 'more than one Inbox' });
  }
  const byRef = new Map<number, TExportDocument['tasks'][number]>();
  for (const [index, task] of document.tasks.entries()) {
    const at = `tasks.${index}`;
    if (task.ref !== index)
      problems.push({ path: `${at}.ref`, message: 'refs must be 0, 1, 2, … in order' });
    if (!listRefs.has(task.list_ref))
      problems.push({ path: `${at}.list_ref`, message: 'no such list' });
    if (task.due_date && task.due_at)
      problems.push({ path: at, message: 'both due_date and due_at' });
    if (task.parent_ref !== null) {
      const parent = byRef.get(task.parent_ref);
      if (!parent)
        problems.push({ path: `${at}.parent_ref`, message: 'must name an earlier task' });
      else if (parent.parent_ref !== null) {
        problems.push({ path: `${at}.parent_ref`, message: 'a subtask cannot have subtasks' });
      } else if (parent.list_ref !== task.list_ref) {
        problems.push({ path: `${at}.list_ref`, message: "a subtask lives in its parent's list" });
      }
      if (task.recurrence)
        problems.push({ path: `${at}.recurrence`, message: 'a subtask cannot repeat' });
    }
    if (task.recurrence) {
      try {
        ruleParts(task.recurrence);
      } catch (error) {
        const details = (error as AppError).details as Problem[] | undefined;
        problems.push({ path: `${at}.recurrence`, message: details?.[0]?.message ?? 'invalid' });
      }
    }
    byRef.set(task.ref, task);
  }
  return problems;
}

function readRequest(request: TImportRequest, clock: Awaited<ReturnType<typeof userClock>>) {
  if (request.format === 'todoist-csv') {
    return todoistCsvToDocument(request.csv, request.list_name, clock);
  }
  const parsed = ZExportDocument.safeParse(request.document);
  if (!parsed.success) {
    throw rejected(
      parsed.error.issues.map((issue) => ({
        path: ['document', ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  }
  return { document: parsed.data, notes: [] as string[] };
}

/**
 * Imports our export document or a Todoist CSV export, all or nothing: every row is checked
 * first, then lists, tasks and conversations are written in one transaction. Lists whose name
 * the user already has (and the Inbox) are merged into the existing list.
 */
export async function importData(
  context: TaskContext,
  request: TImportRequest,
): Promise<TImportReport> {
  const { db, userId } = context;
  const clock = await userClock(db, userId);
  const { document, notes } = readRequest(request, clock);
  const problems = checkDocument(document);
  // A rule without a due starts today (Todoist's "every monday" rows carry no date of their own).
  const scheduled = document.tasks.map((task, index) => {
    if (!task.recurrence || task.due_date || task.due_at) return task;
    try {
      const series = startSeries(task.recurrence, { kind: 'date', date: today(clock) });
      return {
        ...task,
        recurrence: series.rule,
        due_date: (series.due as { date: Temporal.PlainDate }).date.toString(),
      };
    } catch (error) {
      const details = (error as AppError).details as Problem[] | undefined;
      problems.push({
        path: `tasks.${index}.recurrence`,
        message: details?.[0]?.message ?? 'invalid',
      });
      return task;
    }
  });
  if (problems.length) throw rejected(problems);

  return asActor(context, async (tx) => {
    const listIds = await placeLists(tx, userId, document);
    // checkDocument proved every list_ref names a list of the document.
    const placedList = (ref: number) => {
      const placed = listIds.get(ref);
      if (!placed) throw new Error(`list ref ${ref} was not placed`);
      return placed;
    };
    const listIdOf = (ref: number) => placedList(ref).id;
    // A task keeps its Kanban column only where the list it lands in has that column.
    const columnOf = (task: { list_ref: number; kanban_column: string | null }) =>
      task.kanban_column !== null && placedList(task.list_ref).columns.includes(task.kanban_column)
        ? task.kanban_column
        : null;
    const taskIds = new Map<number, number>();
    if (scheduled.length) {
      // One statement in document order (so ids, and a later export, keep that order); subtasks
      // are linked to their parents' new ids right after.
      const inserted = await tx
        .insert(tasks)
        .values(
          scheduled.map((task) => ({
            userId,
            listId: listIdOf(task.list_ref),
            title: task.title,
            description: task.description,
            completed: task.completed,
            priority: task.priority,
            dueDate: task.due_date,
            dueAt: task.due_at ? new Date(task.due_at) : null,
            recurrence: task.recurrence,
            recurrenceFrom: task.recurrence_from,
            tags: [...new Set(task.tags)],
            kanbanColumn: columnOf(task),
            createdAt: new Date(task.created_at),
            updatedAt: new Date(task.created_at),
            completedAt: task.completed_at ? new Date(task.completed_at) : null,
          })),
        )
        .returning({ id: tasks.id });
      // PostgreSQL returns inserted rows in VALUES order.
      for (const [index, task] of scheduled.entries()) {
        const row = inserted[index];
        if (!row) throw new Error('insert returned fewer rows than it was given');
        taskIds.set(task.ref, row.id);
      }
      const links = scheduled.filter((task) => task.parent_ref !== null);
      if (links.length) {
        const ids = links.map((task) => taskIds.get(task.ref));
        const parents = links.map((task) => taskIds.get(task.parent_ref ?? -1));
        await tx.execute(sql`
          UPDATE tasks SET parent_id = link.parent
          FROM unnest(${`{${ids.join(',')}}`}::int[], ${`{${parents.join(',')}}`}::int[]) AS link(id, parent)
          WHERE tasks.id = link.id AND tasks.user_id = ${userId}`);
      }
    }
    const reminded = await placeReminders(tx, userId, scheduled, taskIds);
    if (reminded.skipped) {
      notes.push(
        `${reminded.skipped} reminder${reminded.skipped === 1 ? '' : 's'} whose time had passed (or whose task is done) left out`,
      );
    }
    for (const chat of document.conversations) {
      const [row] = await tx
        .insert(conversations)
        .values({
          userId,
          title: chat.title,
          createdAt: new Date(chat.created_at),
          updatedAt: new Date(chat.updated_at),
        })
        .returning({ id: conversations.id });
      if (!row) throw new Error('insert returned no row');
      if (chat.messages.length) {
        await tx.insert(messages).values(
          chat.messages.map((message) => ({
            conversationId: row.id,
            userId,
            role: message.role,
            content: message.content,
            toolCalls: message.tool_calls as StoredToolCall[],
            createdAt: new Date(message.created_at),
          })),
        );
      }
    }
    const created = [...listIds.values()].filter((list) => list.created).length;
    return {
      lists_created: created,
      lists_merged: listIds.size - created,
      tasks_imported: scheduled.length,
      conversations_imported: document.conversations.length,
      reminders_imported: reminded.imported,
      notes,
    };
  });
}

/**
 * Adds the document's reminders to the new tasks in one statement, each with its fire_at from
 * the database's one rule (the same as REST). Only reminders still to come are kept: one whose
 * time has passed, or on a completed task, was spent where it came from and must not fire again.
 */
async function placeReminders(
  db: Database,
  userId: string,
  documentTasks: TExportDocument['tasks'],
  taskIds: Map<number, number>,
): Promise<{ imported: number; skipped: number }> {
  const given = documentTasks.flatMap((task) =>
    task.reminders.map((reminder) => ({
      task_id: taskIds.get(task.ref),
      offset_minutes: 'offset_minutes' in reminder ? reminder.offset_minutes : null,
      at: 'at' in reminder ? reminder.at : null,
    })),
  );
  if (given.length === 0) return { imported: 0, skipped: 0 };
  const inserted = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO reminders (user_id, task_id, offset_minutes, at, fire_at)
      SELECT t.user_id, t.id, g.offset_minutes, g.at, f.fire_at
      FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(given)}::jsonb)
          AS (task_id int, offset_minutes int, at timestamptz))
        WITH ORDINALITY AS g(task_id, offset_minutes, at, ordinality)
      JOIN tasks t ON t.id = g.task_id AND t.user_id = ${userId}
      JOIN "user" u ON u.id = t.user_id
      LEFT JOIN reminder_settings s ON s.user_id = t.user_id
      CROSS JOIN LATERAL (SELECT reminder_fire_at(g.offset_minutes, g.at, t.due_at, t.due_date,
        u.time_zone, coalesce(s.all_day_time, '09:00')) AS fire_at) AS f
      WHERE NOT t.completed AND f.fire_at > now()
      ORDER BY g.ordinality
      RETURNING id`,
  );
  return { imported: inserted.length, skipped: given.length - inserted.length };
}

/** Maps each document list to one of the user's lists, making the ones the user lacks. */
async function placeLists(
  db: Database,
  userId: string,
  document: TExportDocument,
): Promise<Map<number, { id: number; created: boolean; columns: string[] }>> {
  const existing = await db
    .select()
    .from(lists)
    .where(and(eq(lists.userId, userId), isNull(lists.deletedAt)))
    .for('update');
  const byName = new Map(existing.map((list) => [list.name.toLowerCase(), list]));
  const inbox = existing.find((list) => list.isInbox);
  if (!inbox) throw new Error('the user has no Inbox');
  const placed = new Map<number, { id: number; created: boolean; columns: string[] }>();
  let position = Math.max(0, ...existing.map((list) => list.position));
  const fresh = document.lists.filter(
    (list) => !list.is_inbox && !byName.has(list.name.toLowerCase()),
  );
  if (existing.length + fresh.length > LISTS_PER_USER_MAX) {
    throw rejected([{ path: 'lists', message: `more than ${LISTS_PER_USER_MAX} lists in all` }]);
  }
  for (const list of [...document.lists].sort((a, b) => a.position - b.position)) {
    const same = list.is_inbox ? inbox : byName.get(list.name.toLowerCase());
    if (same) {
      placed.set(list.ref, { id: same.id, created: false, columns: same.kanbanColumns });
      continue;
    }
    const [row] = await db
      .insert(lists)
      .values({
        userId,
        name: list.name,
        color: list.color,
        position: ++position,
        kanbanColumns: list.kanban_columns,
      })
      .returning({ id: lists.id });
    if (!row) throw new Error('insert returned no row');
    byName.set(list.name.toLowerCase(), {
      ...inbox,
      id: row.id,
      name: list.name,
      kanbanColumns: list.kanban_columns,
    });
    placed.set(list.ref, { id: row.id, created: true, columns: list.kanban_columns });
  }
  return placed;
}

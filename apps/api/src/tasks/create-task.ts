import type { TCreateTask, TTask } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import type { Database } from '../db/client.js';
import { tasks } from '../db/schema/tasks.js';
import { applyDefaultReminders } from '../reminders/default-reminders.js';
import { preparedQuery } from './prepared-query.js';
import type { TaskContext } from './task-context.js';
import { resolvePlacement, ruleBroken } from './task-placement.js';
import { resolveSchedule } from './task-schedule.js';
import { TASK_DTO_COLUMNS, toTaskDto } from './to-task-dto.js';

const p = sql.placeholder;

/** Every column a new task is given, each from a placeholder: one statement for every task. */
const insertTask = (db: Database) =>
  preparedQuery(db, 'insert_task', () =>
    db
      .insert(tasks)
      .values({
        userId: p('userId'),
        listId: p('listId'),
        parentId: p('parentId'),
        dueDate: p('dueDate'),
        // A column's encoder does not take null: the instant is bound as ISO text (or null) as is.
        dueAt: sql`${p('dueAt')}`,
        recurrence: p('recurrence'),
        recurrenceFrom: p('recurrenceFrom'),
        title: p('title'),
        description: p('description'),
        priority: p('priority'),
        tags: p('tags'),
      })
      .returning(TASK_DTO_COLUMNS),
  );

export async function createTask(context: TaskContext, input: TCreateTask): Promise<TTask> {
  return asActor(context, (db) => insertOwnedTask(db, context.userId, input));
}

async function insertOwnedTask(db: Database, userId: string, input: TCreateTask): Promise<TTask> {
  const placement = await resolvePlacement(db, userId, {
    listId: input.list_id,
    parentId: input.parent_id ?? null,
  });
  if (placement.parentId !== null && input.recurrence) {
    throw ruleBroken('recurrence', 'A subtask cannot repeat: make its parent repeat instead');
  }
  const schedule = await resolveSchedule(
    db,
    userId,
    {
      dueDate: input.due_date ?? null,
      dueAt: input.due_at ? new Date(input.due_at) : null,
      recurrence: input.recurrence ?? null,
      recurrenceFrom: input.recurrence_from,
    },
    'rule',
  );
  const [row] = await insertTask(db).execute({
    userId,
    ...placement,
    ...schedule,
    dueAt: schedule.dueAt?.toISOString() ?? null,
    title: input.title,
    description: input.description ?? null,
    priority: input.priority,
    tags: input.tags,
  });
  if (!row) throw new Error('insert returned no row');
  if (row.dueAt || row.dueDate) await applyDefaultReminders(db, userId, row.id);
  return toTaskDto(row);
}

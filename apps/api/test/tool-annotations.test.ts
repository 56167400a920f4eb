import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { mapTaskTools } from '../src/chat/tools/index.js';
import type { TaskTool, ToolData } from '../src/chat/tools/task-tool.js';
import { activity } from '../src/db/schema/activity.js';
import { user } from '../src/db/schema/auth.js';
import { lists } from '../src/db/schema/lists.js';
import { reminders } from '../src/db/schema/reminders.js';
import { tasks } from '../src/db/schema/tasks.js';
import { createTask } from '../src/tasks/create-task.js';
import { TOOL_NAMES } from './support/fake-model-env.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Each tool's annotations say what it does, and here each one is run against the database to
 * check it: a read-only tool changes no row, a destructive one removes some, an idempotent one
 * leaves the same state when run twice (and a tool that is not, does not).
 */
const { t, users } = useTestApp({ users: ['ada', 'kiri', 'lax'] });

const DAY_MS = 86_400_000;
const inFuture = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);

/** Everything of the user's: tasks, lists, reminders (timestamps of the last write left out). */
async function snapshot(userId: string) {
  const db = t.database.db;
  const [taskRows, listRows, reminderRows] = await Promise.all([
    db.select().from(tasks).where(eq(tasks.userId, userId)).orderBy(asc(tasks.id)),
    db.select().from(lists).where(eq(lists.userId, userId)).orderBy(asc(lists.id)),
    db.select().from(reminders).where(eq(reminders.userId, userId)).orderBy(asc(reminders.id)),
  ]);
  const withoutWriteTime = <T extends { updatedAt?: Date }>({ updatedAt: _u, ...rest }: T) => rest;
  return {
    exact: JSON.stringify([taskRows, listRows, reminderRows]),
    state: JSON.stringify([
      taskRows.map(withoutWriteTime),
      listRows.map(withoutWriteTime),
      reminderRows,
    ]),
    // Deletes are soft: a removed task is one no longer visible.
    tasks: taskRows.filter((row) => row.deletedAt === null).length,
  };
}

/** A fresh user's tasks for one run: a parent with a subtask, and another with a future due. */
async function seed() {
  const db = t.database.db;
  const userId = users.ada.id;
  await db.delete(tasks).where(eq(tasks.userId, userId));
  await db.delete(activity).where(eq(activity.userId, userId));
  const [inbox] = await db.select().from(lists).where(eq(lists.userId, userId)).limit(1);
  if (!inbox) throw new Error('no inbox');
  const [parent, other] = await db
    .insert(tasks)
    .values([
      { userId, listId: inbox.id, title: 'Plan trip', dueDate: inFuture },
      { userId, listId: inbox.id, title: 'Buy milk', dueDate: inFuture },
    ])
    .returning();
  if (!parent || !other) throw new Error('seed failed');
  await db.insert(tasks).values({ userId, listId: inbox.id, parentId: parent.id, title: 'Book' });
  // Two earlier changes from the client, each its own batch: what undo_last_change has to undo.
  for (const title of ['Earlier', 'Later'])
    await createTask(callOf(userId), {
      title,
      priority: 'medium',
      tags: [],
      recurrence_from: 'due',
    });
  return { userId, parent: parent.id, other: other.id, inbox: inbox.id };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

/** One valid input per tool, for the seeded tasks. */
const INPUTS: Record<string, (s: Seeded) => ToolData> = {
  add_task: () => ({ title: 'New one' }),
  add_tasks: () => ({ tasks: [{ title: 'Eggs' }, { title: 'Bread' }] }),
  add_list: () => ({ name: `List ${Math.random()}` }),
  list_tasks: () => ({ status: 'all' }),
  list_lists: () => ({}),
  find_tasks: () => ({ words: 'milk' }),
  get_overview: () => ({}),
  get_task: (s) => ({ id: s.parent }),
  complete_task: (s) => ({ id: s.other }),
  complete_tasks: (s) => ({ ids: [s.other, s.parent] }),
  update_task: (s) => ({ id: s.other, title: 'Buy oat milk', priority: 'high' }),
  reschedule_task: (s) => ({ id: s.other, shift_days: 1 }),
  set_reminder: (s) => ({ id: s.other, before_minutes: 60 }),
  delete_task: (s) => ({ id: s.parent }),
  find_activity: () => ({}),
  undo_last_change: () => ({}),
};

/** The same MCP client for every call, in a batch of its own each time. */
const callOf = (userId: string) => ({
  db: t.database.db,
  userId,
  actor: { via: 'mcp' as const, clientId: 'annotations-test', batchId: randomUUID() },
});

type AnyTool = {
  name: string;
  annotations: TaskTool['annotations'];
  run: (s: Seeded) => Promise<unknown>;
};
const TOOLS: AnyTool[] = mapTaskTools(
  <I extends ToolData, O extends ToolData>(tool: TaskTool<I, O>) => ({
    name: tool.name,
    annotations: tool.annotations,
    run: async (s: Seeded) => {
      const make = INPUTS[tool.name];
      if (!make) throw new Error(`no input for ${tool.name}`);
      const context = callOf(s.userId);
      // A second run of an idempotent delete finds nothing: "not found" is the same state.
      return tool.run(context, tool.inputSchema.parse(make(s))).catch((error: unknown) => error);
    },
  }),
);

describe('tool annotations match what the tools do', () => {
  it('covers every tool', () => {
    expect(TOOLS.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
    expect(Object.keys(INPUTS).sort()).toEqual(TOOL_NAMES);
  });

  it.each(TOOLS.map((tool) => [tool.name, tool] as const))('%s', async (_name, tool) => {
    const seeded = await seed();
    const before = await snapshot(seeded.userId);
    const first = await tool.run(seeded);
    expect(first, 'the first run succeeds').not.toBeInstanceOf(Error);
    const once = await snapshot(seeded.userId);
    await tool.run(seeded);
    const twice = await snapshot(seeded.userId);

    const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations;
    expect(openWorldHint).toBe(false);
    expect(once.exact === before.exact, 'readOnlyHint: no row changed').toBe(readOnlyHint);
    expect(once.tasks < before.tasks, 'destructiveHint: rows removed').toBe(destructiveHint);
    expect(twice.state === once.state, 'idempotentHint: same state twice').toBe(idempotentHint);
  });
});

describe('the agent tools speak in the user’s zone', () => {
  const todayIn = (zone: string) => Temporal.Now.plainDateISO(zone);

  it.each([
    ['Pacific/Kiritimati', 'kiri'],
    ['America/Los_Angeles', 'lax'],
  ] as const)('%s: today, overdue and due today by the user’s calendar', async (zone, name) => {
    const db = t.database.db;
    const userId = users[name].id;
    await db.update(user).set({ timeZone: zone }).where(eq(user.id, userId));
    const [inbox] = await db.select().from(lists).where(eq(lists.userId, userId)).limit(1);
    if (!inbox) throw new Error('no inbox');
    const today = todayIn(zone);
    // The day's last second in the zone: today there, whatever the date in UTC, and still to
    // come at any time of that day but its last second (a passed due time is overdue).
    const lateTonight = today.toZonedDateTime({ timeZone: zone, plainTime: '23:59:59' });
    await db.insert(tasks).values([
      {
        userId,
        listId: inbox.id,
        title: 'Yesterday',
        dueDate: today.subtract({ days: 1 }).toString(),
      },
      { userId, listId: inbox.id, title: 'Today', dueDate: today.toString() },
      {
        userId,
        listId: inbox.id,
        title: 'Tonight',
        dueAt: new Date(lateTonight.epochMilliseconds),
      },
      { userId, listId: inbox.id, title: 'Tomorrow', dueDate: today.add({ days: 1 }).toString() },
    ]);
    const context = { db, userId, actor: { via: 'mcp' as const, batchId: randomUUID() } };
    const byName = new Map(mapTaskTools((tool) => [tool.name, tool] as const));
    const overview = await byName.get('get_overview')?.run(context, {});
    expect(overview).toMatchObject({
      time_zone: zone,
      today: today.toString(),
      counts: { open: 4, overdue: 1, due_today: 2 },
      overdue: [{ title: 'Yesterday' }],
      due_today: [{ title: 'Today' }, { title: 'Tonight' }],
      next_up: [{ title: 'Tomorrow' }],
    });
    const found = await byName.get('find_tasks')?.run(context, { due: 'today' });
    expect(found).toMatchObject({ total: 2, time_zone: zone });
    const inRange = await byName.get('find_tasks')?.run(context, {
      due_after: today.toString(),
      due_before: today.add({ days: 1 }).toString(),
    });
    expect(inRange).toMatchObject({ total: 2 });
  });
});

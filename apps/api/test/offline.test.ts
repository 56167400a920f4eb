import { randomUUID } from 'node:crypto';
import type { TTask } from '@todo/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { runOfflineAssistant } from '../src/chat/offline/offline-assistant.js';
import { user } from '../src/db/schema/auth.js';
import { tasks } from '../src/db/schema/tasks.js';
import { inboxId } from '../src/tasks/task-placement.js';
import { toTaskDto } from '../src/tasks/to-task-dto.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The offline assistant's grammar as a table: utterance → expected tool calls → resulting tasks.
 * Each row runs against a fresh user holding the same five tasks; `{key}` in an utterance or an
 * expected argument stands for that seeded task's id. "Now" is Wednesday 2026-03-11 10:00 UTC.
 */
const NOW = new Date('2026-03-11T10:00:00Z');

const SEED = {
  milk: { title: 'Buy milk', priority: 'high', dueDate: '2026-03-11T00:00:00Z', tags: ['errands'] },
  mom: { title: 'Call mom', priority: 'medium', dueDate: '2026-03-12T17:00:00Z', tags: [] },
  report: {
    title: 'Write report',
    priority: 'low',
    dueDate: '2026-03-09T00:00:00Z',
    tags: ['work'],
  },
  rent: { title: 'Pay rent', priority: 'high', dueDate: null, tags: [], completed: true },
  dad: { title: 'Call dad', priority: 'medium', dueDate: null, tags: [] },
} as const;
type Key = keyof typeof SEED;
type State = Record<Key, TTask | undefined> & { all: TTask[] };

type Row = {
  say: string;
  calls: { tool: string; args?: Record<string, unknown> }[];
  reply?: RegExp;
  check?: (state: State) => void;
};

const titles = (state: State) => state.all.map((task) => task.title).sort();
const SEEDED_TITLES: string[] = Object.values(SEED)
  .map((task) => task.title)
  .sort();
const unchanged = (state: State) => expect(titles(state)).toEqual(SEEDED_TITLES);
const added = (state: State) => state.all.find((task) => !SEEDED_TITLES.includes(task.title));

const ROWS: Row[] = [
  // add, with priority, due date/time and tags
  {
    say: 'add buy milk tomorrow 5pm, high priority #errands',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'buy milk',
          priority: 'high',
          due_date: '2026-03-12T17:00:00.000Z',
          tags: ['errands'],
        },
      },
    ],
    reply: /Added #\d+ “buy milk” \(high priority, due Thu 12 Mar, 17:00 UTC, #errands\)/,
    check: (state) =>
      expect(added(state)).toMatchObject({
        title: 'buy milk',
        priority: 'high',
        due_at: '2026-03-12T17:00:00.000Z',
        tags: ['errands'],
        completed: false,
      }),
  },
  {
    say: 'add call the plumber',
    calls: [{ tool: 'add_task', args: { title: 'call the plumber' } }],
    check: (state) =>
      expect(added(state)).toMatchObject({ priority: 'medium', due_date: null, tags: [] }),
  },
  {
    say: 'remind me to water the plants on friday',
    calls: [{ tool: 'add_task', args: { title: 'water the plants', due_date: '2026-03-13' } }],
    check: (state) => expect(added(state)?.due_date).toBe('2026-03-13'),
  },
  {
    say: 'create a task to renew passport next monday, low priority',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'renew passport', due_date: '2026-03-16', priority: 'low' },
      },
    ],
  },
  {
    say: 'add task: pick up kids at 3pm',
    calls: [
      { tool: 'add_task', args: { title: 'pick up kids', due_date: '2026-03-11T15:00:00.000Z' } },
    ],
  },
  {
    say: 'new task book flights #travel #work',
    calls: [{ tool: 'add_task', args: { title: 'book flights', tags: ['travel', 'work'] } }],
  },
  {
    say: 'I need to email the landlord tomorrow',
    calls: [{ tool: 'add_task', args: { title: 'email the landlord', due_date: '2026-03-12' } }],
  },
  {
    say: 'add urgent fix the leaking tap',
    calls: [{ tool: 'add_task', args: { title: 'fix the leaking tap', priority: 'high' } }],
  },
  {
    say: 'add groceries priority: low',
    calls: [{ tool: 'add_task', args: { title: 'groceries', priority: 'low' } }],
  },
  {
    say: 'Please add "Prepare slides" by March 20',
    calls: [{ tool: 'add_task', args: { title: 'Prepare slides', due_date: '2026-03-20' } }],
  },
  {
    say: 'todo: clean the garage this weekend',
    calls: [{ tool: 'add_task', args: { title: 'clean the garage', due_date: '2026-03-14' } }],
  },
  { say: 'add', calls: [], reply: /didn't understand/, check: unchanged },
  { say: 'add tomorrow', calls: [], reply: /What should the new task be called/, check: unchanged },

  // list, with filters
  {
    say: "what's left?",
    calls: [{ tool: 'list_tasks', args: { status: 'pending' } }],
    reply: /You have 4 open tasks:[\s\S]*Write report[\s\S]*Buy milk[\s\S]*Call mom[\s\S]*Call dad/,
    check: unchanged,
  },
  {
    say: 'show high priority',
    calls: [{ tool: 'list_tasks', args: { status: 'pending', priority: 'high' } }],
    reply: /1 open high-priority task:\n• #\d+ “Buy milk”/,
  },
  {
    say: "what's due today?",
    calls: [
      {
        tool: 'list_tasks',
        args: {
          status: 'pending',
          due_after: '2026-03-11T00:00:00.000Z',
          due_before: '2026-03-12T00:00:00.000Z',
        },
      },
    ],
    reply: /1 task due today:\n• #\d+ “Buy milk”/,
  },
  {
    say: 'overdue?',
    calls: [
      { tool: 'list_tasks', args: { status: 'pending', due_before: '2026-03-11T00:00:00.000Z' } },
    ],
    reply: /1 overdue task:\n• #\d+ “Write report”/,
  },
  {
    say: 'show done',
    calls: [{ tool: 'list_tasks', args: { status: 'completed' } }],
    reply: /1 completed task:\n• ✓ #\d+ “Pay rent”/,
  },
  {
    say: 'show #work',
    calls: [{ tool: 'list_tasks', args: { status: 'pending', tag: 'work' } }],
    reply: /Write report/,
  },
  {
    say: 'list all tasks',
    calls: [{ tool: 'list_tasks', args: { status: 'all' } }],
    reply: /5 tasks in total/,
  },
  {
    say: 'anything due tomorrow?',
    calls: [
      {
        tool: 'list_tasks',
        args: { due_after: '2026-03-12T00:00:00.000Z', due_before: '2026-03-13T00:00:00.000Z' },
      },
    ],
    reply: /1 task due tomorrow:\n• #\d+ “Call mom” \(due Thu 12 Mar, 17:00 UTC\)/,
  },
  {
    say: 'what do I have this week',
    calls: [{ tool: 'list_tasks', args: { due_before: '2026-03-18T00:00:00.000Z' } }],
    reply: /2 tasks due this week/,
  },
  {
    say: 'show me everything',
    calls: [{ tool: 'list_tasks', args: { status: 'all' } }],
    reply: /5 tasks/,
  },
  {
    say: 'what have I completed',
    calls: [{ tool: 'list_tasks', args: { status: 'completed' } }],
    reply: /Pay rent/,
  },
  { say: 'my tasks', calls: [{ tool: 'list_tasks', args: { status: 'pending' } }] },
  {
    say: 'show tasks about milk',
    calls: [{ tool: 'list_tasks', args: { search: 'milk' } }],
    reply: /1 open task:\n• #\d+ “Buy milk”/,
  },
  {
    say: "what's tagged errands",
    calls: [{ tool: 'list_tasks', args: { tag: 'errands' } }],
    reply: /Buy milk/,
  },
  {
    say: 'show low priority tasks',
    calls: [{ tool: 'list_tasks', args: { priority: 'low' } }],
    reply: /Write report/,
  },

  // complete and reopen, by id or by words
  {
    say: 'done with {report}',
    calls: [{ tool: 'complete_task', args: { id: '{report}' } }],
    reply: /Done: #\d+ “Write report”/,
    check: (state) => expect(state.report).toMatchObject({ completed: true }),
  },
  {
    say: 'I bought the milk',
    calls: [{ tool: 'complete_task', args: { id: '{milk}' } }],
    check: (state) => expect(state.milk?.completed).toBe(true),
  },
  {
    say: 'mark {mom} as done',
    calls: [{ tool: 'complete_task', args: { id: '{mom}' } }],
    check: (state) => expect(state.mom?.completed).toBe(true),
  },
  {
    say: 'finished writing the report',
    calls: [{ tool: 'complete_task', args: { id: '{report}' } }],
    check: (state) => expect(state.report?.completed).toBe(true),
  },
  {
    say: '{dad} is done',
    calls: [{ tool: 'complete_task', args: { id: '{dad}' } }],
    check: (state) => expect(state.dad?.completed).toBe(true),
  },
  {
    say: 'I called mom',
    calls: [{ tool: 'complete_task', args: { id: '{mom}' } }],
    check: (state) => {
      expect(state.mom?.completed).toBe(true);
      expect(state.dad?.completed).toBe(false);
    },
  },
  {
    say: 'complete task {dad}',
    calls: [{ tool: 'complete_task', args: { id: '{dad}' } }],
    check: (state) => expect(state.dad?.completed).toBe(true),
  },
  {
    say: 'tick off buy milk',
    calls: [{ tool: 'complete_task', args: { id: '{milk}' } }],
    check: (state) => expect(state.milk?.completed).toBe(true),
  },
  {
    say: 'done with call',
    calls: [],
    reply:
      /More than one task matches “call”[\s\S]*Call mom[\s\S]*Call dad|More than one task matches “call”[\s\S]*Call dad[\s\S]*Call mom/,
    check: (state) => {
      expect(state.mom?.completed).toBe(false);
      expect(state.dad?.completed).toBe(false);
    },
  },
  {
    say: 'done with the dentist',
    calls: [],
    reply: /couldn't find a task matching “dentist”/,
    check: unchanged,
  },
  {
    say: 'done with 99999',
    calls: [{ tool: 'complete_task', args: { id: 99999 } }],
    reply: /couldn't do that: Task not found/,
    check: unchanged,
  },
  {
    say: 'reopen {rent}',
    calls: [{ tool: 'complete_task', args: { id: '{rent}', completed: false } }],
    reply: /Reopened #\d+ “Pay rent”/,
    check: (state) => expect(state.rent).toMatchObject({ completed: false, completed_at: null }),
  },
  {
    say: 'mark pay rent as not done',
    calls: [{ tool: 'complete_task', args: { id: '{rent}', completed: false } }],
    check: (state) => expect(state.rent?.completed).toBe(false),
  },
  {
    say: 'I paid the rent',
    calls: [],
    reply: /“Pay rent” \(high priority\) is already done/,
  },

  // delete
  {
    say: 'delete {dad}',
    calls: [{ tool: 'delete_task', args: { id: '{dad}' } }],
    reply: /Deleted #\d+ “Call dad”/,
    check: (state) => {
      expect(state.dad).toBeUndefined();
      expect(state.all).toHaveLength(4);
    },
  },
  {
    say: 'delete the milk task',
    calls: [{ tool: 'delete_task', args: { id: '{milk}' } }],
    check: (state) => expect(state.milk).toBeUndefined(),
  },
  {
    say: 'remove write report',
    calls: [{ tool: 'delete_task', args: { id: '{report}' } }],
    check: (state) => expect(state.report).toBeUndefined(),
  },
  {
    say: 'get rid of {mom}',
    calls: [{ tool: 'delete_task', args: { id: '{mom}' } }],
    check: (state) => expect(state.mom).toBeUndefined(),
  },
  { say: 'delete call', calls: [], reply: /Which one do you mean/, check: unchanged },

  // rename, reschedule, reprioritise, tag
  {
    say: 'move {mom} to friday',
    calls: [{ tool: 'update_task', args: { id: '{mom}', due_date: '2026-03-13' } }],
    reply: /Rescheduled: #\d+ “Call mom” \(due Fri 13 Mar\)/,
    check: (state) => expect(state.mom?.due_date).toBe('2026-03-13'),
  },
  {
    say: 'rename {mom} to call mom and dad',
    calls: [{ tool: 'update_task', args: { id: '{mom}', title: 'call mom and dad' } }],
    check: (state) => expect(state.mom?.title).toBe('call mom and dad'),
  },
  {
    say: 'make {dad} high priority',
    calls: [{ tool: 'update_task', args: { id: '{dad}', priority: 'high' } }],
    check: (state) => expect(state.dad?.priority).toBe('high'),
  },
  {
    say: 'set the priority of buy milk to low',
    calls: [{ tool: 'update_task', args: { id: '{milk}', priority: 'low' } }],
    check: (state) => expect(state.milk?.priority).toBe('low'),
  },
  {
    say: 'reschedule write report to next monday 9am',
    calls: [
      { tool: 'update_task', args: { id: '{report}', due_date: '2026-03-16T09:00:00.000Z' } },
    ],
    check: (state) => expect(state.report?.due_at).toBe('2026-03-16T09:00:00.000Z'),
  },
  {
    say: 'postpone the report until tomorrow',
    calls: [{ tool: 'update_task', args: { id: '{report}', due_date: '2026-03-12' } }],
  },
  {
    say: 'remove the due date from {milk}',
    calls: [{ tool: 'update_task', args: { id: '{milk}', due_date: null } }],
    check: (state) => expect(state.milk?.due_date).toBeNull(),
  },
  {
    say: 'prioritize call dad',
    calls: [{ tool: 'update_task', args: { id: '{dad}', priority: 'high' } }],
  },
  {
    say: 'tag {dad} with family',
    calls: [{ tool: 'update_task', args: { id: '{dad}', tags: ['family'] } }],
    check: (state) => expect(state.dad?.tags).toEqual(['family']),
  },
  {
    say: 'add #home to {milk}',
    calls: [{ tool: 'update_task', args: { id: '{milk}', tags: ['errands', 'home'] } }],
    check: (state) => expect(state.milk?.tags).toEqual(['errands', 'home']),
  },
  {
    say: 'rename buy milk to buy oat milk',
    calls: [{ tool: 'update_task', args: { id: '{milk}', title: 'buy oat milk' } }],
    check: (state) => expect(state.milk?.title).toBe('buy oat milk'),
  },
  {
    say: 'call mom is urgent',
    calls: [{ tool: 'update_task', args: { id: '{mom}', priority: 'high' } }],
  },
  { say: 'move {mom} to someday', calls: [], reply: /couldn't read that date/, check: unchanged },
  {
    say: 'set {mom} due tomorrow',
    calls: [{ tool: 'update_task', args: { id: '{mom}', due_date: '2026-03-12' } }],
  },
  {
    say: 'remove #errands from buy milk',
    calls: [{ tool: 'update_task', args: { id: '{milk}', tags: [] } }],
    reply: /Untagged/,
    check: (state) => expect(state.milk?.tags).toEqual([]),
  },
  { say: 'is {report} done?', calls: [], reply: /can't answer questions/, check: unchanged },
  { say: 'delete all done tasks', calls: [], reply: /one task at a time/, check: unchanged },

  // help and honest limits
  { say: 'help', calls: [], reply: /add buy milk tomorrow 5pm/ },
  { say: 'what can you do?', calls: [], reply: /everyday task commands/ },
  { say: 'hello', calls: [], reply: /^Hello!/ },
  { say: "what's the weather like?", calls: [], reply: /didn't understand/, check: unchanged },
  { say: 'tell me a joke', calls: [], reply: /Say "help" for examples/, check: unchanged },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function seedUser(): Promise<{ userId: string; ids: Record<Key, number> }> {
  const userId = randomUUID();
  await t.database.db
    .insert(user)
    .values({ id: userId, name: 'Offline', email: `${userId}@example.test` });
  const ids = {} as Record<Key, number>;
  for (const [key, task] of Object.entries(SEED) as [Key, (typeof SEED)[Key]][]) {
    const [row] = await t.database.db
      .insert(tasks)
      .values({
        userId,
        title: task.title,
        priority: task.priority,
        listId: await inboxId(t.database.db, userId),
        // Midnight UTC is how the seed writes an all-day date; anything else is a date-time.
        dueDate: task.dueDate?.endsWith('T00:00:00Z') ? task.dueDate.slice(0, 10) : null,
        dueAt: task.dueDate && !task.dueDate.endsWith('T00:00:00Z') ? new Date(task.dueDate) : null,
        tags: [...task.tags],
        completed: 'completed' in task,
        completedAt: 'completed' in task ? NOW : null,
      })
      .returning();
    assert.exists(row);
    ids[key] = row.id;
  }
  return { userId, ids };
}

function fill<T>(value: T, ids: Record<Key, number>): T {
  if (typeof value === 'string') {
    const whole = /^\{(\w+)\}$/.exec(value);
    if (whole) return ids[whole[1] as Key] as T;
    return value.replace(/\{(\w+)\}/g, (_, key: Key) => String(ids[key])) as T;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, ids)])) as T;
  }
  return value;
}

describe('offline assistant', () => {
  it.each(ROWS.map((row) => [row.say, row] as const))('%s', async (_say, row) => {
    const { userId, ids } = await seedUser();
    const context = { db: t.database.db, userId };
    const reply = await runOfflineAssistant(context, fill(row.say, ids), NOW);

    expect(reply.toolCalls.map((call) => call.tool)).toEqual(row.calls.map((call) => call.tool));
    row.calls.forEach((expected, index) => {
      if (expected.args) {
        const args = fill(expected.args, ids);
        const call = reply.toolCalls[index];
        assert.exists(call);
        expect(call.arguments).toMatchObject(args);
        // No unexpected fields: a missing "priority" means the default, not a guess.
        for (const key of Object.keys(call.arguments)) {
          if (!(key in args) && expected.tool === 'add_task') {
            throw new Error(`unexpected ${key} in ${JSON.stringify(reply.toolCalls[index])}`);
          }
        }
      }
    });
    if (row.reply) expect(reply.text).toMatch(row.reply);
    expect(reply.text.length).toBeGreaterThan(0);

    const rows = await t.database.db.select().from(tasks).where(eq(tasks.userId, userId));
    const all = rows.map((row) => toTaskDto(row));
    const state = { all } as State;
    for (const key of Object.keys(SEED) as Key[]) {
      state[key] = all.find((task) => task.id === ids[key]);
    }
    row.check?.(state);
  });

  it('never touches another user: words and ids only reach the acting user', async () => {
    const owner = await seedUser();
    const other = await seedUser();
    const context = { db: t.database.db, userId: other.userId };
    await runOfflineAssistant(context, `delete ${owner.ids.milk}`, NOW);
    await runOfflineAssistant(context, `done with ${owner.ids.report}`, NOW);
    const rows = await t.database.db.select().from(tasks).where(eq(tasks.userId, owner.userId));
    expect(rows).toHaveLength(5);
    expect(rows.find((row) => row.id === owner.ids.report)?.completed).toBe(false);
  });
});

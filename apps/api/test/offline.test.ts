import { randomUUID } from 'node:crypto';
import type { TMessage, TTask } from '@todo/contracts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, assert, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AssistantReply, runOfflineAssistant } from '../src/chat/offline/offline-assistant.js';
import { user } from '../src/db/schema/auth.js';
import { tasks } from '../src/db/schema/tasks.js';
import { createList } from '../src/lists/create-list.js';
import { inboxId } from '../src/tasks/task-placement.js';
import { toTaskDto } from '../src/tasks/to-task-dto.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The offline assistant's grammar as a table: utterance → expected tool calls → resulting tasks.
 * Each row runs against a fresh user holding the same five tasks and the lists Groceries and
 * Work, in the row's time zone (UTC unless it says). `{key}` in an utterance or an expected
 * argument stands for that seeded task's id, `{groceries}`, `{work}` and `{inbox}` for a list's,
 * and `{new1}`, `{new2}` … for the tasks the row's earlier turns (`before`, the same
 * conversation) created. "Now" is Wednesday 2026-03-11 10:00 UTC: 00:00 that Wednesday in
 * Honolulu (UTC−10) and 00:00 Thursday the 12th in Kiritimati (UTC+14).
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
type State = Record<Key, TTask | undefined> & {
  all: TTask[];
  /** The tasks the row created, oldest first. */
  created: TTask[];
  ids: Record<string, number>;
};

type Row = {
  say: string;
  calls: { tool: string; args?: Record<string, unknown> }[];
  reply?: RegExp;
  check?: (state: State) => void;
  zone?: string;
  /** Earlier turns of the same conversation, said first (their tool calls are not checked). */
  before?: string[];
};

const HONOLULU = 'Pacific/Honolulu';
const KIRITIMATI = 'Pacific/Kiritimati';

const titles = (state: State) => state.all.map((task) => task.title).sort();
const SEEDED_TITLES: string[] = Object.values(SEED)
  .map((task) => task.title)
  .sort();
const unchanged = (state: State) => expect(titles(state)).toEqual(SEEDED_TITLES);
const added = (state: State) => state.all.find((task) => !SEEDED_TITLES.includes(task.title));
const newest = (state: State) => state.created.at(-1);

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
          due_at: '2026-03-12T17:00:00.000Z',
          tags: ['errands'],
        },
      },
    ],
    reply: /Added #\d+ “buy milk” \(high priority, due Thu 12 Mar, 17:00, #errands\)/,
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
      { tool: 'add_task', args: { title: 'pick up kids', due_at: '2026-03-11T15:00:00.000Z' } },
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
    calls: [{ tool: 'list_tasks', args: { status: 'pending', due: 'today' } }],
    reply: /1 task due today:\n• #\d+ “Buy milk”/,
  },
  {
    say: 'overdue?',
    calls: [{ tool: 'list_tasks', args: { status: 'pending', due: 'overdue' } }],
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
    calls: [{ tool: 'list_tasks', args: { due: 'tomorrow' } }],
    reply: /1 task due tomorrow:\n• #\d+ “Call mom” \(due Thu 12 Mar, 17:00\)/,
  },
  {
    say: 'what do I have this week',
    // The week starts on Monday the 9th (the user's week start), so Monday's report is in it.
    calls: [{ tool: 'list_tasks', args: { due: 'this_week' } }],
    reply: /3 tasks due this week/,
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

  // delete: asks first (the card's yes runs it, approval.ts); asking changes nothing
  {
    say: 'delete {dad}',
    calls: [{ tool: 'delete_task', args: { id: '{dad}' } }],
    reply: /^Delete «Call dad»\? \(yes\/no\)$/,
    check: unchanged,
  },
  {
    say: 'delete the milk task',
    calls: [{ tool: 'delete_task', args: { id: '{milk}' } }],
    reply: /Delete «Buy milk»\?/,
    check: unchanged,
  },
  {
    say: 'remove write report',
    calls: [{ tool: 'delete_task', args: { id: '{report}' } }],
    check: unchanged,
  },
  {
    say: 'get rid of {mom}',
    calls: [{ tool: 'delete_task', args: { id: '{mom}' } }],
    check: unchanged,
  },
  { say: 'delete call', calls: [], reply: /Which one do you mean/, check: unchanged },

  // reminders: relative to the due, or at a time said in words (the user's zone)
  {
    before: ['add dentist tomorrow at 3pm'],
    say: 'remind me about the dentist an hour before',
    calls: [{ tool: 'set_reminder', args: { id: '{new1}', before_minutes: 60 } }],
    reply: /I'll remind you on Thu 12 Mar, 14:00\./,
  },
  {
    say: 'remind me about call mom the day before',
    calls: [{ tool: 'set_reminder', args: { id: '{mom}', before_minutes: 1440 } }],
    reply: /I'll remind you on Wed 11 Mar, 17:00\./,
  },
  {
    say: 'remind me of {mom} 15 minutes early',
    calls: [{ tool: 'set_reminder', args: { id: '{mom}', before_minutes: 15 } }],
    reply: /Thu 12 Mar, 16:45/,
  },
  {
    say: 'remind me tomorrow at 9 to call mom',
    calls: [{ tool: 'set_reminder', args: { id: '{mom}', at: '2026-03-12T09:00:00.000Z' } }],
    reply: /I'll remind you on Thu 12 Mar, 09:00\./,
    check: unchanged,
  },
  {
    zone: HONOLULU,
    say: 'remind me tomorrow at 9 to call mom',
    calls: [{ tool: 'set_reminder', args: { id: '{mom}', at: '2026-03-12T19:00:00.000Z' } }],
    reply: /Thu 12 Mar, 09:00/,
  },
  {
    say: 'remind me tomorrow at 9 to book the vet',
    calls: [
      { tool: 'add_task', args: { title: 'book the vet', due_at: '2026-03-12T09:00:00.000Z' } },
      { tool: 'set_reminder', args: { before_minutes: 0 } },
    ],
    reply: /I'll remind you on Thu 12 Mar, 09:00\./,
    check: (state) => expect(newest(state)?.due_at).toBe('2026-03-12T09:00:00.000Z'),
  },
  {
    say: 'remind me about call dad an hour before',
    calls: [{ tool: 'set_reminder', args: { id: '{dad}', before_minutes: 60 } }],
    reply: /no due/,
    check: unchanged,
  },
  {
    say: 'remind me yesterday at 9 to call mom',
    calls: [{ tool: 'set_reminder', args: { id: '{mom}', at: '2026-03-10T09:00:00.000Z' } }],
    reply: /has passed/,
  },
  {
    say: 'remind me to water the plants',
    calls: [{ tool: 'add_task', args: { title: 'water the plants' } }],
  },

  // rename, reschedule, reprioritise, tag
  {
    say: 'move {mom} to friday',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', due_date: '2026-03-13' } }],
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
      { tool: 'reschedule_task', args: { id: '{report}', due_at: '2026-03-16T09:00:00.000Z' } },
    ],
    check: (state) => expect(state.report?.due_at).toBe('2026-03-16T09:00:00.000Z'),
  },
  {
    say: 'postpone the report until tomorrow',
    calls: [{ tool: 'reschedule_task', args: { id: '{report}', due_date: '2026-03-12' } }],
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
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', due_date: '2026-03-12' } }],
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

  // ——— The task model: recurrence in the quick-add grammar ———
  {
    say: 'add water plants every Monday',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'water plants', recurrence: 'FREQ=WEEKLY;BYDAY=MO', recurrence_from: 'due' },
      },
    ],
    reply: /Added #\d+ “water plants” \(due Mon 16 Mar, repeats/,
    check: (state) => expect(newest(state)).toMatchObject({ due_date: '2026-03-16', due_at: null }),
  },
  {
    say: 'add team sync every other week',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'team sync', recurrence: 'FREQ=WEEKLY;INTERVAL=2', recurrence_from: 'due' },
      },
    ],
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-11'),
  },
  {
    say: 'add review budget on the last Friday',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'review budget',
          recurrence: 'FREQ=MONTHLY;BYDAY=-1FR',
          recurrence_from: 'due',
        },
      },
    ],
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-27'),
  },
  {
    say: 'add water the ferns every 3 days after I finish',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'water the ferns',
          recurrence: 'FREQ=DAILY;INTERVAL=3',
          recurrence_from: 'completion',
        },
      },
    ],
    check: (state) =>
      expect(newest(state)).toMatchObject({
        recurrence_from: 'completion',
        due_date: '2026-03-11',
      }),
  },
  {
    say: 'add pay rent every month on the 1st',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'pay rent',
          recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
          recurrence_from: 'due',
        },
      },
    ],
    reply: /“pay rent” \(due Wed 1 Apr, repeats on the 1st of each month\)/,
    check: (state) => expect(newest(state)?.due_date).toBe('2026-04-01'),
  },
  {
    say: 'pay rent every month on the 1st',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'pay rent',
          recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
          recurrence_from: 'due',
        },
      },
    ],
    check: (state) => expect(newest(state)?.recurrence).toBe('FREQ=MONTHLY;BYMONTHDAY=1'),
  },
  {
    say: 'water plants every 3 days after I finish',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'water plants',
          recurrence_from: 'completion',
          recurrence: 'FREQ=DAILY;INTERVAL=3',
        },
      },
    ],
  },
  {
    say: 'add gym every Monday and Thursday',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'gym', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH', recurrence_from: 'due' },
      },
    ],
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-12'),
  },
  {
    say: 'add call grandma every Sunday #family',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'call grandma',
          tags: ['family'],
          recurrence: 'FREQ=WEEKLY;BYDAY=SU',
          recurrence_from: 'due',
        },
      },
    ],
    check: (state) =>
      expect(newest(state)).toMatchObject({ due_date: '2026-03-15', tags: ['family'] }),
  },
  {
    say: 'add backup every week !high',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'backup',
          priority: 'high',
          recurrence: 'FREQ=WEEKLY',
          recurrence_from: 'due',
        },
      },
    ],
  },
  {
    say: 'add invoice every month on the 15th to Work',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'invoice',
          list_id: '{work}',
          recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15',
          recurrence_from: 'due',
        },
      },
    ],
    check: (state) =>
      expect(newest(state)).toMatchObject({ list_id: state.ids.work, due_date: '2026-03-15' }),
  },
  {
    zone: HONOLULU,
    say: 'add stretch every day',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'stretch', recurrence: 'FREQ=DAILY', recurrence_from: 'due' },
      },
    ],
    reply: /due Wed 11 Mar/,
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-11'),
  },
  {
    zone: KIRITIMATI,
    say: 'add stretch every day',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'stretch', recurrence: 'FREQ=DAILY', recurrence_from: 'due' },
      },
    ],
    reply: /due Thu 12 Mar/,
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-12'),
  },
  {
    before: ['add water the ferns every 3 days after I finish'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    reply: /Done: #\d+ “water the ferns”.*Next: #\d+, due Sat 14 Mar\./,
    check: (state) => {
      expect(state.created.map((task) => [task.completed, task.due_date])).toEqual([
        [true, '2026-03-11'],
        [false, '2026-03-14'],
      ]);
      expect(newest(state)?.recurrence).toBe('FREQ=DAILY;INTERVAL=3');
    },
  },
  {
    zone: HONOLULU,
    before: ['add water the ferns every 3 days after I finish'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    reply: /Next: #\d+, due Sat 14 Mar\./,
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-14'),
  },
  {
    zone: KIRITIMATI,
    before: ['add water the ferns every 3 days after I finish'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    reply: /Next: #\d+, due Sun 15 Mar\./,
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-15'),
  },
  {
    before: ['add pay rent every month on the 1st'],
    say: 'done with pay rent',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    reply: /Next: #\d+, due Fri 1 May\./,
    check: (state) =>
      expect(newest(state)).toMatchObject({ due_date: '2026-05-01', completed: false }),
  },
  {
    before: ['add pay rent every month on the 1st', 'done with pay rent'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new2}' } }],
    reply: /Next: #\d+, due Mon 1 Jun\./,
    check: (state) =>
      expect(state.created.map((task) => [task.completed, task.due_date])).toEqual([
        [true, '2026-04-01'],
        [true, '2026-05-01'],
        [false, '2026-06-01'],
      ]),
  },
  {
    before: ['add water plants every Monday'],
    say: 'push it back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{new1}', shift_days: 1 } }],
    reply: /Rescheduled: #\d+ “water plants” \(due Tue 17 Mar, repeats/,
    check: (state) =>
      expect(newest(state)).toMatchObject({
        due_date: '2026-03-17',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      }),
  },
  {
    before: ['add standup every weekday at 9am'],
    say: 'move it to friday 10am',
    calls: [
      { tool: 'reschedule_task', args: { id: '{new1}', due_at: '2026-03-13T10:00:00.000Z' } },
    ],
    check: (state) =>
      expect(newest(state)).toMatchObject({
        due_at: '2026-03-13T10:00:00.000Z',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      }),
  },

  // ——— Lists: "to Groceries", "@Groceries", "show Groceries", "move it to Work" ———
  {
    say: 'add milk to Groceries',
    calls: [{ tool: 'add_task', args: { title: 'milk', list_id: '{groceries}' } }],
    reply: /^Added #\d+ “milk”\.$/,
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.groceries),
  },
  {
    say: 'add cheese @Groceries',
    calls: [{ tool: 'add_task', args: { title: 'cheese', list_id: '{groceries}' } }],
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.groceries),
  },
  {
    say: 'add yoghurt @groceries tomorrow',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'yoghurt', list_id: '{groceries}', due_date: '2026-03-12' },
      },
    ],
  },
  {
    say: 'add oat milk to my groceries list',
    calls: [{ tool: 'add_task', args: { title: 'oat milk', list_id: '{groceries}' } }],
  },
  {
    say: 'put bread on the Groceries list',
    calls: [{ tool: 'add_task', args: { title: 'bread', list_id: '{groceries}' } }],
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.groceries),
  },
  {
    say: 'add aspirin @Pharmacy',
    calls: [{ tool: 'add_task', args: { title: 'aspirin' } }],
    reply: /Added #\d+ “aspirin”\. \(You have no list called "Pharmacy"; it goes to the Inbox\.\)/,
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.inbox),
  },
  {
    say: 'add plasters to the Pharmacy list',
    calls: [{ tool: 'add_task', args: { title: 'plasters' } }],
    reply: /no list called "Pharmacy"; it goes to the Inbox/,
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.inbox),
  },
  {
    say: 'add talk to Bob',
    calls: [{ tool: 'add_task', args: { title: 'talk to Bob' } }],
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.inbox),
  },
  { say: 'add sugar to coffee', calls: [{ tool: 'add_task', args: { title: 'sugar to coffee' } }] },
  {
    say: 'add prepare slides to Work tomorrow',
    calls: [
      {
        tool: 'add_task',
        args: { title: 'prepare slides', list_id: '{work}', due_date: '2026-03-12' },
      },
    ],
  },
  {
    say: 'add eggs, milk and bread to Groceries',
    calls: [
      {
        tool: 'add_tasks',
        args: {
          tasks: [
            { title: 'eggs', list_id: '{groceries}' },
            { title: 'milk', list_id: '{groceries}' },
            { title: 'bread', list_id: '{groceries}' },
          ],
        },
      },
    ],
    reply: /Added 3 tasks:\n• #\d+ “eggs”\n• #\d+ “milk”\n• #\d+ “bread”/,
    check: (state) =>
      expect(state.created.map((task) => [task.title, task.list_id])).toEqual([
        ['eggs', state.ids.groceries],
        ['milk', state.ids.groceries],
        ['bread', state.ids.groceries],
      ]),
  },
  {
    say: 'show Groceries',
    calls: [{ tool: 'list_tasks', args: { status: 'pending', list_id: '{groceries}' } }],
    reply: /^No open Groceries tasks\.$/,
  },
  {
    before: ['add eggs, milk and bread to Groceries'],
    say: 'show Groceries',
    calls: [{ tool: 'list_tasks', args: { list_id: '{groceries}' } }],
    reply: /^You have 3 open Groceries tasks:(?=[\s\S]*“eggs”)(?=[\s\S]*“milk”)(?=[\s\S]*“bread”)/,
  },
  {
    say: 'show Pharmacy',
    calls: [],
    reply:
      /You have no list called “Pharmacy”, so I changed nothing\. Your lists: “Inbox”, “Groceries”, “Work”\./,
  },
  {
    say: "what's in my Work list",
    calls: [{ tool: 'list_tasks', args: { list_id: '{work}' } }],
    reply: /No open Work tasks/,
  },
  {
    say: "what's in my Pharmacy list",
    calls: [],
    reply: /no list called “Pharmacy”/,
  },
  { say: 'show work', calls: [{ tool: 'list_tasks', args: { list_id: '{work}' } }] },
  {
    before: ['add file taxes'],
    say: 'move it to Work',
    calls: [{ tool: 'update_task', args: { id: '{new1}', list_id: '{work}' } }],
    reply: /Moved #\d+ “file taxes” to “Work”\./,
    check: (state) => expect(newest(state)?.list_id).toBe(state.ids.work),
  },
  {
    say: 'move {dad} to Work',
    calls: [{ tool: 'update_task', args: { id: '{dad}', list_id: '{work}' } }],
    check: (state) => expect(state.dad?.list_id).toBe(state.ids.work),
  },
  {
    say: 'put {dad} in groceries',
    calls: [{ tool: 'update_task', args: { id: '{dad}', list_id: '{groceries}' } }],
    reply: /to “Groceries”/,
    check: (state) => expect(state.dad?.list_id).toBe(state.ids.groceries),
  },
  {
    say: 'move {dad} to Pharmacy',
    calls: [],
    reply: /you have no list called “Pharmacy”, so I changed nothing/,
    check: (state) => expect(state.dad?.list_id).toBe(state.ids.inbox),
  },
  {
    say: 'move it to Work',
    calls: [],
    reply: /don't know which task you mean/,
    check: unchanged,
  },

  // ——— Subtasks: "under", parent found by words ———
  {
    before: ['add plan trip'],
    say: "add 'book hotel' under 'plan trip'",
    calls: [{ tool: 'add_task', args: { title: 'book hotel', parent_id: '{new1}' } }],
    reply: /Added #\d+ “book hotel” under #\d+ “plan trip”\./,
    check: (state) => expect(newest(state)?.parent_id).toBe(state.ids.new1),
  },
  {
    before: ['add plan trip'],
    say: 'add book flights as a subtask of plan trip',
    calls: [{ tool: 'add_task', args: { title: 'book flights', parent_id: '{new1}' } }],
    check: (state) => expect(newest(state)?.parent_id).toBe(state.ids.new1),
  },
  {
    before: ['add plan trip @Work'],
    say: "add 'book hotel' under 'plan trip'",
    calls: [{ tool: 'add_task', args: { title: 'book hotel', parent_id: '{new1}' } }],
    // A subtask lives in its parent's list.
    check: (state) =>
      expect(newest(state)).toMatchObject({ parent_id: state.ids.new1, list_id: state.ids.work }),
  },
  {
    before: ['add plan trip'],
    say: "add 'pack bags' tomorrow under it",
    calls: [
      {
        tool: 'add_task',
        args: { title: 'pack bags', parent_id: '{new1}', due_date: '2026-03-12' },
      },
    ],
  },
  {
    say: "add 'buy cake' under {mom}",
    calls: [{ tool: 'add_task', args: { title: 'buy cake', parent_id: '{mom}' } }],
    check: (state) => expect(newest(state)?.parent_id).toBe(state.ids.mom),
  },
  {
    say: "add 'book hotel' under 'plan holiday'",
    calls: [],
    reply: /I couldn't find a task “plan holiday” to put it under, so I added nothing/,
    check: unchanged,
  },
  {
    say: "add 'ask for a discount' under call",
    calls: [],
    reply: /More than one task matches “call”/,
    check: unchanged,
  },
  {
    say: "add 'x' under 99999",
    calls: [],
    reply: /couldn't find a task “#99999” to put it under/,
    check: unchanged,
  },

  // ——— Several tasks in one message: add_tasks ———
  {
    say: 'add eggs, milk and bread',
    calls: [
      {
        tool: 'add_tasks',
        args: { tasks: [{ title: 'eggs' }, { title: 'milk' }, { title: 'bread' }] },
      },
    ],
    reply: /^Added 3 tasks:/,
    check: (state) =>
      expect(state.created.map((task) => [task.title, task.list_id])).toEqual([
        ['eggs', state.ids.inbox],
        ['milk', state.ids.inbox],
        ['bread', state.ids.inbox],
      ]),
  },
  {
    say: 'add eggs, milk, bread and butter tomorrow',
    calls: [{ tool: 'add_tasks' }],
    check: (state) =>
      expect(state.created.map((task) => [task.title, task.due_date])).toEqual([
        ['eggs', '2026-03-12'],
        ['milk', '2026-03-12'],
        ['bread', '2026-03-12'],
        ['butter', '2026-03-12'],
      ]),
  },
  {
    say: 'add apples, pears #fruit',
    calls: [
      {
        tool: 'add_tasks',
        args: {
          tasks: [
            { title: 'apples', tags: ['fruit'] },
            { title: 'pears', tags: ['fruit'] },
          ],
        },
      },
    ],
  },
  {
    say: 'add eggs, milk and bread !high',
    calls: [{ tool: 'add_tasks' }],
    check: (state) =>
      expect(state.created.map((task) => task.priority)).toEqual(['high', 'high', 'high']),
  },
  {
    say: `add ${Array.from({ length: 26 }, (_, index) => `item${index}`).join(', ')}`,
    calls: [],
    reply: /at most 25 tasks at once/,
    check: unchanged,
  },
  {
    say: 'add salt and pepper',
    calls: [{ tool: 'add_task', args: { title: 'salt and pepper' } }],
  },
  { say: `add ${'x'.repeat(600)}`, calls: [], reply: /too long/, check: unchanged },
  { say: 'add @Groceries', calls: [], reply: /What should the new task be called/ },

  // ——— Relative shifts: reschedule_task, all-day and timed ———
  {
    say: 'push {milk} back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{milk}', shift_days: 1 } }],
    reply: /Rescheduled: #\d+ “Buy milk” \(high priority, due Thu 12 Mar, #errands\)/,
    check: (state) => expect(state.milk?.due_date).toBe('2026-03-12'),
  },
  {
    say: 'postpone call mom by 2 days',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', shift_days: 2 } }],
    reply: /due Sat 14 Mar, 17:00/,
    check: (state) => expect(state.mom?.due_at).toBe('2026-03-14T17:00:00.000Z'),
  },
  {
    say: 'move the report task to Friday',
    calls: [{ tool: 'reschedule_task', args: { id: '{report}', due_date: '2026-03-13' } }],
    check: (state) => expect(state.report?.due_date).toBe('2026-03-13'),
  },
  {
    say: 'bring {milk} forward a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{milk}', shift_days: -1 } }],
    check: (state) => expect(state.milk?.due_date).toBe('2026-03-10'),
  },
  {
    say: 'move {milk} earlier by 2 days',
    calls: [{ tool: 'reschedule_task', args: { id: '{milk}', shift_days: -2 } }],
    check: (state) => expect(state.milk?.due_date).toBe('2026-03-09'),
  },
  {
    say: 'push {milk} back 2 days',
    calls: [{ tool: 'reschedule_task', args: { id: '{milk}', shift_days: 2 } }],
    check: (state) => expect(state.milk?.due_date).toBe('2026-03-13'),
  },
  {
    say: 'push call mom back 3 hours',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', shift_hours: 3 } }],
    reply: /due Thu 12 Mar, 20:00/,
    check: (state) => expect(state.mom?.due_at).toBe('2026-03-12T20:00:00.000Z'),
  },
  {
    say: 'push {mom} out 2 weeks',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', shift_days: 14 } }],
    check: (state) => expect(state.mom?.due_at).toBe('2026-03-26T17:00:00.000Z'),
  },
  {
    say: 'delay {report} by a week',
    calls: [{ tool: 'reschedule_task', args: { id: '{report}', shift_days: 7 } }],
    check: (state) => expect(state.report?.due_date).toBe('2026-03-16'),
  },
  {
    say: 'push {milk} back 2 hours',
    calls: [{ tool: 'reschedule_task', args: { id: '{milk}', shift_hours: 2 } }],
    reply: /couldn't do that: .*all-day task moves by days/,
    check: (state) => expect(state.milk?.due_date).toBe('2026-03-11'),
  },
  {
    say: 'push {dad} back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{dad}', shift_days: 1 } }],
    reply: /couldn't do that: .*has no due date to move/,
    check: (state) => expect(state.dad).toMatchObject({ due_date: null, due_at: null }),
  },
  {
    say: 'push call back a day',
    calls: [],
    reply: /More than one task matches “call”/,
    check: unchanged,
  },
  {
    say: 'move the dentist task to Friday',
    calls: [],
    reply: /couldn't find a task matching “dentist”/,
    check: unchanged,
  },
  {
    zone: HONOLULU,
    say: 'move call mom to friday 9am',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', due_at: '2026-03-13T19:00:00.000Z' } }],
    reply: /Rescheduled: #\d+ “Call mom” \(due Fri 13 Mar, 09:00\)/,
  },
  {
    zone: KIRITIMATI,
    say: 'move call mom to friday 9am',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', due_at: '2026-03-12T19:00:00.000Z' } }],
    reply: /Rescheduled: #\d+ “Call mom” \(due Fri 13 Mar, 09:00\)/,
  },
  {
    zone: HONOLULU,
    say: 'push call mom back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', shift_days: 1 } }],
    reply: /due Fri 13 Mar, 07:00/,
    check: (state) => expect(state.mom?.due_at).toBe('2026-03-13T17:00:00.000Z'),
  },
  {
    zone: KIRITIMATI,
    say: 'push call mom back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{mom}', shift_days: 1 } }],
    reply: /due Sat 14 Mar, 07:00/,
    check: (state) => expect(state.mom?.due_at).toBe('2026-03-13T17:00:00.000Z'),
  },
  {
    zone: KIRITIMATI,
    say: 'reschedule write report to tomorrow',
    calls: [{ tool: 'reschedule_task', args: { id: '{report}', due_date: '2026-03-13' } }],
  },

  // ——— Follow-ups: "it" is the task this conversation was last about ———
  {
    before: ['add buy stamps'],
    say: 'and make it high priority',
    calls: [{ tool: 'update_task', args: { id: '{new1}', priority: 'high' } }],
    reply: /Priority set: #\d+ “buy stamps” \(high priority\)/,
    check: (state) => expect(newest(state)?.priority).toBe('high'),
  },
  {
    before: ['add buy stamps'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    check: (state) => expect(newest(state)?.completed).toBe(true),
  },
  {
    before: ['add buy stamps'],
    say: 'delete it',
    calls: [{ tool: 'delete_task', args: { id: '{new1}' } }],
    reply: /Delete «buy stamps»\? \(yes\/no\)/,
    check: (state) => expect(state.created).toHaveLength(1),
  },
  {
    before: ['add buy stamps'],
    say: 'then delete it',
    calls: [{ tool: 'delete_task', args: { id: '{new1}' } }],
  },
  {
    before: ['add buy stamps'],
    say: 'rename it to buy envelopes',
    calls: [{ tool: 'update_task', args: { id: '{new1}', title: 'buy envelopes' } }],
    check: (state) => expect(newest(state)?.title).toBe('buy envelopes'),
  },
  {
    before: ['add buy stamps tomorrow'],
    say: 'push it back a day',
    calls: [{ tool: 'reschedule_task', args: { id: '{new1}', shift_days: 1 } }],
    check: (state) => expect(newest(state)?.due_date).toBe('2026-03-13'),
  },
  {
    before: ['add buy stamps'],
    say: 'move it to friday',
    calls: [{ tool: 'reschedule_task', args: { id: '{new1}', due_date: '2026-03-13' } }],
  },
  {
    before: ['add buy stamps'],
    say: 'and push it to next monday',
    calls: [{ tool: 'reschedule_task', args: { id: '{new1}', due_date: '2026-03-16' } }],
  },
  {
    before: ['add buy stamps'],
    say: 'tag it with errands',
    calls: [{ tool: 'update_task', args: { id: '{new1}', tags: ['errands'] } }],
  },
  {
    before: ['add buy stamps'],
    say: 'it is urgent',
    calls: [{ tool: 'update_task', args: { id: '{new1}', priority: 'high' } }],
  },
  {
    before: ['add buy stamps', 'add post letters'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{new2}' } }],
    check: (state) =>
      expect(state.created.map((task) => [task.title, task.completed])).toEqual([
        ['buy stamps', false],
        ['post letters', true],
      ]),
  },
  {
    before: ['done with {dad}'],
    say: 'reopen it',
    calls: [{ tool: 'complete_task', args: { id: '{dad}', completed: false } }],
    check: (state) => expect(state.dad?.completed).toBe(false),
  },
  {
    before: ["what's overdue?"],
    say: 'mark it done',
    calls: [{ tool: 'complete_task', args: { id: '{report}' } }],
    check: (state) => expect(state.report?.completed).toBe(true),
  },
  {
    before: ['show #errands'],
    say: 'move it to Groceries',
    calls: [{ tool: 'update_task', args: { id: '{milk}', list_id: '{groceries}' } }],
    check: (state) => expect(state.milk?.list_id).toBe(state.ids.groceries),
  },
  {
    // The delete only asked: "it" is still the task, which is there to complete.
    before: ['add buy stamps', 'delete it'],
    say: 'mark it done',
    calls: [{ tool: 'complete_task' }],
    reply: /Done: #\d+ “buy stamps”/,
  },
  { say: 'mark it done', calls: [], reply: /don't know which task you mean/, check: unchanged },
  {
    before: ['add eggs, milk and bread'],
    say: 'mark it done',
    calls: [],
    reply: /“It” could be any of #\d+, #\d+, #\d+\./,
    check: (state) => expect(state.created.every((task) => !task.completed)).toBe(true),
  },
  {
    before: ['show Groceries'],
    say: 'make it high priority',
    calls: [],
    reply: /don't know which task you mean/,
  },

  // A wall-clock time the user's zone skips (London springs forward at 01:00 on 29 March).
  {
    zone: 'Europe/London',
    say: 'move call mom to march 29 1:30am',
    calls: [],
    reply: /couldn't do that: 2026-03-29 01:30 does not exist in Europe\/London/,
    check: unchanged,
  },
  {
    zone: 'Europe/London',
    say: 'add call the bank march 29 1:30am',
    calls: [],
    reply: /does not exist in Europe\/London/,
    check: unchanged,
  },

  // ——— Questions and replies in the user's zone (Honolulu UTC−10, Kiritimati UTC+14) ———
  {
    zone: HONOLULU,
    say: "what's due today",
    calls: [{ tool: 'list_tasks', args: { due: 'today' } }],
    reply: /^1 task due today:\n• #\d+ “Buy milk” \(high priority, due Wed 11 Mar, #errands\)$/,
  },
  {
    zone: KIRITIMATI,
    say: "what's due today",
    calls: [{ tool: 'list_tasks', args: { due: 'today' } }],
    reply: /^Nothing due today\.$/,
  },
  {
    zone: HONOLULU,
    before: ['add call the vet today at 5pm'],
    say: "what's due today",
    calls: [{ tool: 'list_tasks', args: { due: 'today' } }],
    reply: /^2 tasks due today:[\s\S]*“call the vet” \(due Wed 11 Mar, 17:00\)/,
    check: (state) => expect(newest(state)?.due_at).toBe('2026-03-12T03:00:00.000Z'),
  },
  {
    zone: HONOLULU,
    say: 'anything due tomorrow?',
    calls: [{ tool: 'list_tasks', args: { due: 'tomorrow' } }],
    reply: /^1 task due tomorrow:\n• #\d+ “Call mom” \(due Thu 12 Mar, 07:00\)$/,
  },
  {
    zone: KIRITIMATI,
    say: 'anything due tomorrow?',
    calls: [{ tool: 'list_tasks', args: { due: 'tomorrow' } }],
    reply: /^1 task due tomorrow:\n• #\d+ “Call mom” \(due Fri 13 Mar, 07:00\)$/,
  },
  {
    zone: HONOLULU,
    say: "what's overdue",
    calls: [{ tool: 'list_tasks', args: { due: 'overdue' } }],
    reply: /^1 overdue task:\n• #\d+ “Write report”/,
  },
  {
    zone: KIRITIMATI,
    say: "what's overdue",
    calls: [{ tool: 'list_tasks', args: { due: 'overdue' } }],
    reply: /^2 overdue tasks:(?=[\s\S]*“Write report”)(?=[\s\S]*“Buy milk”)/,
  },
  {
    zone: HONOLULU,
    say: "what's on this week",
    calls: [{ tool: 'list_tasks', args: { due: 'this_week' } }],
    reply: /^3 tasks due this week:[\s\S]*“Call mom” \(due Thu 12 Mar, 07:00\)/,
  },
  {
    zone: KIRITIMATI,
    say: "what's on this week",
    calls: [{ tool: 'list_tasks', args: { due: 'this_week' } }],
    reply: /^3 tasks due this week:[\s\S]*“Call mom” \(due Fri 13 Mar, 07:00\)/,
  },
  {
    say: "what's on this week",
    calls: [{ tool: 'list_tasks', args: { due: 'this_week' } }],
    reply: /^3 tasks due this week:/,
  },
  {
    zone: HONOLULU,
    say: 'my tasks',
    calls: [{ tool: 'list_tasks' }],
    reply: /“Call mom” \(due Thu 12 Mar, 07:00\)/,
  },
  {
    zone: KIRITIMATI,
    say: 'done with call mom',
    calls: [{ tool: 'complete_task', args: { id: '{mom}' } }],
    reply: /^Done: #\d+ “Call mom” \(due Fri 13 Mar, 07:00\)\. Nice work!$/,
  },
  {
    zone: HONOLULU,
    say: 'add call the vet tomorrow 9am',
    calls: [
      { tool: 'add_task', args: { title: 'call the vet', due_at: '2026-03-12T19:00:00.000Z' } },
    ],
    reply: /due Thu 12 Mar, 09:00\)/,
  },
  {
    zone: KIRITIMATI,
    say: 'add call the vet tomorrow 9am',
    calls: [
      { tool: 'add_task', args: { title: 'call the vet', due_at: '2026-03-12T19:00:00.000Z' } },
    ],
    reply: /due Fri 13 Mar, 09:00\)/,
  },
  {
    zone: HONOLULU,
    say: 'add pay bills tomorrow',
    calls: [{ tool: 'add_task', args: { title: 'pay bills', due_date: '2026-03-12' } }],
    reply: /due Thu 12 Mar\)/,
  },
  {
    zone: KIRITIMATI,
    say: 'add pay bills tomorrow',
    calls: [{ tool: 'add_task', args: { title: 'pay bills', due_date: '2026-03-13' } }],
    reply: /due Fri 13 Mar\)/,
  },
  {
    zone: HONOLULU,
    say: 'show Groceries',
    calls: [{ tool: 'list_tasks', args: { list_id: '{groceries}' } }],
  },
  {
    zone: KIRITIMATI,
    say: 'add standup every weekday at 9am',
    calls: [
      {
        tool: 'add_task',
        args: {
          title: 'standup',
          due_at: '2026-03-11T19:00:00.000Z',
          recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
          recurrence_from: 'due',
        },
      },
    ],
    reply: /, 09:00, repeats/,
    check: (state) => expect(newest(state)?.due_at).toMatch(/T19:00:00\.000Z$/),
  },
  {
    zone: HONOLULU,
    before: ['add water the ferns every 3 days after I finish'],
    say: 'done with the ferns',
    calls: [{ tool: 'complete_task', args: { id: '{new1}' } }],
    reply: /Next: #\d+, due Sat 14 Mar\./,
  },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Quick add, recurrence and the due windows read the clock themselves: the same instant.
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

async function seedUser(zone = 'UTC'): Promise<{ userId: string; ids: Record<string, number> }> {
  const userId = randomUUID();
  await t.database.db
    .insert(user)
    .values({ id: userId, name: 'Offline', email: `${userId}@example.test`, timeZone: zone });
  const context = { db: t.database.db, userId, actor: { via: 'chat' as const, batchId: 'test' } };
  const inbox = await inboxId(t.database.db, userId);
  const ids: Record<string, number> = {
    inbox,
    groceries: (await createList(context, { name: 'Groceries', color: 'green' })).id,
    work: (await createList(context, { name: 'Work', color: 'blue' })).id,
  };
  for (const [key, task] of Object.entries(SEED) as [Key, (typeof SEED)[Key]][]) {
    const [row] = await t.database.db
      .insert(tasks)
      .values({
        userId,
        title: task.title,
        priority: task.priority,
        listId: inbox,
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

function fill<T>(value: T, ids: Record<string, number>): T {
  if (typeof value === 'string') {
    const whole = /^\{(\w+)\}$/.exec(value);
    if (whole?.[1] && whole[1] in ids) return ids[whole[1]] as T;
    return value.replace(/\{(\w+)\}/g, (all, key: string) =>
      key in ids ? String(ids[key]) : all,
    ) as T;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, ids)])) as T;
  }
  return value;
}

/** A turn as the conversation store keeps it: what the next turn reads back as history. */
function stored(say: string, reply: AssistantReply): TMessage[] {
  const at = NOW.toISOString();
  return [
    { id: 0, role: 'user', content: say, tool_calls: [], batch_id: null, created_at: at },
    {
      id: 0,
      role: 'assistant',
      batch_id: '0',
      content: reply.text,
      tool_calls: reply.toolCalls.map(({ tool, arguments: args, result }) => ({
        tool,
        arguments: args,
        result,
      })),
      created_at: at,
    },
  ];
}

async function stateOf(userId: string, ids: Record<string, number>): Promise<State> {
  const rows = await t.database.db
    .select()
    .from(tasks)
    // A deleted task is gone for the user (it stays, soft-deleted, for undo).
    .where(and(eq(tasks.userId, userId), isNull(tasks.deletedAt)))
    .orderBy(asc(tasks.id));
  const all = rows.map((row) => toTaskDto(row));
  const seeded = new Set(Object.keys(SEED).map((key) => ids[key]));
  const state = { all, created: all.filter((task) => !seeded.has(task.id)), ids } as State;
  for (const key of Object.keys(SEED) as Key[]) {
    state[key] = all.find((task) => task.id === ids[key]);
  }
  return state;
}

describe('offline assistant', () => {
  it.each(
    ROWS.map(
      (row) =>
        [
          `${row.zone ? `[${row.zone}] ` : ''}${row.before ? `${row.before.join(' → ')} → ` : ''}${row.say}`,
          row,
        ] as const,
    ),
  )('%s', async (_say, row) => {
    const { userId, ids } = await seedUser(row.zone);
    const context = { db: t.database.db, userId, actor: { via: 'chat' as const, batchId: 'test' } };
    let history: TMessage[] = [];
    for (const earlier of row.before ?? []) {
      const said = fill(earlier, ids);
      history = [
        ...history,
        ...stored(said, await runOfflineAssistant(context, said, NOW, history)),
      ];
    }
    const before = await stateOf(userId, ids);
    before.created.forEach((task, index) => {
      ids[`new${index + 1}`] = task.id;
    });
    const reply = await runOfflineAssistant(context, fill(row.say, ids), NOW, history);

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
    if (row.reply)
      expect(reply.text).toMatch(new RegExp(fill(row.reply.source, ids), row.reply.flags));
    expect(reply.text.length).toBeGreaterThan(0);
    // A turn that calls no tool writes nothing.
    const after = await stateOf(userId, ids);
    if (row.calls.length === 0) expect(after.all).toEqual(before.all);
    row.check?.(after);
  });

  it('never touches another user: words, ids, parents, lists and "it" only reach the acting user', async () => {
    const owner = await seedUser();
    const other = await seedUser(KIRITIMATI);
    const context = {
      db: t.database.db,
      userId: other.userId,
      actor: { via: 'chat' as const, batchId: 'test' },
    };
    const ownerRows = () =>
      t.database.db
        .select()
        .from(tasks)
        .where(eq(tasks.userId, owner.userId))
        .orderBy(asc(tasks.id));
    const untouched = await ownerRows();
    const said = [
      `delete ${owner.ids.milk}`,
      `done with ${owner.ids.report}`,
      `push ${owner.ids.milk} back a day`,
      `move ${owner.ids.mom} to friday 9am`,
      `move ${owner.ids.dad} to Work`,
      `rename ${owner.ids.dad} to stolen`,
      `make ${owner.ids.dad} high priority`,
    ];
    for (const message of said) {
      const reply = await runOfflineAssistant(context, message, NOW);
      expect(reply.text, message).toMatch(/couldn't do that: Task not found/);
    }
    const under = await runOfflineAssistant(context, `add 'x' under ${owner.ids.report}`, NOW);
    expect(under.toolCalls).toEqual([]);
    expect(under.text).toMatch(/couldn't find a task “#\d+” to put it under/);
    // A history naming the owner's task (as if forged) still cannot reach it.
    const forged: TMessage[] = [
      {
        id: 0,
        role: 'assistant',
        batch_id: '0',
        content: '',
        tool_calls: [{ tool: 'add_task', arguments: {}, result: { id: owner.ids.dad } }],
        created_at: NOW.toISOString(),
      },
    ];
    for (const message of ['mark it done', 'delete it', 'push it back a day']) {
      const reply = await runOfflineAssistant(context, message, NOW, forged);
      expect(reply.text, message).toMatch(/Task not found/);
    }
    expect(await ownerRows()).toEqual(untouched);
    const mine = await stateOf(other.userId, other.ids);
    expect(mine.created).toEqual([]);
  });
});

import { IMPORT_TASKS_MAX } from '@todo/contracts';
import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { apiAs, present } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, signUp, type TestUser } from './support/users.js';

const { t } = useTestApp();

async function newUser(
  zone = 'Europe/Berlin',
): Promise<{ user: TestUser; api: ReturnType<typeof apiAs> }> {
  const user = await signUp(t.app, 'transfer');
  const api = apiAs(t.app, user);
  await api.ok('PATCH', '/api/v1/me', { time_zone: zone });
  return { user, api };
}

async function exportOf(api: ReturnType<typeof apiAs>) {
  const response = await api.call('GET', '/api/v1/export');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-disposition']).toMatch(/attachment; filename="todo-export-/);
  return JSON.parse(response.body);
}

/** A document without what an import rightly makes anew (the export time). */
const comparable = (document: { exported_at?: string }) => ({
  ...document,
  exported_at: undefined,
});

describe('export → import', () => {
  it('round-trips lists, tasks, subtasks, recurrence and conversations exactly', async () => {
    const { user, api } = await newUser();
    const work = await api.ok('POST', '/api/v1/lists', { name: 'Work', color: 'blue' }, 201);
    await api.ok('POST', '/api/v1/lists', { name: 'Home', color: 'green' }, 201);
    const report = await api.ok(
      'POST',
      '/api/v1/tasks',
      {
        title: 'Quarterly report',
        list_id: work.id,
        priority: 'high',
        tags: ['q4'],
        due_date: '2026-12-31',
      },
      201,
    );
    await api.ok('POST', '/api/v1/tasks', { title: 'Collect numbers', parent_id: report.id }, 201);
    // Kanban columns travel with their list and the task's column with the task.
    await api.ok('PATCH', `/api/v1/lists/${work.id}`, { kanban_columns: ['Doing', 'Review'] });
    await api.ok('PATCH', `/api/v1/tasks/${report.id}`, { kanban_column: 'Review' });
    const standup = await api.ok(
      'POST',
      '/api/v1/tasks',
      {
        title: 'Standup',
        list_id: work.id,
        due_at: '2026-12-07T09:30:00+01:00',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      },
      201,
    );
    await api.ok('PATCH', `/api/v1/tasks/${standup.id}`, { completed: true });
    await api.ok(
      'POST',
      '/api/v1/tasks',
      {
        title: 'Water plants',
        description: 'the big fern',
        recurrence: 'FREQ=DAILY;INTERVAL=3',
        recurrence_from: 'completion',
        due_date: '2026-12-02',
      },
      201,
    );
    // Reminders travel with their task: one relative to the due, one at an instant.
    const passport = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Renew passport', due_date: '2099-06-01' },
      201,
    );
    for (const reminder of [{ offset_minutes: -1440 }, { at: '2099-05-20T09:00:00.000Z' }]) {
      await api.ok('POST', `/api/v1/tasks/${passport.id}/reminders`, reminder, 201);
    }
    const chat = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      headers: { ...asUser(user), accept: 'application/json' },
      payload: { message: 'add buy milk' },
    });
    expect(chat.statusCode).toBe(200);

    const original = await exportOf(api);
    expect(original).toMatchObject({
      format: 'todo-chatbot-export',
      version: 1,
      user: { time_zone: 'Europe/Berlin' },
    });
    expect(original.tasks).toHaveLength(7);
    expect(
      original.tasks.find((task: { title: string }) => task.title === 'Renew passport').reminders,
    ).toEqual([{ offset_minutes: -1440 }, { at: '2099-05-20T09:00:00.000Z' }]);
    expect(original.lists.find((list: { name: string }) => list.name === 'Work')).toMatchObject({
      kanban_columns: ['Doing', 'Review'],
    });
    expect(
      original.tasks.find((task: { title: string }) => task.title === 'Quarterly report'),
    ).toMatchObject({ kanban_column: 'Review' });
    expect(original.conversations[0].messages.length).toBeGreaterThanOrEqual(2);

    const { api: other } = await newUser();
    const imported = await other.ok(
      'POST',
      '/api/v1/import',
      { format: 'todo-chatbot', document: original },
      201,
    );
    expect(imported).toEqual({
      lists_created: 2,
      lists_merged: 1,
      tasks_imported: 7,
      conversations_imported: 1,
      reminders_imported: 2,
      notes: [],
    });
    expect(comparable(await exportOf(other))).toEqual(comparable(original));
    const { items: found } = await other.ok('GET', '/api/v1/tasks?q=passport');
    const fired = await other.ok('GET', `/api/v1/tasks/${found[0].id}/reminders`);
    expect(fired.items.map((reminder: { fire_at: string }) => reminder.fire_at)).toEqual(
      (await api.ok('GET', `/api/v1/tasks/${passport.id}/reminders`)).items.map(
        (reminder: { fire_at: string }) => reminder.fire_at,
      ),
    );

    // A reminder whose time has passed, or on a done task, was spent where it came from.
    const spent = structuredClone(original);
    type Exported = { title: string; completed: boolean; reminders: object[] };
    const titled = (title: string, completed: boolean) =>
      spent.tasks.find((task: Exported) => task.title === title && task.completed === completed);
    titled('Renew passport', false).reminders.push({ at: '2020-01-01T09:00:00.000Z' });
    titled('Standup', true).reminders = [{ offset_minutes: -10 }];
    const { api: third } = await newUser();
    const partly = await third.ok(
      'POST',
      '/api/v1/import',
      { format: 'todo-chatbot', document: spent },
      201,
    );
    expect(partly).toMatchObject({
      reminders_imported: 2,
      notes: ['2 reminders whose time had passed (or whose task is done) left out'],
    });

    const csv = await api.call('GET', '/api/v1/export?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...lines] = csv.body.trim().split('\n');
    expect(header).toBe(
      'id,list,parent_id,title,description,completed,priority,due_date,due_at,recurrence,recurrence_from,repeats,tags,created_at,completed_at',
    );
    expect(lines).toHaveLength(7);
    expect(csv.body).toContain('every 3 days after completion');
  });

  it('checks everything before writing: one bad row means nothing is imported', async () => {
    const { api } = await newUser();
    const before = await dataChecksum(t.database.db);
    const task = (ref: number, extra: object = {}) => ({
      ref,
      list_ref: 0,
      parent_ref: null,
      title: `Task ${ref}`,
      description: null,
      completed: false,
      priority: 'medium',
      due_date: null,
      due_at: null,
      recurrence: null,
      recurrence_from: 'due',
      tags: [],
      created_at: '2026-01-01T00:00:00.000Z',
      completed_at: null,
      ...extra,
    });
    const document = (tasks: object[]) => ({
      format: 'todo-chatbot-export',
      version: 1,
      exported_at: '2026-01-01T00:00:00.000Z',
      user: { time_zone: 'UTC', week_start: 'monday' },
      lists: [{ ref: 0, name: 'Imported', color: 'grey', position: 1, is_inbox: false }],
      tasks,
      conversations: [],
    });
    const cases: [object[], RegExp][] = [
      [[task(0), task(1, { recurrence: 'FREQ=SECONDLY' })], /tasks\.1\.recurrence/],
      [[task(0, { parent_ref: 1 }), task(1)], /must name an earlier task/],
      [[task(0), task(1, { parent_ref: 0 }), task(2, { parent_ref: 1 })], /cannot have subtasks/],
      [[task(0, { list_ref: 7 })], /no such list/],
      [[task(0, { due_at: '2026-01-01T09:00:00' })], /due_at/],
      [[task(0, { title: '' })], /title/],
      [
        Array.from({ length: 10_000 }, (_, ref) => task(ref)),
        new RegExp(`At most ${IMPORT_TASKS_MAX} tasks`),
      ],
    ];
    for (const [tasks, message] of cases) {
      const response = await api.call('POST', '/api/v1/import', {
        format: 'todo-chatbot',
        document: document(tasks),
      });
      expect([400, 413], response.body.slice(0, 300)).toContain(response.statusCode);
      if (response.statusCode === 400) expect(response.body).toMatch(message);
    }
    expect(
      (
        await api.call('POST', '/api/v1/import', {
          format: 'todo-chatbot',
          document: { format: 'x' },
        })
      ).statusCode,
    ).toBe(400);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});

/**
 * Written for this test from Todoist's public description of its "Export as CSV" columns: TYPE
 * (task / section / note), CONTENT with @labels, DESCRIPTION, PRIORITY 1 (p1, highest) … 4,
 * INDENT 1 (task) or 2 (sub-task), AUTHOR, RESPONSIBLE, DATE in words, DATE_LANG, TIMEZONE.
 */
const TODOIST_CSV = `TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG
task,Pay rent @home @bills,Transfer to landlord,1,1,Evan (14781400),,every month on the 1st,en,Europe/Berlin,,,,
task,Plan trip,,2,1,Evan (14781400),,2026-12-20,en,Europe/Berlin,,,,
task,Book hotel @travel,,4,2,Evan (14781400),,,en,,,,,
task,Book train,"near the station, not the airport",4,2,Evan (14781400),,,en,,,,,
note,Ask about the family room,,,,Evan (14781400),,,,,,,,
section,Errands,,,,,,,,,,,,
task,Buy milk,,3,1,Evan (14781400),,2026-12-03 17:00,en,Europe/Berlin,,,,
task,Water plants,,4,1,Evan (14781400),,every! 3 days,en,,,,,
task,Mystery,,4,1,Evan (14781400),,when pigs fly,en,,,,,
`;

describe('Todoist CSV import', () => {
  it('imports a sample export: priorities, labels, subtasks, notes, sections, dates and recurrence', async () => {
    const { api } = await newUser();
    const report = await api.ok(
      'POST',
      '/api/v1/import',
      { format: 'todoist-csv', csv: TODOIST_CSV, list_name: 'Personal' },
      201,
    );
    expect(report).toMatchObject({ lists_created: 1, tasks_imported: 7 });
    expect(report.notes.join('\n')).toMatch(/section "Errands" became the tag #errands/);
    expect(report.notes.join('\n')).toMatch(/could not read the date "when pigs fly"/);

    const list = (await api.ok('GET', '/api/v1/lists')).items.find(
      (l: { name: string }) => l.name === 'Personal',
    );
    const page = await api.ok(
      'GET',
      `/api/v1/tasks?list_id=${list.id}&sort=created&order=asc&limit=50`,
    );
    const byTitle = Object.fromEntries(
      page.items.map((task: { title: string }) => [task.title, task]),
    );
    expect(byTitle['Pay rent']).toMatchObject({
      priority: 'high',
      tags: ['home', 'bills'],
      description: 'Transfer to landlord',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      recurrence_text: 'on the 1st of each month',
    });
    expect(byTitle['Pay rent'].due_date).toMatch(/^\d{4}-\d{2}-01$/);
    expect(byTitle['Plan trip']).toMatchObject({
      priority: 'medium',
      due_date: '2026-12-20',
      subtask_count: 2,
    });
    expect(byTitle['Book hotel']).toMatchObject({
      parent_id: byTitle['Plan trip'].id,
      tags: ['travel'],
    });
    expect(byTitle['Book train'].description).toBe(
      'near the station, not the airport\n\nAsk about the family room',
    );
    // 17:00 in Berlin (UTC+1 in December).
    expect(byTitle['Buy milk']).toMatchObject({
      priority: 'low',
      tags: ['errands'],
      due_at: '2026-12-03T16:00:00.000Z',
    });
    expect(byTitle['Water plants']).toMatchObject({
      recurrence: 'FREQ=DAILY;INTERVAL=3',
      recurrence_from: 'completion',
    });
    expect(byTitle.Mystery).toMatchObject({ due_date: null, due_at: null });
  });

  it('refuses a file that is not a Todoist export, or too big, and writes nothing', async () => {
    const { api } = await newUser();
    const before = await dataChecksum(t.database.db);
    const rows = Array.from(
      { length: IMPORT_TASKS_MAX + 1 },
      (_, i) => `task,Task ${i},,4,1,,,,en,,,,,`,
    ).join('\n');
    for (const csv of [
      'name,value\nx,1',
      `TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG\n${rows}`,
      'TYPE,CONTENT\n"unclosed,quote',
    ]) {
      const response = await api.call('POST', '/api/v1/import', { format: 'todoist-csv', csv });
      expect(response.statusCode, response.body).toBe(400);
    }
    const huge = await api.call('POST', '/api/v1/import', {
      format: 'todoist-csv',
      csv: 'x'.repeat(3 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});

describe('iCalendar feed', () => {
  it('serves dated open tasks with their recurrence to a real iCalendar parser, until revoked', async () => {
    const { api } = await newUser('America/New_York');
    await api.ok('POST', '/api/v1/tasks', { title: 'Party', due_date: '2026-12-24' }, 201);
    await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Gym', due_at: '2026-12-07T07:00:00-05:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH' },
      201,
    );
    await api.ok('POST', '/api/v1/tasks', { title: 'No date' }, 201);
    const feed = await api.ok('POST', '/api/v1/calendar-feed', undefined, 201);
    expect(feed.url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendar\/cal_[\w-]{32}\.ics$/);
    const path = new URL(feed.url).pathname;

    const response = await t.app.inject({ method: 'GET', url: path });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/calendar/);
    const events = Object.values(ical.sync.parseICS(response.body)).filter(
      (item): item is VEvent => item?.type === 'VEVENT',
    );
    expect(events.map((event) => event.summary).sort()).toEqual(['Gym', 'Party']);
    const party = present(
      events.find((event) => event.summary === 'Party'),
      'Party',
    );
    expect(party.datetype).toBe('date');
    const gym = present(
      events.find((event) => event.summary === 'Gym'),
      'Gym',
    );
    expect(gym.start.toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(gym.rrule?.toString()).toMatch(/FREQ=WEEKLY;BYDAY=MO,TH/);
    // After the DST change (14 March 2027), Monday 07:00 in New York is 11:00 UTC.
    const march = present(gym.rrule, 'RRULE').between(
      new Date('2027-03-15T00:00:00Z'),
      new Date('2027-03-16T00:00:00Z'),
    );
    expect(march.map((date: Date) => date.toISOString())).toEqual(['2027-03-15T11:00:00.000Z']);

    const replaced = await api.ok('POST', '/api/v1/calendar-feed', undefined, 201);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await api.call('DELETE', '/api/v1/calendar-feed')).statusCode).toBe(204);
    expect((await api.call('DELETE', '/api/v1/calendar-feed')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: new URL(replaced.url).pathname })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/cal_nope.ics' })).statusCode,
    ).toBe(400);
  });
});

/**
 * 2. Completing a repeating task of the 100k-task user: the PATCH that completes it and creates its next occurrence in
 * one transaction (row lock, update, insert of the next task, copy of its subtasks). Each
 * completion completes the occurrence the previous one created, so the series walks forward one
 * day at a time, as a user ticking off a daily task does.
 */
import type { BenchContext } from '../context.js';
import type { BenchUser } from '../fixtures.js';
import { percentile } from '../lib.js';
import { ms, record } from '../report.js';

const SECTION = '2. Scale (100k tasks)';
const WARM_UP = 20;
const COMPLETIONS = 200;

type Task = { id: number; next_task?: { id: number } | null };

async function send(url: string, method: string, token: string, body: unknown): Promise<Task> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Task;
}

export async function completeRepeatingTask(context: BenchContext, user: BenchUser) {
  const tasks = `${context.api.url}/api/v1/tasks`;
  let current = await send(tasks, 'POST', user.token, {
    title: 'water the plants',
    due_date: '2026-01-01',
    recurrence: 'FREQ=DAILY',
  });
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + COMPLETIONS; i++) {
    const started = performance.now();
    const done = await send(`${tasks}/${current.id}`, 'PATCH', user.token, { completed: true });
    times.push(performance.now() - started);
    if (!done.next_task) throw new Error('completing a daily task created no next occurrence');
    current = done.next_task;
  }
  const measured = times.slice(WARM_UP);
  const p50 = percentile(measured, 50);
  record({
    section: SECTION,
    name: 'complete a repeating task (complete + next occurrence, one transaction) p50',
    value: `${ms(p50)} (p99 ${ms(percentile(measured, 99))}, ${COMPLETIONS} completions in a row)`,
    goal: '≤ 5 ms',
    ok: p50 <= 5,
  });
}

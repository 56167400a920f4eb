import type { TTask } from '@todo/contracts';
import type { ListFilter, TaskPatch } from './parse-command.js';

/** Everything the offline assistant says, in one place: the handlers only choose which. */

export const HELP_TEXT = [
  "I'm the built-in assistant (no AI model is configured), so I understand everyday task commands:",
  '• add buy milk tomorrow 5pm, high priority #errands',
  "• what's left? · show high priority · what's due today? · overdue? · show done · show #errands",
  '• done with 3 · I bought the milk · reopen 3',
  '• move 2 to friday · rename 2 to call mom · make 2 high priority · tag 2 with work',
  '• delete 3 · delete the milk task',
].join('\n');

export const GREETING = `Hello! ${HELP_TEXT}`;

const CAPABILITIES =
  "Sorry, I didn't understand that. I'm the built-in assistant and only know simple task " +
  'commands: add, list, complete, reopen, rename, reschedule, reprioritise, tag and delete. Say "help" for examples.';

const NOT_UNDERSTOOD: Record<string, string> = {
  'add-without-title': 'What should the new task be called?',
  bulk: 'I can only change one task at a time. Say "show done" to see them, then e.g. "delete 3".',
  question:
    'I can\'t answer questions about a single task yet. Say "what\'s left?" or "show done" to see your tasks.',
  'bad-date': 'I couldn\'t read that date. Try e.g. "move 2 to friday" or "move 2 to 2026-05-01".',
};

/** The reply to an utterance the grammar could not use, by the reason it gave. */
export const notUnderstood = (reason: string | undefined): string =>
  (reason && NOT_UNDERSTOOD[reason]) || CAPABILITIES;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDue(iso: string): string {
  const date = new Date(iso);
  const isDateOnly = iso.endsWith('T00:00:00.000Z');
  return isDateOnly
    ? dayFormat.format(date)
    : `${dayFormat.format(date)}, ${timeFormat.format(date)} UTC`;
}

export function describeTask(task: TTask): string {
  const details = [
    task.priority !== 'medium' ? `${task.priority} priority` : undefined,
    task.due_at || task.due_date
      ? `due ${formatDue(task.due_at ?? `${task.due_date}T00:00:00.000Z`)}`
      : undefined,
    ...task.tags.map((tag) => `#${tag}`),
  ].filter(Boolean);
  return `#${task.id} “${task.title}”${details.length ? ` (${details.join(', ')})` : ''}`;
}

function listHeading(filter: ListFilter, count: number): string {
  const plural = count === 1 ? 'task' : 'tasks';
  const what = [
    filter.priority ? `${filter.priority}-priority` : undefined,
    filter.tag ? `#${filter.tag}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const qualifier = what ? ` ${what}` : '';
  if (count === 0) {
    if (filter.due === 'overdue') return 'Nothing is overdue.';
    if (filter.due === 'today') return `Nothing${qualifier} due today.`;
    if (filter.due === 'tomorrow') return `Nothing${qualifier} due tomorrow.`;
    if (filter.due === 'week') return `Nothing${qualifier} due this week.`;
    if (filter.status === 'completed') return `No${qualifier} completed tasks yet.`;
    if (filter.status === 'all') return `You have no${qualifier} tasks.`;
    return what ? `No open${qualifier} tasks.` : 'Nothing left to do: all clear!';
  }
  if (filter.due === 'overdue') return `${count} overdue ${plural}:`;
  if (filter.due === 'today') return `${count}${qualifier} ${plural} due today:`;
  if (filter.due === 'tomorrow') return `${count}${qualifier} ${plural} due tomorrow:`;
  if (filter.due === 'week') return `${count}${qualifier} ${plural} due this week:`;
  if (filter.status === 'completed') return `${count} completed${qualifier} ${plural}:`;
  if (filter.status === 'all') return `${count}${qualifier} ${plural} in total:`;
  return `You have ${count} open${qualifier} ${plural}:`;
}

export function taskList(filter: ListFilter, tasks: TTask[], total: number): string {
  const lines = tasks.map((task) => `• ${task.completed ? '✓ ' : ''}${describeTask(task)}`);
  const more = total > tasks.length ? [`…and ${total - tasks.length} more.`] : [];
  return [listHeading(filter, total), ...lines, ...more].join('\n');
}

export const noMatch = (words: string) =>
  `I couldn't find a task matching “${words}”. Say "what's left?" to see your tasks.`;

/** `candidates` is not empty: it is why the question is asked. */
export function whichOne(words: string, candidates: TTask[]): string {
  const example = candidates[0]?.id ?? 1;
  return [
    `More than one task matches “${words}”. Which one do you mean?`,
    ...candidates.map((task) => `• ${describeTask(task)}`),
    `Say it with the number, e.g. "${example}".`,
  ].join('\n');
}

export const failed = (error: string) => `I couldn't do that: ${error}.`;

export const added = (task: TTask) => `Added ${describeTask(task)}.`;

export const alreadyThere = (task: TTask) =>
  `${describeTask(task)} is already ${task.completed ? 'done' : 'open'}.`;

export const completed = (task: TTask) =>
  task.completed ? `Done: ${describeTask(task)}. Nice work!` : `Reopened ${describeTask(task)}.`;

export const deleted = (task: TTask) => `Deleted ${describeTask(task)}.`;

/** What an update says it did, by the part of the patch that matters most. */
export function updated(patch: TaskPatch, task: TTask): string {
  if (patch.title !== undefined) return `Renamed: ${describeTask(task)}.`;
  if (patch.due_date === null) return `Removed the due date: ${describeTask(task)}.`;
  if (patch.due_date !== undefined) return `Rescheduled: ${describeTask(task)}.`;
  if (patch.priority !== undefined) return `Priority set: ${describeTask(task)}.`;
  return patch.removeTags ? `Untagged: ${describeTask(task)}.` : `Tagged: ${describeTask(task)}.`;
}

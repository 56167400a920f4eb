import type { TReminder, TTask, TUpdatedTask } from '@todo/contracts';
import { ADD_TASKS_MAX } from '../tools/add-tasks.js';
import type { ToolPreview } from '../tools/task-tool.js';
import type { ListFilter, TaskPatch } from './parse-command.js';

/**
 * Everything the offline assistant says, in one place: the handlers only choose which. A task is
 * described in the user's time zone (`zone`), never the server's or UTC.
 */

export const HELP_TEXT = [
  "I'm the built-in assistant (no AI model is configured), so I understand everyday task commands:",
  '• add buy milk tomorrow 5pm, high priority #errands · add eggs, milk and bread to Groceries',
  '• pay rent every month on the 1st · water plants every 3 days after I finish',
  "• add 'book hotel' under 'plan trip'",
  "• what's left? · what's on this week? · what's due today? · overdue? · show Groceries · show done",
  '• done with 3 · I bought the milk · reopen 3 · mark it done',
  '• move 2 to friday · push it back a day · move it to Work · rename 2 to call mom · make it high priority',
  '• delete 3 · delete the milk task',
  '• remind me about the dentist an hour before · remind me tomorrow at 9 to call mom',
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
  'too-many': `I can add at most ${ADD_TASKS_MAX} tasks at once. Split the list into smaller messages.`,
  'too-long': 'That is too long to add in one message (at most 500 characters).',
};

/** The reply to an utterance the grammar could not use, by the reason it gave. */
export const notUnderstood = (reason: string | undefined): string =>
  (reason && NOT_UNDERSTOOD[reason]) || CAPABILITIES;

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const formatIn = (timeZone: string, options: Intl.DateTimeFormatOptions, at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(at);

/** "Fri 4 Dec" for an all-day task (a calendar date has no zone), "Fri 4 Dec, 09:00" in `zone`. */
export function formatDue(
  task: Pick<TTask, 'due_date' | 'due_at'>,
  zone: string,
): string | undefined {
  if (task.due_date) return formatIn('UTC', DAY, new Date(`${task.due_date}T00:00:00Z`));
  if (!task.due_at) return undefined;
  const at = new Date(task.due_at);
  return `${formatIn(zone, DAY, at)}, ${formatIn(zone, TIME, at)}`;
}

export function describeTask(task: TTask, zone: string): string {
  const due = formatDue(task, zone);
  const details = [
    task.priority !== 'medium' ? `${task.priority} priority` : undefined,
    due ? `due ${due}` : undefined,
    task.recurrence_text ? `repeats ${task.recurrence_text}` : undefined,
    ...task.tags.map((tag) => `#${tag}`),
  ].filter(Boolean);
  return `#${task.id} “${task.title}”${details.length ? ` (${details.join(', ')})` : ''}`;
}

function listHeading(filter: ListFilter, count: number): string {
  const plural = count === 1 ? 'task' : 'tasks';
  const what = [
    filter.list,
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
    if (filter.due === 'this_week') return `Nothing${qualifier} due this week.`;
    if (filter.status === 'completed') return `No${qualifier} completed tasks yet.`;
    if (filter.status === 'all') return `You have no${qualifier} tasks.`;
    return what ? `No open${qualifier} tasks.` : 'Nothing left to do: all clear!';
  }
  if (filter.due === 'overdue') return `${count} overdue ${plural}:`;
  if (filter.due === 'today') return `${count}${qualifier} ${plural} due today:`;
  if (filter.due === 'tomorrow') return `${count}${qualifier} ${plural} due tomorrow:`;
  if (filter.due === 'this_week') return `${count}${qualifier} ${plural} due this week:`;
  if (filter.status === 'completed') return `${count} completed${qualifier} ${plural}:`;
  if (filter.status === 'all') return `${count}${qualifier} ${plural} in total:`;
  return `You have ${count} open${qualifier} ${plural}:`;
}

export function taskList(filter: ListFilter, tasks: TTask[], total: number, zone: string): string {
  const lines = tasks.map((task) => `• ${task.completed ? '✓ ' : ''}${describeTask(task, zone)}`);
  const more = total > tasks.length ? [`…and ${total - tasks.length} more.`] : [];
  return [listHeading(filter, total), ...lines, ...more].join('\n');
}

export const noMatch = (words: string) =>
  `I couldn't find a task matching “${words}”. Say "what's left?" to see your tasks.`;

export const noParent = (words: string) =>
  `I couldn't find a task “${words}” to put it under, so I added nothing. Say "what's left?" to see your tasks.`;

export const noLastTask =
  'I don\'t know which task you mean: nothing in this conversation names one yet. Say it with its number or words, e.g. "mark 3 done".';

export const whichOfThese = (ids: number[]) =>
  `“It” could be any of ${ids.map((id) => `#${id}`).join(', ')}. Say which one with its number, e.g. "${ids[0] ?? 1}".`;

/** `candidates` is not empty: it is why the question is asked. */
export function whichOne(words: string, candidates: TTask[], zone: string): string {
  const example = candidates[0]?.id ?? 1;
  return [
    `More than one task matches “${words}”. Which one do you mean?`,
    ...candidates.map((task) => `• ${describeTask(task, zone)}`),
    `Say it with the number, e.g. "${example}".`,
  ].join('\n');
}

export const failed = (error: string) => `I couldn't do that: ${error}.`;

const listNames = (names: string[]) => names.map((name) => `“${name}”`).join(', ');

export const noSuchList = (name: string, mine: string[]) =>
  `You have no list called “${name}”, so I changed nothing. Your lists: ${listNames(mine)}.`;

/** "move it to someday": not a date, and not a list either. */
export const neitherDateNorList = (name: string, mine: string[]) =>
  `I couldn't read that date, and you have no list called “${name}”, so I changed nothing. ` +
  `Try e.g. "move 2 to friday" or "move 2 to ${mine[0] ?? 'Inbox'}".`;

const withNotes = (text: string, notes: string[]) =>
  [text, ...notes.map((note) => `(${note}.)`)].join(' ');

export const added = (task: TTask, zone: string, notes: string[] = []) =>
  withNotes(`Added ${describeTask(task, zone)}.`, notes);

export const addedMany = (tasks: TTask[], zone: string, notes: string[] = []) =>
  withNotes(
    [`Added ${tasks.length} tasks:`, ...tasks.map((task) => `• ${describeTask(task, zone)}`)].join(
      '\n',
    ),
    notes,
  );

export const addedUnder = (task: TTask, parent: TTask, zone: string) =>
  `Added ${describeTask(task, zone)} under #${parent.id} “${parent.title}”.`;

export const alreadyThere = (task: TTask, zone: string) =>
  `${describeTask(task, zone)} is already ${task.completed ? 'done' : 'open'}.`;

/** Completing a repeating task says when the next one is due. */
export function completed(task: TUpdatedTask, zone: string): string {
  if (!task.completed) return `Reopened ${describeTask(task, zone)}.`;
  const next = task.next_task;
  const due = next && formatDue(next, zone);
  const then = next ? ` Next: #${next.id}${due ? `, due ${due}` : ''}.` : '';
  return `Done: ${describeTask(task, zone)}. Nice work!${then}`;
}

/** A delete waits for the user: the card under this question has the yes and no. */
export const confirmDelete = (preview: ToolPreview) => `${preview.summary}? (yes/no)`;

export const rescheduled = (task: TTask, zone: string) =>
  `Rescheduled: ${describeTask(task, zone)}.`;

/** "I'll remind you on Thu 24 Dec, 08:00." in the user's zone. */
export const reminderSet = (reminder: TReminder, zone: string) =>
  reminder.fire_at
    ? `I'll remind you on ${formatIn(zone, { ...DAY, ...TIME }, new Date(reminder.fire_at))}.`
    : 'Reminder set: it fires once the task has a due date.';

export const moved = (task: TTask, list: string, zone: string) =>
  `Moved ${describeTask(task, zone)} to “${list}”.`;

/** What an update says it did, by the part of the patch that matters most. */
export function updated(patch: TaskPatch, task: TTask, zone: string): string {
  const described = describeTask(task, zone);
  if (patch.title !== undefined) return `Renamed: ${described}.`;
  if (patch.clearDue) return `Removed the due date: ${described}.`;
  if (patch.priority !== undefined) return `Priority set: ${described}.`;
  return patch.removeTags ? `Untagged: ${described}.` : `Tagged: ${described}.`;
}

import { randomUUID } from 'node:crypto';
import type { TTask } from '@todo/contracts';
import { findTasksByWords } from '../../tasks/find-tasks-by-words.js';
import { getTask } from '../../tasks/get-task.js';
import type { TaskContext } from '../../tasks/task-context.js';
import {
  addTaskTool,
  completeTaskTool,
  deleteTaskTool,
  listTasksTool,
  updateTaskTool,
} from '../tools/index.js';
import { runTaskTool } from '../tools/run-task-tool.js';
import type { TaskTool } from '../tools/task-tool.js';
import { type Command, type ListFilter, parseCommand, type TaskRef } from './parse-command.js';

export type RecordedToolCall = {
  toolCallId: string;
  tool: string;
  arguments: Record<string, unknown>;
  result: unknown;
  isError: boolean;
};

export type AssistantReply = { text: string; toolCalls: RecordedToolCall[] };

export const HELP_TEXT = [
  "I'm the built-in assistant (no AI model is configured), so I understand everyday task commands:",
  '• add buy milk tomorrow 5pm, high priority #errands',
  "• what's left? · show high priority · what's due today? · overdue? · show done · show #errands",
  '• done with 3 · I bought the milk · reopen 3',
  '• move 2 to friday · rename 2 to call mom · make 2 high priority · tag 2 with work',
  '• delete 3 · delete the milk task',
].join('\n');

const CAPABILITIES =
  "Sorry, I didn't understand that. I'm the built-in assistant and only know simple task " +
  'commands: add, list, complete, reopen, rename, reschedule, reprioritise, tag and delete. Say "help" for examples.';

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

const startOfDay = (now: Date, plusDays = 0) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + plusDays));

function listInput(filter: ListFilter, now: Date): Record<string, unknown> {
  const input: Record<string, unknown> = { status: filter.status };
  if (filter.priority) input.priority = filter.priority;
  if (filter.tag) input.tag = filter.tag;
  if (filter.search) input.search = filter.search;
  switch (filter.due) {
    case 'today':
      input.due_after = startOfDay(now).toISOString();
      input.due_before = startOfDay(now, 1).toISOString();
      break;
    case 'tomorrow':
      input.due_after = startOfDay(now, 1).toISOString();
      input.due_before = startOfDay(now, 2).toISOString();
      break;
    case 'week':
      input.due_after = startOfDay(now).toISOString();
      input.due_before = startOfDay(now, 7).toISOString();
      break;
    case 'overdue':
      // Before today: a task due "today" (a calendar date) is not late yet.
      input.status = 'pending';
      input.due_before = startOfDay(now).toISOString();
      break;
  }
  return input;
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

type Resolution = { task: TTask } | { id: number } | { reply: string };

/**
 * The deterministic assistant used when no model is configured. It runs the same task tools as
 * the AI agent and reports them the same way, so the UI and the stored history look alike.
 */
export async function runOfflineAssistant(
  context: TaskContext,
  message: string,
  now: Date = new Date(),
): Promise<AssistantReply> {
  const toolCalls: RecordedToolCall[] = [];
  const call = async (tool: TaskTool, input: Record<string, unknown>) => {
    const outcome = await runTaskTool(tool, context, input);
    toolCalls.push({
      toolCallId: `call_${randomUUID()}`,
      tool: tool.name,
      arguments: input,
      result: outcome.result,
      isError: !outcome.ok,
    });
    return outcome;
  };

  /** A reference by words resolves to one task, or to a question listing the candidates. */
  const resolve = async (
    ref: TaskRef,
    prefer: 'pending' | 'completed' | 'all',
  ): Promise<Resolution> => {
    if ('id' in ref) return { id: ref.id };
    let matches = await findTasksByWords(context, ref.words, { status: prefer });
    if (matches.length === 0 && prefer !== 'all') {
      matches = await findTasksByWords(context, ref.words, { status: 'all' });
    }
    if (matches.length === 1) return { task: matches[0]!.task };
    if (matches.length === 0) {
      return {
        reply: `I couldn't find a task matching “${ref.words}”. Say "what's left?" to see your tasks.`,
      };
    }
    const shown = matches.slice(0, 5);
    return {
      reply: [
        `More than one task matches “${ref.words}”. Which one do you mean?`,
        ...shown.map(({ task }) => `• ${describeTask(task)}`),
        `Say it with the number, e.g. "${shown[0]!.task.id}".`,
      ].join('\n'),
    };
  };
  const idOf = (resolution: { task: TTask } | { id: number }) =>
    'task' in resolution ? resolution.task.id : resolution.id;
  const failure = (result: unknown) =>
    `I couldn't do that: ${(result as { error: string }).error}.`;

  const command: Command = parseCommand(message, now);
  const text = await (async (): Promise<string> => {
    switch (command.kind) {
      case 'help':
        return HELP_TEXT;
      case 'greeting':
        return `Hello! ${HELP_TEXT}`;
      case 'unknown':
        if (command.reason === 'add-without-title') return 'What should the new task be called?';
        if (command.reason === 'bulk')
          return 'I can only change one task at a time. Say "show done" to see them, then e.g. "delete 3".';
        if (command.reason === 'question')
          return 'I can\'t answer questions about a single task yet. Say "what\'s left?" or "show done" to see your tasks.';
        if (command.reason === 'bad-date')
          return 'I couldn\'t read that date. Try e.g. "move 2 to friday" or "move 2 to 2026-05-01".';
        return CAPABILITIES;
      case 'add': {
        const input: Record<string, unknown> = { title: command.title };
        if (command.priority) input.priority = command.priority;
        if (command.due_date) input.due_date = command.due_date;
        if (command.tags.length) input.tags = command.tags;
        const outcome = await call(addTaskTool as unknown as TaskTool, input);
        return outcome.ok
          ? `Added ${describeTask(outcome.result as TTask)}.`
          : failure(outcome.result);
      }
      case 'list': {
        const outcome = await call(
          listTasksTool as unknown as TaskTool,
          listInput(command.filter, now),
        );
        if (!outcome.ok) return failure(outcome.result);
        const { tasks, total } = outcome.result as { tasks: TTask[]; total: number };
        const lines = tasks.map((task) => `• ${task.completed ? '✓ ' : ''}${describeTask(task)}`);
        const more = total > tasks.length ? [`…and ${total - tasks.length} more.`] : [];
        return [listHeading(command.filter, total), ...lines, ...more].join('\n');
      }
      case 'complete': {
        const resolution = await resolve(command.ref, command.completed ? 'pending' : 'completed');
        if ('reply' in resolution) return resolution.reply;
        if ('task' in resolution && resolution.task.completed === command.completed) {
          return command.completed
            ? `${describeTask(resolution.task)} is already done.`
            : `${describeTask(resolution.task)} is already open.`;
        }
        const input: Record<string, unknown> = { id: idOf(resolution) };
        if (!command.completed) input.completed = false;
        const outcome = await call(completeTaskTool as unknown as TaskTool, input);
        if (!outcome.ok) return failure(outcome.result);
        const task = outcome.result as TTask;
        return command.completed
          ? `Done: ${describeTask(task)}. Nice work!`
          : `Reopened ${describeTask(task)}.`;
      }
      case 'delete': {
        const resolution = await resolve(command.ref, 'all');
        if ('reply' in resolution) return resolution.reply;
        const outcome = await call(deleteTaskTool as unknown as TaskTool, { id: idOf(resolution) });
        if (!outcome.ok) return failure(outcome.result);
        return `Deleted ${describeTask((outcome.result as { deleted: TTask }).deleted)}.`;
      }
      case 'update': {
        const resolution = await resolve(command.ref, 'pending');
        if ('reply' in resolution) return resolution.reply;
        const id = idOf(resolution);
        const input: Record<string, unknown> = { id };
        const { patch } = command;
        if (patch.title !== undefined) input.title = patch.title;
        if (patch.due_date !== undefined) input.due_date = patch.due_date;
        if (patch.priority !== undefined) input.priority = patch.priority;
        if (patch.addTags || patch.removeTags) {
          // Tags are replaced as a whole by update_task, so read the current ones first.
          const current =
            'task' in resolution
              ? resolution.task
              : await getTask(context, id).catch(() => undefined);
          if (!current) return `I couldn't do that: Task not found.`;
          const removed = new Set(patch.removeTags ?? []);
          input.tags = [...new Set([...current.tags, ...(patch.addTags ?? [])])].filter(
            (tag) => !removed.has(tag),
          );
        }
        const outcome = await call(updateTaskTool as unknown as TaskTool, input);
        if (!outcome.ok) return failure(outcome.result);
        const task = outcome.result as TTask;
        if (patch.title !== undefined) return `Renamed: ${describeTask(task)}.`;
        if (patch.due_date === null) return `Removed the due date: ${describeTask(task)}.`;
        if (patch.due_date !== undefined) return `Rescheduled: ${describeTask(task)}.`;
        if (patch.priority !== undefined) return `Priority set: ${describeTask(task)}.`;
        return patch.removeTags
          ? `Untagged: ${describeTask(task)}.`
          : `Tagged: ${describeTask(task)}.`;
      }
    }
  })();
  return { text, toolCalls };
}

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
import { runTaskTool, type ToolOutcome } from '../tools/run-task-tool.js';
import type { TaskTool, ToolData, ToolInput } from '../tools/task-tool.js';
import { type Command, type ListFilter, parseCommand, type TaskRef } from './parse-command.js';
import * as replies from './replies.js';

export type RecordedToolCall = {
  toolCallId: string;
  tool: string;
  arguments: ToolData;
  result: unknown;
  isError: boolean;
};

export type AssistantReply = { text: string; toolCalls: RecordedToolCall[] };

/** What a handler works with: the acting user, the time, and a tool runner that records calls. */
type Turn = {
  context: TaskContext;
  now: Date;
  call<TInput extends ToolData, TOutput extends ToolData>(
    tool: TaskTool<TInput, TOutput>,
    input: TInput,
  ): Promise<ToolOutcome<TOutput>>;
};

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The deterministic assistant used when no model is configured. */
export async function runOfflineAssistant(
  context: TaskContext,
  message: string,
  now: Date = new Date(),
): Promise<AssistantReply> {
  const toolCalls: RecordedToolCall[] = [];
  // It runs the same task tools as the AI agent and records them the same way, so the UI and the
  // stored history look alike.
  const turn: Turn = {
    context,
    now,
    async call(tool, input) {
      const outcome = await runTaskTool(tool, context, input);
      // Recorded as it is stored and sent: JSON, so a field left undefined is not there at all.
      const recorded: ToolData = JSON.parse(JSON.stringify(input));
      toolCalls.push({
        toolCallId: `call_${randomUUID()}`,
        tool: tool.name,
        arguments: recorded,
        result: outcome.result,
        isError: !outcome.ok,
      });
      return outcome;
    },
  };
  const text = await reply(turn, parseCommand(message, now));
  return { text, toolCalls };
}

function reply(turn: Turn, command: Command): Promise<string> | string {
  switch (command.kind) {
    case 'help':
      return replies.HELP_TEXT;
    case 'greeting':
      return replies.GREETING;
    case 'unknown':
      return replies.notUnderstood(command.reason);
    case 'add':
      return add(turn, command);
    case 'list':
      return list(turn, command);
    case 'complete':
      return complete(turn, command);
    case 'delete':
      return remove(turn, command);
    case 'update':
      return update(turn, command);
  }
}

async function add(turn: Turn, command: CommandOf<'add'>): Promise<string> {
  const outcome = await turn.call(addTaskTool, {
    title: command.title,
    priority: command.priority,
    due_date: command.due_date,
    tags: command.tags.length ? command.tags : undefined,
  });
  return outcome.ok ? replies.added(outcome.result) : replies.failed(outcome.result.error);
}

const startOfDay = (now: Date, plusDays = 0) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + plusDays));

/** The due window of a filter, as a range from the start of today (UTC) and so many days on. */
const DUE_WINDOWS: Record<NonNullable<ListFilter['due']>, [number | undefined, number]> = {
  today: [0, 1],
  tomorrow: [1, 2],
  week: [0, 7],
  // Before today: a task due "today" (a calendar date) is not late yet.
  overdue: [undefined, 0],
};

function listInput(filter: ListFilter, now: Date): ToolInput<typeof listTasksTool> {
  const window = filter.due && DUE_WINDOWS[filter.due];
  const [after, before] = window ?? [undefined, undefined];
  return {
    status: filter.due === 'overdue' ? 'pending' : filter.status,
    priority: filter.priority,
    tag: filter.tag,
    search: filter.search,
    due_after: after === undefined ? undefined : startOfDay(now, after).toISOString(),
    due_before: before === undefined ? undefined : startOfDay(now, before).toISOString(),
  };
}

async function list(turn: Turn, command: CommandOf<'list'>): Promise<string> {
  const outcome = await turn.call(listTasksTool, listInput(command.filter, turn.now));
  if (!outcome.ok) return replies.failed(outcome.result.error);
  return replies.taskList(command.filter, outcome.result.tasks, outcome.result.total);
}

type Resolution = { task: TTask } | { id: number } | { reply: string };

/** A reference by words resolves to one task, or to a question listing the candidates. */
async function resolve(
  turn: Turn,
  ref: TaskRef,
  prefer: 'pending' | 'completed' | 'all',
): Promise<Resolution> {
  if ('id' in ref) return { id: ref.id };
  let matches = await findTasksByWords(turn.context, ref.words, { status: prefer });
  if (matches.length === 0 && prefer !== 'all') {
    matches = await findTasksByWords(turn.context, ref.words, { status: 'all' });
  }
  const [first, ...others] = matches.map((match) => match.task);
  if (!first) return { reply: replies.noMatch(ref.words) };
  if (others.length === 0) return { task: first };
  return { reply: replies.whichOne(ref.words, [first, ...others].slice(0, 5)) };
}

const idOf = (resolution: { task: TTask } | { id: number }) =>
  'task' in resolution ? resolution.task.id : resolution.id;

async function complete(turn: Turn, command: CommandOf<'complete'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, command.completed ? 'pending' : 'completed');
  if ('reply' in resolution) return resolution.reply;
  if ('task' in resolution && resolution.task.completed === command.completed) {
    return replies.alreadyThere(resolution.task);
  }
  const outcome = await turn.call(completeTaskTool, {
    id: idOf(resolution),
    completed: command.completed ? undefined : false,
  });
  return outcome.ok ? replies.completed(outcome.result) : replies.failed(outcome.result.error);
}

async function remove(turn: Turn, command: CommandOf<'delete'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'all');
  if ('reply' in resolution) return resolution.reply;
  const outcome = await turn.call(deleteTaskTool, { id: idOf(resolution) });
  return outcome.ok
    ? replies.deleted(outcome.result.deleted)
    : replies.failed(outcome.result.error);
}

async function update(turn: Turn, command: CommandOf<'update'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'pending');
  if ('reply' in resolution) return resolution.reply;
  const id = idOf(resolution);
  const { patch } = command;
  let tags: string[] | undefined;
  if (patch.addTags || patch.removeTags) {
    // Tags are replaced as a whole by update_task, so read the current ones first.
    const current =
      'task' in resolution
        ? resolution.task
        : await getTask(turn.context, id).catch(() => undefined);
    if (!current) return replies.failed('Task not found');
    const removed = new Set(patch.removeTags ?? []);
    tags = [...new Set([...current.tags, ...(patch.addTags ?? [])])].filter(
      (tag) => !removed.has(tag),
    );
  }
  const outcome = await turn.call(updateTaskTool, {
    id,
    title: patch.title,
    due_date: patch.due_date,
    priority: patch.priority,
    tags,
  });
  return outcome.ok ? replies.updated(patch, outcome.result) : replies.failed(outcome.result.error);
}

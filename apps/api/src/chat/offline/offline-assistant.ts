import { randomUUID } from 'node:crypto';
import type { TMessage, TToolApproval } from '@todo/contracts';
import { AppError } from '../../errors/app-error.js';
import { listLists } from '../../lists/list-lists.js';
import { getTask } from '../../tasks/get-task.js';
import type { TaskContext } from '../../tasks/task-context.js';
import { userClock } from '../../time/user-clock.js';
import {
  addTaskTool,
  completeTaskTool,
  deleteTaskTool,
  listTasksTool,
  rescheduleTaskTool,
  setReminderTool,
  updateTaskTool,
} from '../tools/index.js';
import { expectingFailures, runTaskTool } from '../tools/run-task-tool.js';
import type { ToolData, ToolInput } from '../tools/task-tool.js';
import { addStep, sameListName } from './add-step.js';
import { type Command, type ListFilter, parseCommand } from './parse-command.js';
import * as replies from './replies.js';
import { idOf, type Resolved, replyTo, resolve, type Turn } from './turn.js';

export type RecordedToolCall = {
  toolCallId: string;
  tool: string;
  arguments: ToolData;
  result: unknown;
  isError: boolean;
  /** Set when the call waits for the user's approval instead of running. */
  approval?: TToolApproval;
};

export type AssistantReply = { text: string; toolCalls: RecordedToolCall[] };

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/**
 * The deterministic assistant used when no model is configured. `history` is the acting user's
 * conversation so far (oldest first): "it" means the task it was last about.
 */
export async function runOfflineAssistant(
  context: TaskContext,
  message: string,
  now: Date = new Date(),
  history: readonly TMessage[] = [],
): Promise<AssistantReply> {
  const toolCalls: RecordedToolCall[] = [];
  // It runs the same task tools as the AI agent and records them the same way, so the UI and the
  // stored history look alike.
  const turn: Turn = {
    context,
    clock: await userClock(context.db, context.userId, now),
    history,
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
    async ask(tool, input) {
      const confirmation = tool.confirmation;
      if (!confirmation) throw new Error(`${tool.name} does not ask first`);
      const outcome = await expectingFailures(() => confirmation.preview(context, input));
      const recorded: ToolData = JSON.parse(JSON.stringify(input));
      const toolCallId = `call_${randomUUID()}`;
      toolCalls.push({
        toolCallId,
        tool: tool.name,
        arguments: recorded,
        result: outcome.ok ? null : outcome.result,
        isError: !outcome.ok,
        ...(outcome.ok && {
          approval: { id: `approval_${randomUUID()}`, state: 'requested', preview: outcome.result },
        }),
      });
      return outcome;
    },
  };
  try {
    const text = await reply(turn, parseCommand(message, turn.clock));
    return { text, toolCalls };
  } catch (error) {
    // A date the words name that cannot be (02:30 on a spring-forward day) is said, not thrown.
    if (error instanceof AppError && error.statusCode < 500) {
      return { text: replies.failed(error.message), toolCalls };
    }
    throw error;
  }
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
      return addStep(turn, command);
    case 'list':
      return list(turn, command);
    case 'complete':
      return complete(turn, command);
    case 'delete':
      return remove(turn, command);
    case 'update':
      return update(turn, command);
    case 'reschedule':
      return reschedule(turn, command);
    case 'move':
      return move(turn, command);
    case 'remind_before':
      return remindBefore(turn, command);
    case 'remind_at':
      return remindAt(turn, command);
  }
}

/** The user's lists, and the one a name means ("groceries", "weekend-jobs"). */
async function findList(turn: Turn, name: string) {
  const { items } = await listLists(turn.context);
  return {
    list: items.find((list) => sameListName(list, name)),
    names: items.map((list) => list.name),
  };
}

/** A filter as list_tasks input: the due windows are the tool's, in the user's zone. */
const listInput = (filter: ListFilter, listId?: number): ToolInput<typeof listTasksTool> => ({
  status: filter.due === 'overdue' ? 'pending' : filter.status,
  priority: filter.priority,
  tag: filter.tag,
  search: filter.search,
  due: filter.due,
  list_id: listId,
});

async function list(turn: Turn, command: CommandOf<'list'>): Promise<string> {
  const { filter } = command;
  const found = filter.list ? await findList(turn, filter.list) : undefined;
  if (filter.list && !found?.list) return replies.noSuchList(filter.list, found?.names ?? []);
  // The heading names the list as the user spelled it when they made it.
  const shown = { ...filter, list: found?.list?.name };
  const outcome = await turn.call(listTasksTool, listInput(filter, found?.list?.id));
  return replyTo(outcome, ({ tasks, total }) =>
    replies.taskList(shown, tasks, total, turn.clock.zone),
  );
}

async function complete(turn: Turn, command: CommandOf<'complete'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, command.completed ? 'pending' : 'completed');
  if ('reply' in resolution) return resolution.reply;
  if ('task' in resolution && resolution.task.completed === command.completed) {
    return replies.alreadyThere(resolution.task, turn.clock.zone);
  }
  const outcome = await turn.call(completeTaskTool, {
    id: idOf(resolution),
    completed: command.completed ? undefined : false,
  });
  return replyTo(outcome, (result) => replies.completed(result, turn.clock.zone));
}

async function remove(turn: Turn, command: CommandOf<'delete'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'all');
  if ('reply' in resolution) return resolution.reply;
  const outcome = await turn.ask(deleteTaskTool, { id: idOf(resolution) });
  return replyTo(outcome, (preview) => replies.confirmDelete(preview));
}

/** Tags are replaced as a whole by update_task, so the new set is built from the current one. */
async function newTags(
  turn: Turn,
  resolution: Resolved,
  patch: CommandOf<'update'>['patch'],
): Promise<string[] | undefined> {
  const current =
    'task' in resolution
      ? resolution.task
      : await getTask(turn.context, resolution.id).catch(() => undefined);
  if (!current) return undefined;
  const removed = new Set(patch.removeTags ?? []);
  return [...new Set([...current.tags, ...(patch.addTags ?? [])])].filter(
    (tag) => !removed.has(tag),
  );
}

async function update(turn: Turn, command: CommandOf<'update'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'pending');
  if ('reply' in resolution) return resolution.reply;
  const { patch } = command;
  let tags: string[] | undefined;
  if (patch.addTags || patch.removeTags) {
    tags = await newTags(turn, resolution, patch);
    if (!tags) return replies.failed('Task not found');
  }
  const outcome = await turn.call(updateTaskTool, {
    id: idOf(resolution),
    title: patch.title,
    priority: patch.priority,
    ...(patch.clearDue && { due_date: null, due_at: null }),
    tags,
  });
  return replyTo(outcome, (result) => replies.updated(patch, result, turn.clock.zone));
}

/** A new due or a shift, through reschedule_task: a repeating task keeps its rule. */
async function reschedule(turn: Turn, command: CommandOf<'reschedule'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'pending');
  if ('reply' in resolution) return resolution.reply;
  const outcome = await turn.call(rescheduleTaskTool, {
    id: idOf(resolution),
    ...command.change,
  });
  return replyTo(outcome, (result) => replies.rescheduled(result, turn.clock.zone));
}

/** "move it to Work": an unknown list changes nothing (and "someday" was no date either). */
async function move(turn: Turn, command: CommandOf<'move'>): Promise<string> {
  const { list: target, names } = await findList(turn, command.list);
  if (!target) return replies.neitherDateNorList(command.list, names);
  const resolution = await resolve(turn, command.ref, 'pending');
  if ('reply' in resolution) return resolution.reply;
  const outcome = await turn.call(updateTaskTool, { id: idOf(resolution), list_id: target.id });
  return replyTo(outcome, (result) => replies.moved(result, target.name, turn.clock.zone));
}

/** "remind me about the dentist an hour before": set_reminder relative to the task's due. */
async function remindBefore(turn: Turn, command: CommandOf<'remind_before'>): Promise<string> {
  const resolution = await resolve(turn, command.ref, 'pending');
  if ('reply' in resolution) return resolution.reply;
  const outcome = await turn.call(setReminderTool, {
    id: idOf(resolution),
    before_minutes: command.beforeMinutes,
  });
  return replyTo(outcome, (result) => replies.reminderSet(result, turn.clock.zone));
}

/**
 * "remind me tomorrow at 9 to call mom": a reminder at that time on the task those words name,
 * or, when none does, a new task due then with a reminder at its due.
 */
async function remindAt(turn: Turn, command: CommandOf<'remind_at'>): Promise<string> {
  const resolution = await resolve(turn, { words: command.what }, 'pending');
  if ('reply' in resolution && !resolution.missing) return resolution.reply;
  if (!('reply' in resolution)) {
    const outcome = await turn.call(setReminderTool, { id: idOf(resolution), at: command.at });
    return replyTo(outcome, (result) => replies.reminderSet(result, turn.clock.zone));
  }
  const added = await turn.call(addTaskTool, { title: command.what, due_at: command.at });
  if (!added.ok) return replies.failed(added.result.error);
  const outcome = await turn.call(setReminderTool, { id: added.result.id, before_minutes: 0 });
  return replyTo(outcome, (result) => replies.reminderSet(result, turn.clock.zone));
}

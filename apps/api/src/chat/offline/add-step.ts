import type { TList, TQuickAddResult, TTask } from '@todo/contracts';
import { listLists } from '../../lists/list-lists.js';
import { parseTasks } from '../../quick-add/parse-tasks.js';
import { getTask } from '../../tasks/get-task.js';
import { ADD_TASKS_MAX } from '../tools/add-tasks.js';
import { addTasksTool, addTaskTool } from '../tools/index.js';
import type { ToolInput } from '../tools/task-tool.js';
import type { Command } from './parse-command.js';
import * as replies from './replies.js';
import { replyTo, resolve, type Turn } from './turn.js';

type AddCommand = Extract<Command, { kind: 'add' }>;
type AddInput = ToolInput<typeof addTaskTool>;

/** A list name as a person or `@token` says it: any case, "-" or "_" for a space. */
export const sameListName = (list: TList, name: string) =>
  list.name.toLowerCase() === name.toLowerCase().replace(/[-_]/g, ' ');

/**
 * The quick-add line for a command, and the list it names when that is one of the user's. "to
 * Groceries" names a list only when there is one (or the person said "list"); otherwise the words
 * stay in the title ("talk to Bob"). An unknown list said outright becomes `@name`, which quick
 * add sends to the Inbox with a note, exactly as the board's preview does.
 */
function quickAddLine(command: AddCommand, lists: TList[]) {
  const candidate = command.list;
  const known = candidate && knownList(lists, candidate.name);
  let text = command.text;
  if (candidate && known) text = `${candidate.before} ${known.rest}`;
  else if (candidate?.explicit) text = `${candidate.before} @${candidate.name.replace(/ /g, '-')}`;
  // A quoted title is one placeholder word here: the rest is read for its parts only.
  const words = [command.title === undefined ? '' : TITLE_PLACEHOLDER, text];
  if (command.priority) words.push(`!${command.priority}`);
  return { line: words.join(' ').trim(), listId: known ? known.list.id : undefined };
}

/** The list `words` start with ("Work tomorrow" → Work, "tomorrow"), if the user has it. */
function knownList(lists: TList[], words: string) {
  const lower = words.toLowerCase();
  for (const list of lists) {
    const name = list.name.toLowerCase();
    if (sameListName(list, words)) return { list, rest: '' };
    if (lower.startsWith(`${name} `)) return { list, rest: words.slice(name.length + 1) };
  }
  return undefined;
}

const TITLE_PLACEHOLDER = '_';

/** What the board's quick add takes in one line (ZQuickAddRequest). */
const QUICK_ADD_MAX = 500;

/** One draft of quick add as the typed input of add_task (defaults left out). */
function toInput(
  draft: TQuickAddResult['drafts'][number],
  placement: { listId?: number; parent?: TTask; title?: string },
): AddInput {
  return {
    title: placement.title ?? draft.title,
    priority: draft.priority === 'medium' ? undefined : draft.priority,
    tags: draft.tags.length ? draft.tags : undefined,
    // A subtask lives in its parent's list.
    list_id: placement.parent ? undefined : (placement.listId ?? draft.list_id),
    parent_id: placement.parent?.id,
    due_date: draft.due_date,
    due_at: draft.due_at,
    recurrence: draft.recurrence,
    recurrence_from: draft.recurrence ? draft.recurrence_from : undefined,
  };
}

/** The parent a subtask goes under, or the reply that says why there is none (nothing added). */
async function findParent(
  turn: Turn,
  command: AddCommand,
): Promise<{ parent?: TTask; reply?: string }> {
  if (!command.parent) return {};
  const found = await resolve(turn, command.parent, 'pending');
  if ('reply' in found) {
    const words = 'words' in command.parent ? command.parent.words : '';
    return { reply: found.missing ? replies.noParent(words) : found.reply };
  }
  if ('task' in found) return { parent: found.task };
  const parent = await getTask(turn.context, found.id).catch(() => undefined);
  return parent ? { parent } : { reply: replies.noParent(`#${found.id}`) };
}

/** "add eggs, milk and bread to Groceries", "add 'book hotel' under 'plan trip'", … */
export async function addStep(turn: Turn, command: AddCommand): Promise<string> {
  const { parent, reply } = await findParent(turn, command);
  if (reply) return reply;
  const { items: lists } = await listLists(turn.context);
  const { line, listId } = quickAddLine(command, lists);
  if (line.length > QUICK_ADD_MAX) return replies.notUnderstood('too-long');
  const parsed = await parseTasks(turn.context, line, new Date(turn.clock.now.epochMilliseconds));
  const titled = parsed.drafts.filter((draft) => draft.title.trim());
  const drafts = command.title === undefined ? titled : titled.slice(0, 1);
  const inputs = drafts.map((draft) => toInput(draft, { listId, parent, title: command.title }));
  const zone = turn.clock.zone;
  const [first] = inputs;
  if (!first) return replies.notUnderstood('add-without-title');
  if (inputs.length > ADD_TASKS_MAX) return replies.notUnderstood('too-many');
  const notes = parsed.notes;
  if (inputs.length === 1) {
    return replyTo(await turn.call(addTaskTool, first), (task) =>
      parent ? replies.addedUnder(task, parent, zone) : replies.added(task, zone, notes),
    );
  }
  return replyTo(await turn.call(addTasksTool, { tasks: inputs }), ({ tasks }) =>
    replies.addedMany(tasks, zone, notes),
  );
}

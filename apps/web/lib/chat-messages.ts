import type { TMessage, TToolCall, TToolPreview } from '@todo/contracts';
import type { UIMessage } from 'ai';
import { dueLabel } from './due';

type ToolPart = UIMessage['parts'][number];

/** A stored call as the part `useChat` would hold: waiting, answered or done. */
function toPart(call: TToolCall, toolCallId: string): ToolPart {
  const base = {
    type: 'dynamic-tool' as const,
    toolName: call.tool,
    toolCallId,
    input: call.arguments,
  };
  const approval = call.approval;
  if (approval?.state === 'requested') {
    return {
      ...base,
      state: 'approval-requested',
      approval: { id: approval.id, descriptor: approval.preview },
    };
  }
  if (approval && call.result === null) {
    // The answer's outcome is in the reply after this one; here the card only says the answer.
    return {
      ...base,
      state: 'approval-responded',
      approval: {
        id: approval.id,
        approved: approval.state === 'approved',
        descriptor: approval.preview,
      },
    };
  }
  return { ...base, state: 'output-available', output: call.result };
}

/** The stored conversation, turned into the UI messages `useChat` shows. */
export function toUIMessages(messages: TMessage[]): UIMessage[] {
  const result: UIMessage[] = [];
  for (const message of messages) {
    if (message.role === 'tool') continue;
    const parts = message.tool_calls.map((call, index) =>
      toPart(call, call.tool_call_id ?? `${message.id}-${index}`),
    );
    if (message.content) parts.push({ type: 'text', text: message.content });
    // A stored reply names the activity batch of its turn's changes (what undo takes).
    const metadata = message.batch_id ? { batch_id: message.batch_id } : undefined;
    result.push({ id: String(message.id), role: message.role, parts, metadata });
  }
  return result;
}

/** The text of the newest user message: the API takes one turn at a time. */
export function lastUserText(messages: UIMessage[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return (last?.parts ?? [])
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('')
    .trim();
}

/** The approval the user just answered on the newest reply, which the next request sends. */
export function answeredApproval(messages: UIMessage[]): { id: string; approved: boolean } | null {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return null;
  for (const part of last.parts) {
    if (
      'state' in part &&
      part.state === 'approval-responded' &&
      'approval' in part &&
      part.approval
    ) {
      const { id, approved } = part.approval as { id: string; approved?: boolean };
      if (typeof approved === 'boolean') return { id, approved };
    }
  }
  return null;
}

export type CardState = 'running' | 'done' | 'error' | 'approval' | 'approved' | 'declined';

/** A tool call as a person reads it: what it did, to which task, and what changed. */
export type ToolCard = {
  tool: string;
  state: CardState;
  label: string;
  /** One line per task: “title” · list · due in the user's zone. */
  tasks: string[];
  /** For an update: field → new value. */
  changes: string[];
  error?: string;
  approval?: { id: string; preview?: TToolPreview };
  /** The call changed the user's data (an Undo applies). */
  isChange: boolean;
};

const READ_ONLY_TOOLS = new Set([
  'list_tasks',
  'find_tasks',
  'get_task',
  'get_overview',
  'list_lists',
  'find_activity',
]);

/** A card's words in the user's language (the panel builds them from its messages). */
export type CardWords = {
  /** What a tool did: "Added", "Rescheduled"; an unknown tool by its name. */
  tool: (name: string) => string;
  /** One changed field: "due date → none". */
  change: (field: string, value: string) => string;
  due: (label: string) => string;
  none: string;
  failed: string;
};

export type CardContext = {
  zone: string;
  now: Date;
  /** The user's language: dues are written in it. */
  locale: string;
  words: CardWords;
  listNames: ReadonlyMap<number, string>;
};

type TaskLike = {
  id?: unknown;
  title?: unknown;
  list_id?: unknown;
  due_date?: unknown;
  due_at?: unknown;
  completed?: unknown;
};

function taskLine(task: TaskLike, context: CardContext): string | null {
  if (typeof task.title !== 'string') return null;
  const list = typeof task.list_id === 'number' ? context.listNames.get(task.list_id) : undefined;
  const due = {
    due_date: typeof task.due_date === 'string' ? task.due_date : null,
    due_at: typeof task.due_at === 'string' ? task.due_at : null,
  };
  const when =
    due.due_date || due.due_at
      ? context.words.due(dueLabel(due, context.zone, context.now, context.locale))
      : '';
  return [`“${task.title}”`, list, when].filter(Boolean).join(' · ');
}

/** The tasks a result names, whatever the tool's shape ({…task}, {deleted}, {tasks}, {task}). */
function tasksOf(output: unknown): TaskLike[] {
  if (!output || typeof output !== 'object') return [];
  const value = output as Record<string, unknown>;
  if (Array.isArray(value.tasks)) return value.tasks as TaskLike[];
  if (Array.isArray(value.items)) return value.items as TaskLike[];
  if (value.deleted && typeof value.deleted === 'object') return [value.deleted as TaskLike];
  if (value.task && typeof value.task === 'object') return [value.task as TaskLike];
  return typeof value.title === 'string' ? [value as TaskLike] : [];
}

function describeValue(value: unknown, words: CardWords): string {
  if (value === null) return words.none;
  if (Array.isArray(value)) return value.length ? value.join(', ') : words.none;
  return String(value);
}

/** What an update asked to change, field → value (ids are not a change). */
function changesOf(tool: string, input: unknown, words: CardWords): string[] {
  if (!['update_task', 'reschedule_task'].includes(tool) || !input || typeof input !== 'object') {
    return [];
  }
  return Object.entries(input as Record<string, unknown>)
    .filter(([field, value]) => field !== 'id' && value !== undefined)
    .map(([field, value]) => words.change(field, describeValue(value, words)));
}

/** A tool part (`tool-<name>` or `dynamic-tool`) as a card; other parts give null. */
export function toolCard(part: ToolPart, context: CardContext): ToolCard | null {
  const isTool = part.type === 'dynamic-tool' || part.type.startsWith('tool-');
  if (!isTool) return null;
  const tool = part as {
    type: string;
    toolName?: string;
    state: string;
    input?: unknown;
    output?: unknown;
    errorText?: string;
    approval?: { id: string; approved?: boolean; descriptor?: unknown };
  };
  const name = tool.toolName ?? tool.type.replace(/^tool-/, '');
  const card: ToolCard = {
    tool: name,
    state: 'running',
    label: context.words.tool(name),
    tasks: [],
    changes: changesOf(name, tool.input, context.words),
    isChange: false,
  };
  const preview = tool.approval?.descriptor as TToolPreview | undefined;
  switch (tool.state) {
    case 'approval-requested':
      return { ...card, state: 'approval', approval: { id: tool.approval?.id ?? '', preview } };
    case 'approval-responded':
    case 'output-denied': {
      const approved = tool.state === 'approval-responded' && tool.approval?.approved === true;
      return {
        ...card,
        state: approved ? 'approved' : 'declined',
        tasks: preview ? [preview.summary] : [],
      };
    }
    case 'output-error':
      return { ...card, state: 'error', error: tool.errorText ?? context.words.failed };
    case 'output-available': {
      const output = tool.output as Record<string, unknown> | null;
      if (output && typeof output.error === 'string') {
        return { ...card, state: 'error', error: output.error };
      }
      if (output && typeof output.declined === 'string') {
        return { ...card, state: 'declined', tasks: [output.declined] };
      }
      const lines = tasksOf(output)
        .map((task) => taskLine(task, context))
        .filter((line): line is string => line !== null);
      return { ...card, state: 'done', tasks: lines, isChange: !READ_ONLY_TOOLS.has(name) };
    }
    default:
      return card;
  }
}

/** True when a finished assistant turn called a tool that may have changed tasks. */
export function changedTasks(message: UIMessage, context: CardContext): boolean {
  return message.parts.some((part) => toolCard(part, context)?.isChange === true);
}

/**
 * The batch to undo for a finished assistant turn that changed something: from the stream's start
 * metadata, or the stored reply's id. Null for a turn that only read (or is still running).
 */
export function undoBatchOf(message: UIMessage, context: CardContext): string | null {
  if (message.role !== 'assistant' || !changedTasks(message, context)) return null;
  const batch = (message.metadata as { batch_id?: unknown } | undefined)?.batch_id;
  return typeof batch === 'string' ? batch : null;
}

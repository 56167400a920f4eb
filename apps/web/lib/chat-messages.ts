import type { TMessage } from '@todo/contracts';
import type { UIMessage } from 'ai';

/** The stored conversation, turned into the UI messages `useChat` shows. */
export function toUIMessages(messages: TMessage[]): UIMessage[] {
  const result: UIMessage[] = [];
  for (const message of messages) {
    if (message.role === 'tool') continue;
    const parts: UIMessage['parts'] = message.tool_calls.map((call, index) => ({
      type: 'dynamic-tool' as const,
      toolName: call.tool,
      toolCallId: `${message.id}-${index}`,
      state: 'output-available' as const,
      input: call.arguments,
      output: call.result,
    }));
    if (message.content) parts.push({ type: 'text', text: message.content });
    // A stored reply's id is the activity batch of its turn's changes (what undo takes).
    const metadata = message.role === 'assistant' ? { batch_id: String(message.id) } : undefined;
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

export type ToolChip = { tool: string; state: 'running' | 'done' | 'error'; summary: string };

const TOOL_LABELS: Record<string, string> = {
  add_task: 'Added',
  list_tasks: 'Listed',
  complete_task: 'Completed',
  delete_task: 'Deleted',
  update_task: 'Updated',
};

function summarise(output: unknown): string {
  if (output === null || output === undefined) return '';
  if (typeof output === 'string') return output.slice(0, 80);
  const value = output as Record<string, unknown>;
  const task = (value.task ?? value) as Record<string, unknown>;
  if (typeof task.title === 'string') {
    return `${typeof task.id === 'number' ? `#${task.id} ` : ''}${task.title}`;
  }
  const items = (value.items ?? value.tasks) as unknown;
  if (Array.isArray(items)) return `${items.length} task${items.length === 1 ? '' : 's'}`;
  if (typeof value.error === 'string') return value.error;
  if (typeof value.message === 'string') return value.message;
  return JSON.stringify(output).slice(0, 80);
}

/** A tool part (`tool-<name>` or `dynamic-tool`) as a compact chip; other parts give null. */
export function toolChip(part: UIMessage['parts'][number]): ToolChip | null {
  const isTool = part.type === 'dynamic-tool' || part.type.startsWith('tool-');
  if (!isTool) return null;
  const tool = part as {
    type: string;
    toolName?: string;
    state: string;
    output?: unknown;
    errorText?: string;
  };
  const name = tool.toolName ?? tool.type.replace(/^tool-/, '');
  const label = TOOL_LABELS[name] ?? name;
  if (tool.state === 'output-error') {
    return { tool: name, state: 'error', summary: `${label}: ${tool.errorText ?? 'failed'}` };
  }
  if (tool.state !== 'output-available')
    return { tool: name, state: 'running', summary: `${label}…` };
  const text = summarise(tool.output);
  return { tool: name, state: 'done', summary: text ? `${label} · ${text}` : label };
}

const READ_ONLY_TOOLS = new Set(['list_tasks', 'list_lists', 'find_activity']);

/** True when a finished assistant turn called a tool that may have changed tasks. */
export function changedTasks(message: UIMessage): boolean {
  return message.parts.some((part) => {
    const chip = toolChip(part);
    return chip !== null && !READ_ONLY_TOOLS.has(chip.tool);
  });
}

/**
 * The batch to undo for a finished assistant turn that changed something: from the stream's start
 * metadata, or the stored reply's id. Null for a turn that only read (or is still running).
 */
export function undoBatchOf(message: UIMessage): string | null {
  if (message.role !== 'assistant' || !changedTasks(message)) return null;
  const batch = (message.metadata as { batch_id?: unknown } | undefined)?.batch_id;
  return typeof batch === 'string' ? batch : null;
}

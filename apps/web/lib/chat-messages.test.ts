import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  answeredApproval,
  changedTasks,
  lastUserText,
  toolCard,
  toUIMessages,
  undoBatchOf,
} from './chat-messages';

const context = {
  zone: 'Pacific/Kiritimati',
  now: new Date('2026-12-02T12:00:00Z'),
  locale: 'en',
  words: {
    tool: (name: string) => ({ add_task: 'Added', update_task: 'Updated' })[name] ?? name,
    change: (field: string, value: string) => `${field.replace(/_/g, ' ')} → ${value}`,
    due: (label: string) => `due ${label}`,
    none: 'none',
    failed: 'failed',
  },
  listNames: new Map([[7, 'Groceries']]),
};

describe('chat messages', () => {
  const stored = toUIMessages([
    { id: 1, role: 'user', content: 'add milk', tool_calls: [], batch_id: null, created_at: '' },
    {
      id: 2,
      role: 'assistant',
      // A continuation after an approval names the batch of the reply it continues.
      batch_id: '1',
      content: 'Added it.',
      tool_calls: [
        {
          tool: 'add_task',
          arguments: { title: 'milk' },
          // 10:30 UTC on the 2nd is 00:30 on the 3rd in Kiritimati.
          result: {
            id: 4,
            title: 'milk',
            list_id: 7,
            due_date: null,
            due_at: '2026-12-02T10:30:00Z',
          },
        },
      ],
      created_at: '',
    },
    {
      id: 3,
      role: 'assistant',
      batch_id: '3',
      content: 'Delete «Pay rent»? (yes/no)',
      tool_calls: [
        {
          tool: 'delete_task',
          arguments: { id: 5 },
          result: null,
          tool_call_id: 'call_1',
          approval: {
            id: 'approval_1',
            state: 'requested',
            preview: { summary: 'Delete «Pay rent»', tasks: [{ id: 5, title: 'Pay rent' }] },
          },
        },
      ],
      created_at: '',
    },
  ]);

  it('turns stored messages into UI messages with tool parts first', () => {
    expect(stored.map((m) => [m.role, m.parts.map((p) => p.type)])).toEqual([
      ['user', ['text']],
      ['assistant', ['dynamic-tool', 'text']],
      ['assistant', ['dynamic-tool', 'text']],
    ]);
    expect(lastUserText(stored)).toBe('add milk');
  });

  it('shows a change as a card: title, list and due in the user’s zone, with Undo', () => {
    const part = stored[1]?.parts[0];
    const card = part && toolCard(part, context);
    expect(card).toMatchObject({ tool: 'add_task', state: 'done', label: 'Added', isChange: true });
    expect(card?.tasks[0]).toMatch(/^“milk” · Groceries · due Thu.*(Dec 3|3 Dec)/);
    const update = toolCard(
      {
        type: 'tool-update_task',
        toolCallId: 'x',
        state: 'output-available',
        input: { id: 4, title: 'oat milk', due_date: null },
        output: { id: 4, title: 'oat milk' },
      },
      context,
    );
    expect(update?.changes).toEqual(['title → oat milk', 'due date → none']);
    const listed = toolCard(
      {
        type: 'tool-list_tasks',
        toolCallId: 'y',
        state: 'output-available',
        input: {},
        output: { tasks: [{ id: 1, title: 'a' }], total: 1 },
      },
      context,
    );
    expect(listed).toMatchObject({ state: 'done', isChange: false, tasks: ['“a”'] });
    expect(toolCard({ type: 'text', text: 'hi' }, context)).toBeNull();
  });

  it('a waiting call is an approval card; the answer is what the next request sends', () => {
    const part = stored[2]?.parts[0];
    expect(part && toolCard(part, context)).toMatchObject({
      state: 'approval',
      approval: { id: 'approval_1', preview: { summary: 'Delete «Pay rent»' } },
      isChange: false,
    });
    expect(answeredApproval(stored)).toBeNull();
    const answered: UIMessage[] = [
      ...stored.slice(0, 2),
      {
        id: '3',
        role: 'assistant',
        parts: [
          {
            type: 'dynamic-tool',
            toolName: 'delete_task',
            toolCallId: 'call_1',
            input: { id: 5 },
            state: 'approval-responded',
            approval: { id: 'approval_1', approved: false },
          },
        ],
      },
    ];
    expect(answeredApproval(answered)).toEqual({ id: 'approval_1', approved: false });
    const declined = answered[2]?.parts[0];
    expect(declined && toolCard(declined, context)?.state).toBe('declined');
  });

  it('a turn that only listed tasks does not refresh the board', () => {
    expect(stored[1] && changedTasks(stored[1], context)).toBe(true);
    expect(
      changedTasks(
        {
          id: 'a',
          role: 'assistant',
          parts: [
            {
              type: 'tool-list_tasks',
              toolCallId: 'x',
              state: 'output-available',
              input: {},
              output: [],
            },
          ],
        },
        context,
      ),
    ).toBe(false);
  });

  it('offers undo for a turn that changed something, by the batch its reply names', () => {
    // A stored reply: the batch it names, not its own id.
    expect(stored[1] && undoBatchOf(stored[1], context)).toBe('1');
    expect(stored[0] && undoBatchOf(stored[0], context)).toBeNull();
    const streamed = (tool: string) => ({
      id: 'b',
      role: 'assistant' as const,
      metadata: { conversation_id: 'c', batch_id: '41' },
      parts: [
        {
          type: `tool-${tool}` as const,
          toolCallId: 'x',
          state: 'output-available' as const,
          input: {},
          output: {},
        },
      ],
    });
    expect(undoBatchOf(streamed('delete_task'), context)).toBe('41');
    // Reading changes nothing: nothing to undo.
    expect(undoBatchOf(streamed('find_activity'), context)).toBeNull();
    expect(undoBatchOf(streamed('list_lists'), context)).toBeNull();
  });
});

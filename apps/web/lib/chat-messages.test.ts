import { describe, expect, it } from 'vitest';
import { changedTasks, lastUserText, toolChip, toUIMessages, undoBatchOf } from './chat-messages';

describe('chat messages', () => {
  const stored = toUIMessages([
    { id: 1, role: 'user', content: 'add milk', tool_calls: [], created_at: '' },
    {
      id: 2,
      role: 'assistant',
      content: 'Added it.',
      tool_calls: [
        { tool: 'add_task', arguments: { title: 'milk' }, result: { id: 4, title: 'milk' } },
      ],
      created_at: '',
    },
  ]);

  it('turns stored messages into UI messages with tool parts first', () => {
    expect(stored.map((m) => [m.role, m.parts.map((p) => p.type)])).toEqual([
      ['user', ['text']],
      ['assistant', ['dynamic-tool', 'text']],
    ]);
    expect(lastUserText(stored)).toBe('add milk');
  });

  it('summarises tool calls as chips', () => {
    const part = stored[1]?.parts[0];
    expect(part && toolChip(part)).toEqual({
      tool: 'add_task',
      state: 'done',
      summary: 'Added · #4 milk',
    });
    expect(
      toolChip({
        type: 'tool-list_tasks',
        toolCallId: 'x',
        state: 'output-available',
        input: {},
        output: { items: [1, 2] },
      }),
    ).toMatchObject({ summary: 'Listed · 2 tasks' });
    expect(toolChip({ type: 'text', text: 'hi' })).toBeNull();
  });

  it('a turn that only listed tasks does not refresh the board', () => {
    expect(stored[1] && changedTasks(stored[1])).toBe(true);
    expect(
      changedTasks({
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
      }),
    ).toBe(false);
  });

  it('offers undo for a turn that changed something, by the batch its reply names', () => {
    // A stored reply: its id is the batch.
    expect(stored[1] && undoBatchOf(stored[1])).toBe('2');
    expect(stored[0] && undoBatchOf(stored[0])).toBeNull();
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
    expect(undoBatchOf(streamed('delete_task'))).toBe('41');
    // Reading changes nothing: nothing to undo.
    expect(undoBatchOf(streamed('find_activity'))).toBeNull();
    expect(undoBatchOf(streamed('list_lists'))).toBeNull();
  });
});

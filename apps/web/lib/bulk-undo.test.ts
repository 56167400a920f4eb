import type { TTask, TUpdatedTask } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { undoSteps } from './bulk-undo';

const task = (id: number, extra: Partial<TTask> = {}): TTask => ({
  id,
  list_id: 1,
  parent_id: null,
  title: `task ${id}`,
  description: null,
  completed: false,
  priority: 'medium',
  due_date: null,
  due_at: null,
  recurrence: null,
  recurrence_from: 'due',
  recurrence_text: null,
  tags: [],
  subtask_count: 0,
  subtasks_done: 0,
  created_at: '2026-12-01T10:00:00Z',
  updated_at: '2026-12-01T10:00:00Z',
  completed_at: null,
  kanban_column: null,
  ...extra,
});
const updated = (base: TTask, extra: Partial<TUpdatedTask> = {}): TUpdatedTask => ({
  ...base,
  next_task: null,
  ...extra,
});

describe('undo of a bulk change', () => {
  it('completion: reopens plain tasks; a repeating one gets its rule back and loses the new occurrence', () => {
    const daily = task(2, { due_date: '2026-12-01', recurrence: 'FREQ=DAILY' });
    const already = task(3, { completed: true });
    const steps = undoSteps([task(1), daily, already], {
      action: 'complete',
      items: [
        updated(task(1), { completed: true }),
        updated(daily, { completed: true, recurrence: null, next_task: task(9) }),
        updated(already),
      ],
    });
    expect(steps).toEqual([
      { kind: 'batch', body: { action: 'delete', ids: [9] } },
      { kind: 'batch', body: { action: 'reopen', ids: [1] } },
      {
        kind: 'patch',
        id: 2,
        patch: { completed: false, recurrence: 'FREQ=DAILY', recurrence_from: 'due' },
      },
    ]);
  });

  it('reopening: completes again only what was complete', () => {
    const steps = undoSteps([task(1, { completed: true }), task(2)], {
      action: 'reopen',
      items: [updated(task(1)), updated(task(2))],
    });
    expect(steps).toEqual([{ kind: 'batch', body: { action: 'complete', ids: [1] } }]);
  });

  it('a move goes back list by list', () => {
    const steps = undoSteps(
      [task(1, { list_id: 4 }), task(2, { list_id: 5 }), task(3, { list_id: 4 })],
      {
        action: 'move',
        items: [1, 2, 3].map((id) => updated(task(id, { list_id: 7 }))),
      },
    );
    expect(steps).toEqual([
      { kind: 'batch', body: { action: 'move', ids: [1, 3], list_id: 4 } },
      { kind: 'batch', body: { action: 'move', ids: [2], list_id: 5 } },
    ]);
  });

  it('deleted tasks are created again with their fields and done state', () => {
    const gone = task(1, { title: 'old', tags: ['x'], completed: true, due_date: '2026-12-24' });
    const [step] = undoSteps([gone], { action: 'delete', items: [updated(gone)] });
    expect(step).toMatchObject({
      kind: 'create',
      completed: true,
      input: { title: 'old', tags: ['x'], due_date: '2026-12-24', list_id: 1 },
    });
  });
});

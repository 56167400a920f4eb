import type { TTask } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type BoardState,
  boardReducer,
  fitsStatus,
  initialBoardState,
  inverse,
  type TaskChange,
} from './board-state';
import { type BoardQuery, DEFAULT_QUERY } from './task-query';

const task = (id: number, over: Partial<TTask> = {}): TTask => ({
  id,
  list_id: 1,
  parent_id: null,
  title: `Task ${id}`,
  description: null,
  completed: false,
  priority: 'medium',
  due_date: null,
  due_at: null,
  recurrence: null,
  recurrence_from: 'due',
  recurrence_text: null,
  subtask_count: 0,
  subtasks_done: 0,
  kanban_column: null,
  tags: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  completed_at: null,
  ...over,
});

const loaded = (items: TTask[], counts = { all: 5, pending: 3, completed: 2 }): BoardState =>
  boardReducer(initialBoardState, {
    type: 'loaded',
    list: { items, total: items.length, counts, next_cursor: null },
    counts,
  });

const pending: BoardQuery = { ...DEFAULT_QUERY, status: 'pending' };

describe('fitsStatus', () => {
  it('is the only filter the board applies itself: the status tab', () => {
    expect(fitsStatus(task(1, { completed: true }), 'pending')).toBe(false);
    expect(fitsStatus(task(1, { completed: true }), 'completed')).toBe(true);
    expect(fitsStatus(task(1), 'completed')).toBe(false);
    expect(fitsStatus(task(1, { completed: true }), 'all')).toBe(true);
  });
});

describe('optimistic changes', () => {
  it('completing a task on the pending page removes it and moves one count', () => {
    const before = task(1);
    const state = applyChange(
      loaded([before, task(2)]),
      { kind: 'update', before, after: { ...before, completed: true } },
      pending,
    );
    expect(state.items.map((t) => t.id)).toEqual([2]);
    expect(state.total).toBe(1);
    expect(state.counts).toEqual({ all: 5, pending: 2, completed: 3 });
  });

  it('completing on the "all" page keeps the row in place', () => {
    const before = task(1);
    const state = applyChange(
      loaded([task(3), before]),
      { kind: 'update', before, after: { ...before, completed: true } },
      DEFAULT_QUERY,
    );
    expect(state.items.map((t) => [t.id, t.completed])).toEqual([
      [3, false],
      [1, true],
    ]);
  });

  it('does not judge tags or text itself: a task added under a tag filter shows as the server gave it', () => {
    // The board reloads from the server under such a filter; until then nothing is guessed away.
    const query = { ...DEFAULT_QUERY, tag: 'home' };
    const added = task(9, { tags: ['Work'] });
    const state = applyChange(loaded([task(1)]), { kind: 'add', task: added }, query);
    expect(state.items.map((t) => [t.id, t.tags])).toEqual([
      [9, ['Work']],
      [1, []],
    ]);
    expect(state.counts).toEqual({ all: 6, pending: 4, completed: 2 });
  });

  it('an added completed task stays off the pending page but is counted', () => {
    const state = applyChange(
      loaded([task(1)]),
      { kind: 'add', task: task(9, { completed: true }) },
      pending,
    );
    expect(state.items.map((t) => t.id)).toEqual([1]);
    expect(state.counts).toEqual({ all: 6, pending: 3, completed: 3 });
  });

  it.each<[string, TaskChange, BoardQuery]>([
    ['delete', { kind: 'remove', task: task(2), index: 1 }, DEFAULT_QUERY],
    ['add', { kind: 'add', task: task(9) }, DEFAULT_QUERY],
    [
      'complete',
      { kind: 'update', before: task(2), after: task(2, { completed: true }), index: 1 },
      pending,
    ],
    ['edit', { kind: 'update', before: task(1), after: task(1, { title: 'New' }) }, DEFAULT_QUERY],
  ])('rolling back a failed %s restores the exact state', (_name, change, query) => {
    const start = loaded([task(1), task(2), task(3)]);
    const failed = boardReducer(boardReducer(start, { type: 'apply', change, query }), {
      type: 'revert',
      change,
      query,
      message: 'Could not save: offline',
    });
    expect(failed.items).toEqual(start.items);
    expect(failed.total).toBe(start.total);
    expect(failed.counts).toEqual(start.counts);
    expect(failed.notice).toEqual({ tone: 'error', message: 'Could not save: offline' });
  });

  it('inverse of inverse is the change itself', () => {
    const change: TaskChange = { kind: 'remove', task: task(1), index: 2 };
    expect(inverse(inverse(change))).toEqual(change);
  });

  it('confirm swaps the temporary task for the saved one', () => {
    const state = boardReducer(loaded([task(-5), task(1)]), {
      type: 'confirm',
      id: -5,
      task: task(7),
    });
    expect(state.items.map((t) => t.id)).toEqual([7, 1]);
  });

  it('a reload keeps showing the old page instead of flashing the skeleton', () => {
    const state = boardReducer(loaded([task(1)]), { type: 'load' });
    expect(state.phase).toBe('ready');
    expect(boardReducer(initialBoardState, { type: 'load' }).phase).toBe('loading');
  });
});

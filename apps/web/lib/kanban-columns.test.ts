import type { TList, TTask } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { applyPatch, columnKeyOf, columnsOf } from './kanban-columns';

const list = (kanban_columns: string[]) => ({ id: 1, kanban_columns }) as TList;
const task = (over: Partial<TTask>) =>
  ({ id: 1, completed: false, priority: 'medium', kanban_column: null, ...over }) as TTask;

describe('Kanban columns', () => {
  it('groups by status, priority or the list’s own columns', () => {
    expect(columnsOf('status', list([])).map((c) => c.key)).toEqual(['open', 'done']);
    expect(columnsOf('priority', list([])).map((c) => c.name)).toEqual([
      'High priority',
      'Medium priority',
      'Low priority',
    ]);
    const custom = columnsOf('custom', list(['Backlog', 'Doing']));
    expect(custom.map((c) => c.patch)).toEqual([
      { kanban_column: 'Backlog' },
      { kanban_column: 'Doing' },
    ]);
    expect(columnsOf('custom', list([]))).toEqual([]);
  });

  it('puts a task without a known column in the first one', () => {
    const columns = columnsOf('custom', list(['Backlog', 'Doing']));
    expect(columnKeyOf('custom', task({ kanban_column: 'Doing' }), columns)).toBe('column:Doing');
    expect(columnKeyOf('custom', task({ kanban_column: 'Gone' }), columns)).toBe('column:Backlog');
    expect(columnKeyOf('custom', task({}), columns)).toBe('column:Backlog');
    expect(columnKeyOf('status', task({ completed: true }), [])).toBe('done');
    expect(columnKeyOf('priority', task({ priority: 'high' }), [])).toBe('high');
  });

  it('applies a drop’s patch to the task shown', () => {
    expect(applyPatch(task({}), { completed: true }).completed).toBe(true);
    expect(applyPatch(task({}), { kanban_column: 'Doing' }).kanban_column).toBe('Doing');
    expect(applyPatch(task({}), { priority: 'low' }).priority).toBe('low');
  });
});

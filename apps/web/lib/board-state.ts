import type { TTask, TTaskList, TTaskStatus } from '@todo/contracts';
import type { BoardQuery } from './task-query';

/**
 * The board's state and its optimistic changes. Kept pure so the tricky parts (what a change does
 * to the visible page and to the per-status counts, and how it is undone) are unit-tested.
 */
export type Counts = { all: number; pending: number; completed: number };

/** A message about what just happened; `undo` takes it back (offered for a few seconds). */
export type Notice = { tone: 'error' | 'info'; message: string; undo?: () => void };

export type BoardState = {
  phase: 'loading' | 'ready' | 'error';
  items: TTask[];
  total: number;
  nextCursor: string | null;
  counts: Counts | null;
  error: string | null;
  notice: Notice | null;
};

/** One change to one task; `index` remembers where a removed task was, so undo puts it back. */
export type TaskChange =
  | { kind: 'update'; before: TTask; after: TTask; index?: number }
  | { kind: 'remove'; task: TTask; index?: number }
  | { kind: 'add'; task: TTask; index?: number };

export type BoardAction =
  | { type: 'load' }
  | { type: 'loaded'; list: TTaskList; counts: Counts }
  | { type: 'failed'; message: string }
  | { type: 'apply'; change: TaskChange; query: BoardQuery }
  | { type: 'revert'; change: TaskChange; query: BoardQuery; message: string }
  | { type: 'confirm'; id: number; task: TTask }
  | { type: 'notice'; notice: Notice | null };

export const initialBoardState: BoardState = {
  phase: 'loading',
  items: [],
  total: 0,
  nextCursor: null,
  counts: null,
  error: null,
  notice: null,
};

/**
 * Whether a task stays on a page with this status tab. The only rule the board applies itself:
 * every other filter (tag, text, list, due window) is the server's, and the board reloads from
 * the server when one of those is on (see `hasContentFilters`).
 */
export function fitsStatus(task: TTask, status: TTaskStatus): boolean {
  if (status === 'pending') return !task.completed;
  if (status === 'completed') return task.completed;
  return true;
}

function countDelta(counts: Counts | null, task: TTask, sign: 1 | -1) {
  if (!counts) return counts;
  const key = task.completed ? 'completed' : 'pending';
  return { ...counts, all: counts.all + sign, [key]: counts[key] + sign };
}

export function inverse(change: TaskChange): TaskChange {
  switch (change.kind) {
    case 'update':
      return { kind: 'update', before: change.after, after: change.before, index: change.index };
    case 'remove':
      return { kind: 'add', task: change.task, index: change.index };
    case 'add':
      return { kind: 'remove', task: change.task, index: change.index };
  }
}

export function applyChange(state: BoardState, change: TaskChange, query: BoardQuery): BoardState {
  switch (change.kind) {
    case 'add': {
      const counts = countDelta(state.counts, change.task, 1);
      if (!fitsStatus(change.task, query.status)) return { ...state, counts };
      const items = [...state.items.filter((task) => task.id !== change.task.id)];
      const at = Math.min(change.index ?? 0, items.length);
      items.splice(at, 0, change.task);
      return { ...state, items, total: state.total + 1, counts };
    }
    case 'remove': {
      const counts = countDelta(state.counts, change.task, -1);
      const wasVisible = state.items.some((task) => task.id === change.task.id);
      return {
        ...state,
        counts,
        items: state.items.filter((task) => task.id !== change.task.id),
        total: wasVisible ? Math.max(0, state.total - 1) : state.total,
      };
    }
    case 'update': {
      const counts = countDelta(countDelta(state.counts, change.before, -1), change.after, 1);
      const index = state.items.findIndex((task) => task.id === change.before.id);
      const stillVisible = fitsStatus(change.after, query.status);
      if (index === -1) {
        // Not on this page: it appears only if it now matches (e.g. undoing a filter-out).
        if (!stillVisible) return { ...state, counts };
        const items = [...state.items];
        items.splice(Math.min(change.index ?? 0, items.length), 0, change.after);
        return { ...state, counts, items, total: state.total + 1 };
      }
      if (!stillVisible) {
        return {
          ...state,
          counts,
          items: state.items.filter((_, i) => i !== index),
          total: Math.max(0, state.total - 1),
        };
      }
      const items = [...state.items];
      items[index] = change.after;
      return { ...state, counts, items };
    }
  }
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'load':
      return { ...state, phase: state.phase === 'ready' ? 'ready' : 'loading', error: null };
    case 'loaded':
      return {
        ...state,
        phase: 'ready',
        items: action.list.items,
        total: action.list.total,
        nextCursor: action.list.next_cursor,
        counts: action.counts,
        error: null,
      };
    case 'failed':
      return { ...state, phase: 'error', error: action.message };
    case 'apply':
      return applyChange(state, action.change, action.query);
    case 'revert':
      return {
        ...applyChange(state, inverse(action.change), action.query),
        notice: { tone: 'error', message: action.message },
      };
    case 'confirm':
      return {
        ...state,
        items: state.items.map((task) => (task.id === action.id ? action.task : task)),
      };
    case 'notice':
      return { ...state, notice: action.notice };
  }
}

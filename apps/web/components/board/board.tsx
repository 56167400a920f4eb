'use client';

import type { TCreateTaskRequest, TTask, TUpdateTaskRequest } from '@todo/contracts';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { TASKS_CHANGED_EVENT, tasksApi } from '@/lib/api';
import { boardReducer, initialBoardState, type TaskChange } from '@/lib/board-state';
import {
  apiListSearch,
  type BoardQuery,
  boardSearch,
  parseBoardQuery,
  withChange,
} from '@/lib/task-query';
import { BoardToolbar } from './board-toolbar';
import { CreateTaskForm } from './create-task-form';
import { NoticeBar } from './notice-bar';
import { TaskItem } from './task-item';

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong';

/** The task board: state lives in the URL (filters) and in a reducer (the page of tasks). */
export function Board() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => parseBoardQuery(searchParams), [searchParams]);
  const queryRef = useRef(query);
  queryRef.current = query;
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  const [now, setNow] = useState(() => new Date());
  const loadSeq = useRef(0);

  const load = useCallback(async (current: BoardQuery) => {
    const seq = ++loadSeq.current;
    dispatch({ type: 'load' });
    try {
      // One request: the page and the per-status counts (from the API's kept counters).
      const list = await tasksApi.list(apiListSearch(current));
      if (seq !== loadSeq.current) return;
      setNow(new Date());
      dispatch({ type: 'loaded', list, counts: list.counts });
    } catch (error) {
      if (seq === loadSeq.current) dispatch({ type: 'failed', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void load(query);
  }, [load, query]);

  useEffect(() => {
    const reload = () => void load(queryRef.current);
    window.addEventListener(TASKS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(TASKS_CHANGED_EVENT, reload);
  }, [load]);

  const navigate = useCallback(
    (change: Partial<BoardQuery>, mode: 'push' | 'replace' = 'push') => {
      const href = `${pathname}${boardSearch(withChange(queryRef.current, change))}`;
      router[mode](href, { scroll: false });
    },
    [pathname, router],
  );

  const indexOf = (task: TTask) => state.items.findIndex((item) => item.id === task.id);

  /** Applies a change at once, sends it, and undoes it with a visible message if it fails. */
  async function optimistic<T>(change: TaskChange, send: () => Promise<T>, failure: string) {
    const current = queryRef.current;
    dispatch({ type: 'apply', change, query: current });
    try {
      return await send();
    } catch (error) {
      dispatch({
        type: 'revert',
        change,
        query: current,
        message: `${failure}: ${messageOf(error)}`,
      });
      throw error;
    }
  }

  async function createTask(input: TCreateTaskRequest) {
    const tempId = -Date.now();
    const stamp = new Date().toISOString();
    const draft: TTask = {
      id: tempId,
      list_id: input.list_id ?? 0,
      parent_id: input.parent_id ?? null,
      title: input.title.trim(),
      description: input.description ?? null,
      completed: false,
      priority: input.priority ?? 'medium',
      due_date: input.due_date ?? null,
      due_at: input.due_at ?? null,
      recurrence: input.recurrence ?? null,
      recurrence_from: input.recurrence_from ?? 'due',
      recurrence_text: null,
      subtask_count: 0,
      subtasks_done: 0,
      tags: [...new Set((input.tags ?? []).map((tag) => tag.toLowerCase()))],
      created_at: stamp,
      updated_at: stamp,
      completed_at: null,
    };
    const task = await optimistic(
      { kind: 'add', task: draft },
      () => tasksApi.create(input),
      'Could not add the task',
    );
    dispatch({ type: 'confirm', id: tempId, task });
    dispatch({ type: 'notice', notice: { tone: 'info', message: `Added “${task.title}”` } });
    return task;
  }

  async function toggle(task: TTask) {
    if (task.id < 0) return;
    const completed = !task.completed;
    const after: TTask = {
      ...task,
      completed,
      completed_at: completed ? new Date().toISOString() : null,
    };
    try {
      const saved = await optimistic(
        { kind: 'update', before: task, after, index: indexOf(task) },
        () => tasksApi.update(task.id, { completed }),
        completed ? 'Could not complete the task' : 'Could not reopen the task',
      );
      dispatch({ type: 'confirm', id: task.id, task: saved });
    } catch {
      // the reducer already rolled back and shows the message
    }
  }

  async function save(task: TTask, patch: TUpdateTaskRequest) {
    const after: TTask = {
      ...task,
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.priority ? { priority: patch.priority } : {}),
      ...(patch.due_date !== undefined ? { due_date: patch.due_date, due_at: null } : {}),
      ...(patch.tags ? { tags: patch.tags.map((tag) => tag.toLowerCase()) } : {}),
    };
    const saved = await optimistic(
      { kind: 'update', before: task, after, index: indexOf(task) },
      () => tasksApi.update(task.id, patch),
      'Could not save your changes',
    );
    dispatch({ type: 'confirm', id: task.id, task: saved });
  }

  async function remove(task: TTask) {
    if (task.id < 0) return;
    const index = indexOf(task);
    try {
      await optimistic(
        { kind: 'remove', task, index },
        () => tasksApi.remove(task.id),
        'Could not delete the task',
      );
      dispatch({
        type: 'notice',
        notice: { tone: 'info', message: `Deleted “${task.title}”`, undo: task },
      });
    } catch {
      // rolled back
    }
  }

  /** Undo of a delete: the API hands back the deleted task, so it is created again. */
  async function undoDelete(task: TTask) {
    dispatch({ type: 'notice', notice: null });
    try {
      let restored = await tasksApi.create({
        title: task.title,
        description: task.description,
        priority: task.priority,
        list_id: task.list_id,
        due_date: task.due_date,
        due_at: task.due_at,
        recurrence: task.recurrence,
        recurrence_from: task.recurrence_from,
        tags: task.tags,
      });
      if (task.completed) restored = await tasksApi.update(restored.id, { completed: true });
      dispatch({ type: 'apply', change: { kind: 'add', task: restored }, query: queryRef.current });
      dispatch({ type: 'notice', notice: { tone: 'info', message: `Restored “${task.title}”` } });
    } catch (error) {
      dispatch({
        type: 'notice',
        notice: { tone: 'error', message: `Could not restore the task: ${messageOf(error)}` },
      });
    }
  }

  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), []);
  const hasFilters = Boolean(query.priority || query.tag || query.q || query.status !== 'all');

  return (
    <div className="flex flex-col gap-4">
      <CreateTaskForm onCreate={createTask} />
      <section aria-labelledby="tasks-heading" className="flex flex-col gap-3">
        <h2 id="tasks-heading" className="sr-only">
          Tasks
        </h2>
        <BoardToolbar query={query} counts={state.counts} onChange={navigate} />
        {state.phase === 'loading' ? (
          <ul
            aria-busy="true"
            aria-label="Loading tasks"
            className="flex flex-col gap-2"
            data-testid="board-loading"
          >
            {[0, 1, 2].map((row) => (
              <li key={row} className="card h-16 animate-pulse bg-slate-100 dark:bg-slate-800" />
            ))}
          </ul>
        ) : state.phase === 'error' ? (
          <div
            role="alert"
            className="card flex flex-col items-start gap-3 p-4"
            data-testid="board-error"
          >
            <p className="font-medium">Your tasks could not be loaded.</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">{state.error}</p>
            <button type="button" className="btn-secondary" onClick={() => void load(query)}>
              Try again
            </button>
          </div>
        ) : state.items.length === 0 ? (
          <div className="card flex flex-col items-start gap-3 p-6" data-testid="board-empty">
            {hasFilters ? (
              <>
                <p className="font-medium">No tasks match these filters.</p>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => router.push(pathname, { scroll: false })}
                >
                  Clear filters
                </button>
              </>
            ) : (
              <>
                <p className="font-medium">No tasks yet.</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Add your first task above, or ask the assistant.
                </p>
              </>
            )}
          </div>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="task-list">
            {state.items.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                now={now}
                onToggle={toggle}
                onSave={save}
                onDelete={remove}
                onTag={(tag) => navigate({ tag })}
              />
            ))}
          </ul>
        )}
        {state.phase === 'ready' && (state.items.length > 0 || query.cursor) ? (
          <nav
            aria-label="Pages"
            className="flex flex-wrap items-center justify-between gap-2 text-sm"
          >
            <span className="text-slate-600 dark:text-slate-400" data-testid="board-range">
              {state.items.length} shown of {state.total}
            </span>
            <span className="flex gap-2">
              {query.cursor ? (
                <button type="button" className="btn-secondary" onClick={() => navigate({})}>
                  First page
                </button>
              ) : null}
              {state.nextCursor ? (
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => navigate({ cursor: state.nextCursor ?? undefined })}
                  data-testid="next-page"
                >
                  Next page
                </button>
              ) : null}
            </span>
          </nav>
        ) : null}
      </section>
      <NoticeBar
        notice={state.notice}
        onUndo={(task) => void undoDelete(task)}
        onDismiss={dismissNotice}
      />
    </div>
  );
}

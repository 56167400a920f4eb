'use client';

import type { TCreateTaskRequest, TList, TTask, TUpdateTaskRequest } from '@todo/contracts';
import dynamic from 'next/dynamic';
import { usePathname, useSearchParams } from 'next/navigation';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { activityApi, listsApi, meApi, TASKS_CHANGED_EVENT, tasksApi } from '@/lib/api';
import { boardReducer, initialBoardState, type TaskChange } from '@/lib/board-state';
import { dueLabel, groupByDueDay } from '@/lib/due';
import { useErrorText } from '@/lib/error-text';
import {
  apiListSearch,
  type BoardQuery,
  boardSearch,
  hasContentFilters,
  parseBoardQuery,
  withChange,
} from '@/lib/task-query';
import { showInUrl } from '@/lib/url-state';
import { useHydratedMark } from '@/lib/use-hydrated';
import type { BoardData } from '@/lib/use-view-data';
import { BoardToolbar } from './board-toolbar';
import type { BulkAction } from './bulk-bar';
import { EmptyState } from './empty-state';
import { NoticeBar } from './notice-bar';
import { QuickAddShell } from './quick-add-shell';
import { ShortcutsHelp, useBoardShortcuts } from './shortcuts';
import { TaskItem } from './task-item';

// The sidebar waits for the lists and the quick-add line for the user's time zone (its chips
// show dues in it), so their code loads after the page, not with it (ADR 012: ≤ 150 kB gzip).
// Until then each holds its place (the sidebar's grid column, the line's boxes), so nothing moves.
const Sidebar = dynamic(() => import('./sidebar'), {
  ssr: false,
  loading: () => (
    <>
      <div className="min-h-9 md:hidden" aria-hidden="true" />
      <div className="hidden md:block" aria-hidden="true" />
    </>
  ),
});
const quickAddPlaceholder = <QuickAddShell />;
const QuickAdd = dynamic(() => import('./quick-add'), {
  ssr: false,
  loading: () => quickAddPlaceholder,
});

// The bulk bar is shown only while selecting: it loads then.
const BulkBar = dynamic(() => import('./bulk-bar').then((module) => module.BulkBar), {
  ssr: false,
});

/**
 * The task board: state lives in the URL (filters, list, smart view) and in a reducer (the page
 * of tasks). It asks the server once per load and shows what it answers; dates are read in the
 * user's time zone from /api/v1/me.
 */
export function Board({ initial }: { initial: BoardData | null }) {
  const t = useTranslations('board');
  const locale = useLocale();
  const failure = useErrorText();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parseBoardQuery(searchParams), [searchParams]);
  const queryRef = useRef(query);
  queryRef.current = query;
  const [state, dispatch] = useReducer(boardReducer, initial?.page, (page) =>
    page
      ? boardReducer(initialBoardState, {
          type: 'loaded',
          list: page.list,
          counts: page.list.counts,
        })
      : initialBoardState,
  );
  // The page of tasks that came with the HTML: its first load is not asked for again.
  const servedSearch = useRef(initial?.page?.search);
  const needsReading = initial === null;
  const hydratedMark = useHydratedMark();
  const [now, setNow] = useState(() => new Date());
  const [lists, setLists] = useState<TList[] | null>(initial?.lists ?? null);
  const [zone, setZone] = useState<string | null>(initial?.me.time_zone ?? null);
  const loadSeq = useRef(0);
  const failureRef = useRef(failure);
  failureRef.current = failure;
  const [selected, setSelected] = useState<Set<number> | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  const refreshLists = useCallback(() => {
    listsApi
      .list()
      .then((collection) => setLists(collection.items))
      .catch(() => {
        // The sidebar keeps its last lists; the board itself reports load errors.
      });
  }, []);

  useEffect(() => {
    if (!needsReading) return;
    refreshLists();
    meApi
      .get()
      .then((me) => setZone(me.time_zone))
      .catch((error) => dispatch({ type: 'failed', message: failureRef.current(error) }));
  }, [needsReading, refreshLists]);

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
      if (seq === loadSeq.current) {
        dispatch({ type: 'failed', message: failureRef.current(error) });
      }
    }
  }, []);

  useEffect(() => {
    if (servedSearch.current === apiListSearch(query)) {
      servedSearch.current = undefined;
      return;
    }
    void load(query);
  }, [load, query]);

  useEffect(() => {
    const reload = () => {
      void load(queryRef.current);
      refreshLists();
    };
    window.addEventListener(TASKS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(TASKS_CHANGED_EVENT, reload);
  }, [load, refreshLists]);

  /** After a saved change: list counts follow; under a server-side filter the page is reloaded. */
  const settle = useCallback(() => {
    refreshLists();
    if (hasContentFilters(queryRef.current)) void load(queryRef.current);
  }, [load, refreshLists]);

  const navigate = useCallback(
    (change: Partial<BoardQuery>, mode: 'push' | 'replace' = 'push') => {
      const href = `${pathname}${boardSearch(withChange(queryRef.current, change))}`;
      showInUrl(href, mode);
    },
    [pathname],
  );

  const indexOf = (task: TTask) => state.items.findIndex((item) => item.id === task.id);

  /** Applies a change at once, sends it, and undoes it with a visible message if it fails. */
  async function optimistic<T>(change: TaskChange, send: () => Promise<T>, what: string) {
    const current = queryRef.current;
    dispatch({ type: 'apply', change, query: current });
    try {
      return await send();
    } catch (error) {
      dispatch({
        type: 'revert',
        change,
        query: current,
        message: t('failed', { what, error: failure(error) }),
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
      kanban_column: null,
      tags: input.tags ?? [],
      created_at: stamp,
      updated_at: stamp,
      completed_at: null,
    };
    const task = await optimistic(
      { kind: 'add', task: draft },
      () => tasksApi.create(input),
      t('couldNotAdd'),
    );
    dispatch({ type: 'confirm', id: tempId, task });
    dispatch({
      type: 'notice',
      notice: { tone: 'info', message: t('added', { title: task.title }) },
    });
    settle();
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
      const { next_task: next, ...saved } = await optimistic(
        { kind: 'update', before: task, after, index: indexOf(task) },
        () => tasksApi.update(task.id, { completed }),
        completed ? t('couldNotComplete') : t('couldNotReopen'),
      );
      dispatch({ type: 'confirm', id: task.id, task: saved });
      if (next) {
        // A repeating task: the server made the next occurrence; show it and say when it is due.
        dispatch({ type: 'apply', change: { kind: 'add', task: next }, query: queryRef.current });
        const message =
          zone && (next.due_date || next.due_at)
            ? t('nextCreatedDue', {
                title: next.title,
                due: dueLabel(next, zone, new Date(), locale),
              })
            : t('nextCreated', { title: next.title });
        dispatch({ type: 'notice', notice: { tone: 'info', message } });
      }
      settle();
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
      ...(patch.tags ? { tags: patch.tags } : {}),
    };
    const { next_task: _next, ...saved } = await optimistic(
      { kind: 'update', before: task, after, index: indexOf(task) },
      () => tasksApi.update(task.id, patch),
      t('couldNotSave'),
    );
    dispatch({ type: 'confirm', id: task.id, task: saved });
    settle();
  }

  async function remove(task: TTask) {
    if (task.id < 0) return;
    const subtasks = task.subtask_count;
    // Its subtasks go with it: say so first (undo brings them back too).
    if (
      subtasks > 0 &&
      !window.confirm(t('confirmDeleteWithSubtasks', { title: task.title, count: subtasks }))
    ) {
      return;
    }
    const index = indexOf(task);
    try {
      await optimistic(
        { kind: 'remove', task, index },
        () => tasksApi.remove(task.id),
        t('couldNotDelete'),
      );
      dispatch({
        type: 'notice',
        notice: {
          tone: 'info',
          message:
            subtasks > 0
              ? t('deletedWithSubtasks', { title: task.title, count: subtasks })
              : t('deleted', { title: task.title }),
          undo: () => void undoDelete(task),
        },
      });
      settle();
    } catch {
      // rolled back
    }
  }

  /** Undo of a delete: deletes are soft, so the server puts the task back as it was. */
  async function undoDelete(task: TTask) {
    dispatch({ type: 'notice', notice: null });
    try {
      await activityApi.undoLatestOf(task.id);
      dispatch({
        type: 'notice',
        notice: { tone: 'info', message: t('restored', { title: task.title }) },
      });
      void load(queryRef.current);
      refreshLists();
    } catch (error) {
      dispatch({
        type: 'notice',
        notice: { tone: 'error', message: t('couldNotRestore', { error: failure(error) }) },
      });
    }
  }

  /** Undo of a bulk change: the server takes back the whole batch, subtasks and all. */
  async function undoBulk(batchId: string, what: string) {
    dispatch({ type: 'notice', notice: null });
    try {
      await activityApi.undo(batchId);
      dispatch({ type: 'notice', notice: { tone: 'info', message: t('undone', { what }) } });
    } catch (error) {
      dispatch({
        type: 'notice',
        notice: { tone: 'error', message: t('couldNotUndo', { error: failure(error) }) },
      });
    }
    void load(queryRef.current);
    refreshLists();
  }

  /** A bulk action on the selection: one request, then the page is read again. */
  async function bulk(choice: BulkAction) {
    const chosen = state.items.filter((task) => selected?.has(task.id) && task.id > 0);
    if (chosen.length === 0) return;
    setBulkBusy(true);
    try {
      const { batchId } = await tasksApi.batch({
        action: choice.action,
        ids: chosen.map((task) => task.id),
        ...(choice.action === 'move' ? { list_id: choice.listId } : {}),
      });
      const counted = { action: choice.action, count: chosen.length };
      dispatch({
        type: 'notice',
        notice: {
          tone: 'info',
          message: t('bulkDone', counted),
          undo: () => void undoBulk(batchId, t('bulkUndoWhat', counted)),
        },
      });
      setSelected(new Set());
    } catch (error) {
      dispatch({ type: 'notice', notice: { tone: 'error', message: failure(error) } });
    } finally {
      setBulkBusy(false);
      void load(queryRef.current);
      refreshLists();
    }
  }

  useBoardShortcuts((key) => {
    const inbox = lists?.find((list) => list.is_inbox);
    if (key === 'g>a') navigate({ list: undefined, due: undefined });
    else if (key === 'g>i') navigate({ list: inbox?.id, due: undefined });
    else {
      const due = ({ 'g>t': 'today', 'g>u': 'upcoming', 'g>o': 'overdue' } as const)[key];
      navigate({ list: undefined, due, sort: 'due', order: 'asc' });
    }
  });

  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), []);
  const onParentChanged = useCallback((task: TTask) => {
    dispatch({ type: 'confirm', id: task.id, task });
  }, []);
  const listName = lists?.find((list) => list.id === query.list)?.name;
  const viewName = query.due ? t(query.due) : query.list ? (listName ?? t('list')) : t('allTasks');

  return (
    <div
      className="grid grid-cols-1 gap-4 md:grid-cols-[13rem_minmax(0,1fr)]"
      data-testid="board"
      ref={hydratedMark}
    >
      <Sidebar
        lists={lists}
        query={query}
        // A smart view reads best in due order, cut by day; the sort stays the user's to change.
        onSelect={(change) =>
          navigate(
            change.due
              ? { list: change.list, due: change.due, sort: 'due', order: 'asc' }
              : { list: change.list, due: change.due },
          )
        }
        onListsChanged={(deleted) => {
          refreshLists();
          if (deleted !== undefined && queryRef.current.list === deleted)
            navigate({ list: undefined });
          else void load(queryRef.current);
        }}
      />
      <div className="flex min-w-0 flex-col gap-4">
        {zone ? (
          <QuickAdd zone={zone} now={now} listId={query.list} onCreate={createTask} />
        ) : (
          quickAddPlaceholder
        )}
        <section aria-labelledby="tasks-heading" className="flex flex-col gap-3">
          <h2 id="tasks-heading" className="text-base font-semibold" data-testid="view-name">
            {viewName}
          </h2>
          <BoardToolbar query={query} counts={state.counts} onChange={navigate} />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <button
              type="button"
              className="btn-secondary"
              aria-pressed={selected !== null}
              onClick={() => setSelected(selected ? null : new Set())}
              data-testid="select-mode"
            >
              {t('selectTasks')}
            </button>
            <ShortcutsHelp />
          </div>
          {selected ? (
            <BulkBar
              count={selected.size}
              pageCount={state.items.filter((task) => task.id > 0).length}
              lists={lists}
              busy={bulkBusy}
              onSelectPage={() =>
                setSelected(new Set(state.items.filter((t) => t.id > 0).map((t) => t.id)))
              }
              onClear={() => setSelected(new Set())}
              onAction={(choice) => void bulk(choice)}
              onClose={() => setSelected(null)}
            />
          ) : null}
          {state.phase === 'error' ? (
            <div
              role="alert"
              className="card flex flex-col items-start gap-3 p-4"
              data-testid="board-error"
            >
              <p className="font-medium">{t('loadFailed')}</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">{state.error}</p>
              <button type="button" className="btn-secondary" onClick={() => void load(query)}>
                {t('tryAgain')}
              </button>
            </div>
          ) : state.phase === 'loading' || !zone ? (
            <ul
              aria-busy="true"
              aria-label={t('loadingTasks')}
              className="flex flex-col gap-2"
              data-testid="board-loading"
            >
              {[0, 1, 2].map((row) => (
                <li key={row} className="card h-16 animate-pulse bg-slate-100 dark:bg-slate-800" />
              ))}
            </ul>
          ) : state.items.length === 0 ? (
            <EmptyState
              query={query}
              listName={listName}
              onClearFilters={() => showInUrl(pathname)}
            />
          ) : (
            <TaskList
              tasks={state.items}
              groupByDay={query.sort === 'due' ? query.order : null}
              renderTask={(task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  now={now}
                  zone={zone}
                  onParentChanged={onParentChanged}
                  onToggle={toggle}
                  onSave={save}
                  onDelete={remove}
                  onTag={(tag) => navigate({ tag })}
                  selection={
                    selected && task.id > 0
                      ? {
                          selected: selected.has(task.id),
                          onChange: (on) => {
                            const next = new Set(selected);
                            if (on) next.add(task.id);
                            else next.delete(task.id);
                            setSelected(next);
                          },
                        }
                      : undefined
                  }
                />
              )}
              zone={zone}
              now={now}
            />
          )}
          {state.phase === 'ready' && (state.items.length > 0 || query.cursor) ? (
            <nav
              aria-label={t('pages')}
              className="flex flex-wrap items-center justify-between gap-2 text-sm"
            >
              <span className="text-slate-600 dark:text-slate-400" data-testid="board-range">
                {t('shownOf', { shown: state.items.length, total: state.total })}
              </span>
              <span className="flex gap-2">
                {query.cursor ? (
                  <button type="button" className="btn-secondary" onClick={() => navigate({})}>
                    {t('firstPage')}
                  </button>
                ) : null}
                {state.nextCursor ? (
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => navigate({ cursor: state.nextCursor ?? undefined })}
                    data-testid="next-page"
                  >
                    {t('nextPage')}
                  </button>
                ) : null}
              </span>
            </nav>
          ) : null}
        </section>
      </div>
      <NoticeBar notice={state.notice} onDismiss={dismissNotice} />
    </div>
  );
}

/** The page's rows; in due order they are cut into one headed group per day (user's zone). */
function TaskList({
  tasks,
  groupByDay,
  renderTask,
  zone,
  now,
}: {
  tasks: TTask[];
  /** The due order to group in, or null for a flat list. */
  groupByDay: 'asc' | 'desc' | null;
  renderTask: (task: TTask) => ReactNode;
  zone: string;
  now: Date;
}) {
  const t = useTranslations('board');
  const locale = useLocale();
  if (!groupByDay) {
    return (
      <ul className="flex flex-col gap-2" data-testid="task-list">
        {tasks.map(renderTask)}
      </ul>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="task-list">
      {groupByDueDay(tasks, zone, now, groupByDay, locale, {
        yesterday: t('yesterday'),
        today: t('today'),
        tomorrow: t('tomorrow'),
        none: t('noDate'),
      }).map((group) => (
        <section
          key={group.day || 'none'}
          aria-labelledby={`day-${group.day || 'none'}`}
          data-testid="day-group"
        >
          <h3
            id={`day-${group.day || 'none'}`}
            className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300"
          >
            {group.heading}
          </h3>
          <ul className="flex flex-col gap-2">{group.tasks.map(renderTask)}</ul>
        </section>
      ))}
    </div>
  );
}

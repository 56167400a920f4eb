'use client';

import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { TList, TTask } from '@todo/contracts';
import { usePathname, useSearchParams } from 'next/navigation';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { listsApi, tasksApi } from '@/lib/api';
import { jumpToNearestTarget } from '@/lib/dnd-keyboard';
import { dueLabel } from '@/lib/due';
import { useErrorText } from '@/lib/error-text';
import { applyPatch, columnKeyOf, columnsOf, type KanbanColumn } from '@/lib/kanban-columns';
import { showInUrl } from '@/lib/url-state';
import { useHydratedMark } from '@/lib/use-hydrated';
import { type KanbanData, useViewData } from '@/lib/use-view-data';
import {
  KANBAN_GROUPS,
  KANBAN_LIMIT,
  type KanbanGroup,
  kanbanTasksSearch,
  parseKanbanQuery,
  searchOf,
} from '@/lib/view-query';
import { AlertText } from '../alert-text';

const GROUP_NAMES = {
  status: 'groupStatus',
  priority: 'groupPriority',
  custom: 'groupCustom',
} as const satisfies Record<KanbanGroup, string>;

function Card({ task, zone, now }: { task: TTask; zone: string; now: Date }) {
  const t = useTranslations('kanban');
  const locale = useLocale();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: task.id,
    data: { title: task.title },
  });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` }
    : undefined;
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        style={style}
        {...listeners}
        {...attributes}
        className={`card relative block w-full cursor-grab touch-none p-3 text-start text-sm ${isDragging ? 'z-10 shadow-lg ring-2 ring-blue-600' : ''}`}
        data-testid="kanban-card"
        data-task-id={task.id}
      >
        <span className={`block font-medium ${task.completed ? 'line-through' : ''}`}>
          {task.title}
        </span>
        <span className="mt-1 flex flex-wrap gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span>{t('priority', { priority: t('priorityWord', { priority: task.priority }) })}</span>
          {task.due_date || task.due_at ? (
            <span>{t('due', { due: dueLabel(task, zone, now, locale) })}</span>
          ) : null}
          {task.completed ? <span>{t('done')}</span> : null}
        </span>
      </button>
    </li>
  );
}

function Column({
  column,
  tasks,
  zone,
  now,
}: {
  column: KanbanColumn;
  tasks: TTask[];
  zone: string;
  now: Date;
}) {
  const t = useTranslations('kanban');
  const { setNodeRef, isOver } = useDroppable({ id: column.key, data: { name: column.name } });
  const headingId = `kanban-${column.key.replace(/\W+/g, '-')}-heading`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={`flex min-h-48 w-64 shrink-0 flex-col gap-2 rounded-lg border p-2 ${isOver ? 'border-blue-600 bg-blue-50 dark:bg-slate-800' : 'border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-900/50'}`}
      data-testid="kanban-column"
      data-column={column.key}
    >
      <h2 id={headingId} className="flex justify-between px-1 text-sm font-semibold">
        <span>{column.name}</span>
        <span data-testid="kanban-column-count">
          {tasks.length}
          <span className="sr-only">{t('tasksSuffix')}</span>
        </span>
      </h2>
      <ul className="flex flex-col gap-2">
        {tasks.map((task) => (
          <Card key={task.id} task={task} zone={zone} now={now} />
        ))}
      </ul>
    </section>
  );
}

function ColumnsEditor({ list, onSaved }: { list: TList; onSaved: (list: TList) => void }) {
  const t = useTranslations('kanban');
  const messageOf = useErrorText();
  const [text, setText] = useState(list.kanban_columns.join(', '));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(list.kanban_columns.join(', ')), [list]);
  async function save(event: FormEvent) {
    event.preventDefault();
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    try {
      onSaved(await listsApi.update(list.id, { kanban_columns: names }));
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }
  return (
    <form
      onSubmit={save}
      className="flex flex-wrap items-end gap-2"
      data-testid="kanban-columns-form"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor="kanban-columns" className="label">
          {t('columnsOf', { name: list.name })}
        </label>
        <input
          id="kanban-columns"
          className="input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('columnsPlaceholder')}
          dir="auto"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'kanban-columns-error' : undefined}
        />
      </div>
      <button type="submit" className="btn-secondary">
        {t('saveColumns')}
      </button>
      <AlertText id="kanban-columns-error" message={error} />
    </form>
  );
}

/**
 * The Kanban of one list: columns by status, priority or the list's own columns (the choice and
 * the list live in the URL). Cards move by mouse, touch or keyboard (dnd-kit; Space picks up,
 * arrows move a column, Space drops, Escape cancels, each step announced); a move shows at once
 * and is undone, with the server's message, when the PATCH fails.
 */
export function Kanban({ initial }: { initial: KanbanData | null }) {
  const t = useTranslations('kanban');
  const messageOf = useErrorText();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parseKanbanQuery(searchParams), [searchParams]);
  const { me, lists, setLists, error, setError } = useViewData(initial);
  const hydratedMark = useHydratedMark();
  const zone = me?.time_zone ?? null;
  const [tasks, setTasks] = useState<TTask[] | null>(initial?.cards?.page.items ?? null);
  const [more, setMore] = useState(initial?.cards?.page.next_cursor != null);
  // The list whose cards came with the page: its first load is not asked for again.
  const servedList = useRef(initial?.cards?.listId);
  const [now, setNow] = useState(() => new Date());

  const list =
    lists?.find((item) => item.id === query.list) ?? lists?.find((item) => item.is_inbox);
  const group: KanbanGroup = query.group ?? (list?.kanban_columns.length ? 'custom' : 'status');
  // Status and priority columns are named in the user's language; a list's own keep their names.
  const columns = useMemo(
    () =>
      (list ? columnsOf(group, list) : []).map((column) => ({
        ...column,
        name:
          group === 'status'
            ? t(column.key === 'done' ? 'done' : 'open')
            : group === 'priority'
              ? t('priorityName', { priority: column.key })
              : column.name,
      })),
    [group, list, t],
  );

  const listId = list?.id;
  const load = useCallback(async (id: number) => {
    const page = await tasksApi.list(kanbanTasksSearch(id));
    setTasks(page.items);
    setMore(page.next_cursor !== null);
    setNow(new Date());
  }, []);

  useEffect(() => {
    if (listId === undefined) return;
    if (servedList.current === listId) {
      servedList.current = undefined;
      return;
    }
    setTasks(null);
    load(listId).catch((caught) => setError(messageOf(caught)));
  }, [listId, load, setError, messageOf]);

  const navigate = (change: { list?: number; group?: KanbanGroup }) => {
    const next = { list: list?.id, group: query.group, ...change };
    showInUrl(`${pathname}${searchOf(next)}`);
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpToNearestTarget }),
  );

  const columnName = (id: unknown) => columns.find((column) => column.key === id)?.name ?? '';
  const titleOf = (id: unknown) => tasks?.find((task) => task.id === id)?.title ?? t('theTask');
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('pickedUp', { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('over', { title: titleOf(active.id), column: columnName(over.id) })
        : t('overNone', { title: titleOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('movedTo', { title: titleOf(active.id), column: columnName(over.id) })
        : t('droppedBack', { title: titleOf(active.id) }),
    onDragCancel: ({ active }) => t('cancelled', { title: titleOf(active.id) }),
  };

  async function onDragEnd({ active, over }: DragEndEvent) {
    const task = tasks?.find((item) => item.id === active.id);
    const column = columns.find((item) => item.key === over?.id);
    if (!task || !column || columnKeyOf(group, task, columns) === column.key) return;
    const moved = applyPatch(task, column.patch);
    setTasks((current) => current?.map((item) => (item.id === task.id ? moved : item)) ?? null);
    setError(null);
    try {
      const saved = await tasksApi.update(task.id, column.patch);
      setTasks(
        (current) => current?.map((item) => (item.id === task.id ? { ...saved } : item)) ?? null,
      );
      // Completing a repeating task made its next occurrence: show it.
      if (saved.next_task && listId !== undefined) await load(listId);
    } catch (caught) {
      setTasks((current) => current?.map((item) => (item.id === task.id ? task : item)) ?? null);
      setError(
        t('couldNotMove', { title: task.title, column: column.name, error: messageOf(caught) }),
      );
    }
  }

  if (!lists || !list || !zone) {
    return (
      <>
        <AlertText message={error} />
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('loading')}</p>
      </>
    );
  }

  return (
    <div className="flex flex-col gap-4" data-testid="kanban" ref={hydratedMark}>
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="kanban-list" className="label">
            {t('list')}
          </label>
          <select
            id="kanban-list"
            className="input"
            value={list.id}
            onChange={(event) => navigate({ list: Number(event.target.value) })}
          >
            {lists.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="flex flex-wrap gap-1">
          <legend className="label">{t('columnsBy')}</legend>
          {KANBAN_GROUPS.map((value) => (
            <label
              key={value}
              className="btn-secondary has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-600 has-[:checked]:bg-slate-900 has-[:checked]:text-white dark:has-[:checked]:bg-slate-100 dark:has-[:checked]:text-slate-900"
            >
              <input
                type="radio"
                name="kanban-group"
                className="sr-only"
                value={value}
                checked={group === value}
                onChange={() => navigate({ group: value })}
              />
              {t(GROUP_NAMES[value])}
            </label>
          ))}
        </fieldset>
      </div>
      {group === 'custom' ? (
        <ColumnsEditor
          list={list}
          onSaved={(saved) => {
            setLists(
              (current) => current?.map((item) => (item.id === saved.id ? saved : item)) ?? null,
            );
            void load(saved.id);
          }}
        />
      ) : null}
      <AlertText message={error} />
      {more ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('showingFirst', { limit: KANBAN_LIMIT, name: list.name })}
        </p>
      ) : null}
      {tasks === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('loading')}</p>
      ) : columns.length === 0 ? (
        <p className="text-sm" data-testid="kanban-empty">
          {t('noColumns', { name: list.name })}
        </p>
      ) : (
        <DndContext
          sensors={sensors}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable: t('instructions'),
            },
          }}
        >
          <div className="flex gap-3 overflow-x-auto pb-2" data-testid="kanban-columns">
            {columns.map((column) => (
              <Column
                key={column.key}
                column={column}
                tasks={tasks.filter((task) => columnKeyOf(group, task, columns) === column.key)}
                zone={zone}
                now={now}
              />
            ))}
          </div>
        </DndContext>
      )}
    </div>
  );
}

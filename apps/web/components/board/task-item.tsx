'use client';

import type { TTask, TUpdateTaskRequest } from '@todo/contracts';
import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { dueInfo } from '@/lib/due';
import { useRowShortcuts } from './shortcuts';

// The editor and the subtasks load when a row asks for them, not with the board (ADR 012).
const TaskEditor = dynamic(() => import('./task-editor'), { ssr: false });
const Subtasks = dynamic(() => import('./subtasks'), { ssr: false });

const PRIORITY_STYLE: Record<TTask['priority'], string> = {
  high: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  medium: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  low: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

const DUE_STYLE = {
  overdue: 'text-red-700 dark:text-red-300 font-medium',
  today: 'text-amber-800 dark:text-amber-300 font-medium',
  upcoming: 'text-slate-600 dark:text-slate-400',
};

export function TaskItem({
  task,
  now,
  zone,
  onToggle,
  onSave,
  onDelete,
  onTag,
  onParentChanged,
  selection,
}: {
  task: TTask;
  now: Date;
  /** The user's time zone: every day and time on the row is read in it. */
  zone: string;
  onToggle: (task: TTask) => void;
  onSave: (task: TTask, patch: TUpdateTaskRequest) => Promise<unknown>;
  onDelete: (task: TTask) => void;
  onTag: (tag: string) => void;
  onParentChanged: (task: TTask) => void;
  /** Present while the board is selecting tasks for a bulk action. */
  selection?: { selected: boolean; onChange: (selected: boolean) => void };
}) {
  const t = useTranslations('task');
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const due = dueInfo(task, task.completed, now, zone, locale);
  const prefix = `task-${task.id}`;
  const row = useRowShortcuts<HTMLLIElement>((key) => {
    if (task.id < 0) return;
    if (key === 'x') onToggle(task);
    else if (key === 'e') setEditing(true);
    else onDelete(task);
  });

  function stopEditing() {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  if (editing) {
    return (
      <li className="card p-3" data-testid="task-item" data-task-id={task.id} data-editing="true">
        <TaskEditor task={task} zone={zone} onSave={onSave} onDone={stopEditing} />
      </li>
    );
  }

  return (
    <li
      ref={row}
      // Focusable from the keyboard shortcuts (j / k), not a tab stop of its own.
      tabIndex={-1}
      className="card flex flex-wrap items-start gap-x-3 gap-y-2 p-3"
      data-testid="task-item"
      data-task-id={task.id}
      data-completed={task.completed}
      data-priority={task.priority}
    >
      {selection ? (
        <input
          id={`${prefix}-select`}
          type="checkbox"
          className="mt-1 size-5 shrink-0"
          checked={selection.selected}
          onChange={(event) => selection.onChange(event.target.checked)}
          aria-label={t('select', { title: task.title })}
          data-testid="task-select"
        />
      ) : null}
      <input
        id={`${prefix}-done`}
        type="checkbox"
        className="mt-1 size-5 shrink-0 accent-blue-700 dark:accent-sky-400"
        checked={task.completed}
        onChange={() => onToggle(task)}
        aria-label={t(task.completed ? 'markNotDone' : 'markDone', { title: task.title })}
        data-testid="task-toggle"
      />
      <div className="min-w-0 flex-1 basis-48">
        <p
          className={`break-words font-medium ${task.completed ? 'text-slate-500 line-through dark:text-slate-400' : ''}`}
          data-testid="task-title"
        >
          {task.title}
        </p>
        {task.description ? (
          <p className="mt-0.5 whitespace-pre-line break-words text-sm text-slate-600 dark:text-slate-400">
            {task.description}
          </p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs">
          <span
            className={`rounded px-1.5 py-0.5 font-medium ${PRIORITY_STYLE[task.priority]}`}
            data-testid="task-priority"
          >
            {t('priority', { priority: task.priority })}
          </span>
          {due ? (
            <span
              className={DUE_STYLE[due.state]}
              data-testid="task-due"
              data-day={due.day}
              data-state={due.state}
            >
              {due.state === 'overdue'
                ? t('overduePrefix')
                : due.state === 'today'
                  ? t('todayPrefix')
                  : t('duePrefix')}
              <time dateTime={task.due_at ?? task.due_date ?? undefined}>{due.label}</time>
            </span>
          ) : null}
          {task.recurrence_text ? (
            <span className="text-slate-600 dark:text-slate-400" data-testid="task-recurrence">
              <span aria-hidden="true">↻ </span>
              <span className="sr-only">{t('repeats')}</span>
              {task.recurrence_text}
            </span>
          ) : null}
          {task.id > 0 ? (
            <button
              type="button"
              className="rounded px-1.5 py-0.5 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              aria-expanded={expanded}
              aria-controls={`${prefix}-subtasks`}
              onClick={() => setExpanded(!expanded)}
              data-testid="task-subtasks-toggle"
            >
              {task.subtask_count > 0
                ? t.rich('subtasks', {
                    done: task.subtasks_done,
                    count: task.subtask_count,
                    progress: (chunks) => <span data-testid="task-progress">{chunks}</span>,
                  })
                : t('addSubtask')}
              <span className="sr-only">{t('ofTitle', { title: task.title })}</span>
            </button>
          ) : null}
          {task.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              className="rounded-full border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800"
              onClick={() => onTag(tag)}
              aria-label={t('showTagged', { tag })}
              data-testid="task-tag"
            >
              #{tag}
            </button>
          ))}
        </div>
      </div>
      <div className="ms-auto flex shrink-0 gap-1">
        <button
          ref={editButton}
          type="button"
          className="btn-ghost"
          onClick={() => setEditing(true)}
          aria-label={t('editTitle', { title: task.title })}
          data-testid="task-edit"
        >
          {t('edit')}
        </button>
        <button
          type="button"
          className="btn-danger"
          onClick={() => onDelete(task)}
          aria-label={t('deleteTitle', { title: task.title })}
          data-testid="task-delete"
        >
          {t('delete')}
        </button>
      </div>
      {expanded ? (
        <div id={`${prefix}-subtasks`} className="basis-full">
          <Subtasks parent={task} onParentChanged={onParentChanged} />
        </div>
      ) : null}
    </li>
  );
}

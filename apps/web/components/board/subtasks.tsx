'use client';

import type { TTask, TTaskDetail } from '@todo/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { tasksApi } from '@/lib/api';
import { AlertText } from '../alert-text';

/**
 * A task's subtasks, loaded when its row is expanded: complete them, add more. After each change
 * the parent is read again, so its progress ("2/5") is the server's count.
 */
export default function Subtasks({
  parent,
  onParentChanged,
}: {
  parent: TTask;
  onParentChanged: (parent: TTask) => void;
}) {
  const t = useTranslations('subtasks');
  const [subtasks, setSubtasks] = useState<TTask[] | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = `task-${parent.id}-new-subtask`;

  const reload = useCallback(
    async (changed: boolean) => {
      const { subtasks: items, ...task }: TTaskDetail = await tasksApi.get(parent.id);
      setSubtasks(items);
      if (changed) onParentChanged(task);
    },
    [parent.id, onParentChanged],
  );

  useEffect(() => {
    reload(false).catch((caught: Error) => setError(caught.message));
  }, [reload]);

  async function change(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      await reload(true);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('somethingWrong'));
      await reload(false).catch(() => undefined);
    }
  }

  /** Ticks at once; the server's answer (or a failure's reload) then settles it. */
  function toggle(subtask: TTask) {
    const completed = !subtask.completed;
    setSubtasks((items) =>
      (items ?? []).map((item) => (item.id === subtask.id ? { ...item, completed } : item)),
    );
    void change(() => tasksApi.update(subtask.id, { completed }));
  }

  function add(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    void change(async () => {
      await tasksApi.create({ title, parent_id: parent.id });
      setTitle('');
    });
  }

  return (
    <div className="mt-2 flex w-full flex-col gap-2 border-s-2 border-slate-200 ps-3 dark:border-slate-700">
      {subtasks === null && !error ? <p className="text-sm">{t('loading')}</p> : null}
      {subtasks && subtasks.length > 0 ? (
        <ul aria-label={t('of', { title: parent.title })} className="flex flex-col gap-1">
          {subtasks.map((subtask) => (
            <li
              key={subtask.id}
              className="flex items-center gap-2 text-sm"
              data-testid="subtask-item"
              data-completed={subtask.completed}
            >
              <input
                id={`subtask-${subtask.id}`}
                type="checkbox"
                className="size-4 accent-blue-700 dark:accent-sky-400"
                checked={subtask.completed}
                onChange={() => toggle(subtask)}
              />
              <label
                htmlFor={`subtask-${subtask.id}`}
                className={
                  subtask.completed ? 'text-slate-500 line-through dark:text-slate-400' : ''
                }
              >
                {subtask.title}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={add} className="flex gap-1">
        <label htmlFor={inputId} className="sr-only">
          {t('addTo', { title: parent.title })}
        </label>
        <input
          id={inputId}
          className="input py-1 text-sm"
          placeholder={t('placeholder')}
          dir="auto"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <button type="submit" className="btn-secondary py-1 text-sm" disabled={!title.trim()}>
          {t('add')}
        </button>
      </form>
      <AlertText message={error} />
    </div>
  );
}

'use client';

import type { TList, TListColor } from '@todo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { ApiError, listsApi } from '@/lib/api';
import { LIST_COLOR_CHOICES } from '@/lib/list-colors';
import { AlertText } from '../alert-text';

type TasksChoice = 'move' | 'delete';

/**
 * Rename, recolour or delete one list, in a modal dialog (focus stays inside, Escape closes).
 * Deleting a list that has tasks asks where they go: to another list, or away with it. The
 * server decides what "has tasks" means: a 409 brings the choice up even when no open task shows.
 */
export default function ListEditor({
  list,
  others,
  onClose,
  onChanged,
}: {
  list: TList;
  others: TList[];
  onClose: () => void;
  onChanged: (deleted?: number) => void;
}) {
  const t = useTranslations('listEditor');
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(list.name);
  const [color, setColor] = useState<TListColor>(list.color);
  const [confirming, setConfirming] = useState(false);
  const [askTasks, setAskTasks] = useState(list.open_tasks > 0);
  const [choice, setChoice] = useState<TasksChoice>('move');
  const [moveTo, setMoveTo] = useState(others.find((other) => other.is_inbox)?.id ?? others[0]?.id);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function run(action: () => Promise<unknown>, deleted?: number) {
    try {
      await action();
      onChanged(deleted);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409 && !list.is_inbox && !askTasks) {
        setAskTasks(true);
      }
      setError(caught instanceof Error ? caught.message : t('somethingWrong'));
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const patch = {
      ...(name.trim() !== list.name ? { name } : {}),
      ...(color !== list.color ? { color } : {}),
    };
    if (Object.keys(patch).length === 0) return onClose();
    void run(() => listsApi.update(list.id, patch));
  }

  function remove() {
    const tasks = !askTasks
      ? undefined
      : choice === 'delete'
        ? ('delete' as const)
        : moveTo
          ? { moveTo }
          : undefined;
    void run(() => listsApi.remove(list.id, tasks), list.id);
  }

  const radio = (value: TasksChoice) => (
    <input
      id={`list-tasks-${value}`}
      type="radio"
      name="list-tasks"
      checked={choice === value}
      onChange={() => setChoice(value)}
    />
  );

  return (
    <dialog
      ref={dialog}
      aria-labelledby="list-editor-title"
      onClose={onClose}
      className="card m-auto w-[min(28rem,calc(100vw-2rem))] p-5 backdrop:bg-slate-900/40"
      data-testid="list-editor"
    >
      <h2 id="list-editor-title" className="mb-3 text-base font-semibold">
        {t('title', { name: list.name })}
      </h2>
      <form onSubmit={save} className="flex flex-col gap-3">
        <div>
          <label htmlFor="list-name" className="label">
            {t('name')}
          </label>
          <input
            id="list-name"
            className="input"
            value={name}
            dir="auto"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="list-color" className="label">
            {t('colour')}
          </label>
          <select
            id="list-color"
            className="input"
            value={color}
            onChange={(event) => setColor(event.target.value as TListColor)}
          >
            {LIST_COLOR_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t('color', { color: choice })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn-primary">
            {t('save')}
          </button>
        </div>
      </form>
      {list.is_inbox ? null : (
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700">
          {confirming ? (
            <fieldset className="flex flex-col gap-2 text-sm" data-testid="list-delete-confirm">
              <legend className="mb-1 font-medium">
                {t('deleteQuestion', { name: list.name })}
              </legend>
              {askTasks ? (
                <>
                  <label htmlFor="list-tasks-move" className="flex flex-wrap items-center gap-2">
                    {radio('move')}
                    {t('moveTasksTo')}
                    <select
                      aria-label={t('moveTarget')}
                      className="input w-auto"
                      value={moveTo}
                      onChange={(event) => {
                        setMoveTo(Number(event.target.value));
                        setChoice('move');
                      }}
                    >
                      {others.map((other) => (
                        <option key={other.id} value={other.id}>
                          {other.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label htmlFor="list-tasks-delete" className="flex items-center gap-2">
                    {radio('delete')}
                    {t('deleteTasks')}
                  </label>
                </>
              ) : (
                <p>{t('noOpenTasks')}</p>
              )}
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => setConfirming(false)}
                >
                  {t('keep')}
                </button>
                <button
                  type="button"
                  className="btn-danger"
                  onClick={remove}
                  data-testid="list-delete-confirm-button"
                >
                  {t('deleteList')}
                </button>
              </div>
            </fieldset>
          ) : (
            <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
              {t('deleteListMore')}
            </button>
          )}
        </div>
      )}
      <AlertText message={error} />
    </dialog>
  );
}

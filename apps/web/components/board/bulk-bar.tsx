'use client';

import type { TList } from '@todo/contracts';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

export type BulkAction =
  | { action: 'complete' | 'reopen' | 'delete' }
  | { action: 'move'; listId: number };

/**
 * The bar of a selection: how many are chosen and what can be done to all of them at once.
 * Every action is undoable from the message that follows it (the board builds the undo).
 */
export function BulkBar({
  count,
  pageCount,
  lists,
  busy,
  onSelectPage,
  onClear,
  onAction,
  onClose,
}: {
  count: number;
  pageCount: number;
  lists: TList[] | null;
  busy: boolean;
  onSelectPage: () => void;
  onClear: () => void;
  onAction: (action: BulkAction) => void;
  onClose: () => void;
}) {
  const t = useTranslations('bulk');
  const [target, setTarget] = useState('');
  const none = count === 0 || busy;
  return (
    <section
      aria-label={t('selectedTasks')}
      className="card flex flex-wrap items-center gap-2 p-2 text-sm"
      data-testid="bulk-bar"
    >
      <span className="px-1 font-medium" aria-live="polite" data-testid="bulk-count">
        {t('selected', { count })}
      </span>
      {count < pageCount ? (
        <button type="button" className="btn-ghost" onClick={onSelectPage}>
          {t('selectAll', { count: pageCount })}
        </button>
      ) : (
        <button type="button" className="btn-ghost" onClick={onClear}>
          {t('clear')}
        </button>
      )}
      <span className="flex flex-wrap items-center gap-2 sm:ms-auto">
        <button
          type="button"
          className="btn-secondary"
          disabled={none}
          onClick={() => onAction({ action: 'complete' })}
        >
          {t('complete')}
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={none}
          onClick={() => onAction({ action: 'reopen' })}
        >
          {t('reopen')}
        </button>
        <label className="sr-only" htmlFor="bulk-move-to">
          {t('moveLabel')}
        </label>
        <select
          id="bulk-move-to"
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">{t('moveTo')}</option>
          {(lists ?? []).map((list) => (
            <option key={list.id} value={list.id}>
              {list.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn-secondary"
          disabled={none || !target}
          onClick={() => onAction({ action: 'move', listId: Number(target) })}
        >
          {t('move')}
        </button>
        <button
          type="button"
          className="btn-danger"
          disabled={none}
          onClick={() => onAction({ action: 'delete' })}
        >
          {t('delete')}
        </button>
        <button type="button" className="btn-ghost" onClick={onClose}>
          {t('doneSelecting')}
        </button>
      </span>
    </section>
  );
}

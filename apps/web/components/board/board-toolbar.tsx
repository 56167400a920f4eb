'use client';

import type { TSortOrder, TTaskPriority, TTaskSort, TTaskStatus } from '@todo/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { Counts } from '@/lib/board-state';
import type { BoardQuery } from '@/lib/task-query';

const STATUSES: { value: TTaskStatus; label: 'all' | 'pending' | 'done' }[] = [
  { value: 'all', label: 'all' },
  { value: 'pending', label: 'pending' },
  { value: 'completed', label: 'done' },
];

/** A text field that writes to the URL after a short pause (one history entry, not one per key). */
function useUrlText(value: string | undefined, commit: (value: string | undefined) => void) {
  const [text, setText] = useState(value ?? '');
  const committed = useRef(value ?? '');
  useEffect(() => {
    // The URL changed from elsewhere (back button, a tag chip): show it.
    if ((value ?? '') !== committed.current) {
      committed.current = value ?? '';
      setText(value ?? '');
    }
  }, [value]);
  useEffect(() => {
    if (text.trim() === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text.trim();
      commit(text.trim() || undefined);
    }, 350);
    return () => clearTimeout(timer);
  }, [text, commit]);
  return [text, setText] as const;
}

export function BoardToolbar({
  query,
  counts,
  onChange,
}: {
  query: BoardQuery;
  counts: Counts | null;
  onChange: (change: Partial<BoardQuery>, mode?: 'push' | 'replace') => void;
}) {
  const t = useTranslations('toolbar');
  const commitSearch = useRef((q: string | undefined) => onChange({ q }));
  commitSearch.current = (q) => onChange({ q });
  const commitTag = useRef((tag: string | undefined) => onChange({ tag }));
  commitTag.current = (tag) => onChange({ tag: tag?.replace(/^#/, '').toLowerCase() });
  const [search, setSearch] = useUrlText(query.q, useStable(commitSearch));
  const [tag, setTag] = useUrlText(query.tag, useStable(commitTag));

  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap gap-1" aria-label={t('status')}>
        {STATUSES.map((status) => {
          const isActive = query.status === status.value;
          return (
            <button
              key={status.value}
              type="button"
              aria-pressed={isActive}
              className={
                isActive
                  ? 'btn bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
                  : 'btn-ghost'
              }
              onClick={() => onChange({ status: status.value })}
              data-testid={`status-${status.value}`}
            >
              {t(status.label)}
              <span
                className="rounded-full bg-slate-200 px-1.5 text-xs text-slate-800 dark:bg-slate-700 dark:text-slate-100"
                data-testid={`count-${status.value}`}
              >
                {counts ? counts[status.value] : '–'}
              </span>
            </button>
          );
        })}
      </fieldset>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <div className="col-span-2">
          <label htmlFor="board-search" className="label">
            {t('search')}
          </label>
          <input
            id="board-search"
            type="search"
            className="input"
            placeholder={t('searchPlaceholder')}
            dir="auto"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="board-priority" className="label">
            {t('priority')}
          </label>
          <select
            id="board-priority"
            className="input"
            value={query.priority ?? ''}
            onChange={(event) =>
              onChange({ priority: (event.target.value || undefined) as TTaskPriority | undefined })
            }
          >
            <option value="">{t('any')}</option>
            <option value="high">{t('high')}</option>
            <option value="medium">{t('medium')}</option>
            <option value="low">{t('low')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="board-tag" className="label">
            {t('tag')}
          </label>
          <input
            id="board-tag"
            className="input"
            placeholder={t('anyTag')}
            dir="auto"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
          />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="board-sort" className="label">
            {t('sortBy')}
          </label>
          <select
            id="board-sort"
            className="input"
            value={`${query.sort}:${query.order}`}
            onChange={(event) => {
              const [sort, order] = event.target.value.split(':') as [TTaskSort, TSortOrder];
              onChange({ sort, order });
            }}
          >
            <option value="created:desc">{t('newest')}</option>
            <option value="created:asc">{t('oldest')}</option>
            <option value="due:asc">{t('dueSoonest')}</option>
            <option value="due:desc">{t('dueLatest')}</option>
            <option value="priority:desc">{t('priorityHigh')}</option>
            <option value="priority:asc">{t('priorityLow')}</option>
            <option value="updated:desc">{t('updated')}</option>
          </select>
        </div>
      </div>
    </div>
  );
}

/** A stable callback that always calls the latest function. */
function useStable<T extends (...args: never[]) => void>(ref: { current: T }): T {
  const [stable] = useState(() => ((...args: Parameters<T>) => ref.current(...args)) as T);
  return stable;
}

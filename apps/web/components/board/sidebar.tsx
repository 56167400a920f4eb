'use client';

import type { TList } from '@todo/contracts';
import dynamic from 'next/dynamic';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { listsApi } from '@/lib/api';
import { LIST_SWATCH } from '@/lib/list-colors';
import type { BoardQuery, SmartView } from '@/lib/task-query';
import { AlertText } from '../alert-text';

// Renaming, recolouring and deleting are rare: that code loads when asked for (ADR 012).
const ListEditor = dynamic(() => import('./list-editor'), { ssr: false });

const VIEWS: SmartView[] = ['today', 'upcoming', 'overdue'];

type Select = (change: Pick<BoardQuery, 'list' | 'due'>) => void;

function Entry({
  label,
  active,
  count,
  swatch,
  onClick,
  testId,
}: {
  label: string;
  active: boolean;
  count?: number;
  swatch?: string;
  onClick: () => void;
  testId: string;
}) {
  const t = useTranslations('sidebar');
  return (
    <button
      type="button"
      aria-current={active ? 'page' : undefined}
      className={`btn w-full justify-start ${active ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-800 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'}`}
      onClick={onClick}
      data-testid={testId}
    >
      {swatch ? <span aria-hidden="true" className={`size-2.5 rounded-full ${swatch}`} /> : null}
      <span className="min-w-0 flex-1 truncate text-start">{label}</span>
      {count !== undefined ? (
        <span className="text-xs" data-testid="list-count">
          {count}
          <span className="sr-only">{t('open')}</span>
        </span>
      ) : null}
    </button>
  );
}

/**
 * Lists and smart views: a column beside the board on wide screens, a drawer opened from a
 * button on small ones (Escape closes it and gives focus back to the button).
 */
export default function Sidebar({
  lists,
  query,
  onSelect,
  onListsChanged,
}: {
  lists: TList[] | null;
  query: BoardQuery;
  onSelect: Select;
  onListsChanged: (deleted?: number) => void;
}) {
  const t = useTranslations('sidebar');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<TList | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const inbox = lists?.find((list) => list.is_inbox);

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('button')?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  function select(change: Pick<BoardQuery, 'list' | 'due'>) {
    onSelect(change);
    if (open) close();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  }

  async function createList(event: FormEvent) {
    event.preventDefault();
    try {
      const list = await listsApi.create({ name });
      setName('');
      setError(null);
      onListsChanged();
      select({ list: list.id });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('couldNotAddList'));
    }
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="btn-secondary self-start md:hidden"
        aria-expanded={open}
        aria-controls="board-sidebar"
        onClick={() => setOpen(!open)}
        data-testid="sidebar-toggle"
      >
        {t('listsAndViews')}
      </button>
      {open ? (
        <div
          aria-hidden="true"
          className="fixed inset-0 z-30 bg-slate-900/40 md:hidden"
          onClick={close}
        />
      ) : null}
      <nav
        ref={panel}
        id="board-sidebar"
        aria-label={t('listsAndViews')}
        onKeyDown={onKeyDown}
        className={`${open ? 'fixed inset-y-0 start-0 z-40 flex w-72 max-w-[85vw] overflow-y-auto bg-white p-4 shadow-xl dark:bg-slate-900' : 'hidden'} flex-col gap-4 md:static md:z-auto md:flex md:w-auto md:bg-transparent md:p-0 md:shadow-none`}
        data-testid="sidebar"
      >
        <ul className="flex flex-col gap-0.5">
          <li>
            <Entry
              label={t('allTasks')}
              active={!query.list && !query.due}
              onClick={() => select({})}
              testId="view-all"
            />
          </li>
          {inbox ? (
            <li>
              <Entry
                label={t('inbox')}
                active={query.list === inbox.id}
                count={inbox.open_tasks}
                onClick={() => select({ list: inbox.id })}
                testId="view-inbox"
              />
            </li>
          ) : null}
          {VIEWS.map((due) => (
            <li key={due}>
              <Entry
                label={t(due)}
                active={query.due === due}
                onClick={() => select({ due })}
                testId={`view-${due}`}
              />
            </li>
          ))}
        </ul>
        <section aria-labelledby="lists-heading" className="flex flex-col gap-1">
          <h2
            id="lists-heading"
            className="px-3 text-xs font-semibold uppercase text-slate-600 dark:text-slate-400"
          >
            {t('lists')}
          </h2>
          <ul className="flex flex-col gap-0.5" data-testid="lists">
            {(lists ?? [])
              .filter((list) => !list.is_inbox)
              .map((list) => (
                <li
                  key={list.id}
                  className="flex items-center gap-1"
                  data-testid="list-entry"
                  data-list-id={list.id}
                >
                  <Entry
                    label={list.name}
                    active={query.list === list.id}
                    count={list.open_tasks}
                    swatch={LIST_SWATCH[list.color]}
                    onClick={() => select({ list: list.id })}
                    testId="list-select"
                  />
                  <button
                    type="button"
                    className="btn-ghost px-2"
                    aria-label={t('editList', { name: list.name })}
                    onClick={() => setEditing(list)}
                    data-testid="list-edit"
                  >
                    ⋯
                  </button>
                </li>
              ))}
          </ul>
          <form onSubmit={createList} className="mt-1 flex gap-1">
            <label htmlFor="new-list-name" className="sr-only">
              {t('newListName')}
            </label>
            <input
              id="new-list-name"
              className="input min-w-0"
              placeholder={t('newList')}
              dir="auto"
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'new-list-error' : undefined}
            />
            <button
              type="submit"
              className="btn-secondary shrink-0 px-3"
              disabled={!name.trim()}
              aria-label={t('addList')}
            >
              {t('add')}
            </button>
          </form>
          <AlertText id="new-list-error" message={error} />
        </section>
      </nav>
      {editing ? (
        <ListEditor
          list={editing}
          others={(lists ?? []).filter((list) => list.id !== editing.id)}
          onClose={() => setEditing(null)}
          onChanged={(deleted) => {
            setEditing(null);
            onListsChanged(deleted);
          }}
        />
      ) : null}
    </>
  );
}

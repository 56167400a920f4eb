'use client';

import type { TList, TMe, TOccurrenceList, TTaskList } from '@todo/contracts';
import { useEffect, useState } from 'react';
import { listsApi, meApi } from '@/lib/api';

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong';

/** What every view needs before it can draw: the user (zone, week start) and their lists. */
export type ViewData = { me: TMe; lists: TList[] };
/** The Kanban's first paint: the view's data and the cards of the list it opens on. */
export type KanbanData = ViewData & { cards: { listId: number; page: TTaskList } | null };
/** The board's first paint: the view's data and the page of tasks its URL asks for. */
export type BoardData = ViewData & { page: { search: string; list: TTaskList } | null };
/** The calendar's first paint: the view's data and the occurrences of the grid it opens on. */
export type CalendarData = ViewData & {
  entries: { from: string; to: string; list: TOccurrenceList } | null;
};

/**
 * The view's data: as the server read it for the first paint (view-data.server.ts), else read
 * once on mount. `error` holds the first failure as a sentence; views set it for their own too.
 */
export function useViewData(initial: ViewData | null) {
  const [me, setMe] = useState<TMe | null>(initial?.me ?? null);
  const [lists, setLists] = useState<TList[] | null>(initial?.lists ?? null);
  const [error, setError] = useState<string | null>(null);
  const needsReading = initial === null;

  useEffect(() => {
    if (!needsReading) return;
    meApi
      .get()
      .then(setMe)
      .catch((caught) => setError(messageOf(caught)));
    listsApi
      .list()
      .then((collection) => setLists(collection.items))
      .catch((caught) => setError(messageOf(caught)));
  }, [needsReading]);

  return { me, lists, setLists, error, setError };
}

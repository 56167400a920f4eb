import type { TListCollection, TMe, TOccurrenceList, TTaskList } from '@todo/contracts';
import { fetchBackendJson } from './backend.server';
import { gridDays } from './calendar-days';
import { dayIn } from './due';
import { asTheBrowser } from './session.server';
import { apiListSearch, parseBoardQuery } from './task-query';
import type { BoardData, CalendarData, KanbanData, ViewData } from './use-view-data';
import { kanbanTasksSearch, parseCalendarQuery, parseKanbanQuery, searchOf } from './view-query';

/**
 * The user and their lists, read on the server for a view's first paint: the page arrives drawn
 * instead of waiting for the browser to load its scripts and then ask. Null when either read
 * fails; the view then asks from the browser, as after a client-side navigation.
 */
export async function readViewData(): Promise<ViewData | null> {
  try {
    const headers = await asTheBrowser();
    if (!headers.cookie?.includes('session_token')) return null;
    const [me, lists] = await Promise.all([
      fetchBackendJson<TMe>('/api/v1/me', headers),
      fetchBackendJson<TListCollection>('/api/v1/lists', headers),
    ]);
    if (me.status !== 200 || !me.data || lists.status !== 200 || !lists.data) return null;
    return { me: me.data, lists: lists.data.items };
  } catch {
    return null;
  }
}

type PageSearchParams = Record<string, string | string[] | undefined>;

const paramsOf = (searchParams: PageSearchParams) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (typeof value === 'string') params.set(name, value);
  }
  return params;
};

/** One more read for a first paint; null (the browser asks instead) when it fails. */
async function readOptional<T>(path: string): Promise<T | null> {
  try {
    const answer = await fetchBackendJson<T>(path, await asTheBrowser());
    return answer.status === 200 ? answer.data : null;
  } catch {
    return null;
  }
}

/** The board's first paint: also the page of tasks its URL asks for. */
export async function readBoardData(searchParams: PageSearchParams): Promise<BoardData | null> {
  const search = apiListSearch(parseBoardQuery(paramsOf(searchParams)));
  const [view, list] = await Promise.all([
    readViewData(),
    readOptional<TTaskList>(`/api/v1/tasks${search}`),
  ]);
  if (!view) return null;
  return { ...view, page: list ? { search, list } : null };
}

/** The Kanban's first paint: also the cards of the list the URL names (else the Inbox). */
export async function readKanbanData(searchParams: PageSearchParams): Promise<KanbanData | null> {
  const view = await readViewData();
  if (!view) return null;
  const query = parseKanbanQuery(paramsOf(searchParams));
  const list =
    view.lists.find((item) => item.id === query.list) ?? view.lists.find((item) => item.is_inbox);
  if (!list) return { ...view, cards: null };
  const page = await readOptional<TTaskList>(`/api/v1/tasks${kanbanTasksSearch(list.id)}`);
  return { ...view, cards: page ? { listId: list.id, page } : null };
}

/** The calendar's first paint: also the occurrences of the grid the URL names (else today's). */
export async function readCalendarData(
  searchParams: PageSearchParams,
): Promise<CalendarData | null> {
  const view = await readViewData();
  if (!view) return null;
  const query = parseCalendarQuery(paramsOf(searchParams));
  const focus = query.date ?? dayIn(new Date(), view.me.time_zone);
  const days = gridDays(focus, query.mode, view.me.week_start);
  const [from, to] = [days[0], days.at(-1)];
  if (!from || !to) return { ...view, entries: null };
  const list = await readOptional<TOccurrenceList>(`/api/v1/occurrences${searchOf({ from, to })}`);
  return { ...view, entries: list ? { from, to, list } : null };
}

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
import type { TOccurrence, TOccurrenceList } from '@todo/contracts';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { apiFetch } from '@/lib/api';
import { addDays, addMonths, dayWords, gridDays } from '@/lib/calendar-days';
import { jumpToNearestTarget } from '@/lib/dnd-keyboard';
import { dayIn } from '@/lib/due';
import { useErrorText } from '@/lib/error-text';
import { dateFormat, numberFormat } from '@/lib/intl-formats';
import { showInUrl } from '@/lib/url-state';
import { useHydratedMark } from '@/lib/use-hydrated';
import { type CalendarData, useViewData } from '@/lib/use-view-data';
import { type CalendarMode, parseCalendarQuery, searchOf } from '@/lib/view-query';
import { AlertText } from '../alert-text';

const LONG_DAY = { weekday: 'long', day: 'numeric', month: 'long' } as const;

const entryId = (entry: TOccurrence) => `${entry.task.id}@${entry.date}@${entry.due_at ?? ''}`;

function Entry({ entry, zone }: { entry: TOccurrence; zone: string }) {
  const t = useTranslations('calendar');
  const locale = useLocale();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: entryId(entry),
  });
  const time = entry.due_at
    ? dateFormat(locale, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: zone,
      }).format(new Date(entry.due_at))
    : null;
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        style={
          transform
            ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` }
            : undefined
        }
        {...listeners}
        {...attributes}
        className={`relative block w-full cursor-grab touch-none truncate rounded border border-slate-300 bg-white px-1.5 py-0.5 text-start text-xs dark:border-slate-600 dark:bg-slate-800 ${entry.task.completed ? 'line-through' : ''} ${isDragging ? 'z-10 shadow-lg ring-2 ring-blue-600' : ''}`}
        data-testid="calendar-entry"
        data-task-id={entry.task.id}
        data-repeat={entry.repeat}
      >
        {time ? <span className="font-semibold">{time} </span> : null}
        {entry.task.title}
        {entry.repeat ? <span>{t('repeats')}</span> : null}
      </button>
    </li>
  );
}

function Day({
  day,
  entries,
  zone,
  today,
  outside,
  tall,
}: {
  day: string;
  entries: TOccurrence[];
  zone: string;
  today: boolean;
  outside: boolean;
  tall: boolean;
}) {
  const t = useTranslations('calendar');
  const locale = useLocale();
  const { setNodeRef, isOver } = useDroppable({ id: day });
  const words = { day: dayWords(day, LONG_DAY, locale), count: entries.length };
  return (
    <li
      ref={setNodeRef}
      aria-label={today ? t('dayLabelToday', words) : t('dayLabel', words)}
      className={`flex min-w-0 flex-col gap-1 border-slate-200 p-1 dark:border-slate-800 ${tall ? 'min-h-64' : 'min-h-24'} ${isOver ? 'bg-blue-50 dark:bg-slate-800' : outside ? 'bg-slate-100 dark:bg-slate-900/40' : 'bg-white dark:bg-slate-900'}`}
      data-testid="calendar-day"
      data-date={day}
    >
      <span
        aria-hidden="true"
        className={`self-start rounded px-1 text-xs ${today ? 'bg-blue-700 font-semibold text-white dark:bg-sky-400 dark:text-slate-950' : 'text-slate-700 dark:text-slate-300'}`}
      >
        {numberFormat(locale).format(Number(day.slice(8)))}
      </span>
      <ul className="flex flex-col gap-1">
        {entries.map((entry) => (
          <Entry key={entryId(entry)} entry={entry} zone={zone} />
        ))}
      </ul>
    </li>
  );
}

/**
 * Month and week grids in the user's zone and week start (`?view=month|week&date=YYYY-MM-DD`,
 * `list` narrows to one list). Shows dated tasks and the later occurrences of repeating ones
 * (GET /api/v1/occurrences); dragging one to another day moves the task's due there, keeping
 * its time of day and its recurrence (POST /api/v1/tasks/:id/reschedule), shown at once and
 * undone with the server's message if that fails.
 */
export function Calendar({ initial }: { initial: CalendarData | null }) {
  const t = useTranslations('calendar');
  const messageOf = useErrorText();
  const locale = useLocale();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parseCalendarQuery(searchParams), [searchParams]);
  const { me, lists: knownLists, error, setError } = useViewData(initial);
  const hydratedMark = useHydratedMark();
  const lists = knownLists ?? [];
  const [entries, setEntries] = useState<TOccurrence[] | null>(
    initial?.entries?.list.items ?? null,
  );
  const [truncated, setTruncated] = useState(initial?.entries?.list.truncated ?? false);
  // The grid whose occurrences came with the page: its first load is not asked for again.
  const servedRange = useRef(initial?.entries && `${initial.entries.from}/${initial.entries.to}`);
  const [status, setStatus] = useState('');

  const today = me ? dayIn(new Date(), me.time_zone) : null;
  const focus = query.date ?? today;
  const days = useMemo(
    () => (me && focus ? gridDays(focus, query.mode, me.week_start) : []),
    [me, focus, query.mode],
  );
  const first = days[0];
  const last = days.at(-1);

  const load = useCallback(async (from: string, to: string) => {
    const answer = await apiFetch<TOccurrenceList>(`/api/v1/occurrences${searchOf({ from, to })}`);
    setEntries(answer.items);
    setTruncated(answer.truncated);
  }, []);

  useEffect(() => {
    if (!first || !last) return;
    if (servedRange.current === `${first}/${last}`) {
      servedRange.current = undefined;
      return;
    }
    load(first, last).catch((caught) => setError(messageOf(caught)));
  }, [first, last, load, setError, messageOf]);

  const navigate = (change: { mode?: CalendarMode; date?: string; list?: number | null }) => {
    const mode = change.mode ?? query.mode;
    const list = change.list === null ? undefined : (change.list ?? query.list);
    showInUrl(
      `${pathname}${searchOf({ view: mode === 'month' ? undefined : mode, date: change.date ?? query.date, list })}`,
    );
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpToNearestTarget }),
  );

  const shown = useMemo(
    () =>
      (entries ?? []).filter(
        (entry) => query.list === undefined || entry.task.list_id === query.list,
      ),
    [entries, query.list],
  );
  const entryOf = (id: unknown) => shown.find((entry) => entryId(entry) === id);
  const titleOf = (id: unknown) => entryOf(id)?.task.title ?? t('theTask');
  const dayName = (id: unknown) => (typeof id === 'string' ? dayWords(id, LONG_DAY, locale) : '');
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('pickedUp', { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('over', { title: titleOf(active.id), day: dayName(over.id) })
        : t('overNone', { title: titleOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('movedTo', { title: titleOf(active.id), day: dayName(over.id) })
        : t('droppedBack', { title: titleOf(active.id) }),
    onDragCancel: ({ active }) => t('cancelled', { title: titleOf(active.id) }),
  };

  async function onDragEnd({ active, over }: DragEndEvent) {
    const entry = entryOf(active.id);
    const day = typeof over?.id === 'string' ? over.id : null;
    if (!entry || !day || day === entry.date || !first || !last) return;
    // The task's due moves to the day dropped on, at the same time of day: the entry moves there
    // at once (its time reads the same); a repeating task's other occurrences follow on reload.
    const before = entries;
    setEntries(
      (current) => current?.map((item) => (item === entry ? { ...item, date: day } : item)) ?? null,
    );
    setError(null);
    try {
      await apiFetch(`/api/v1/tasks/${entry.task.id}/reschedule`, {
        method: 'POST',
        body: JSON.stringify({ date: day }),
      });
      setStatus(t('nowDue', { title: entry.task.title, day: dayName(day) }));
      await load(first, last);
    } catch (caught) {
      setEntries(before);
      setError(t('couldNotMove', { title: entry.task.title, error: messageOf(caught) }));
    }
  }

  if (!me || !focus || !today) {
    return (
      <>
        <AlertText message={error} />
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('loading')}</p>
      </>
    );
  }

  const step = (direction: 1 | -1) =>
    query.mode === 'month' ? addMonths(focus, direction) : addDays(focus, 7 * direction);
  const heading =
    query.mode === 'month'
      ? dayWords(focus, { month: 'long', year: 'numeric' }, locale)
      : t('weekOf', {
          day: dayWords(
            days[0] ?? focus,
            { day: 'numeric', month: 'long', year: 'numeric' },
            locale,
          ),
        });

  return (
    <div className="flex flex-col gap-3" data-testid="calendar" ref={hydratedMark}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="me-auto text-lg font-semibold" data-testid="calendar-heading">
          {heading}
        </h2>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => navigate({ date: step(-1) })}
        >
          {t('previous')}
          <span className="sr-only">{t('modeSuffix', { mode: query.mode })}</span>
        </button>
        <button type="button" className="btn-secondary" onClick={() => navigate({ date: today })}>
          {t('today')}
        </button>
        <button type="button" className="btn-secondary" onClick={() => navigate({ date: step(1) })}>
          {t('next')}
          <span className="sr-only">{t('modeSuffix', { mode: query.mode })}</span>
        </button>
        <label htmlFor="calendar-list" className="sr-only">
          {t('list')}
        </label>
        <select
          id="calendar-list"
          className="input w-auto"
          value={query.list ?? ''}
          onChange={(event) =>
            navigate({ list: event.target.value ? Number(event.target.value) : null })
          }
        >
          <option value="">{t('allLists')}</option>
          {lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name}
            </option>
          ))}
        </select>
        <fieldset className="flex gap-1">
          <legend className="sr-only">{t('show')}</legend>
          {(['month', 'week'] as const).map((mode) => (
            <label
              key={mode}
              className="btn-secondary has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-600 has-[:checked]:bg-slate-900 has-[:checked]:text-white dark:has-[:checked]:bg-slate-100 dark:has-[:checked]:text-slate-900"
            >
              <input
                type="radio"
                name="calendar-mode"
                className="sr-only"
                checked={query.mode === mode}
                onChange={() => navigate({ mode, date: focus })}
              />
              {mode === 'month' ? t('month') : t('week')}
            </label>
          ))}
        </fieldset>
      </div>
      <AlertText message={error} />
      <p className="sr-only" role="status">
        {status}
      </p>
      {truncated ? <p className="text-sm">{t('truncated')}</p> : null}
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
        <div
          aria-hidden="true"
          className="grid grid-cols-7 gap-px text-center text-xs font-medium text-slate-700 dark:text-slate-300"
        >
          {days.slice(0, 7).map((day) => (
            <span key={day}>{dayWords(day, { weekday: 'short' }, locale)}</span>
          ))}
        </div>
        <ol
          aria-label={heading}
          className="grid grid-cols-7 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 dark:border-slate-800 dark:bg-slate-800"
          data-testid="calendar-grid"
        >
          {days.map((day) => (
            <Day
              key={day}
              day={day}
              entries={shown.filter((entry) => entry.date === day)}
              zone={me.time_zone}
              today={day === today}
              outside={query.mode === 'month' && day.slice(0, 7) !== focus.slice(0, 7)}
              tall={query.mode === 'week'}
            />
          ))}
        </ol>
      </DndContext>
      {entries === null ? <p className="text-sm">{t('loading')}</p> : null}
    </div>
  );
}

'use client';

import type { TReminder, TTask } from '@todo/contracts';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { dateFormat } from '@/lib/intl-formats';
import { remindersApi } from '@/lib/notifications';
import { wallTimeToInstant } from '@/lib/wall-time';

type T = ReturnType<typeof useTranslations<'reminders'>>;

const PRESETS = [0, -15, -60, -1440];

/** A preset's words: at the due, or so long before it. */
const presetLabel = (minutes: number, t: T) =>
  minutes === 0
    ? t('atDue')
    : minutes === -60
      ? t('hourBefore')
      : minutes === -1440
        ? t('dayBefore')
        : t('minutesBefore', { minutes: -minutes });

/** When it fires, in the user's zone and language (English as day-month with a 24-hour clock). */
const describe = (reminder: TReminder, zone: string, locale: string, t: T) => {
  const fires = reminder.fire_at
    ? dateFormat(locale === 'en' ? 'en-GB' : locale, {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(reminder.fire_at))
    : t('whenDue');
  const kind =
    reminder.offset_minutes === null ? t('atATime') : presetLabel(reminder.offset_minutes, t);
  return t('line', { kind, fires });
};

/** The task's reminders in the editor: add one before the due or at a time, remove one. */
export function TaskReminders({ task, zone }: { task: TTask; zone: string }) {
  const t = useTranslations('reminders');
  const locale = useLocale();
  const [items, setItems] = useState<TReminder[] | null>(null);
  const [at, setAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hasDue = Boolean(task.due_at || task.due_date);

  useEffect(() => {
    remindersApi
      .list(task.id)
      .then((page) => setItems(page.items))
      .catch((failure: Error) => setError(failure.message));
  }, [task.id]);

  const add = async (input: { offset_minutes: number } | { at: string }) => {
    try {
      setError(null);
      const added = await remindersApi.add(task.id, input);
      setItems((current) => [...(current ?? []), added]);
      setAt('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('couldNotAdd'));
    }
  };
  const remove = async (reminder: TReminder) => {
    try {
      await remindersApi.remove(task.id, reminder.id);
      setItems((current) => (current ?? []).filter((item) => item.id !== reminder.id));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('couldNotRemove'));
    }
  };

  const prefix = `task-${task.id}-reminder`;
  return (
    <section className="mt-3 flex flex-col gap-2 text-sm" aria-labelledby={`${prefix}s`}>
      <h3 id={`${prefix}s`} className="label">
        {t('title')}
      </h3>
      <ul className="flex flex-col gap-1" data-testid="task-reminders">
        {(items ?? []).map((reminder) => (
          <li key={reminder.id} className="flex items-center justify-between gap-2">
            <span>{describe(reminder, zone, locale, t)}</span>
            <button type="button" className="btn-ghost text-xs" onClick={() => remove(reminder)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        {hasDue ? (
          <select
            className="input"
            aria-label={t('addBefore')}
            value=""
            onChange={(event) => {
              if (event.target.value) void add({ offset_minutes: Number(event.target.value) });
            }}
          >
            <option value="">{t('remindMe')}</option>
            {PRESETS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {presetLabel(minutes, t)}
              </option>
            ))}
          </select>
        ) : null}
        <label className="flex flex-col gap-1" htmlFor={`${prefix}-at`}>
          <span className="label">{t('atTimeIn', { zone })}</span>
          <input
            id={`${prefix}-at`}
            type="datetime-local"
            className="input"
            value={at}
            onChange={(event) => setAt(event.target.value)}
          />
        </label>
        <button
          type="button"
          className="btn-secondary"
          disabled={!at}
          onClick={() => add({ at: wallTimeToInstant(at, zone) })}
        >
          {t('add')}
        </button>
      </div>
      <AlertText message={error} />
    </section>
  );
}

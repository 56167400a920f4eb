'use client';

import type { TReminder, TTask } from '@todo/contracts';
import { useEffect, useState } from 'react';
import { AlertText } from '@/components/alert-text';
import { remindersApi } from '@/lib/notifications';
import { wallTimeToInstant } from '@/lib/wall-time';

const PRESETS = [
  { minutes: 0, label: 'At the due' },
  { minutes: -15, label: '15 min before' },
  { minutes: -60, label: '1 hour before' },
  { minutes: -1440, label: '1 day before' },
];

const describe = (reminder: TReminder, zone: string) => {
  const fires = reminder.fire_at
    ? new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(reminder.fire_at))
    : 'when the task has a due';
  const preset = PRESETS.find((candidate) => candidate.minutes === reminder.offset_minutes);
  const kind =
    reminder.offset_minutes === null
      ? 'At a time'
      : (preset?.label ?? `${-reminder.offset_minutes} min before`);
  return `${kind} · ${fires}`;
};

/** The task's reminders in the editor: add one before the due or at a time, remove one. */
export function TaskReminders({ task, zone }: { task: TTask; zone: string }) {
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
      setError(failure instanceof Error ? failure.message : 'Could not add the reminder');
    }
  };
  const remove = async (reminder: TReminder) => {
    try {
      await remindersApi.remove(task.id, reminder.id);
      setItems((current) => (current ?? []).filter((item) => item.id !== reminder.id));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not remove the reminder');
    }
  };

  const prefix = `task-${task.id}-reminder`;
  return (
    <section className="mt-3 flex flex-col gap-2 text-sm" aria-labelledby={`${prefix}s`}>
      <h3 id={`${prefix}s`} className="label">
        Reminders
      </h3>
      <ul className="flex flex-col gap-1" data-testid="task-reminders">
        {(items ?? []).map((reminder) => (
          <li key={reminder.id} className="flex items-center justify-between gap-2">
            <span>{describe(reminder, zone)}</span>
            <button type="button" className="btn-ghost text-xs" onClick={() => remove(reminder)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        {hasDue ? (
          <select
            className="input"
            aria-label="Add a reminder before the due"
            value=""
            onChange={(event) => {
              if (event.target.value) void add({ offset_minutes: Number(event.target.value) });
            }}
          >
            <option value="">Remind me…</option>
            {PRESETS.map((preset) => (
              <option key={preset.minutes} value={preset.minutes}>
                {preset.label}
              </option>
            ))}
          </select>
        ) : null}
        <label className="flex flex-col gap-1" htmlFor={`${prefix}-at`}>
          <span className="label">At a time ({zone})</span>
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
          Add
        </button>
      </div>
      <AlertText message={error} />
    </section>
  );
}

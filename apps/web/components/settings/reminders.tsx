'use client';

import type { TReminderSettings } from '@todo/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { AlertText } from '@/components/alert-text';
import { SelectField, type SelectOption } from '@/components/field';
import { ApiError } from '@/lib/api';
import { remindersApi } from '@/lib/notifications';

const TIMED_DEFAULTS: SelectOption[] = [
  { value: '', label: 'No reminder' },
  { value: '0', label: 'At the due time' },
  { value: '-15', label: '15 minutes before' },
  { value: '-30', label: '30 minutes before' },
  { value: '-60', label: '1 hour before' },
  { value: '-1440', label: '1 day before' },
];
const ALL_DAY_DEFAULTS: SelectOption[] = [
  { value: '', label: 'No reminder' },
  { value: '0', label: 'On the day' },
  { value: '-1440', label: 'The day before' },
];

type Form = {
  timed: string;
  allDay: string;
  allDayTime: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  digest: boolean;
  digestTime: string;
};

const formOf = (settings: TReminderSettings): Form => ({
  timed: settings.timed_offset_minutes === null ? '' : String(settings.timed_offset_minutes),
  allDay: settings.all_day_offset_minutes === null ? '' : String(settings.all_day_offset_minutes),
  allDayTime: settings.all_day_time,
  quiet: settings.quiet_start !== null,
  quietStart: settings.quiet_start ?? '22:00',
  quietEnd: settings.quiet_end ?? '07:00',
  digest: settings.digest_time !== null,
  digestTime: settings.digest_time ?? '08:00',
});

const minutesOrNull = (value: string) => (value === '' ? null : Number(value));

/** Default reminders for new tasks, quiet hours and the daily digest, all in the user's zone. */
export function ReminderSettings() {
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    remindersApi
      .settings()
      .then((settings) => setForm(formOf(settings)))
      .catch((failure: Error) => setError(failure.message));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setError(null);
    try {
      const saved = await remindersApi.saveSettings({
        timed_offset_minutes: minutesOrNull(form.timed),
        all_day_offset_minutes: minutesOrNull(form.allDay),
        all_day_time: form.allDayTime,
        quiet_start: form.quiet ? form.quietStart : null,
        quiet_end: form.quiet ? form.quietEnd : null,
        digest_time: form.digest ? form.digestTime : null,
      });
      setForm(formOf(saved));
      setMessage('Reminder settings saved');
    } catch (failure) {
      setMessage(null);
      setError(
        failure instanceof ApiError || failure instanceof Error
          ? failure.message
          : 'Could not save',
      );
    }
  }

  if (!form) return error ? <AlertText message={error} /> : <p className="text-sm">Loading…</p>;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  return (
    <section className="card mb-6 flex flex-col gap-4 p-5" aria-labelledby="reminders-title">
      <h2 id="reminders-title" className="text-lg font-semibold">
        Reminders
      </h2>
      <form onSubmit={save} className="flex flex-col gap-3 text-sm">
        <div className="flex flex-wrap gap-3">
          <SelectField
            label="New tasks with a time"
            value={form.timed}
            options={TIMED_DEFAULTS}
            onChange={(timed) => set({ timed })}
          />
          <SelectField
            label="New all-day tasks"
            value={form.allDay}
            options={ALL_DAY_DEFAULTS}
            onChange={(allDay) => set({ allDay })}
          />
          <label className="label flex flex-col gap-1">
            All-day reminders at
            <input
              type="time"
              className="input"
              value={form.allDayTime}
              onChange={(event) => set({ allDayTime: event.target.value })}
            />
          </label>
        </div>
        <fieldset className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={form.quiet}
              onChange={(event) => set({ quiet: event.target.checked })}
            />
            Quiet hours (reminders wait until they end)
          </label>
          <label className="label flex flex-col gap-1">
            From
            <input
              type="time"
              className="input"
              disabled={!form.quiet}
              value={form.quietStart}
              onChange={(event) => set({ quietStart: event.target.value })}
            />
          </label>
          <label className="label flex flex-col gap-1">
            Until
            <input
              type="time"
              className="input"
              disabled={!form.quiet}
              value={form.quietEnd}
              onChange={(event) => set({ quietEnd: event.target.value })}
            />
          </label>
        </fieldset>
        <fieldset className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={form.digest}
              onChange={(event) => set({ digest: event.target.checked })}
            />
            Daily digest (due today, slipped, next up)
          </label>
          <label className="label flex flex-col gap-1">
            At
            <input
              type="time"
              className="input"
              disabled={!form.digest}
              value={form.digestTime}
              onChange={(event) => set({ digestTime: event.target.value })}
            />
          </label>
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary">
            Save reminder settings
          </button>
        </div>
      </form>
      <AlertText message={error} />
      {message ? (
        <p role="status" className="text-sm">
          {message}
        </p>
      ) : null}
    </section>
  );
}

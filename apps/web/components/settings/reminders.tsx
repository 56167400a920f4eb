'use client';

import type { TReminderSettings } from '@todo/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { SelectField, type SelectOption } from '@/components/field';
import { ApiError } from '@/lib/api';
import { remindersApi } from '@/lib/notifications';

const TIMED_DEFAULTS = [
  { value: '', label: 'none' },
  { value: '0', label: 'atDue' },
  { value: '-15', label: 'min15' },
  { value: '-30', label: 'min30' },
  { value: '-60', label: 'hour' },
  { value: '-1440', label: 'day' },
] as const;
const ALL_DAY_DEFAULTS = [
  { value: '', label: 'none' },
  { value: '0', label: 'onTheDay' },
  { value: '-1440', label: 'dayBefore' },
] as const;

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
  const t = useTranslations('reminderSettings');
  const options = (choices: readonly { value: string; label: Parameters<typeof t>[0] }[]) =>
    choices.map((choice): SelectOption => ({ value: choice.value, label: t(choice.label) }));
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
      setMessage(t('saved'));
    } catch (failure) {
      setMessage(null);
      setError(
        failure instanceof ApiError || failure instanceof Error
          ? failure.message
          : t('couldNotSave'),
      );
    }
  }

  if (!form)
    return error ? <AlertText message={error} /> : <p className="text-sm">{t('loading')}</p>;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  return (
    <section className="card mb-6 flex flex-col gap-4 p-5" aria-labelledby="reminders-title">
      <h2 id="reminders-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <form onSubmit={save} className="flex flex-col gap-3 text-sm">
        <div className="flex flex-wrap gap-3">
          <SelectField
            label={t('timed')}
            value={form.timed}
            options={options(TIMED_DEFAULTS)}
            onChange={(timed) => set({ timed })}
          />
          <SelectField
            label={t('allDay')}
            value={form.allDay}
            options={options(ALL_DAY_DEFAULTS)}
            onChange={(allDay) => set({ allDay })}
          />
          <label className="label flex flex-col gap-1">
            {t('allDayAt')}
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
            {t('quiet')}
          </label>
          <label className="label flex flex-col gap-1">
            {t('from')}
            <input
              type="time"
              className="input"
              disabled={!form.quiet}
              value={form.quietStart}
              onChange={(event) => set({ quietStart: event.target.value })}
            />
          </label>
          <label className="label flex flex-col gap-1">
            {t('until')}
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
            {t('digest')}
          </label>
          <label className="label flex flex-col gap-1">
            {t('at')}
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
            {t('save')}
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

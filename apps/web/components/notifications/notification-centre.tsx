'use client';

import type { TNotification, TSnoozeChoice } from '@todo/contracts';
import { useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { dateFormat } from '@/lib/intl-formats';
import { notificationsApi } from '@/lib/notifications';

const SNOOZES = [
  { choice: '10m', label: 'snooze10m' },
  { choice: '1h', label: 'snooze1h' },
  { choice: 'tomorrow', label: 'snoozeTomorrow' },
] as const satisfies readonly { choice: TSnoozeChoice; label: string }[];

/** The latest notifications: open one, mark them read, snooze one. */
export function NotificationCentre({
  zone,
  items,
  unread,
  onChanged,
}: {
  /** The user's time zone; until it is known no time is shown rather than one in another zone. */
  zone: string | null;
  items: TNotification[];
  unread: number;
  onChanged(unread: number): void;
}) {
  const t = useTranslations('notifications');
  const locale = useLocale();
  const when = (iso: string) =>
    zone
      ? dateFormat(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: zone,
        }).format(new Date(iso))
      : '';
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<number>) => {
    try {
      setError(null);
      onChanged(await work());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('somethingWrong'));
    }
  };
  return (
    <section
      id="notification-centre"
      aria-label={t('centre')}
      className="card absolute end-0 z-40 mt-2 flex w-80 max-w-[90vw] flex-col gap-2 p-3"
      data-testid="notification-centre"
    >
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{t('title')}</h2>
        <button
          type="button"
          className="btn-ghost text-xs"
          disabled={unread === 0}
          onClick={() => act(async () => (await notificationsApi.markRead()).unread_count)}
        >
          {t('markAllRead')}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('nothingYet')}</p>
      ) : null}
      <ul className="flex max-h-96 flex-col gap-2 overflow-y-auto">
        {items.map((item) => (
          <li
            key={item.id}
            className={`rounded border p-2 text-sm ${item.read_at ? 'border-slate-200 dark:border-slate-800' : 'border-blue-300 bg-blue-50 dark:border-sky-800 dark:bg-slate-800'}`}
            data-testid="notification"
          >
            <a
              href={item.url}
              className="font-medium underline-offset-2 hover:underline"
              onClick={() => {
                if (!item.read_at) void notificationsApi.markRead([item.id]);
              }}
            >
              {item.title}
            </a>
            <p className="whitespace-pre-line text-slate-700 dark:text-slate-300">{item.body}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{when(item.scheduled_for)}</p>
            <fieldset
              className="mt-1 flex flex-wrap gap-1"
              aria-label={t('snoozeLabel', { title: item.title })}
            >
              {SNOOZES.map(({ choice, label }) => (
                <button
                  key={choice}
                  type="button"
                  className="btn-secondary px-2 py-0.5 text-xs"
                  onClick={() =>
                    act(async () => {
                      await notificationsApi.snooze(item.id, choice);
                      return (await notificationsApi.list()).unread_count;
                    })
                  }
                >
                  {t(label)}
                </button>
              ))}
              {item.snoozed_until ? (
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {t('snoozedUntil', { when: when(item.snoozed_until) })}
                </span>
              ) : null}
            </fieldset>
          </li>
        ))}
      </ul>
      <AlertText message={error} />
    </section>
  );
}

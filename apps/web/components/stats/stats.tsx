'use client';

import type { TStats } from '@todo/contracts';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { apiFetch } from '@/lib/api';
import { dayWords } from '@/lib/calendar-days';
import { numberFormat } from '@/lib/intl-formats';
import { AlertText } from '../alert-text';

// The chart library loads after the page; until then each chart holds its place.
const BarChartView = dynamic(() => import('./bar-chart'), {
  ssr: false,
  loading: () => <div className="h-[220px]" aria-hidden="true" />,
});

type Row = { label: string; value: number };

/** One chart with its numbers as a table beside it (for screen readers, and to read exactly). */
function Chart({
  id,
  title,
  rows,
  column,
  horizontal,
  labelEvery,
}: {
  id: string;
  title: string;
  rows: Row[];
  column: string;
  horizontal?: boolean;
  labelEvery?: number;
}) {
  const t = useTranslations('stats');
  const locale = useLocale();
  return (
    <figure
      className="card flex flex-col gap-2 p-4"
      aria-labelledby={`${id}-title`}
      data-testid={id}
    >
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      <BarChartView
        labels={rows.map((row) => row.label)}
        values={rows.map((row) => row.value)}
        horizontal={horizontal}
        labelEvery={labelEvery}
      />
      <details>
        <summary className="cursor-pointer text-sm text-blue-700 underline dark:text-sky-400">
          {t('asTable', { title })}
        </summary>
        <table className="mt-2 w-full text-start text-sm" data-testid={`${id}-table`}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="text-end">
                {t('tasks')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="font-normal">
                  {row.label}
                </th>
                <td className="text-end tabular-nums">{numberFormat(locale).format(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The stats view: charts from GET /api/v1/stats, every day in the user's zone. */
export function Stats() {
  const t = useTranslations('stats');
  const locale = useLocale();
  const shortDay = (day: string) => dayWords(day, { day: 'numeric', month: 'short' }, locale);
  const [stats, setStats] = useState<TStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiFetch<TStats>('/api/v1/stats')
      .then(setStats)
      .catch((caught) => setError(caught instanceof Error ? caught.message : t('couldNotLoad')));
  }, [t]);
  if (!stats) {
    return (
      <>
        <AlertText message={error} />
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('loading')}</p>
      </>
    );
  }
  const days = (series: TStats['completed_per_day']) =>
    series.map((d) => ({ label: shortDay(d.date), value: d.count }));
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="stats">
      <p className="text-sm text-slate-600 lg:col-span-2 dark:text-slate-400">
        {t('daysIn', { zone: stats.time_zone })}
      </p>
      <Chart
        id="stats-per-day"
        title={t('perDay')}
        column={t('day')}
        rows={days(stats.completed_per_day)}
        labelEvery={5}
      />
      <Chart
        id="stats-per-week"
        title={t('perWeek')}
        column={t('weekStarting')}
        rows={stats.completed_per_week.map((w) => ({ label: shortDay(w.date), value: w.count }))}
        labelEvery={2}
      />
      <Chart
        id="stats-by-list"
        title={t('byList')}
        column={t('list')}
        rows={stats.open_by_list.map((l) => ({ label: l.name, value: l.count }))}
        horizontal
      />
      <Chart
        id="stats-by-priority"
        title={t('byPriority')}
        column={t('priority')}
        rows={stats.open_by_priority.map((p) => ({
          label: t(p.priority),
          value: p.count,
        }))}
      />
      <Chart
        id="stats-overdue"
        title={t('overdue')}
        column={t('day')}
        rows={days(stats.overdue_trend)}
        labelEvery={5}
      />
    </div>
  );
}

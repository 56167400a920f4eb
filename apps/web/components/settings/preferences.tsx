'use client';

import type { TCalendarFeed, TMe, TWeekStart } from '@todo/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { apiFetch } from '@/lib/api';
import { LanguageSelect } from '../language-select';

/**
 * The language, time zone and week start (every "today" follows them), and the private
 * calendar feed.
 */
export function Preferences() {
  const t = useTranslations('prefs');
  const [me, setMe] = useState<TMe | null>(null);
  const [zone, setZone] = useState('');
  const [weekStart, setWeekStart] = useState<TWeekStart>('monday');
  const [feed, setFeed] = useState<TCalendarFeed | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The browser's list may lack the saved zone (some omit "UTC"): keep it selectable.
  const zones = useMemo(() => {
    const known = Intl.supportedValuesOf('timeZone');
    return me && !known.includes(me.time_zone) ? [me.time_zone, ...known] : known;
  }, [me]);

  useEffect(() => {
    apiFetch<TMe>('/api/v1/me')
      .then((loaded) => {
        setMe(loaded);
        setZone(loaded.time_zone);
        setWeekStart(loaded.week_start);
      })
      .catch((error: Error) => setMessage(error.message));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const saved = await apiFetch<TMe>('/api/v1/me', {
        method: 'PATCH',
        body: JSON.stringify({ time_zone: zone, week_start: weekStart }),
      });
      setMe(saved);
      setMessage(t('saved', { zone: saved.time_zone, weekStart: t(saved.week_start) }));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : t('couldNotSave'));
    }
  }

  async function makeFeed() {
    try {
      setFeed(await apiFetch<TCalendarFeed>('/api/v1/calendar-feed', { method: 'POST' }));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : t('couldNotMakeFeed'));
    }
  }

  async function revokeFeed() {
    try {
      await apiFetch('/api/v1/calendar-feed', { method: 'DELETE' });
      setFeed(null);
      setMessage(t('feedRevoked'));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : t('couldNotRevokeFeed'));
    }
  }

  if (!me) return <p className="text-sm">{message ?? t('loading')}</p>;
  return (
    <>
      <section className="card mb-6 flex flex-col gap-3 p-5" aria-labelledby="language-title">
        <h2 id="language-title" className="text-lg font-semibold">
          {t('languageTitle')}
        </h2>
        <p className="text-sm">{t('languageText')}</p>
        <LanguageSelect account />
      </section>
      <section className="card mb-6 flex flex-col gap-4 p-5" aria-labelledby="prefs-title">
        <h2 id="prefs-title" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <form onSubmit={save} className="flex flex-wrap items-end gap-3">
          <label className="label flex flex-col gap-1">
            {t('timeZone')}
            <select
              className="input"
              value={zone}
              onChange={(event) => setZone(event.target.value)}
            >
              {zones.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label className="label flex flex-col gap-1">
            {t('weekStartsOn')}
            <select
              className="input"
              value={weekStart}
              onChange={(event) => setWeekStart(event.target.value as TWeekStart)}
            >
              <option value="monday">{t('monday')}</option>
              <option value="sunday">{t('sunday')}</option>
              <option value="saturday">{t('saturday')}</option>
            </select>
          </label>
          <button type="submit" className="btn btn-primary">
            {t('save')}
          </button>
        </form>
        <div className="flex flex-col gap-2 text-sm">
          <p>{t('feedText')}</p>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={makeFeed}>
              {feed ? t('newFeed') : t('makeFeed')}
            </button>
            <button type="button" className="btn-secondary" onClick={revokeFeed}>
              {t('revokeFeed')}
            </button>
          </div>
          {feed ? (
            <code className="break-all" data-testid="calendar-feed-url">
              {feed.url}
            </code>
          ) : null}
        </div>
        {message ? (
          <p role="status" className="text-sm">
            {message}
          </p>
        ) : null}
      </section>
    </>
  );
}

'use client';

import type { TConnectedApp, TConnectedAppList, TMe } from '@todo/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { apiFetch } from '@/lib/api';
import { useDescribeScope } from '@/lib/mcp-scopes';

/**
 * Apps (hosted assistants) the user connected to /mcp through OAuth, with what each may do and
 * when it last did something; Disconnect ends its access at once, on every server.
 */
export function ConnectedApps() {
  const t = useTranslations('connectedApps');
  const locale = useLocale();
  const describeScope = useDescribeScope();
  const [apps, setApps] = useState<TConnectedApp[] | null>(null);
  const [zone, setZone] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setApps((await apiFetch<TConnectedAppList>('/api/v1/connected-apps')).items);
    } catch (failed) {
      setError(failed instanceof Error ? failed.message : t('couldNotLoad'));
    }
  }, [t]);

  useEffect(() => {
    void load();
    apiFetch<TMe>('/api/v1/me')
      .then((me) => setZone(me.time_zone))
      .catch(() => undefined);
  }, [load]);

  const when = (value: string | null) =>
    value
      ? new Intl.DateTimeFormat(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: zone,
        }).format(new Date(value))
      : t('never');

  async function disconnect(app: TConnectedApp) {
    setError(null);
    try {
      await apiFetch(`/api/v1/connected-apps/${encodeURIComponent(app.client_id)}`, {
        method: 'DELETE',
      });
    } catch (failed) {
      setError(failed instanceof Error ? failed.message : t('couldNotDisconnect'));
    }
    await load();
  }

  return (
    <section className="card mb-6 flex flex-col gap-3 p-5" aria-labelledby="connected-apps-title">
      <h2 id="connected-apps-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      <AlertText message={error} />
      {!apps ? (
        <p className="text-sm">{t('loading')}</p>
      ) : apps.length === 0 ? (
        <p className="text-sm" data-testid="connected-apps-empty">
          {t('none')}
        </p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="connected-app-list">
          {apps.map((app) => (
            <li
              key={app.client_id}
              data-testid="connected-app"
              className="flex flex-wrap items-start justify-between gap-2 rounded border border-slate-200 p-3 dark:border-slate-700"
            >
              <div className="text-sm">
                <p className="font-medium">{app.name ?? app.client_id}</p>
                <ul className="list-disc ps-5">
                  {app.scopes.map((scope) => (
                    <li key={scope}>{describeScope(scope)}</li>
                  ))}
                </ul>
                <p className="text-slate-600 dark:text-slate-400">
                  {t('lastUsed', { when: when(app.last_used_at) })}
                </p>
              </div>
              <button
                type="button"
                className="btn-secondary"
                aria-label={t('disconnectLabel', { name: app.name ?? app.client_id })}
                onClick={() => disconnect(app)}
              >
                {t('disconnect')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

'use client';

import type { TMe } from '@todo/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { apiFetch } from '@/lib/api';
import { authClient } from '@/lib/auth-client';

type SessionRow = {
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** A browser's name from its user agent, roughly: enough to tell one device from another. */
function deviceName(
  userAgent: string | null | undefined,
  t: ReturnType<typeof useTranslations<'sessions'>>,
): string {
  if (!userAgent) return t('unknownClient');
  const browser = ['Edg', 'Firefox', 'Chrome', 'Safari'].find((name) => userAgent.includes(name));
  const system = ['Android', 'iPhone', 'iPad', 'Windows', 'Mac OS', 'Linux'].find((name) =>
    userAgent.includes(name),
  );
  if (!browser && !system) return userAgent.slice(0, 60);
  const name = browser === 'Edg' ? 'Edge' : browser;
  return name && system ? t('browserOn', { browser: name, system }) : (name ?? system ?? '');
}

/** Where the user is signed in, each session revocable at once (and every other one at once). */
export function Sessions() {
  const t = useTranslations('sessions');
  const locale = useLocale();
  const { data: current } = authClient.useSession();
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [zone, setZone] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await authClient.listSessions();
    if (failed) setError(failed.message ?? t('couldNotLoad'));
    else setSessions(data as SessionRow[]);
  }, [t]);

  useEffect(() => {
    void load();
    apiFetch<TMe>('/api/v1/me')
      .then((me) => setZone(me.time_zone))
      .catch(() => undefined);
  }, [load]);

  const when = (value: Date | string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    }).format(new Date(value));

  async function revoke(token: string) {
    const { error: failed } = await authClient.revokeSession({ token });
    if (failed) setError(failed.message ?? t('couldNotRevoke'));
    await load();
  }

  async function revokeOthers() {
    const { error: failed } = await authClient.revokeOtherSessions();
    if (failed) setError(failed.message ?? t('couldNotRevokeOthers'));
    await load();
  }

  const thisToken = current?.session.token;
  return (
    <section className="card mb-6 flex flex-col gap-3 p-5" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <AlertText message={error} />
      {!sessions ? (
        <p className="text-sm">{t('loading')}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="session-list">
          {sessions.map((session) => (
            <li
              key={session.token}
              className="flex flex-wrap items-center gap-3 rounded border border-slate-200 p-3 dark:border-slate-700"
              data-testid="session-item"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {deviceName(session.userAgent, t)}
                  {session.token === thisToken && t('thisBrowser')}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {t('signedInAt', {
                    created: when(session.createdAt),
                    updated: when(session.updatedAt),
                  })}
                  {session.ipAddress && ` · ${session.ipAddress}`}
                </p>
              </div>
              {session.token !== thisToken && (
                <button
                  type="button"
                  className="btn-danger"
                  onClick={() => void revoke(session.token)}
                  aria-label={t('signOutLabel', {
                    device: deviceName(session.userAgent, t),
                    created: when(session.createdAt),
                  })}
                >
                  {t('signOut')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions && sessions.length > 1 && (
        <button type="button" className="btn-secondary self-start" onClick={revokeOthers}>
          {t('signOutOthers')}
        </button>
      )}
    </section>
  );
}

'use client';

import {
  MCP_SCOPES,
  type TApiKey,
  type TCreatedApiKey,
  type TMcpScope,
  type TMe,
} from '@todo/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { Field } from '@/components/field';
import { apiFetch } from '@/lib/api';
import { useDescribeScope } from '@/lib/mcp-scopes';

/** Create, list and revoke personal API keys; a new key is shown once, right after creation. */
export function ApiKeys() {
  const t = useTranslations('apiKeys');
  const locale = useLocale();
  const describeScope = useDescribeScope();
  const [zone, setZone] = useState<string | undefined>();
  const [keys, setKeys] = useState<TApiKey[] | null>(null);
  // What the key may call on /mcp: every scope unless the user unticks some.
  const [scopes, setScopes] = useState<TMcpScope[]>([...MCP_SCOPES]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    try {
      setKeys((await apiFetch<{ items: TApiKey[] }>('/api/v1/api-keys')).items);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('couldNotLoad'));
    }
  }, [t]);

  useEffect(() => {
    void load();
    apiFetch<TMe>('/api/v1/me')
      .then((me) => setZone(me.time_zone))
      .catch(() => undefined);
  }, [load]);

  // Days and times in the user's zone and language.
  const day = (value: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(
      new Date(value),
    );
  const moment = (value: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    }).format(new Date(value));

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('nameRequired'));
      return;
    }
    if (!password) {
      setError(t('passwordRequired'));
      return;
    }
    if (scopes.length === 0) {
      setError(t('scopeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const key = await apiFetch<TCreatedApiKey>('/api/v1/api-keys', {
        method: 'POST',
        body: JSON.stringify({
          name: name.trim(),
          password,
          ...(expiry ? { expires_in_days: Number(expiry) } : {}),
          scopes,
        }),
      });
      setCreated(key);
      setCopied(false);
      setName('');
      setPassword('');
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('couldNotCreate'));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: TApiKey) {
    try {
      await apiFetch<void>(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
      if (created?.id === key.id) setCreated(null);
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('couldNotRevoke'));
    }
  }

  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t.rich('intro', { code: (chunks) => <code dir="ltr">{chunks}</code> })}
        </p>
      </div>
      <form onSubmit={create} className="card flex flex-wrap items-end gap-2 p-4" noValidate>
        <Field id="api-key-name" label={t('keyName')} className="min-w-48 flex-1">
          <input
            id="api-key-name"
            className="input"
            value={name}
            maxLength={100}
            placeholder={t('keyNamePlaceholder')}
            dir="auto"
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id="api-key-expiry" label={t('expires')}>
          <select
            id="api-key-expiry"
            className="input"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
          >
            <option value="7">{t('in7')}</option>
            <option value="30">{t('in30')}</option>
            <option value="90">{t('in90')}</option>
            <option value="365">{t('inYear')}</option>
            <option value="">{t('never')}</option>
          </select>
        </Field>
        <Field id="api-key-password" label={t('yourPassword')} className="min-w-48 flex-1">
          <input
            id="api-key-password"
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <fieldset className="flex w-full flex-wrap gap-x-4 gap-y-1 text-sm">
          <legend className="mb-1 font-medium">{t('keyMay')}</legend>
          {MCP_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) =>
                  setScopes((current) =>
                    event.target.checked
                      ? MCP_SCOPES.filter((s) => s === scope || current.includes(s))
                      : current.filter((s) => s !== scope),
                  )
                }
              />
              {describeScope(scope)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={busy} data-testid="api-key-create">
          {t('create')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {created ? (
        <div
          className="card flex flex-col gap-2 border-amber-400 p-4"
          role="status"
          data-testid="api-key-created"
        >
          <p className="font-medium">{t('copyNow')}</p>
          <code
            className="break-all rounded bg-slate-100 p-2 text-sm dark:bg-slate-800"
            data-testid="api-key-secret"
          >
            {created.key}
          </code>
          <button
            type="button"
            className="btn-secondary self-start"
            onClick={() => {
              void navigator.clipboard?.writeText(created.key).then(() => setCopied(true));
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>
        </div>
      ) : null}
      {keys === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('loading')}</p>
      ) : keys.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="api-keys-empty">
          {t('none')}
        </p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="api-key-list">
          {keys.map((key) => (
            <li
              key={key.id}
              className="card flex flex-wrap items-center gap-3 p-3"
              data-testid="api-key-item"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">{key.name}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <code dir="ltr">{key.prefix}…</code> ·{' '}
                  {t('created', { date: day(key.created_at) })}
                  {' · '}
                  {key.last_used_at
                    ? t('lastUsed', { when: moment(key.last_used_at) })
                    : t('neverUsed')}
                  {' · '}
                  {key.expires_at
                    ? t(new Date(key.expires_at) < new Date() ? 'expired' : 'expiresOn', {
                        date: day(key.expires_at),
                      })
                    : t('neverExpires')}
                </p>
                <p
                  className="text-xs text-slate-600 dark:text-slate-400"
                  data-testid="api-key-scopes"
                >
                  {key.scopes.length === MCP_SCOPES.length
                    ? t('fullAccess')
                    : key.scopes.map(describeScope).join(' · ')}
                </p>
              </div>
              <button
                type="button"
                className="btn-danger"
                onClick={() => void revoke(key)}
                aria-label={t('revokeLabel', { name: key.name })}
              >
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

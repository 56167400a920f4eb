'use client';

import { type FormEvent, useState } from 'react';
import { useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { Field } from '@/components/field';
import { authClient } from '@/lib/auth-client';

/** A copy of everything, and deleting the account with every row of it after the password. */
export function YourData() {
  const t = useTranslations('yourData');
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove(event: FormEvent) {
    event.preventDefault();
    if (!password) return setError(t('enterPassword'));
    if (!confirming) return setConfirming(true);
    setBusy(true);
    const { error: failed } = await authClient.deleteUser({ password });
    setBusy(false);
    if (failed) {
      setConfirming(false);
      return setError(failed.message ?? t('couldNotDelete'));
    }
    window.location.assign('/sign-up');
  }

  return (
    <section className="card my-6 flex flex-col gap-4 p-5" aria-labelledby="data-title">
      <h2 id="data-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="flex flex-wrap gap-3 text-sm">
        <a className="btn-secondary" href="/api/v1/export" download>
          {t('exportAll')}
        </a>
        <a className="btn-secondary" href="/api/v1/export?format=csv" download>
          {t('exportCsv')}
        </a>
      </p>
      <form
        onSubmit={remove}
        className="flex flex-col gap-3"
        aria-label={t('deleteAccount')}
        noValidate
      >
        <p className="text-sm">{t('deleteWarning')}</p>
        <Field id="delete-password" label={t('confirmPassword')} className="max-w-sm">
          <input
            id="delete-password"
            type="password"
            className="input"
            autoComplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'delete-error' : undefined}
            onChange={(event) => {
              setPassword(event.target.value);
              setConfirming(false);
            }}
          />
        </Field>
        <AlertText id="delete-error" message={error} />
        <button type="submit" className="btn-danger self-start" disabled={busy}>
          {confirming ? t('yesDelete') : t('deleteAccount')}
        </button>
      </form>
    </section>
  );
}

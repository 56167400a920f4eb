'use client';

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { Field } from '@/components/field';
import { authClient } from '@/lib/auth-client';

type Status = { ok: boolean; text: string } | null;

/** A saved-or-not line: announced politely when it went well, as an alert when it did not. */
function StatusLine({ status, id }: { status: Status; id: string }) {
  if (!status?.ok) return <AlertText id={id} message={status?.text} />;
  return (
    <p id={id} role="status" className="text-sm">
      {status.text}
    </p>
  );
}

/** Name and password. A password change signs out every other session (the API enforces it). */
export function Account() {
  const t = useTranslations('account');
  const { data: session } = authClient.useSession();
  const [name, setName] = useState('');
  const [nameStatus, setNameStatus] = useState<Status>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [passwordStatus, setPasswordStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (session?.user.name !== undefined) setName(session.user.name);
  }, [session?.user.name]);

  async function saveName(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setNameStatus({ ok: false, text: t('nameRequired') });
    const { error } = await authClient.updateUser({ name: name.trim() });
    setNameStatus(
      error
        ? { ok: false, text: error.message ?? t('couldNotSave') }
        : { ok: true, text: t('nameSaved') },
    );
  }

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    if (!current || next.length < 8) {
      return setPasswordStatus({
        ok: false,
        text: t('passwordNeeded'),
      });
    }
    setBusy(true);
    const { error } = await authClient.changePassword({
      currentPassword: current,
      newPassword: next,
      revokeOtherSessions: true,
    });
    setBusy(false);
    if (error) return setPasswordStatus({ ok: false, text: error.message ?? t('couldNotChange') });
    setCurrent('');
    setNext('');
    setPasswordStatus({
      ok: true,
      text: t('passwordChanged'),
    });
  }

  return (
    <section className="card mb-6 flex flex-col gap-4 p-5" aria-labelledby="account-title">
      <h2 id="account-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm">
        {t.rich('signedInAs', {
          email: session?.user.email ?? '…',
          b: (chunks) => <span className="font-medium">{chunks}</span>,
        })}
      </p>
      <form onSubmit={saveName} className="flex flex-wrap items-end gap-3" noValidate>
        <Field id="account-name" label={t('yourName')} className="min-w-48 flex-1">
          <input
            id="account-name"
            className="input"
            value={name}
            maxLength={100}
            autoComplete="name"
            dir="auto"
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <button type="submit" className="btn-secondary">
          {t('saveName')}
        </button>
      </form>
      <StatusLine status={nameStatus} id="account-name-status" />
      <form
        onSubmit={changePassword}
        className="flex flex-wrap items-end gap-3"
        aria-label={t('changePassword')}
        noValidate
      >
        <Field id="password-current" label={t('currentPassword')} className="min-w-48 flex-1">
          <input
            id="password-current"
            type="password"
            className="input"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field id="password-new" label={t('newPassword')} className="min-w-48 flex-1">
          <input
            id="password-new"
            type="password"
            className="input"
            autoComplete="new-password"
            minLength={8}
            maxLength={128}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t('changePassword')}
        </button>
      </form>
      <StatusLine status={passwordStatus} id="password-status" />
    </section>
  );
}

'use client';

import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { Field } from '@/components/field';
import { LanguageSelect } from '@/components/language-select';
import { apiFetch } from '@/lib/api';
import { authClient } from '@/lib/auth-client';
import { clearUserDataCaches } from '@/lib/offline-caches';

type Mode = 'sign-in' | 'sign-up';

/** This page's query when Better Auth signed it (an app's authorization waits on the sign-in). */
function signedOAuthQuery(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  return params.has('sig') ? window.location.search.replace(/^\?/, '') : undefined;
}

/** Sign-in and sign-up with email and password through Better Auth's client. */
export function AuthForm({ mode, appName }: { mode: Mode; appName: string }) {
  const t = useTranslations('auth');
  const locale = useLocale();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isSignUp = mode === 'sign-up';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim() || email.split('@')[0] || email;
    if (isSignUp && password.length < 8) {
      setError(t('passwordTooShort'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const oauthQuery = signedOAuthQuery();
      if (!isSignUp && oauthQuery) {
        await signInForApp(email, password, oauthQuery);
        return;
      }
      const result = isSignUp
        ? await authClient.signUp.email({ email, password, name })
        : await authClient.signIn.email({ email, password });
      if (result.error) {
        setError(messageFor(result.error, t));
        setBusy(false);
        return;
      }
      // "Today" and "tomorrow 9am" mean the user's zone: start from the browser's, and the
      // language this page is in. Settings change both later; if the server does not know the
      // zone the account stays on UTC.
      if (isSignUp) {
        const time_zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        await apiFetch('/api/v1/me', {
          method: 'PATCH',
          body: JSON.stringify({ time_zone }),
        }).catch(() => undefined);
        await apiFetch('/api/v1/me', {
          method: 'PATCH',
          body: JSON.stringify({ locale }),
        }).catch(() => undefined);
      }
      // Whoever used this browser before (a session that expired without a sign-out) leaves
      // nothing behind for the service worker to show offline.
      await clearUserDataCaches().catch(() => undefined);
      // A full navigation, so the server-side gate sees the new session cookie.
      window.location.assign('/');
    } catch {
      setError(t('cannotReach'));
      setBusy(false);
    }
  }

  /**
   * Signing in on the way to an app's authorization (the authorize endpoint sent us here with its
   * signed query): Better Auth carries on with that authorization and answers where to go next,
   * the consent page or straight back to the app.
   */
  async function signInForApp(email: string, password: string, oauthQuery: string) {
    const response = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, oauth_query: oauthQuery }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      url?: string;
      message?: string;
      code?: string;
    };
    if (!response.ok || !body.url) {
      setError(messageFor({ status: response.status, message: body.message, code: body.code }, t));
      setBusy(false);
      return;
    }
    await clearUserDataCaches().catch(() => undefined);
    window.location.assign(body.url);
  }

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center p-6">
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-500 dark:text-slate-400">{appName}</p>
        <LanguageSelect account={false} />
      </div>
      <h1 className="mb-6 text-2xl font-semibold">
        {isSignUp ? t('createYourAccount') : t('signIn')}
      </h1>
      <form onSubmit={onSubmit} className="card flex flex-col gap-4 p-5" noValidate>
        {isSignUp ? (
          <Field
            id={`${id}-name`}
            label={
              <>
                {t('name')}{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  {t('optional')}
                </span>
              </>
            }
          >
            <input id={`${id}-name`} name="name" autoComplete="name" dir="auto" className="input" />
          </Field>
        ) : null}
        <Field id={`${id}-email`} label={t('email')}>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            autoComplete="email"
            className="input"
          />
        </Field>
        <Field id={`${id}-password`} label={t('password')}>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            required
            minLength={8}
            autoComplete={isSignUp ? 'new-password' : 'current-password'}
            aria-describedby={isSignUp ? `${id}-password-hint` : undefined}
            className="input"
          />
          {isSignUp ? (
            <p
              id={`${id}-password-hint`}
              className="mt-1 text-xs text-slate-600 dark:text-slate-400"
            >
              {t('passwordHint')}
            </p>
          ) : null}
        </Field>
        {error ? (
          <p role="alert" className="field-error" data-testid="auth-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t('pleaseWait') : isSignUp ? t('createAccount') : t('signIn')}
        </button>
      </form>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        {isSignUp ? t('haveAccount') : t('newHere')}
        <Link
          href={isSignUp ? '/sign-in' : '/sign-up'}
          className="font-medium text-blue-700 underline dark:text-sky-400"
        >
          {isSignUp ? t('signIn') : t('createAnAccount')}
        </Link>
      </p>
    </main>
  );
}

function messageFor(
  error: { status?: number; message?: string; code?: string },
  t: ReturnType<typeof useTranslations<'auth'>>,
): string {
  if (error.status === 429) return t('tooMany');
  if (error.status === 502 || error.status === 504) return t('serviceDown');
  return error.message || t('didNotWork');
}

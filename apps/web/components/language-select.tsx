'use client';

import { useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { apiFetch } from '@/lib/api';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale, rememberLocale } from '@/lib/locale';

/**
 * Picks the language. Signed in, it is the account's setting (PATCH /api/v1/me, which every
 * page then renders in); before an account exists, a cookie. Both are written, and the page
 * reloads: its direction and every server-rendered word change with it.
 */
export function LanguageSelect({ account }: { account: boolean }) {
  const t = useTranslations('language');
  const current = useLocale();
  const [error, setError] = useState<string | null>(null);

  async function choose(value: Locale) {
    try {
      if (account) {
        await apiFetch('/api/v1/me', { method: 'PATCH', body: JSON.stringify({ locale: value }) });
      }
      rememberLocale(value);
      window.location.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-2 text-sm">
        <span>{t('label')}</span>
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
          value={current}
          onChange={(event) => {
            if (isLocale(event.target.value)) void choose(event.target.value);
          }}
          data-testid="language-select"
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

'use client';

import { useTranslations } from 'use-intl';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('errors');
  return (
    <main
      className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6"
      data-testid="error-page"
    >
      <h1 className="text-2xl font-semibold">{t('somethingWrong')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('pageFailed')}</p>
      {error.digest ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {t('reference', { digest: error.digest })}
        </p>
      ) : null}
      <button type="button" className="btn-primary self-start" onClick={reset}>
        {t('tryAgain')}
      </button>
    </main>
  );
}

import { useTranslations } from 'next-intl';

/** The friendly page shown when the web server cannot reach the API. */
export function BackendUnavailable({ appName }: { appName: string }) {
  const t = useTranslations('errors');
  return (
    <main
      className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6"
      data-testid="backend-unavailable"
    >
      <p className="text-sm font-medium text-slate-500 dark:text-slate-400">{appName}</p>
      <h1 className="text-2xl font-semibold">{t('unavailableTitle')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('unavailableText')}</p>
      <a href="." className="btn-primary self-start">
        {t('tryAgain')}
      </a>
    </main>
  );
}

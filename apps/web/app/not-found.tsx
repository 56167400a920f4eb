import Link from 'next/link';
import { useTranslations } from 'next-intl';

export default function NotFound() {
  const t = useTranslations('errors');
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-semibold">{t('notFound')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('notFoundText')}</p>
      <Link href="/" className="btn-primary self-start">
        {t('goToTasks')}
      </Link>
    </main>
  );
}

import { useTranslations } from 'next-intl';
import { SignedInPage } from '@/components/signed-in-page';
import { Stats } from '@/components/stats/stats';
import { ViewsNav } from '@/components/views/views-nav';

export const dynamic = 'force-dynamic';

/** Completions, open tasks and the overdue trend, in the user's zone. */
export default function StatsPage() {
  const t = useTranslations('shell');
  return (
    <SignedInPage title={t('viewStats')}>
      <ViewsNav />
      <Stats />
    </SignedInPage>
  );
}

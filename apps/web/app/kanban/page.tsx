import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { Kanban } from '@/components/kanban/kanban';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';

export const dynamic = 'force-dynamic';

/** The Kanban of one list (`?list=<id>&group=status|priority|custom`). */
export default function KanbanPage() {
  const t = useTranslations('shell');
  return (
    <SignedInPage title={t('viewKanban')}>
      <Suspense>
        <ViewsNav />
        <Kanban />
      </Suspense>
    </SignedInPage>
  );
}

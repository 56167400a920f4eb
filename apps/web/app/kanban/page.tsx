import { getTranslations } from 'next-intl/server';
import { Kanban } from '@/components/kanban/kanban';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';
import { readKanbanData } from '@/lib/view-data.server';

export const dynamic = 'force-dynamic';

/** The Kanban of one list (`?list=<id>&group=status|priority|custom`). */
export default async function KanbanPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = await readKanbanData(await props.searchParams);
  const t = await getTranslations('shell');
  return (
    <SignedInPage title={t('viewKanban')}>
      <ViewsNav />
      <Kanban initial={initial} />
    </SignedInPage>
  );
}

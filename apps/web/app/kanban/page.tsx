import { Suspense } from 'react';
import { Kanban } from '@/components/kanban/kanban';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';

export const dynamic = 'force-dynamic';

/** The Kanban of one list (`?list=<id>&group=status|priority|custom`). */
export default function KanbanPage() {
  return (
    <SignedInPage title="Kanban">
      <Suspense>
        <ViewsNav />
        <Kanban />
      </Suspense>
    </SignedInPage>
  );
}

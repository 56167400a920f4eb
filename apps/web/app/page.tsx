import { Suspense } from 'react';
import { AssistantSlot } from '@/components/assistant/assistant-slot';
import { Board } from '@/components/board/board';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';

export const dynamic = 'force-dynamic';

/** The task board (signed-in users only). */
export default function BoardPage() {
  return (
    <SignedInPage assistant={<AssistantSlot />}>
      <Suspense>
        <ViewsNav />
        <Board />
      </Suspense>
    </SignedInPage>
  );
}

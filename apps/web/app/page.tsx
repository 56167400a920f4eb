import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { AppShell } from '@/components/app-shell';
import { AssistantSlot } from '@/components/assistant/assistant-slot';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { Board } from '@/components/board/board';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';

export const dynamic = 'force-dynamic';

/** The task board. The session is checked here, on the server, before anything is rendered. */
export default async function BoardPage() {
  const session = await getSession();
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  if (session.kind === 'signed-out') redirect('/sign-in');
  return (
    <AppShell appName={appName()} email={session.user.email} assistant={<AssistantSlot />}>
      <Suspense>
        <Board />
      </Suspense>
    </AppShell>
  );
}

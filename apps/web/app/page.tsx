import { AssistantSlot } from '@/components/assistant/assistant-slot';
import { Board } from '@/components/board/board';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';
import { readBoardData } from '@/lib/view-data.server';

export const dynamic = 'force-dynamic';

/** The task board (signed-in users only). */
export default async function BoardPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = await readBoardData(await props.searchParams);
  return (
    <SignedInPage assistant={<AssistantSlot />}>
      <ViewsNav />
      <Board initial={initial} />
    </SignedInPage>
  );
}

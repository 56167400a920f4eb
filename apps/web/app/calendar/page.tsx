import { getTranslations } from 'next-intl/server';
import { Calendar } from '@/components/calendar/calendar';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';
import { readCalendarData } from '@/lib/view-data.server';

export const dynamic = 'force-dynamic';

/** Month and week calendar (`?view=month|week&date=YYYY-MM-DD&list=<id>`). */
export default async function CalendarPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = await readCalendarData(await props.searchParams);
  const t = await getTranslations('shell');
  return (
    <SignedInPage title={t('viewCalendar')}>
      <ViewsNav />
      <Calendar initial={initial} />
    </SignedInPage>
  );
}

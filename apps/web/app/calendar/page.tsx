import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { Calendar } from '@/components/calendar/calendar';
import { SignedInPage } from '@/components/signed-in-page';
import { ViewsNav } from '@/components/views/views-nav';

export const dynamic = 'force-dynamic';

/** Month and week calendar (`?view=month|week&date=YYYY-MM-DD&list=<id>`). */
export default function CalendarPage() {
  const t = useTranslations('shell');
  return (
    <SignedInPage title={t('viewCalendar')}>
      <Suspense>
        <ViewsNav />
        <Calendar />
      </Suspense>
    </SignedInPage>
  );
}

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Account } from '@/components/settings/account';
import { ApiKeys } from '@/components/settings/api-keys';
import { Channels } from '@/components/settings/channels';
import { ConnectedApps } from '@/components/settings/connected-apps';
import { Preferences } from '@/components/settings/preferences';
import { ReminderSettings } from '@/components/settings/reminders';
import { Sessions } from '@/components/settings/sessions';
import { YourData } from '@/components/settings/your-data';
import { SignedInPage } from '@/components/signed-in-page';

export const dynamic = 'force-dynamic';

/**
 * Settings: name and password, time zone and week start, the calendar feed, reminders and their
 * channels, where the user is signed in, personal API keys for MCP clients, the apps connected through OAuth, export and account
 * deletion.
 */
export default function SettingsPage() {
  const t = useTranslations('shell');
  return (
    <SignedInPage title={t('settings')}>
      <p className="mb-4 text-sm">
        <Link href="/" className="font-medium text-blue-700 underline dark:text-sky-400">
          {t('backToTasks')}
        </Link>
      </p>
      <Account />
      <Preferences />
      <ReminderSettings />
      <Channels />
      <Sessions />
      <ApiKeys />
      <ConnectedApps />
      <YourData />
    </SignedInPage>
  );
}

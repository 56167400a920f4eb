import Link from 'next/link';
import { ApiKeys } from '@/components/settings/api-keys';
import { Preferences } from '@/components/settings/preferences';
import { SignedInPage } from '@/components/signed-in-page';

export const dynamic = 'force-dynamic';

/** Settings: time zone and week start, the calendar feed, and personal API keys for MCP clients. */
export default function SettingsPage() {
  return (
    <SignedInPage title="Settings">
      <p className="mb-4 text-sm">
        <Link href="/" className="font-medium text-blue-700 underline dark:text-sky-400">
          ← Back to your tasks
        </Link>
      </p>
      <Preferences />
      <ApiKeys />
    </SignedInPage>
  );
}

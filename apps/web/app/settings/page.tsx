import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/app-shell';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { ApiKeys } from '@/components/settings/api-keys';
import { Preferences } from '@/components/settings/preferences';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';

export const dynamic = 'force-dynamic';

/** Settings: time zone and week start, the calendar feed, and personal API keys for MCP clients. */
export default async function SettingsPage() {
  const session = await getSession();
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  if (session.kind === 'signed-out') redirect('/sign-in');
  return (
    <AppShell appName={appName()} email={session.user.email} title="Settings">
      <p className="mb-4 text-sm">
        <Link href="/" className="font-medium text-blue-700 underline dark:text-sky-400">
          ← Back to your tasks
        </Link>
      </p>
      <Preferences />
      <ApiKeys />
    </AppShell>
  );
}

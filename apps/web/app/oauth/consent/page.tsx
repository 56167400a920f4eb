import { redirect } from 'next/navigation';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { ConsentForm } from '@/components/oauth/consent-form';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';

export const dynamic = 'force-dynamic';

/**
 * Where Better Auth's authorize endpoint sends a signed-in user whose approval an app (a hosted
 * assistant adding /mcp) needs: who asks, for what, and Approve or Deny.
 */
export default async function ConsentPage() {
  const session = await getSession();
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  if (session.kind === 'signed-out') redirect('/sign-in');
  return <ConsentForm appName={appName()} email={session.user.email} />;
}

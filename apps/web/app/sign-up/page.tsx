import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth-form';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';

export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  const session = await getSession();
  if (session.kind === 'signed-in') redirect('/');
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  return <AuthForm mode="sign-up" appName={appName()} />;
}

import { redirect } from 'next/navigation';
import { AuthForm } from '@/components/auth-form';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';

/** The sign-in or sign-up page: a signed-in visitor goes to the board instead. */
export async function AuthPage({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const session = await getSession();
  if (session.kind === 'signed-in') redirect('/');
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  return <AuthForm mode={mode} appName={appName()} />;
}

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { BackendUnavailable } from '@/components/backend-unavailable';
import { appName } from '@/lib/env.server';
import { getSession } from '@/lib/session.server';
import { THEME_COOKIE, themeOf } from '@/lib/theme';

/**
 * A page for signed-in users, in the app's shell. The session is checked here, on the server,
 * before anything is rendered: a visitor without one goes to the sign-in page.
 */
export async function SignedInPage(props: {
  title?: string;
  assistant?: ReactNode;
  children: ReactNode;
}) {
  const session = await getSession();
  if (session.kind === 'unavailable') return <BackendUnavailable appName={appName()} />;
  if (session.kind === 'signed-out') redirect('/sign-in');
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return <AppShell appName={appName()} email={session.user.email} theme={theme} {...props} />;
}

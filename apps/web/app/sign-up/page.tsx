import { AuthPage } from '@/components/auth-page';

export const dynamic = 'force-dynamic';

export default function SignUpPage() {
  return <AuthPage mode="sign-up" />;
}

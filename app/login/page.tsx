import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/app/_auth/auth-card';
import { localPath } from '@/app/_auth/local-path';
import { currentActor } from '@/app/_auth/require-page-auth';
import { countUsers } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { LoginForm } from './login-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Switchboard' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = localPath((await searchParams).next);
  if (countUsers(db()) === 0) redirect('/setup');
  if (await currentActor()) redirect(next);
  return (
    <AuthCard title="Sign in" lead="Use the account your Switchboard admin gave you.">
      <LoginForm next={next} />
    </AuthCard>
  );
}

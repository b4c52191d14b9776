import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/app/_auth/auth-card';
import { countUsers } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { SetupForm } from './setup-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up · Switchboard' };

/** First run only: once anyone has an account this page sends visitors to sign in. */
export default function SetupPage() {
  if (countUsers(db()) > 0) redirect('/login');
  return (
    <AuthCard
      title="Welcome to Switchboard"
      lead="Create the first administrator. You can invite editors and viewers once you are in."
    >
      <SetupForm />
    </AuthCard>
  );
}

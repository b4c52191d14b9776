import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { authenticate, type GuardOptions } from '@/lib/auth/authenticate';
import type { Role } from '@/lib/auth/roles';
import { authSettings } from '@/lib/auth/settings';
import { countUsers } from '@/lib/auth/users';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

/**
 * The page variant of the one guard (same `authenticate` as route handlers). Sends the visitor to first-run
 * setup, to sign in (returning to `from` afterwards), or to choose a new password; a role that does not
 * reach is answered 404, so pages for admins do not even admit they exist.
 */
export async function requirePageAuth(need: Role, from: string, options: GuardOptions = {}): Promise<Actor> {
  const outcome = authenticate(db(), { method: 'GET', headers: await headers() }, need, authSettings(config()), options);
  if (outcome.ok) return outcome.actor;
  switch (outcome.reason) {
    case 'anonymous':
      if (countUsers(db()) === 0) redirect('/setup');
      redirect(`/login?next=${encodeURIComponent(from)}`);
    case 'password_change_required':
      redirect('/account?password=required');
    case 'forbidden':
    case 'bad_origin':
    case 'session_only':
      notFound();
    default:
      return outcome.reason satisfies never;
  }
}

/** Who is signed in, if anyone: for pages anyone may open (sign-in, setup). */
export async function currentActor(): Promise<Actor | null> {
  const outcome = authenticate(db(), { method: 'GET', headers: await headers() }, 'viewer', authSettings(config()), { allowPendingPasswordChange: true });
  return outcome.ok ? outcome.actor : null;
}

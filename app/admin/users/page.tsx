import type { Metadata } from 'next';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import styles from '@/app/_shell/page.module.css';
import { listUsers } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { UsersTable } from './users-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users · Switchboard' };

/** Admins: invite people, set their roles, disable accounts, hand out a fresh temporary password. */
export default async function UsersPage() {
  const actor = await requirePageAuth('admin', '/admin/users');
  return (
    <>
      <AppHeader actor={actor} current="users" />
      <main className={styles.main}>
        <UsersTable initial={listUsers(db())} selfId={actor.user.id} />
      </main>
    </>
  );
}

import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import { can } from '@/lib/auth/roles';
import { db } from '@/lib/db';
import { listFlows } from '@/lib/flows/read';
import { FlowsPage } from './_flows/flows-page';
import styles from './_flows/flows.module.css';

export const dynamic = 'force-dynamic';

/** The flows list. Rendered on the server for the first paint; changes go through the REST API. */
export default async function Home({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await requirePageAuth('viewer', '/');
  const { q } = await searchParams;
  return (
    <>
      <AppHeader actor={actor} current="flows" />
      <main className={styles.main}>
        <FlowsPage
          flows={listFlows(db())}
          initialQuery={typeof q === 'string' ? q : ''}
          renderedAt={Date.now()}
          canEdit={can(actor.user.role, 'flows.edit')}
        />
      </main>
    </>
  );
}

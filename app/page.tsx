import { db } from '@/lib/db';
import { listFlows } from '@/lib/flows/read';
import { AppHeader } from './_flows/app-header';
import { FlowsPage } from './_flows/flows-page';
import styles from './_flows/flows.module.css';

export const dynamic = 'force-dynamic';

/** The flows list. Rendered on the server for the first paint; changes go through the REST API. */
export default async function Home({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  return (
    <>
      <AppHeader />
      <main className={styles.main}>
        <FlowsPage flows={listFlows(db())} initialQuery={typeof q === 'string' ? q : ''} renderedAt={Date.now()} />
      </main>
    </>
  );
}

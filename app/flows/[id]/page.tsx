import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { can } from '@/lib/auth/roles';
import { db } from '@/lib/db';
import { getFlow } from '@/lib/flows/read';
import { Editor } from './_editor/editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The title and the page both need the flow: one read per request.
const loadFlow = cache((id: string) => getFlow(db(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  await requirePageAuth('viewer', `/flows/${id}`);
  const flow = loadFlow(id);
  return { title: flow ? `${flow.name} · Switchboard` : 'Flow not found · Switchboard' };
}

/** The editor for one flow: loaded on the server, then handed to the client editor (read-only for viewers). */
export default async function FlowPage({ params, searchParams }: Props) {
  const { id } = await params;
  // `?publish=<number>` (from the Numbers page) opens publishing with that number checked.
  const publishTo = (await searchParams).publish;
  const actor = await requirePageAuth('viewer', `/flows/${id}`);
  const flow = loadFlow(id);
  if (!flow) notFound();
  const { name, revision, document, layout } = flow;
  return (
    <Editor
      flow={{ id, name, revision, document, layout }}
      readOnly={!can(actor.user.role, 'flows.edit')}
      publishTo={typeof publishTo === 'string' && /^\d{7,15}$/.test(publishTo) ? publishTo : null}
    />
  );
}

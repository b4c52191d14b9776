import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/lib/db';
import { getFlow } from '@/lib/flows/read';
import { Editor } from './_editor/editor';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// The title and the page both need the flow: one read per request.
const loadFlow = cache((id: string) => getFlow(db(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const flow = loadFlow((await params).id);
  return { title: flow ? `${flow.name} · Switchboard` : 'Flow not found · Switchboard' };
}

/** The editor for one flow: loaded on the server, then handed to the client editor. */
export default async function FlowPage({ params }: Props) {
  const flow = loadFlow((await params).id);
  if (!flow) notFound();
  const { id, name, revision, document, layout } = flow;
  return <Editor flow={{ id, name, revision, document, layout }} />;
}

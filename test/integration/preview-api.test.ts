import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handlePreview } from '@/lib/api/preview-handlers';
import type { FlowDocument } from '@/lib/flow/document';
import { getFlow } from '@/lib/flows/read';
import { createFlow, type NewFlow } from '@/lib/flows/write';
import { getTemplate } from '@/lib/flow/templates';
import type { Ncco } from '@/lib/ncco';
import { createTestDb } from '../helpers/db';
import { request } from '../helpers/request';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { publish } from '../helpers/seed';

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const previewOf = (id: string, body: unknown) => handlePreview(db, request('POST', `/api/flows/${id}/preview`, body), { id });

/** A stored flow, made through lib so this file tests only the preview handler. */
function created(input: { name: string; templateId: string } | { name: string; document: FlowDocument }): { id: string; document: FlowDocument } {
  const flow: NewFlow = 'templateId' in input ? { source: 'template', ...input } : { source: 'import', layout: {}, ...input };
  const result = createFlow(db, flow);
  if (!result.ok) throw new Error(`could not create ${input.name}`);
  return result.flow;
}

async function nccoFrom(response: Response): Promise<Ncco> {
  expect(response.status).toBe(200);
  const { preview } = await response.json();
  expect(preview).toMatchObject({ ok: true, valid: true, issues: [] });
  return preview.ncco;
}

const texts = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : []));
const MENU_PROMPT = 'For sales, press 1. For support, press 2. To speak to an operator, press 0.';

describe('POST /api/flows/:id/preview', () => {
  it('previews the stored draft from a node, with placeholder continuation URLs', async () => {
    const { id } = created({ name: 'Reception', templateId: 'ivr-menu' });
    const ncco = await nccoFrom(await previewOf(id, { nodeId: 'main-menu' }));
    expect(ncco).toEqual([
      expect.objectContaining({ action: 'talk', text: MENU_PROMPT }),
      expect.objectContaining({ action: 'input', eventUrl: [expect.stringMatching(/^https?:\/\/[^/]+\/api\/voice\/continue\/input:main-menu:0$/)] }),
    ]);
  });

  it('previews a posted document instead (unsaved edits) and leaves the stored draft alone', async () => {
    const { id, document } = created({ name: 'Reception', templateId: 'ivr-menu' });
    const edited = structuredClone(document);
    const menu = edited.nodes.find((n) => n.id === 'main-menu');
    if (!menu) throw new Error('the template has no main-menu');
    menu.data.prompt = 'Press 1 for the shop.';
    expect(texts(await nccoFrom(await previewOf(id, { nodeId: 'main-menu', document: edited })))).toEqual(['Press 1 for the shop.']);

    expect(getFlow(db, id)?.document.nodes.find((n) => n.id === 'main-menu')?.data.prompt).toBe(MENU_PROMPT);
  });

  it.each([
    { at: '2026-03-10T10:15:00Z', first: 'connect' },
    { at: '2026-03-10T20:15:00+00:00', first: 'talk' },
  ])('decides business hours at the posted time $at', async ({ at, first }) => {
    const { id } = created({ name: 'Office', templateId: 'business-hours' });
    expect((await nccoFrom(await previewOf(id, { nodeId: 'start', at })))[0].action).toBe(first);
  });

  it('uses the default sample numbers and the posted variables in templates', async () => {
    const document = flow(nodes(node('start'), node('say', { text: '{{call.from}} to {{call.to}}: {{tier}}' })), edges('start>say'));
    const { id } = created({ name: 'Echo', document });
    expect(texts(await nccoFrom(await previewOf(id, { nodeId: 'start', vars: { tier: 'gold' } })))).toEqual(['447700900999 to 447700900000: gold']);
  });

  it('goes to the latest published version of another flow, and explains when there is none', async () => {
    const target = created({ name: 'Sales', templateId: 'ivr-menu' });
    const document = flow(nodes(node('start'), node('goto', { flowId: target.id })), edges('start>goto'));
    const { id } = created({ name: 'Front door', document });

    const unpublished = await (await previewOf(id, { nodeId: 'goto' })).json();
    expect(unpublished.preview).toMatchObject({ ok: false, reason: 'runtime_error', code: 'unknown_flow' });

    publish(db, target.id);
    expect(texts(await nccoFrom(await previewOf(id, { nodeId: 'goto' })))[0]).toBe('Thank you for calling Example Company.');
  });

  it('answers 200 with the problems when the draft cannot run', async () => {
    const document = flow(nodes(node('start'), node('say', { text: '' })), edges('start>say'));
    const { id } = created({ name: 'Unfinished', document });
    const body = await (await previewOf(id, { nodeId: 'start' })).json();
    expect(body.preview).toEqual({ ok: false, reason: 'invalid_flow', problems: [{ nodeId: 'say', message: expect.any(String) }] });
  });

  it('refuses a bad body with 400 and the path of each problem', async () => {
    const { id } = created({ name: 'Reception', templateId: 'ivr-menu' });
    const response = await previewOf(id, { nodeId: '', at: 'tomorrow', vars: { '2fast': 'x', ok: 3 }, document: { schemaVersion: 2 } });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_request');
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['nodeId', 'at', 'vars.2fast', 'vars.ok', 'document.schemaVersion']));
  });

  it.each([
    { name: 'more than 50 variables', body: { nodeId: 'start', vars: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`v${i}`, ''])) }, path: 'vars' },
    { name: 'no node', body: {}, path: 'nodeId' },
    { name: 'an empty caller', body: { nodeId: 'start', from: '  ' }, path: 'from' },
  ])('refuses $name', async ({ body, path }) => {
    const { id } = created({ name: 'Reception', templateId: 'ivr-menu' });
    const response = await previewOf(id, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses a body that is not JSON', async () => {
    const { id } = created({ name: 'Reception', templateId: 'ivr-menu' });
    const response = await previewOf(id, '{nodeId');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });

  it('answers 404 for a flow that does not exist', async () => {
    const response = await previewOf('flow_missing', { nodeId: 'start', document: getTemplate('ivr-menu')?.build().document });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});

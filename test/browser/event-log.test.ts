import type { Page, Request as PwRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Ncco } from '@/lib/ncco';
import { signVonageRequest } from '@/lib/vonage/signature';
import { launchBrowser, screenshot } from '../helpers/browser';
import { authedFetch, FAKE_VONAGE, signIn } from '../helpers/session';

/*
 * The event log in the editor, against the production server: signed webhooks posted as Vonage would post
 * them appear in the open panel without a reload; picking the call lights exactly the nodes and edges it
 * went through, and the scrubber steps through them. Two tabs share one stream.
 */

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));
const NUMBER = '447700900777';
const CALL = `call-${Date.now()}`;
const CONVERSATION = `CON-${CALL}`;
const PATH_NODES = ['start', 'welcome', 'main-menu', 'support-intro', 'connect-support', 'voicemail-prompt', 'voicemail', 'thanks', 'message-hang-up'];
const PATH_EDGES = ['start--next', 'welcome--next', 'main-menu--support', 'support-intro--next', 'connect-support--failed', 'voicemail-prompt--next', 'voicemail--next', 'thanks--next'];

/** Posts (or GETs) a webhook signed with the server's signature secret, as Vonage does. */
async function webhook(url: string, body?: unknown): Promise<Response> {
  const method = body === undefined ? 'GET' : 'POST';
  const text = body === undefined ? undefined : JSON.stringify(body);
  const authorization = signVonageRequest({ method, url, body: text }, FAKE_VONAGE.VONAGE_SIGNATURE_SECRET);
  const response = await fetch(url, { method, headers: { authorization, ...(text && { 'content-type': 'application/json' }) }, body: text });
  expect(response.status).toBe(200);
  return response;
}
const voiceEvent = (status: string, extra: Record<string, unknown> = {}) =>
  webhook(`${baseUrl}/api/voice/event`, { from: '447700900002', to: NUMBER, uuid: CALL, conversation_uuid: CONVERSATION, status, direction: 'inbound', timestamp: new Date().toISOString(), ...extra });
const urlOf = (ncco: Ncco, action: 'input' | 'connect' | 'notify') => (ncco.find((a) => a.action === action) as { eventUrl: string[] }).eventUrl[0];

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let flowId: string;
const streamRequests = new Map<Page, string[]>();

beforeAll(async () => {
  const created = await (await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'Events line', templateId: 'ivr-menu' }) })).json();
  flowId = created.flow.id;
  const version = await (await api(`/api/flows/${flowId}/versions`, { method: 'POST', body: JSON.stringify({ note: '' }) })).json();
  const bound = await api('/api/numbers', { method: 'POST', body: JSON.stringify({ number: NUMBER, flowId, versionId: version.version.id }) });
  expect(bound.status).toBe(201);
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
  browser.context.on('request', (request: PwRequest) => {
    if (!request.url().includes('/api/events/stream')) return;
    const owner = request.frame().page();
    streamRequests.set(owner, [...(streamRequests.get(owner) ?? []), request.url()]);
  });
  page = browser.page;
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

const row = (p: Page, type: string) => p.locator(`[data-testid="event-list"] [data-testid="event-row"][data-type="${type}"]`);
const pathOf = async (p: Page, kind: 'node' | 'edge', states: string[]) =>
  (await p.locator(`.react-flow__${kind}`).evaluateAll((els, wanted) => els.filter((el) => wanted.includes(el.getAttribute('data-path') ?? '')).map((el) => el.getAttribute('data-id')), states)).sort();

async function openLog(p: Page): Promise<void> {
  await p.goto(`${baseUrl}/flows/${flowId}`);
  await p.locator('[data-testid="flow-node"]').first().waitFor();
  await p.getByTestId('event-log-toggle').click();
  await p.getByTestId('stream-status').filter({ hasText: 'Live' }).waitFor();
}

describe('the event log panel', () => {
  it('shows events posted to the webhooks as they arrive, without a reload', async () => {
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/events/stream')) streams.push(request.url());
    });
    await openLog(page);
    // The server sends the editor its flow's events only, not every call on every line.
    expect(streams.map((url) => new URL(url).searchParams.get('flowId'))).toEqual([flowId]);
    // More room for the log and the canvas: fold the problems away.
    await page.getByTestId('problems-panel').getByRole('button', { expanded: true }).click();
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await voiceEvent('started');
    await row(page, 'voice:started').waitFor();

    const query = new URLSearchParams({ to: NUMBER, from: '447700900002', uuid: CALL, conversation_uuid: CONVERSATION });
    const menu: Ncco = await (await webhook(`${baseUrl}/api/voice/answer?${query}`)).json();
    await voiceEvent('answered');
    const support: Ncco = await (await webhook(urlOf(menu, 'input'), { uuid: CALL, conversation_uuid: CONVERSATION, dtmf: { digits: '2', timed_out: false }, speech: { results: [] } })).json();
    await webhook(urlOf(support, 'connect'), { uuid: 'leg-agent', conversation_uuid: CONVERSATION, status: 'ringing' });
    // Support is busy: the Connect's `failed` output leads to voicemail.
    const voicemail: Ncco = await (await webhook(urlOf(support, 'connect'), { uuid: 'leg-agent', conversation_uuid: CONVERSATION, status: 'busy' })).json();
    expect(voicemail.some((action) => action.action === 'record')).toBe(true);
    await webhook(`${baseUrl}/api/voice/event`, {
      start_time: '2026-11-23T18:00:05Z', end_time: '2026-11-23T18:00:29Z', size: 45120, timestamp: new Date().toISOString(),
      recording_url: 'https://api.nexmo.com/v1/files/aaaaaaaa-bbbb-cccc-dddd-0123456789ab', recording_uuid: `rec-${CALL}`, conversation_uuid: CONVERSATION,
    });
    await voiceEvent('completed', { duration: '48' });

    await row(page, 'voice:completed').waitFor();
    for (const type of ['answer', 'voice:answered', 'input', 'connect:busy', 'recording', 'runtime:decision']) await row(page, type).first().waitFor();
    // Newest first.
    await expect(page.locator('[data-testid="event-list"] [data-testid="event-row"]').first().getAttribute('data-type')).resolves.toBe('voice:completed');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
  });

  it('filters by type, and expands a row to its raw JSON', async () => {
    await page.getByTestId('type-filter').selectOption('runtime');
    await expect(row(page, 'voice:started').count()).resolves.toBe(0);
    expect(await row(page, 'runtime:enter').count()).toBeGreaterThan(3);
    await page.getByTestId('type-filter').selectOption('');
    await row(page, 'input').getByRole('button', { expanded: false }).first().click();
    await expect(row(page, 'input').getByTestId('event-payload').textContent()).resolves.toContain('"digits": "2"');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await row(page, 'input').getByTestId('copy-payload').click();
    await row(page, 'input').getByTestId('copy-payload').filter({ hasText: 'Copied' }).waitFor();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ uuid: CALL, dtmf: { digits: '2' } });
    await screenshot(page, 'event-log-panel');
  });

  it('pauses: new events wait, counted, until resumed', async () => {
    await page.getByTestId('pause-events').click();
    await page.getByTestId('stream-status').filter({ hasText: 'Paused' }).waitFor();
    await webhook(`${baseUrl}/api/voice/rtc-event`, { type: 'member:left', conversation_id: CONVERSATION, id: 41, timestamp: new Date().toISOString(), body: { channel: { id: CALL } } });
    await page.getByTestId('pause-events').filter({ hasText: 'Resume (1 new)' }).waitFor();
    await expect(row(page, 'rtc:member:left').count()).resolves.toBe(0);
    await page.getByTestId('pause-events').click();
    await row(page, 'rtc:member:left').waitFor();
  });

  it('picking the call lights exactly the nodes and edges it visited, and the scrubber steps through them', async () => {
    await page.locator(`[data-testid="event-row"][data-call="${CALL}"]`).first().getByTestId('pick-call').click();
    await page.getByTestId('call-timeline').waitFor();
    await page.getByTestId('step-label').filter({ hasText: 'Step 9 of 9' }).waitFor();
    await expect(page.getByTestId('call-outcome').textContent()).resolves.toBe('Voicemail left');
    expect(await pathOf(page, 'node', ['visited', 'current'])).toEqual([...PATH_NODES].sort());
    expect(await pathOf(page, 'edge', ['taken'])).toEqual([...PATH_EDGES].sort());

    expect(await pathOf(page, 'node', ['current'])).toEqual(['message-hang-up']);
    expect(new URL(page.url()).searchParams.get('call')).toBe(CALL);
    // The canvas frames the whole route when the call opens.
    await page.waitForFunction((ids) => {
      const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      return ids.every((id) => {
        const box = document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getBoundingClientRect();
        return box && box.left >= canvas.left && box.right <= canvas.right && box.top >= canvas.top && box.bottom <= canvas.bottom;
      });
    }, PATH_NODES);
    await screenshot(page, 'call-path-highlight');

    await page.getByTestId('step-prev').click();
    await page.getByTestId('step-label').filter({ hasText: 'Step 8 of 9' }).waitFor();
    expect(await pathOf(page, 'node', ['current'])).toEqual(['thanks']);
    expect(await pathOf(page, 'node', ['visited', 'current'])).toEqual(PATH_NODES.slice(0, 8).sort());
    expect(await pathOf(page, 'edge', ['taken'])).toEqual(PATH_EDGES.slice(0, 7).sort());
    // Stepping brings the step's node to the middle of the canvas, close enough to read.
    await page.waitForFunction(() => {
      const box = document.querySelector('.react-flow__node[data-id="thanks"]')?.getBoundingClientRect();
      const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      return box !== undefined && Math.abs(box.left + box.width / 2 - (canvas.left + canvas.width / 2)) < 2;
    });
    await screenshot(page, 'call-path-scrubber');

    await page.getByTestId('step-slider').fill('0');
    await page.getByTestId('step-label').filter({ hasText: 'Step 1 of 9' }).waitFor();
    expect(await pathOf(page, 'node', ['visited', 'current'])).toEqual(['start']);
    expect(await pathOf(page, 'edge', ['taken'])).toEqual([]);
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-label').filter({ hasText: 'Step 2 of 9' }).waitFor();
    expect(await pathOf(page, 'node', ['current'])).toEqual(['welcome']);
    expect(await pathOf(page, 'edge', ['taken'])).toEqual(['start--next']);

    // Leaving the call lights nothing: only a picked call is ever highlighted.
    await page.getByTestId('close-timeline').click();
    await page.getByTestId('event-list').waitFor();
    expect(await pathOf(page, 'node', ['visited', 'current', 'unvisited'])).toEqual([]);
  });

  it('shares one stream between the tabs of the browser, and hands it over when the leading tab closes', async () => {
    const second = await browser.context.newPage();
    await openLog(second);
    expect(streamRequests.get(page)?.length).toBe(1);
    expect(streamRequests.get(second) ?? []).toEqual([]);
    await voiceEvent('human');
    await row(second, 'voice:human').waitFor();
    await row(page, 'voice:human').waitFor();

    await page.close();
    // The second tab takes the lock and opens the stream from the last event it saw.
    await second.getByTestId('stream-status').filter({ hasText: 'Live' }).waitFor();
    await expect.poll(() => streamRequests.get(second)?.length ?? 0).toBe(1);
    expect(streamRequests.get(second)![0]).toMatch(/lastEventId=\d+/);
    await voiceEvent('machine');
    await row(second, 'voice:machine').waitFor();
    page = second;
  });
});

/** Another call on the line, driven to one of the other outcomes. */
async function otherCall(uuid: string, outcome: 'abandoned' | 'transferred' | 'in progress'): Promise<void> {
  const conversation = `CON-${uuid}`;
  const query = new URLSearchParams({ to: NUMBER, from: '15551230000', uuid, conversation_uuid: conversation });
  const menu: Ncco = await (await webhook(`${baseUrl}/api/voice/answer?${query}`)).json();
  const event = (status: string, extra: Record<string, unknown> = {}) =>
    webhook(`${baseUrl}/api/voice/event`, { from: '15551230000', to: NUMBER, uuid, conversation_uuid: conversation, status, direction: 'inbound', timestamp: new Date().toISOString(), ...extra });
  await event('answered');
  if (outcome === 'in progress') return;
  if (outcome === 'transferred') {
    const sales: Ncco = await (await webhook(urlOf(menu, 'input'), { uuid, dtmf: { digits: '1', timed_out: false }, speech: { results: [] } })).json();
    await webhook(urlOf(sales, 'connect'), { uuid: `${uuid}-agent`, conversation_uuid: conversation, status: 'answered' });
  }
  await event('completed', { duration: outcome === 'transferred' ? '305' : '9' });
}

describe('the calls page', () => {
  it('lists every call with its flow, version, duration and outcome', async () => {
    await otherCall(`${CALL}-a`, 'abandoned');
    await otherCall(`${CALL}-t`, 'transferred');
    await otherCall(`${CALL}-p`, 'in progress');
    await page.goto(`${baseUrl}/calls?flowId=${flowId}`);
    const outcomes = await page.getByTestId('call-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-call'), r.querySelector('[data-outcome]')?.textContent]));
    expect(outcomes).toEqual([
      [`${CALL}-p`, 'In progress'],
      [`${CALL}-t`, 'Transferred'],
      [`${CALL}-a`, 'Abandoned in menu'],
      [CALL, 'Voicemail left'],
    ]);
    await screenshot(page, 'calls-page');
  });

  it('finds the call by part of its number and opens it in the editor with its path lit', async () => {
    await page.goto(`${baseUrl}/calls?number=${NUMBER.slice(-6)}`);
    const callRow = page.locator(`[data-testid="call-row"][data-call="${CALL}"]`);
    await callRow.waitFor();
    await expect(callRow.textContent()).resolves.toMatch(/Events line\s*v1/);
    await expect(callRow.textContent()).resolves.toContain('0:48');
    await expect(callRow.textContent()).resolves.toContain('Voicemail left');
    await expect(page.getByTestId('retention-note').textContent()).resolves.toContain('30 days');

    await callRow.getByRole('link', { name: 'Events line' }).click();
    await page.getByTestId('call-timeline').waitFor();
    await page.getByTestId('step-label').filter({ hasText: 'Step 9 of 9' }).waitFor();
    expect(await pathOf(page, 'node', ['visited', 'current'])).toEqual([...PATH_NODES].sort());
  });
});

describe('the voicemail inbox', () => {
  it('lists the message the Record node took, with caller, flow and duration', async () => {
    await page.goto(`${baseUrl}/voicemail`);
    const message = page.getByTestId('voicemail').filter({ hasText: 'Events line' }).first();
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/447700900002[\s\S]*Events line[\s\S]*0:24/);
    await expect(message.locator('audio').getAttribute('src')).resolves.toMatch(/^\/api\/recordings\/rec_\w+\/audio$/);
    await screenshot(page, 'voicemail-inbox');
  });
});

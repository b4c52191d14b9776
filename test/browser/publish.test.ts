import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SimulatedCallBodySchema } from '@/lib/simulator/view';
import { launchBrowser, screenshot } from '../helpers/browser';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { authedFetch, createAccount, signIn } from '../helpers/session';

/*
 * Issue 7's journey: a flow live on a number is edited, published with the diff shown on the canvas, and
 * the number switches to the new version for new calls while a call already in progress keeps the old
 * one; then the history panel rolls the number back.
 */

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));
const NUMBER = '447700900321';
const FREE_NUMBER = '447700900322';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let flowId = '';

const document = () =>
  flow(
    nodes(
      node('start'),
      node('say', { text: 'Hello from the shop.' }, 'hi'),
      node('menu', { prompt: 'Press 1 to hear the hours.', choices: [{ id: 'one', key: '1', phrases: [], label: 'Hours' }] }, 'menu'),
      node('say', { text: 'We open at nine.' }, 'hours'),
      node('hangup', {}, 'bye'),
      node('note', { text: 'Check the winter hours' }, 'memo'),
    ),
    edges('start>hi', 'hi>menu', 'menu.one>hours', 'hours>bye'),
  );
const layout = { start: { x: 0, y: 0 }, hi: { x: 300, y: 0 }, menu: { x: 600, y: 0 }, hours: { x: 900, y: 0 }, bye: { x: 1200, y: 0 }, memo: { x: 600, y: 220 } };

async function json(response: Response, status: number) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text);
}

/** A simulated call to the number, as Vonage would route it: it runs the number's live version. */
async function callNumber() {
  const body = await json(await api('/api/simulator/calls', { method: 'POST', body: JSON.stringify({ to: NUMBER, from: '447700900888' }) }), 201);
  return SimulatedCallBodySchema.parse(body).call;
}

async function press(callId: string, digits: string) {
  const body = await json(await api(`/api/simulator/calls/${callId}/actions`, { method: 'POST', body: JSON.stringify({ type: 'keys', digits }) }), 200);
  return SimulatedCallBodySchema.parse(body).call;
}

const heard = (call: { transcript: { type: string; text?: string }[] }) => call.transcript.flatMap((e) => (e.type === 'talk' ? [e.text] : []));
const canvasNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="flow-node"]`);

beforeAll(async () => {
  const created = await json(await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'Shop line', document: document(), layout }) }), 201);
  flowId = created.flow.id;
  await json(await api('/api/numbers', { method: 'POST', body: JSON.stringify({ number: NUMBER, label: 'Shop' }) }), 201);
  await json(await api('/api/numbers', { method: 'POST', body: JSON.stringify({ number: FREE_NUMBER, label: 'Spare' }) }), 201);
  const published = await json(await api(`/api/flows/${flowId}/publish`, { method: 'POST', body: JSON.stringify({ numbers: [NUMBER], acknowledgeWarnings: true, note: 'Opening hours' }) }), 201);
  // The shared server's Vonage emulator does not own this number: it is a local (simulator) number.
  expect(published.numbers).toEqual([{ number: NUMBER, live: true, vonage: { status: 'local' } }]);

  browser = await launchBrowser();
  const editor = await createAccount(baseUrl, inject('adminToken'), 'editor', `publisher-${Date.now()}@switchboard.test`);
  await signIn(browser.context, baseUrl, editor.email, editor.password);
  page = browser.page;
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

describe('publish a live flow, then roll back', () => {
  let before = '';

  it('shows the diff on the canvas and in the panel, and publishes to the number', async () => {
    // A call already in progress on version 1, waiting at the menu.
    const early = await callNumber();
    expect(early.versionNumber).toBe(1);
    expect(heard(early)).toEqual(['Hello from the shop.', 'Press 1 to hear the hours.']);
    before = early.id;

    await page.goto(`${baseUrl}/flows/${flowId}`);
    await canvasNode('hours').click();
    await page.getByTestId('field-text').fill('We open at ten.');
    await canvasNode('memo').click();
    await page.keyboard.press('Delete');
    await canvasNode('memo').waitFor({ state: 'detached' });
    await page.getByTestId('publish').click();
    const panel = page.getByRole('dialog', { name: 'Publish a version' });
    const diffList = panel.getByTestId('diff-list');
    await diffList.waitFor();

    // The changed node is amber on the canvas; nothing else is marked.
    await expect(canvasNode('hours').getAttribute('data-diff')).resolves.toBe('changed');
    const shadow = await canvasNode('hours').evaluate((el) => getComputedStyle(el).boxShadow);
    expect(shadow).toContain('rgb(251, 191, 36)');
    await expect(canvasNode('hi').getAttribute('data-diff')).resolves.toBeNull();
    // The removed note stays where it was, as a red ghost.
    const ghost = page.locator('.react-flow__node[data-id="ghost:memo"] [data-testid="ghost-node"]');
    await expect(ghost.getAttribute('data-diff')).resolves.toBe('removed');
    await expect(ghost.evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe('rgb(220, 38, 38)');
    await expect(panel.getByTestId('diff-list').locator('[data-change="removed"][data-node-id="memo"]').count()).resolves.toBe(1);
    await expect(panel.getByTestId('field-change').textContent()).resolves.toBe('Text: “We open at nine.” → “We open at ten.”');
    // The change is after the menu, so what a caller hears at the start is the same.
    await expect(panel.getByTestId('ncco-diff').locator('[data-change="same"]').count()).resolves.toBeGreaterThan(0);
    await expect(panel.getByTestId('ncco-diff').locator('[data-change]:not([data-change="same"])').count()).resolves.toBe(0);
    await expect(panel.getByTestId(`target-${NUMBER}`).isChecked()).resolves.toBe(true);
    await expect(panel.getByTestId(`target-${FREE_NUMBER}`).isChecked()).resolves.toBe(false);
    // The menu's unconnected outputs are warnings: publishing waits for a yes.
    await expect(panel.getByTestId('publish-confirm').isDisabled()).resolves.toBe(true);
    await panel.getByTestId('acknowledge-warnings').check();
    await panel.getByLabel('Note (optional)').fill('Open later');
    await screenshot(page, 'publish-diff');

    await panel.getByTestId('publish-confirm').click();
    await expect(page.getByTestId('published-version').textContent()).resolves.toBe('Version 2 published');
    const outcome = panel.getByTestId('number-outcome');
    await expect(outcome.getAttribute('data-live')).resolves.toBe('true');
    // Published: the canvas no longer shows a diff.
    await expect(canvasNode('hours').getAttribute('data-diff')).resolves.toBeNull();
    await screenshot(page, 'publish-done');
  });

  it('routes the next call to the new version while the call in progress keeps the old one', async () => {
    const next = await callNumber();
    expect(next.versionNumber).toBe(2);
    expect(heard(await press(next.id, '1'))).toContain('We open at ten.');
    const early = await press(before, '1');
    expect(early.versionNumber).toBe(1);
    expect(heard(early)).toContain('We open at nine.');
    expect(heard(early)).not.toContain('We open at ten.');
  });

  it('rolls the number back from the history panel', async () => {
    const panel = page.getByTestId('release-panel');
    await panel.getByRole('tab', { name: 'History' }).click();
    const v2 = panel.getByTestId('version').filter({ hasText: 'Version 2' });
    await v2.getByText(`Live on ${NUMBER}`).waitFor();
    await expect(v2.textContent()).resolves.toContain('Open later');
    // The version already live everywhere offers no Make live: it would change nothing.
    expect(await v2.getByRole('button', { name: 'Make version 2 live' }).count()).toBe(0);
    const v1 = panel.getByTestId('version').filter({ hasText: 'Version 1' });
    await v1.getByRole('button', { name: 'Make version 1 live' }).click();
    await v1.getByTestId('confirm-history-action').click();
    await panel.getByTestId('history-done').getByText('Version 1 made live again.').waitFor();
    await v1.getByText(`Live on ${NUMBER}`).waitFor();
    await v2.getByRole('button', { name: 'Make version 2 live' }).waitFor();
    await screenshot(page, 'publish-history');

    const number = await json(await api(`/api/numbers/${NUMBER}`), 200);
    expect(number.number.versionNumber).toBe(1);
    const after = await press((await callNumber()).id, '1');
    expect(after.versionNumber).toBe(1);
    expect(heard(after)).toContain('We open at nine.');
  });

  it('restores a version as the draft in one undoable step', async () => {
    const panel = page.getByTestId('release-panel');
    const v1 = panel.getByTestId('version').filter({ hasText: 'Version 1' });
    await v1.getByRole('button', { name: 'Restore version 1 as draft' }).click();
    await v1.getByTestId('confirm-history-action').click();
    await panel.getByTestId('history-done').getByText('The draft is now version 1.').waitFor();
    await canvasNode('memo').waitFor();
    await expect(canvasNode('hours').textContent()).resolves.toContain('We open at nine.');
    await page.getByTestId('undo').click();
    await canvasNode('memo').waitFor({ state: 'detached' });
    await expect(canvasNode('hours').textContent()).resolves.toContain('We open at ten.');
  });

  it('views a version on its own canvas with what it changed', async () => {
    const panel = page.getByTestId('release-panel');
    await panel.getByRole('button', { name: 'View version 2' }).click();
    const viewer = page.getByTestId('version-viewer');
    await viewer.getByTestId('diff-list').waitFor();
    await expect(viewer.locator('.react-flow__node[data-id="hours"] [data-testid="flow-node"]').getAttribute('data-diff')).resolves.toBe('changed');
    await screenshot(page, 'publish-version-viewer');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('opens publishing from a Numbers page link with that number checked', async () => {
    await page.goto(`${baseUrl}/flows/${flowId}?publish=${FREE_NUMBER}`);
    const panel = page.getByRole('dialog', { name: 'Publish a version' });
    await panel.getByTestId('diff-list').waitFor();
    await expect(panel.getByTestId(`target-${FREE_NUMBER}`).isChecked()).resolves.toBe(true);
    await expect(panel.getByTestId(`target-${NUMBER}`).isChecked()).resolves.toBe(true);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { authedFetch, signIn } from '../helpers/session';

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));

let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
});

afterAll(async () => {
  // A script the Content-Security-Policy blocked would leave a page that never hydrates.
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

async function createFlow(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await api('/api/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { flow: { id: string } }).flow;
}

const nodeBox = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function select(page: Page, id: string) {
  await nodeBox(page, id).click();
  await page.locator(`[data-testid="node-form"][data-node-id="${id}"]`).waitFor();
}

/** The preview's JSON once it says `text` (previews refresh after edits, so wait for the content, not a moment). */
const jsonWith = (page: Page, text: string) => page.getByTestId('preview-json').filter({ hasText: text }).waitFor();

describe('NCCO preview', () => {
  it('previews the selected node, follows edits before they are saved, and stays open for the next node', async () => {
    const created = await createFlow({ name: 'Preview', templateId: 'ivr-menu' });
    const { page } = browser;
    await page.goto(`${baseUrl}/flows/${created.id}`);
    await page.locator('[data-testid="flow-node"]').first().waitFor();
    await select(page, 'main-menu');

    const toggle = page.getByRole('button', { name: 'NCCO preview' });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle.click();
    await jsonWith(page, 'For sales, press 1.');
    await expect(page.getByTestId('preview-validity').textContent()).resolves.toBe('Valid NCCO');
    await expect(page.getByTestId('preview-json').textContent()).resolves.toContain('/api/voice/continue/input:main-menu:0');
    await expect(page.getByTestId('preview-trace').textContent()).resolves.toContain("Waits for the caller's input");
    await page.getByTestId('preview-json').scrollIntoViewIfNeeded();
    await screenshot(page, 'ncco-preview-menu');

    // The request carries the editor's document, so the preview shows the edit whether or not it is saved yet.
    const sent = page.waitForRequest((r) => r.url().endsWith('/preview') && JSON.stringify(r.postDataJSON()).includes('Press 5 for the moon.'));
    await page.getByTestId('field-prompt').fill('Press 5 for the moon.');
    expect((await sent).postDataJSON()).toMatchObject({ nodeId: 'main-menu', document: { schemaVersion: 1 } });
    await jsonWith(page, 'Press 5 for the moon.');
    await expect(page.getByTestId('preview-json').textContent()).resolves.not.toContain('For sales, press 1.');

    await select(page, 'welcome');
    await expect(page.getByRole('button', { name: 'NCCO preview' }).getAttribute('aria-expanded')).resolves.toBe('true');
    await jsonWith(page, 'Thank you for calling Example Company.');
    await expect(page.getByTestId('preview-json').textContent()).resolves.toContain('Press 5 for the moon.');
  });

  it('previews a sample call: the call time decides Business hours, variables fill templates', async () => {
    const document = flow(
      nodes(node('start'), node('hours'), node('say', { text: 'Hello {{name}}, we are open' }, 'open'), node('say', { text: 'Hello {{name}}, we are closed' }, 'closed')),
      edges('start>hours', 'hours.open>open', 'hours.closed>closed'),
    );
    const layout = { start: { x: 0, y: 100 }, hours: { x: 320, y: 100 }, open: { x: 640, y: 0 }, closed: { x: 640, y: 200 } };
    const created = await createFlow({ name: 'Hours preview', document, layout });
    const { page } = browser;
    await page.goto(`${baseUrl}/flows/${created.id}`);
    await page.locator('[data-testid="flow-node"]').first().waitFor();
    await select(page, 'hours');
    const toggle = page.getByRole('button', { name: 'NCCO preview' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();

    // Wednesday early afternoon is inside Mon–Fri 09:00–17:00 London in any nearby browser time zone.
    await page.getByTestId('preview-vars').fill('name=Ann');
    await page.getByTestId('preview-at').fill('2026-03-11T13:00');
    await page.getByTestId('preview-run').click();
    await jsonWith(page, 'Hello Ann, we are open');
    await expect(page.getByTestId('preview-trace').textContent()).resolves.toContain('Entered Business hours → open');

    await page.getByTestId('preview-at').fill('2026-03-11T22:00');
    await jsonWith(page, 'Hello Ann, we are closed');
    await expect(page.getByTestId('preview-trace').textContent()).resolves.toContain('Entered Business hours → closed');

    // A mistake in the variables is shown in place; the last preview stays until it is fixed.
    await page.getByTestId('preview-vars').fill('2bad=x');
    await page.locator('.field-error').filter({ hasText: '"2bad" is not a variable name' }).waitFor();
    await page.getByTestId('preview-vars').fill('name=Bo');
    await jsonWith(page, 'Hello Bo, we are closed');
    await page.getByTestId('ncco-preview').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'ncco-preview-hours');

    // A half-filled node the call can reach: no NCCO, the problem instead.
    await select(page, 'open');
    await page.getByTestId('field-text').fill('');
    await page.getByTestId('preview-problems').filter({ hasText: 'Say open has settings that are not valid' }).waitFor();
    await page.getByTestId('ncco-preview').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'ncco-preview-problems');
  });
});

import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { authedFetch, signIn } from '../helpers/session';

/*
 * Issue 2's "done when", walked in one go the way a new user would: create a flow from the IVR template in the
 * New flow dialog, add and wire a Say, see the linter complain and stop complaining, reload, undo, then export
 * the flow and import the file back as an equal flow.
 */

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
});

afterAll(async () => {
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

const nodeBox = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const saved = (page: Page) => page.getByTestId('save-status').filter({ hasText: /^Saved$/ }).waitFor();
const flowIdOf = (page: Page) => page.url().split('/').pop()!.split('?')[0];
const stored = async (id: string) => (await (await api(`/api/flows/${id}`)).json()).flow;

async function drag(page: Page, from: { x: number; y: number; width: number; height: number }, to: typeof from) {
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

describe('a new user', () => {
  it('builds on the IVR template, reloads, undoes, and round-trips the flow through a file', async () => {
    const { page } = browser;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByLabel('Name').fill('Front desk');
    await dialog.getByText('IVR menu', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/fl_[a-z0-9]+$/);
    const flowId = flowIdOf(page);
    await nodeBox(page, 'main-menu').waitFor();

    // A Say dragged from the palette into the free space under the menu starts empty: the linter says so.
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const goodbye = await nodeBox(page, 'goodbye').boundingBox();
    if (!goodbye) throw new Error('goodbye not on screen');
    await page.getByTestId('palette-say').dragTo(page.locator('.react-flow__pane'), {
      targetPosition: { x: goodbye.x - canvas.x + 40, y: Math.min(goodbye.y - canvas.y + goodbye.height + 90, canvas.height - 120) },
    });
    await page.getByTestId('node-form').waitFor();
    const sayId = (await page.getByTestId('node-form').getAttribute('data-node-id'))!;
    expect(sayId).toMatch(/^say_/);
    await nodeBox(page, sayId).waitFor();
    const problem = page.locator(`[data-testid="problem"][data-node-id="${sayId}"][data-rule="invalid-field"]`);
    await problem.waitFor();

    const handle = await nodeBox(page, 'goodbye').locator('.react-flow__handle[data-handleid="next"]').boundingBox();
    const target = await nodeBox(page, sayId).locator('.react-flow__handle.target').boundingBox();
    if (!handle || !target) throw new Error('handles not on screen');
    await drag(page, handle, target);

    const text = page.getByTestId('field-text');
    await text.click();
    await text.pressSequentially('Press star to hear the menu again.');
    await problem.waitFor({ state: 'detached' });
    await text.blur();
    await saved(page);
    await screenshot(page, 'journey-editor');

    await page.reload();
    await nodeBox(page, sayId).waitFor();
    await expect(nodeBox(page, sayId).textContent()).resolves.toContain('Press star to hear the menu again.');
    const afterReload = await stored(flowId);
    expect(afterReload.document.edges).toContainEqual(expect.objectContaining({ source: 'goodbye', sourceHandle: 'next', target: sayId }));

    // One more edit, then undo it: the stored text goes back to what it was.
    await nodeBox(page, sayId).click();
    await page.locator(`[data-testid="node-form"][data-node-id="${sayId}"]`).waitFor();
    await text.click();
    await text.press('End');
    await text.pressSequentially(' Goodbye.');
    await text.blur();
    await saved(page);
    expect((await stored(flowId)).document.nodes.find((n: { id: string }) => n.id === sayId).data.text).toBe(
      'Press star to hear the menu again. Goodbye.',
    );
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(nodeBox(page, sayId).textContent()).resolves.not.toContain('Goodbye.');
    await saved(page);
    const original = await stored(flowId);
    expect(original.document.nodes.find((n: { id: string }) => n.id === sayId).data.text).toBe('Press star to hear the menu again.');

    // Export, import the file on the Flows page, and compare what was stored.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const file = fs.readFileSync((await download.path())!, 'utf8');
    await page.goto(baseUrl);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import' }).click();
    await (await chooser).setFiles({ name: 'front-desk.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.waitForURL((url) => /\/flows\/fl_[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith(flowId));
    const imported = await stored(flowIdOf(page));
    expect(imported.id).not.toBe(flowId);
    expect({ name: imported.name, document: imported.document, layout: imported.layout }).toEqual({
      name: original.name,
      document: original.document,
      layout: original.layout,
    });
  });
});

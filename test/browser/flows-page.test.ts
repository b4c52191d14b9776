import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { authedFetch, signIn } from '../helpers/session';

const baseUrl = inject('baseUrl');
const api = authedFetch(baseUrl, inject('adminToken'));

type Listed = { id: string; name: string };

async function listFlows(): Promise<Listed[]> {
  return (await (await api('/api/flows')).json()).flows;
}

async function createViaApi(name: string): Promise<void> {
  const response = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name }) });
  expect(response.status).toBe(201);
}

/** Names in the table, top to bottom. */
async function tableNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr td:first-child a').allTextContents();
}

/** Waits until the table shows exactly these names (the list updates after a server refresh). */
async function expectTable(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(Array.from(document.querySelectorAll('tbody tr td:first-child a'), (a) => a.textContent)) ===
      JSON.stringify(expected),
    names,
  );
  expect(await tableNames(page)).toEqual(names);
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  // Browser test files share one server but run one at a time, so clearing here disturbs no other file.
  // Numbers go first: a flow a number answers with (the example on the demo line) cannot be deleted.
  for (const { number } of (await (await api('/api/numbers')).json()).numbers) await api(`/api/numbers/${number}`, { method: 'DELETE' });
  for (const flow of await listFlows()) await api(`/api/flows/${flow.id}`, { method: 'DELETE' });
  browser = await launchBrowser();
  await signIn(browser.context, baseUrl);
  page = browser.page;
});

afterAll(async () => {
  // A script the Content-Security-Policy blocked would leave a page that never hydrates.
  expect(browser?.cspViolations).toEqual([]);
  await browser?.close();
});

describe('flows page', () => {
  it('invites creating the first flow when there are none', async () => {
    await page.goto(baseUrl);
    await page.getByRole('banner').getByText('Switchboard').waitFor();
    await page.getByRole('heading', { name: 'Create your first flow' }).waitFor();
    await screenshot(page, 'flows-page-empty');
  });

  it('creates a flow from a template and lists it', async () => {
    const { templates } = await (await api('/api/templates')).json();
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByRole('radio', { name: new RegExp(templates[0].name) }).waitFor({ state: 'attached' });
    await screenshot(page, 'flows-new-dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New flow');

    await page.getByRole('button', { name: 'New flow' }).click();
    await dialog.getByLabel('Name').fill('Support line');
    await dialog.getByText(templates[0].name, { exact: true }).click();
    expect(await dialog.getByRole('radio', { name: new RegExp(templates[0].name) }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/\/flows\/fl_[a-z0-9]+$/);

    await page.goto(baseUrl);
    await expectTable(page, ['Support line']);
    const row = page.getByRole('row', { name: /Support line/ });
    expect(Number(await row.locator('td').nth(2).textContent())).toBeGreaterThan(1);
    expect(await row.locator('time').textContent()).toBe('just now');
    expect(await row.getByText('Draft').isVisible()).toBe(true);
  });

  it('renames a flow inline; Escape cancels', async () => {
    await page.getByRole('button', { name: 'Rename Support line' }).click();
    const input = page.getByLabel('New name for Support line');
    await input.fill('Discarded');
    await input.press('Escape');
    await expectTable(page, ['Support line']);

    await page.getByRole('button', { name: 'Rename Support line' }).click();
    await input.fill('  Support desk ');
    await screenshot(page, 'flows-rename');
    await input.press('Enter');
    await expectTable(page, ['Support desk']);
    await page.reload();
    await expectTable(page, ['Support desk']);
  });

  it('duplicates a flow as "<name> copy"', async () => {
    await page.getByRole('button', { name: 'Duplicate Support desk' }).click();
    await expectTable(page, ['Support desk copy', 'Support desk']);
    const [copy, original] = await Promise.all(
      (await listFlows()).map(async (f) => (await (await api(`/api/flows/${f.id}`)).json()).flow),
    );
    expect(copy.document).toEqual(original.document);
    expect(copy.layout).toEqual(original.layout);
  });

  it('filters by name as you type and keeps the query in the URL', async () => {
    await createViaApi('Sales hotline');
    await page.reload();
    await expectTable(page, ['Sales hotline', 'Support desk copy', 'Support desk']);

    const search = page.getByRole('searchbox', { name: 'Search flows by name' });
    await search.fill('SALES');
    await expectTable(page, ['Sales hotline']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('SALES');

    await page.reload();
    expect(await search.inputValue()).toBe('SALES');
    await expectTable(page, ['Sales hotline']);

    await search.fill('nothing like this');
    await page.getByText('No flow names contain “nothing like this”.').waitFor();
    await search.fill('');
    await expectTable(page, ['Sales hotline', 'Support desk copy', 'Support desk']);
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'flows-page');
  });

  it('deletes a flow only after confirmation naming it', async () => {
    await page.getByRole('button', { name: 'Delete Sales hotline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Sales hotline”?' });
    await dialog.waitFor();
    await screenshot(page, 'flows-delete-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await listFlows()).map((f) => f.name)).toContain('Sales hotline');

    await page.getByRole('button', { name: 'Delete Sales hotline' }).click();
    await dialog.getByRole('button', { name: 'Delete flow' }).click();
    await expectTable(page, ['Support desk copy', 'Support desk']);
    expect((await listFlows()).map((f) => f.name)).not.toContain('Sales hotline');
  });

  it('shows why a bad file cannot be imported, and creates nothing', async () => {
    const before = await listFlows();
    const bad = {
      format: 'switchboard.flow',
      version: 1,
      name: 'Broken',
      document: { schemaVersion: 1, settings: {}, nodes: [{ id: 'start', kind: 'start', data: {} }, { id: 'x', kind: 'foo', data: {} }], edges: [] },
      layout: {},
    };
    for (const [file, message] of [
      ['broken.json', 'document.nodes.1.kind: Unknown node kind "foo"'],
      ['notes.json', 'The file is not valid JSON.'],
    ] as const) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import' }).click();
      const body = file === 'broken.json' ? JSON.stringify(bad) : '{ not json';
      await (await chooser).setFiles({ name: file, mimeType: 'application/json', buffer: Buffer.from(body) });
      const alert = page.getByRole('alert').filter({ hasText: 'Could not import' });
      await alert.getByText(`Could not import ${file}`).waitFor();
      expect(await alert.textContent()).toContain(message);
      if (file === 'broken.json') await screenshot(page, 'flows-import-error');
    }
    expect(await listFlows()).toEqual(before);
  });

  it('exports a flow and imports the file back', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Support desk', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('support-desk.json');
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    expect(file).toMatchObject({ format: 'switchboard.flow', version: 1, name: 'Support desk' });

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import' }).click();
    await (await chooser).setFiles({ name: 'support-desk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForURL(/\/flows\/fl_[a-z0-9]+$/);
    const imported = page.url().split('/').pop();
    const flow = (await (await api(`/api/flows/${imported}`)).json()).flow;
    expect(flow).toMatchObject({ name: 'Support desk', document: file.document, layout: file.layout });
  });
});
